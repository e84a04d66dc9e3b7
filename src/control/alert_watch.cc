#include "control/alert_watch.h"

#include <algorithm>
#include <set>

namespace esafety::control {

Result<std::vector<alerts::Alert>> AlertWatch::recent() {
  alerts::AlertFilter filter;
  const int64_t since = clock_.nowUnixMs() - std::chrono::milliseconds(window_).count();
  filter.since_ms = since;
  filter.limit = 10000;
  auto rows = store_.alerts(school_, filter);
  if (!rows) return rows.status();
  // Forget what has left the window (it cannot change without coming back).
  std::erase_if(seen_, [since](const auto& entry) { return entry.second.last_seen_ms < since; });
  return rows;
}

bool AlertWatch::remember(const alerts::Alert& a) {
  Seen now{a.level, a.state, a.evidence_count, a.last_seen_ms};
  auto [it, fresh] = seen_.try_emplace(a.id, now);
  if (fresh) return true;
  const Seen before = it->second;
  it->second = now;
  return before.level != now.level || before.state != now.state ||
         before.evidence_count != now.evidence_count;
}

Status AlertWatch::prime() {
  auto rows = recent();
  if (!rows) return rows.status();
  for (const auto& a : *rows) remember(a);
  return Status::ok();
}

Result<std::vector<alerts::Alert>> AlertWatch::changes(const std::vector<int64_t>& ids) {
  auto rows = recent();
  if (!rows) return rows.status();
  std::vector<alerts::Alert> out;
  std::set<int64_t> reported;
  for (const auto& a : *rows) {
    if (remember(a)) {
      out.push_back(a);
      reported.insert(a.id);
    }
  }
  for (int64_t id : ids) {
    if (reported.contains(id)) continue;
    auto detail = store_.alert(school_, id);
    if (!detail) return detail.status();
    if (!detail->has_value()) continue;  // gone: nothing to show
    remember((*detail)->alert);
    out.push_back((*detail)->alert);
    reported.insert(id);
  }
  std::sort(out.begin(), out.end(), [](const alerts::Alert& a, const alerts::Alert& b) {
    return a.last_seen_ms != b.last_seen_ms ? a.last_seen_ms < b.last_seen_ms : a.id < b.id;
  });
  return out;
}

}  // namespace esafety::control
