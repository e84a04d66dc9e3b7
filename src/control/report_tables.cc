// reportTables() (school_report.h): the report's figures as the tables the
// HTML page shows and the evidence pack's CSVs hold.
#include <map>

#include <fmt/format.h>

#include "control/school_report.h"
#include "identity/local_times.h"

namespace esafety::control {
namespace {

std::string num(int64_t n) { return std::to_string(n); }

ReportTable blocksByCategory(const SchoolReport& r) {
  std::map<std::string, int64_t> by_category;
  for (const auto& row : r.blocks.rows) by_category[row.category] += row.blocked;
  std::vector<std::pair<std::string, int64_t>> sorted(by_category.begin(), by_category.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  ReportTable t{.name = "blocks-by-category", .title = "Blocks by category",
                .columns = {"category", "blocked"},
                .note = fmt::format("{} requests, {} blocked.", r.blocks.requests, r.blocks.blocked),
                .chart_label = 0, .chart_value = 1};
  for (const auto& [category, n] : sorted) t.rows.push_back({category, num(n)});
  return t;
}

ReportTable blocksByGroup(const SchoolReport& r) {
  ReportTable t{.name = "blocks-by-group-and-category", .title = "Blocks by group and category",
                .columns = {"group", "category", "blocked"}};
  for (const auto& row : r.blocks.rows) t.rows.push_back({row.group, row.category, num(row.blocked)});
  return t;
}

ReportTable alertsByLevel(const SchoolReport& r) {
  std::map<std::pair<int, std::string>, int64_t> counts;
  for (const auto& a : r.alerts) ++counts[{-a.alert.level, a.alert.category}];
  ReportTable t{.name = "alerts-by-level-and-category", .title = "Alerts by level and category",
                .columns = {"level", "category", "alerts"},
                .note = fmt::format("{} alerts raised; level 5 is immediate risk to a child.",
                                    r.alerts.size()),
                .chart_label = 1, .chart_value = 2};
  for (const auto& [key, n] : counts) t.rows.push_back({num(-key.first), key.second, num(n)});
  return t;
}

std::vector<std::string> ackRow(const std::string& label, const AckTimes& a) {
  return {label, num(a.alerts), num(a.acknowledged), num(a.median_s), formatDuration(a.median_s),
          num(a.worst_s), formatDuration(a.worst_s), num(a.waiting)};
}

ReportTable ackTimes(const SchoolReport& r) {
  ReportTable t{.name = "time-to-acknowledge", .title = "Time to acknowledge",
                .columns = {"level", "alerts", "acknowledged", "median_seconds", "median",
                            "worst_seconds", "worst", "not_acknowledged"},
                .note = "From the alert being raised to the first action on it. Alerts not yet "
                        "acknowledged are counted apart, not in the median."};
  t.rows.push_back(ackRow("all", acknowledgeTimes(r.alerts)));
  for (int level = 5; level >= 1; --level) {
    AckTimes a = acknowledgeTimes(r.alerts, level);
    if (a.alerts > 0) t.rows.push_back(ackRow(num(level), a));
  }
  return t;
}

ReportTable escalations(const SchoolReport& r, const Clock& clock) {
  ReportTable t{.name = "escalations", .title = "Escalations",
                .columns = {"alert", "raised", "level", "category", "group", "steps",
                            "highest_rung", "state"},
                .note = "Alerts that went past the first person on the rota (rung 1 is the "
                        "first mail)."};
  for (const auto& a : r.alerts) {
    if (a.escalation_steps == 0) continue;
    t.rows.push_back({num(a.alert.id), identity::formatLocal(clock, a.alert.created_at),
                      num(a.alert.level), a.alert.category, a.alert.subject.group,
                      num(a.escalation_steps), num(a.highest_rung + 1),
                      std::string(alerts::alertStateName(a.alert.state))});
  }
  return t;
}

ReportTable falsePositives(const SchoolReport& r) {
  ReportTable t{.name = "false-positives-by-rule", .title = "False-positive rate per rule",
                .columns = {"rule", "alerts", "false_positives", "rate_percent"},
                .note = "Alerts a DSL marked a false positive, over the alerts the rule raised.",
                .chart_label = 0, .chart_value = 3};
  for (const auto& row : falsePositiveRates(r.alerts)) {
    t.rows.push_back({row.rule, num(row.alerts), num(row.false_positives),
                      fmt::format("{:.1f}", row.rate() * 100.0)});
  }
  return t;
}

ReportTable listChanges(const SchoolReport& r, const Clock& clock) {
  ReportTable t{.name = "local-list-changes", .title = "Local allow and deny changes",
                .columns = {"when", "who", "change", "entry", "detail", "reason"}};
  for (const auto& e : r.list_changes) {
    t.rows.push_back({identity::formatLocal(clock, e.at), e.actor,
                      e.action == "local_entry.add" ? "added" : "removed", e.target, e.detail,
                      e.reason});
  }
  return t;
}

ReportTable selftests(const SchoolReport& r, const Clock& clock) {
  ReportTable t{.name = "selftest", .title = "Filter self-test",
                .columns = {"when", "trigger", "by", "checks", "failures", "failed"}};
  for (const auto& run : r.selftests) {
    std::string failed;
    for (const auto& c : run.results) {
      if (c.passed) continue;
      if (!failed.empty()) failed += "; ";
      failed += fmt::format("{} {} ({}: {})", c.group, c.category, c.path,
                            store::selftestOutcomeName(c.outcome));
    }
    t.rows.push_back({identity::formatLocal(clock, run.started_at), run.trigger, run.actor,
                      num(run.checks), num(run.failures), failed});
  }
  return t;
}

}  // namespace

std::vector<ReportTable> reportTables(const SchoolReport& report, const Clock& clock) {
  return {blocksByCategory(report), blocksByGroup(report),  alertsByLevel(report),
          ackTimes(report),         escalations(report, clock), falsePositives(report),
          listChanges(report, clock), selftests(report, clock)};
}

}  // namespace esafety::control
