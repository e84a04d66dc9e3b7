// Fuzzes the monitoring-list parser and matcher (src/inspect/search): any
// file must load what it can and report the rest by file:line, and whatever
// loads must compile and match without a crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

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
    if (e.level < kMinRiskLevel || e.level > kMaxRiskLevel) std::abort();
    if (e.pattern.size() < kMinMonitoringPhraseBytes ||
        e.pattern.size() > kMaxMonitoringPhraseBytes) {
      std::abort();
    }
    if (e.line < 1 || static_cast<size_t>(e.line) > lines || e.category != "fuzz") std::abort();
  }
  auto matcher = TermMatcher::build(lists.entries);
  if (!matcher) std::abort();
  // Each entry's own phrase must match it (the normalisation is idempotent).
  for (const MonitoringEntry& e : lists.entries) {
    bool found = false;
    for (const TermHit& hit : matcher->match(e.pattern)) found |= hit.entry->line == e.line;
    if (!found) std::abort();
  }
  (void)matcher->match(text);
  return 0;
}
