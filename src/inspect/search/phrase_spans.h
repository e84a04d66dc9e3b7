// From where each monitoring phrase was found in a search (as word
// positions) to the hits a DSL sees: proximity entries ("A ~N B") pair their
// two phrases, and context lines ('!') lower or drop the matches of their own
// list that lie inside their words (monitoring_list.h has the format).
//
//   std::vector<PhraseFound> found = ...;   // from the Vectorscan scan
//   std::vector<TermHit> hits = resolvePhraseHits(entries, found);
//
// Thread safety: pure function (it reorders `found`).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "inspect/search/monitoring_list.h"
#include "inspect/search/term_matcher.h"

namespace esafety::search {

// Words of the normalised search, counted from 0; `last` is inclusive.
struct WordSpan {
  uint32_t first = 0;
  uint32_t last = 0;
};

// One phrase of one entry found once: part 0 is the phrase, part 1 the
// second phrase of a proximity entry.
struct PhraseFound {
  uint32_t entry = 0;  // index into the entries
  uint8_t part = 0;
  WordSpan span;
};

// At most this many finds of one phrase count, the first ones (a long search
// repeating a word cannot make the scan or the pairing cost grow with its
// length; a phrase's 17th occurrence is not seen).
inline constexpr size_t kMaxFindsPerPhrase = 16;

// The hits, each entry once at the highest level any of its matches keeps
// after context, unsorted. Context entries are never hits.
std::vector<TermHit> resolvePhraseHits(std::span<const MonitoringEntry> entries,
                                       std::vector<PhraseFound>& found);

}  // namespace esafety::search
