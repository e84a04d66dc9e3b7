#include "inspect/search/match_text.h"

#include "core/text.h"

namespace esafety::search {
namespace {

bool isAsciiLetter(char c) {
  return c >= 'a' && c <= 'z';
}

bool isWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '$' || c == '@' || c >= 0x80;
}

char unLeet(char c) {
  switch (c) {
    case '0':
      return 'o';
    case '1':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '$':
      return 's';
    case '@':
      return 'a';
    default:
      return c;
  }
}

// Appends one word, mapping look-alikes and squeezing stretched letters.
// A run of three or more of one letter keeps `keep` of them (1 or 2).
void appendWord(std::string_view word, size_t keep, std::string& out) {
  bool has_letter = false;
  for (char c : word) has_letter |= isAsciiLetter(c);
  if (!out.empty()) out += ' ';
  size_t start = out.size();
  size_t run = 0;  // how many of the same letter came just before
  for (char c : word) {
    if (has_letter) c = unLeet(c);
    const bool same = out.size() > start && out.back() == c;
    if (!isAsciiLetter(c) || !same) {
      run = 1;
      out += c;
      continue;
    }
    ++run;
    if (run == 2) {
      out += c;
    } else if (run == 3 && keep == 1) {
      out.pop_back();  // "ii" of "iii" becomes "i"
    }
  }
}

}  // namespace

std::string normalizeForMatching(std::string_view text, size_t stretched_keep) {
  const std::string utf8 = toUtf8(text);
  std::string lowered;
  lowered.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    char c = utf8[i];
    if (c == '\'') continue;
    if (utf8.compare(i, 3, "\xE2\x80\x99") == 0) {  // U+2019 right single quotation mark
      i += 2;
      continue;
    }
    lowered += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  std::string out;
  out.reserve(lowered.size());
  size_t i = 0;
  while (i < lowered.size()) {
    while (i < lowered.size() && !isWordByte(static_cast<unsigned char>(lowered[i]))) ++i;
    size_t start = i;
    while (i < lowered.size() && isWordByte(static_cast<unsigned char>(lowered[i]))) ++i;
    if (i > start) appendWord(std::string_view(lowered).substr(start, i - start), stretched_keep, out);
  }
  return out;
}

}  // namespace esafety::search
