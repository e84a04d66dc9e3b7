// Fuzzes the monitoring-list parser and matcher (src/inspect/search): any
// file must load what it can and report the rest by file:line, and whatever
// loads must compile and match without a crash. Without its context lines
// (which may lower or drop a match by design), each entry matches its own
// words: its phrase, and for a proximity entry both its phrases side by side.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "inspect/search/monitoring_list.h"
#include "inspect/search/term_matcher.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esafety::search;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  MonitoringLists lists;
  parseMonitoringList("fuzz.list", "fuzz", text, lists);

  size_t lines = 1;
  for (char c : text) lines += c == '\n';
  for (const MonitoringProblem& p : lists.problems) {
    if (p.file != "fuzz.list" || p.reason.empty()) std::abort();
    if (p.line < 0 || static_cast<size_t>(p.line) > lines) std::abort();
  }
  for (const MonitoringEntry& e : lists.entries) {
    // A context line may lower a match to 0 (drop it); a risk is 1 to 5.
    if (e.level < (e.context ? 0 : kMinRiskLevel) || e.level > kMaxRiskLevel) std::abort();
    if (e.pattern.size() < kMinMonitoringPhraseBytes ||
        e.pattern.size() > kMaxMonitoringPhraseBytes) {
      std::abort();
    }
    if (e.line < 1 || static_cast<size_t>(e.line) > lines || e.category != "fuzz") std::abort();
  }
  auto matcher = TermMatcher::build(lists.entries);
  if (!matcher) std::abort();
  (void)matcher->match(text);

  std::vector<MonitoringEntry> risks;
  for (const MonitoringEntry& e : lists.entries) {
    if (!e.context) risks.push_back(e);
  }
  auto plain = TermMatcher::build(risks);
  if (!plain) std::abort();
  // (The normalisation is idempotent, so an entry's own words read the same.)
  for (const MonitoringEntry& e : risks) {
    const std::string words = e.near_words < 0 ? e.pattern : e.pattern + " " + e.near_pattern;
    bool found = false;
    for (const TermHit& hit : plain->match(words)) found |= hit.entry->line == e.line;
    if (!found) std::abort();
  }
  return 0;
}
