// The one spelling that monitoring matches on. A search term and every
// monitoring-list phrase go through normalizeForMatching(), so "K1ll   MYSELF!!",
// "kill-myself" and "kiiilll myself" all meet the list entry "kill myself".
//
//   normalizeForMatching("How 2 K1LL myself?");   // "how 2 kill myself"
//
// The rules, in order:
//   - text that is not valid UTF-8 is read as Latin-1;
//   - ASCII letters are lower-cased (other letters are kept as they are);
//   - apostrophes (' and U+2019) are dropped: "don't" -> "dont";
//   - a word is a run of ASCII letters and digits, '$', '@' and non-ASCII
//     characters; anything else separates words, and words are joined by one
//     space;
//   - in a word that holds an ASCII letter, look-alike digits and symbols
//     become letters: 0->o 1->i 3->e 4->a 5->s 7->t $->s @->a ("k1ll",
//     "$ex", "h3r0in"); a word of digits only ("2024", "1488") is kept;
//   - a letter repeated three or more times is kept twice ("killlll" ->
//     "kill", "sooo" -> "soo"), so stretched words meet their list entry
//     while real double letters ("kill", "essex") are untouched;
//     with `stretched_keep` 1 it is kept once ("suiiiicide" -> "suicide"):
//     TermMatcher reads a stretched search both ways.
// Only ASCII look-alikes are mapped; other scripts are matched as written.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace esafety::search {

std::string normalizeForMatching(std::string_view text, size_t stretched_keep = 2);

}  // namespace esafety::search
