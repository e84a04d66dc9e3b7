// SqliteStore: the filter self-test's runs, results and alerts
// (store/selftest_store.h, migration 0013).
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {
namespace {

constexpr int kMaxRuns = 1000;
constexpr size_t kMaxDetail = 500;

SelftestOutcome outcomeFromName(std::string_view name) {
  if (name == "blocked") return SelftestOutcome::kBlocked;
  if (name == "allowed") return SelftestOutcome::kAllowed;
  return SelftestOutcome::kError;
}

Status checkRun(const SelftestRun& run) {
  if (run.trigger != "daily" && run.trigger != "console" && run.trigger != "cli") {
    return invalidArgument(fmt::format("self-test trigger '{}' is not daily, console or cli", run.trigger));
  }
  for (const SelftestCheck& c : run.results) {
    if (c.group.empty() || c.category.empty() || c.target.empty()) {
      return invalidArgument("a self-test check needs a group, a category and a target");
    }
    if (c.path != "proxy" && c.path != "dns") {
      return invalidArgument(fmt::format("self-test path '{}' is not proxy or dns", c.path));
    }
  }
  return Status::ok();
}

}  // namespace

std::string_view selftestOutcomeName(SelftestOutcome outcome) {
  switch (outcome) {
    case SelftestOutcome::kBlocked: return "blocked";
    case SelftestOutcome::kAllowed: return "allowed";
    case SelftestOutcome::kError: return "error";
  }
  return "error";
}

Result<RecordedSelftestRun> SqliteStore::recordSelftestRun(SchoolId school, const SelftestRun& run,
                                                           const std::vector<SelftestAlert>& alerts) {
  ESAFETY_RETURN_IF_ERROR(checkRun(run));
  MutexLock lock(mutex_);
  auto tx = sqlite::Transaction::begin(*db_, sqlite::Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  ESAFETY_RETURN_IF_ERROR(requireSchoolLocked(school));
  auto insert_run = db_->prepare(
      "INSERT INTO selftest_runs (school_id, trigger, actor, started_at, finished_at, checks,"
      " failures) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert_run) return insert_run.status();
  insert_run->bind(1, school).bind(2, run.trigger).bind(3, run.actor).bind(4, run.started_at);
  insert_run->bind(5, run.finished_at).bind(6, run.checks).bind(7, run.failures);
  ESAFETY_RETURN_IF_ERROR(insert_run->run());
  RecordedSelftestRun out;
  out.run_id = db_->lastInsertId();
  for (const SelftestCheck& c : run.results) {
    auto row = db_->prepare(
        "INSERT OR REPLACE INTO selftest_results (run_id, group_name, category, path, target,"
        " expected, outcome, detail, passed, school_id)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!row) return row.status();
    row->bind(1, out.run_id).bind(2, c.group).bind(3, c.category).bind(4, c.path);
    row->bind(5, c.target).bind(6, std::string_view(c.expect_blocked ? "blocked" : "allowed"));
    row->bind(7, selftestOutcomeName(c.outcome));
    row->bind(8, std::string_view(c.detail).substr(0, kMaxDetail)).bind(9, int64_t{c.passed});
    row->bind(10, school);
    ESAFETY_RETURN_IF_ERROR(row->run());
  }
  ESAFETY_RETURN_IF_ERROR(auditLocked(
      school, run.actor, "selftest.run", fmt::format("self-test run {}", out.run_id),
      fmt::format("{}: {} checks, {} failed", run.trigger, run.checks, run.failures), ""));
  for (const SelftestAlert& a : alerts) {
    // Did the previous run that checked this group and category fail it too?
    auto previous = db_->prepare(
        "SELECT MIN(passed) FROM selftest_results WHERE group_name = ?2 AND category = ?3"
        " AND run_id = (SELECT MAX(run_id) FROM selftest_results WHERE school_id = ?1"
        " AND group_name = ?2 AND category = ?3 AND run_id < ?4)");
    if (!previous) return previous.status();
    previous->bind(1, school).bind(2, a.group).bind(3, a.category).bind(4, out.run_id);
    auto passed = previous->rows([](const sqlite::Statement& row) {
      return row.isNullAt(0) ? int64_t{1} : row.int64At(0);
    });
    if (!passed) return passed.status();
    if (!passed->empty() && passed->front() == 0) continue;  // still failing: alerted already
    auto insert = db_->prepare(
        "INSERT INTO alerts (school_id, subject, device_name, group_name, category, level, rule,"
        " why, first_seen_ms, last_seen_ms, evidence_count, created_at)"
        " VALUES (?1, ?2, 'Filter self-test', ?3, ?4, ?5, 'filter self-test', ?6, ?7, ?7, 0, ?8)");
    if (!insert) return insert.status();
    insert->bind(1, school).bind(2, fmt::format("selftest {}", a.group)).bind(3, a.group);
    insert->bind(4, a.category).bind(5, int64_t{a.level}).bind(6, a.why);
    insert->bind(7, run.finished_at * 1000).bind(8, run.finished_at);
    ESAFETY_RETURN_IF_ERROR(insert->run());
    const int64_t id = db_->lastInsertId();
    out.alert_ids.push_back(id);
    ESAFETY_RETURN_IF_ERROR(auditLocked(school, "selftest", "alert.raise",
                                        fmt::format("alert {}", id),
                                        fmt::format("level {} {} for group {} (filter self-test)",
                                                    a.level, a.category, a.group),
                                        ""));
  }
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  return out;
}

Result<std::vector<SelftestRun>> SqliteStore::selftestRuns(SchoolId school, int limit,
                                                           bool with_results) {
  if (limit < 1 || limit > kMaxRuns) {
    return invalidArgument(fmt::format("self-test runs limit must be 1..{}", kMaxRuns));
  }
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT id, trigger, actor, started_at, finished_at, checks, failures FROM selftest_runs"
      " WHERE school_id = ?1 ORDER BY id DESC LIMIT ?2");
  if (!st) return st.status();
  st->bind(1, school).bind(2, int64_t{limit});
  auto runs = st->rows([](const sqlite::Statement& row) {
    return SelftestRun{.id = row.int64At(0),
                       .trigger = row.textAt(1),
                       .actor = row.textAt(2),
                       .started_at = row.int64At(3),
                       .finished_at = row.int64At(4),
                       .checks = row.int64At(5),
                       .failures = row.int64At(6)};
  });
  if (!runs) return runs.status();
  if (!with_results) return runs;
  for (SelftestRun& run : *runs) {
    auto results = db_->prepare(
        "SELECT group_name, category, path, target, expected, outcome, detail, passed"
        " FROM selftest_results WHERE run_id = ?1 ORDER BY rowid");
    if (!results) return results.status();
    results->bind(1, run.id);
    auto rows = results->rows([](const sqlite::Statement& row) {
      return SelftestCheck{.group = row.textAt(0),
                           .category = row.textAt(1),
                           .path = row.textAt(2),
                           .target = row.textAt(3),
                           .expect_blocked = row.textAt(4) == "blocked",
                           .outcome = outcomeFromName(row.textAt(5)),
                           .detail = row.textAt(6),
                           .passed = row.int64At(7) != 0};
    });
    if (!rows) return rows.status();
    run.results = std::move(*rows);
  }
  return runs;
}

}  // namespace esafety::store
