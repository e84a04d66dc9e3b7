#include "control/report_figures.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace esafety::control {
namespace {

AckTimes ackTimesOf(std::span<const store::ReportAlert> alerts, int only_level) {
  AckTimes out;
  std::vector<int64_t> waits;
  for (const auto& r : alerts) {
    if (only_level != 0 && r.alert.level != only_level) continue;
    ++out.alerts;
    if (r.first_action_at == 0) {
      ++out.waiting;
      continue;
    }
    waits.push_back(std::max<int64_t>(0, r.first_action_at - r.alert.created_at));
  }
  out.acknowledged = static_cast<int64_t>(waits.size());
  if (waits.empty()) return out;
  std::sort(waits.begin(), waits.end());
  out.median_s = waits[(waits.size() - 1) / 2];
  out.worst_s = waits.back();
  return out;
}

}  // namespace

AckTimes acknowledgeTimes(std::span<const store::ReportAlert> alerts) {
  return ackTimesOf(alerts, 0);
}

AckTimes acknowledgeTimes(std::span<const store::ReportAlert> alerts, int level) {
  return ackTimesOf(alerts, level);
}

std::vector<RuleFalsePositives> falsePositiveRates(std::span<const store::ReportAlert> alerts) {
  std::map<std::string, RuleFalsePositives> by_rule;
  for (const auto& r : alerts) {
    auto& row = by_rule[r.alert.rule];
    row.rule = r.alert.rule;
    ++row.alerts;
    if (r.alert.state == alerts::AlertState::kFalsePositive) ++row.false_positives;
  }
  std::vector<RuleFalsePositives> out;
  for (auto& [rule, row] : by_rule) out.push_back(std::move(row));
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.alerts > b.alerts; });
  return out;
}

std::string formatDuration(int64_t seconds) {
  if (seconds < 60) return fmt::format("{} s", seconds);
  const int64_t minutes = seconds / 60;
  if (minutes < 60) return fmt::format("{} min", minutes);
  const int64_t hours = minutes / 60;
  if (hours < 48) return fmt::format("{} h {:02} min", hours, minutes % 60);
  return fmt::format("{} d {} h", hours / 24, hours % 24);
}

}  // namespace esafety::control
