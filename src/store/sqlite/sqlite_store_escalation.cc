// SqliteStore: reaching a person about an alert (alerts/escalation_store.h):
// the rota's versions, the alerts waiting for someone, the steps taken.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

using alerts::EscalationStep;

namespace {

constexpr int kMaxWaitingRows = 10000;

// A step's columns, for the table itself and as joined to alerts (as e).
constexpr const char* kStepColumns =
    "id, alert_id, rung, rota, target, addresses, outcome, coalesce(mail_id, 0), at";
constexpr const char* kJoinedStepColumns =
    "e.id, e.alert_id, e.rung, e.rota, e.target, e.addresses, e.outcome, coalesce(e.mail_id, 0), e.at";

std::vector<std::string> splitAddresses(const std::string& joined) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from < joined.size()) {
    size_t comma = joined.find(',', from);
    if (comma == std::string::npos) comma = joined.size();
    if (comma > from) out.push_back(joined.substr(from, comma - from));
    from = comma + 1;
  }
  return out;
}

std::string joinAddresses(const std::vector<std::string>& addresses) {
  std::string out;
  for (const auto& a : addresses) out += (out.empty() ? "" : ",") + a;
  return out;
}

// Reads kStepColumns starting at column `at`.
Result<EscalationStep> readStep(const sqlite::Statement& row, int at) {
  EscalationStep s;
  s.id = row.int64At(at);
  s.alert_id = row.int64At(at + 1);
  s.rung = static_cast<int>(row.int64At(at + 2));
  s.rota = row.textAt(at + 3);
  s.target = row.textAt(at + 4);
  s.addresses = splitAddresses(row.textAt(at + 5));
  auto outcome = alerts::parseOutcome(row.textAt(at + 6));
  if (!outcome) return dataLoss(fmt::format("escalation step {} has an unknown outcome", s.id));
  s.outcome = *outcome;
  s.mail_id = row.int64At(at + 7);
  s.at = row.int64At(at + 8);
  return s;
}

std::string stepAuditDetail(const EscalationStep& s) {
  switch (s.outcome) {
    case EscalationStep::Outcome::kMailed:
      return fmt::format("rung {} ({}, {}): mailed {} address(es), mail {}", s.rung, s.target,
                         s.rota, s.addresses.size(), s.mail_id);
    case EscalationStep::Outcome::kNoAddress:
      return fmt::format("rung {} ({}, {}): nobody with an email address, on to the next rung",
                         s.rung, s.target, s.rota);
    case EscalationStep::Outcome::kNobody:
      return fmt::format("no rung of the {} rota has anyone with an email address: nobody was told",
                         s.rota);
  }
  return "";
}

}  // namespace

Result<std::optional<alerts::RotaVersion>> SqliteStore::alertRota(SchoolId school) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT id, text, set_at, set_by, reason FROM alert_rota WHERE school_id = ?1"
      " ORDER BY id DESC LIMIT 1");
  if (!st) return st.status();
  st->bind(1, school);
  auto rows = st->rows([](const sqlite::Statement& row) {
    return alerts::RotaVersion{row.int64At(0), row.textAt(1), row.int64At(2), row.textAt(3),
                               row.textAt(4)};
  });
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<alerts::RotaVersion>();
  return std::optional<alerts::RotaVersion>(std::move(rows->front()));
}

Result<int64_t> SqliteStore::setAlertRota(SchoolId school, std::string_view text,
                                          std::string_view actor, std::string_view reason) {
  return mutate(school, actor, Reason::required(reason),
                [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
    auto st = db_->prepare(
        "INSERT INTO alert_rota (school_id, text, set_at, set_by, reason)"
        " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st) return st.status();
    st->bind(1, school).bind(2, text).bind(3, clock_.nowUnix()).bind(4, actor).bind(5, reason);
    ESAFETY_RETURN_IF_ERROR(st->run());
    const int64_t version = db_->lastInsertId();
    return Made<int64_t>{version, {"alert_rota.set", fmt::format("alert rota version {}", version),
                                   std::string(text)}};
  });
}

Result<std::vector<alerts::WaitingAlert>> SqliteStore::alertsWaiting(SchoolId school,
                                                                     int min_level, int limit) {
  if (limit < 1 || limit > kMaxWaitingRows) {
    return invalidArgument(fmt::format("limit must be 1..{}", kMaxWaitingRows));
  }
  MutexLock lock(mutex_);
  auto st = db_->prepare(fmt::format(
      "SELECT a.id, a.level, a.created_at, {} FROM alerts a"
      " LEFT JOIN alert_escalations e ON e.id = (SELECT max(id) FROM alert_escalations"
      "   WHERE alert_id = a.id)"
      " WHERE a.school_id = ?1 AND a.state = 'open' AND a.level >= ?2 ORDER BY a.id DESC LIMIT ?3",
      kJoinedStepColumns));
  if (!st) return st.status();
  st->bind(1, school).bind(2, int64_t{min_level}).bind(3, int64_t{limit});
  return st->rows([](const sqlite::Statement& row) -> Result<alerts::WaitingAlert> {
    alerts::WaitingAlert w{row.int64At(0), static_cast<int>(row.int64At(1)), row.int64At(2), {}};
    if (!row.isNullAt(3)) {
      auto step = readStep(row, 3);
      if (!step) return step.status();
      w.last_step = std::move(*step);
    }
    return w;
  });
}

Status SqliteStore::recordEscalationSteps(SchoolId school, const std::vector<EscalationStep>& steps) {
  if (steps.empty()) return Status::ok();
  MutexLock lock(mutex_);
  auto tx = sqlite::Transaction::begin(*db_, sqlite::Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  ESAFETY_RETURN_IF_ERROR(requireSchoolLocked(school));
  auto insert = db_->prepare(
      "INSERT INTO alert_escalations (school_id, alert_id, rung, rota, target, addresses,"
      " outcome, mail_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, nullif(?8, 0), ?9)");
  if (!insert) return insert.status();
  for (const EscalationStep& s : steps) {
    insert->bind(1, school).bind(2, s.alert_id).bind(3, int64_t{s.rung}).bind(4, s.rota);
    insert->bind(5, s.target).bind(6, joinAddresses(s.addresses)).bind(7, alerts::outcomeName(s.outcome));
    insert->bind(8, s.mail_id).bind(9, s.at);
    ESAFETY_RETURN_IF_ERROR(insert->run());
    insert->reset();
    ESAFETY_RETURN_IF_ERROR(auditLocked(school, "esafety", "alert.escalate",
                                        fmt::format("alert {}", s.alert_id), stepAuditDetail(s), ""));
  }
  return tx->commit();
}

Result<std::vector<EscalationStep>> SqliteStore::escalationSteps(SchoolId school, int64_t alert_id) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(fmt::format(
      "SELECT {} FROM alert_escalations WHERE school_id = ?1 AND alert_id = ?2 ORDER BY rung",
      kStepColumns));
  if (!st) return st.status();
  st->bind(1, school).bind(2, alert_id);
  return st->rows([](const sqlite::Statement& row) { return readStep(row, 0); });
}

}  // namespace esafety::store
