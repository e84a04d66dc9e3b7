// SqliteStore: sanctions on people and device check-outs. Both are audited
// in the same transaction, which is also what makes a running `esafety
// serve` reload (it watches the newest audit row) and apply them on the next
// request.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"
#include "sqlite/transaction.h"
#include "store/validation.h"

namespace esafety::store {

using sqlite::Transaction;

namespace {

std::string untilText(int64_t until) {
  return until == 0 ? "until lifted" : fmt::format("until {} (Unix time)", until);
}

}  // namespace

Result<int64_t> SqliteStore::addSanction(SchoolId school, const identity::Sanction& sanction) {
  ESAFETY_RETURN_IF_ERROR(validateSanction(sanction));
  std::lock_guard lock(mutex_);
  const int64_t at = sanction.at != 0 ? sanction.at : clock_.nowUnix();
  if (sanction.until != 0 && sanction.until <= at) {
    return invalidArgument("the sanction would already be over: its end is not in the future");
  }
  auto tx = Transaction::begin(*db_, Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  ESAFETY_RETURN_IF_ERROR(requireSchoolLocked(school));
  auto who = readPeopleLocked(school, "id = ?2", std::to_string(sanction.person));
  if (!who) return who.status();
  if (who->empty()) return notFound(fmt::format("there is no person with id {}", sanction.person));
  const identity::Person& person = who->front();
  auto st = db_->prepare(
      "INSERT INTO sanctions (school_id, person_id, kind, until, reason, applied_by, applied_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!st) return st.status();
  st->bind(1, school).bind(2, sanction.person).bind(3, identity::sanctionKindName(sanction.kind));
  st->bind(4, sanction.until).bind(5, sanction.reason).bind(6, sanction.by).bind(7, at);
  ESAFETY_RETURN_IF_ERROR(st->run());
  const int64_t id = db_->lastInsertId();
  ESAFETY_RETURN_IF_ERROR(
      auditLocked(school, sanction.by,
                  sanction.kind == identity::SanctionKind::kDeactivate ? "sanction.deactivate"
                                                                       : "sanction.restrict",
                  person.login.empty() ? person.name : person.login,
                  fmt::format("sanction {} on {} {}", id, person.name, untilText(sanction.until)),
                  sanction.reason));
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  return id;
}

Status SqliteStore::liftSanction(SchoolId school, int64_t id, std::string_view actor,
                                 std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(validateActor(actor));
  ESAFETY_RETURN_IF_ERROR(validateReason(reason));
  std::lock_guard lock(mutex_);
  auto tx = Transaction::begin(*db_, Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  ESAFETY_RETURN_IF_ERROR(requireSchoolLocked(school));
  auto st = db_->prepare(
      "UPDATE sanctions SET lifted_at = ?3, lifted_by = ?4"
      " WHERE school_id = ?1 AND id = ?2 AND lifted_at IS NULL RETURNING person_id");
  if (!st) return st.status();
  st->bind(1, school).bind(2, id).bind(3, clock_.nowUnix()).bind(4, actor);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return notFound(fmt::format("there is no sanction {} in force", id));
  int64_t person = st->int64At(0);
  ESAFETY_RETURN_IF_ERROR(st->run());
  ESAFETY_RETURN_IF_ERROR(auditLocked(school, actor, "sanction.lift",
                                      fmt::format("sanction {}", id),
                                      fmt::format("person {}", person), reason));
  return tx->commit();
}

Result<std::vector<identity::Sanction>> SqliteStore::activeSanctions(SchoolId school, int64_t now) {
  std::lock_guard lock(mutex_);
  auto st = db_->prepare(
      "SELECT id, person_id, kind, until, reason, applied_by, applied_at FROM sanctions"
      " WHERE school_id = ?1 AND lifted_at IS NULL AND (until = 0 OR until > ?2) ORDER BY id");
  if (!st) return st.status();
  st->bind(1, school).bind(2, now);
  return st->rows([](const sqlite::Statement& r) {
    return identity::Sanction{.id = r.int64At(0),
                              .person = r.int64At(1),
                              .kind = r.textAt(2) == "deactivate"
                                          ? identity::SanctionKind::kDeactivate
                                          : identity::SanctionKind::kRestrict,
                              .until = r.int64At(3),
                              .reason = r.textAt(4),
                              .by = r.textAt(5),
                              .at = r.int64At(6)};
  });
}

Result<int64_t> SqliteStore::checkOutDevice(SchoolId school, const identity::Checkout& checkout) {
  ESAFETY_RETURN_IF_ERROR(validateCheckout(checkout));
  std::lock_guard lock(mutex_);
  const int64_t now = clock_.nowUnix();
  const int64_t from = checkout.from != 0 ? checkout.from : now;
  if (checkout.until <= from) {
    return invalidArgument("the check-out would already be over: its end is not in the future");
  }
  auto tx = Transaction::begin(*db_, Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  ESAFETY_RETURN_IF_ERROR(requireSchoolLocked(school));
  auto device = db_->prepare("SELECT name FROM devices WHERE school_id = ?1 AND id = ?2");
  if (!device) return device.status();
  device->bind(1, school).bind(2, checkout.device);
  auto found = device->step();
  if (!found) return found.status();
  if (!*found) return notFound(fmt::format("there is no device {}", checkout.device));
  const std::string device_name = device->textAt(0);
  auto pupil =
      readPeopleLocked(school, "id = ?2 AND kind = 'pupil'", std::to_string(checkout.person));
  if (!pupil) return pupil.status();
  if (pupil->empty()) return notFound(fmt::format("there is no pupil with id {}", checkout.person));
  // The open check-out, if any: still running refuses; over is closed.
  auto open = db_->prepare(
      "SELECT c.id, c.until_at, p.name FROM device_checkouts c JOIN people p ON p.id = c.person_id"
      " WHERE c.school_id = ?1 AND c.device_id = ?2 AND c.checked_in_at IS NULL");
  if (!open) return open.status();
  open->bind(1, school).bind(2, checkout.device);
  auto row = open->step();
  if (!row) return row.status();
  if (*row) {
    const int64_t open_id = open->int64At(0);
    if (open->int64At(1) > now) {
      return failedPrecondition(fmt::format("{} is checked out to {} already; check it in first",
                                            device_name, open->textAt(2)));
    }
    auto close = db_->prepare("UPDATE device_checkouts SET checked_in_at = until_at WHERE id = ?1");
    if (!close) return close.status();
    close->bind(1, open_id);
    ESAFETY_RETURN_IF_ERROR(close->run());
  }
  auto st = db_->prepare(
      "INSERT INTO device_checkouts (school_id, device_id, person_id, from_at, until_at,"
      " checked_out_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!st) return st.status();
  st->bind(1, school).bind(2, checkout.device).bind(3, checkout.person).bind(4, from);
  st->bind(5, checkout.until).bind(6, checkout.by);
  ESAFETY_RETURN_IF_ERROR(st->run());
  const int64_t id = db_->lastInsertId();
  ESAFETY_RETURN_IF_ERROR(
      auditLocked(school, checkout.by, "device.checkout", device_name,
                  fmt::format("checked out to {} (UPN {}) until {} (Unix time)",
                              pupil->front().name, pupil->front().upn, checkout.until),
                  ""));
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  return id;
}

Status SqliteStore::checkInDevice(SchoolId school, int64_t device, std::string_view actor) {
  ESAFETY_RETURN_IF_ERROR(validateActor(actor));
  std::lock_guard lock(mutex_);
  auto tx = Transaction::begin(*db_, Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  ESAFETY_RETURN_IF_ERROR(requireSchoolLocked(school));
  const int64_t now = clock_.nowUnix();
  auto st = db_->prepare(
      "UPDATE device_checkouts SET checked_in_at = min(?3, until_at)"
      " WHERE school_id = ?1 AND device_id = ?2 AND checked_in_at IS NULL RETURNING person_id");
  if (!st) return st.status();
  st->bind(1, school).bind(2, device).bind(3, now);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return notFound(fmt::format("device {} is not checked out", device));
  int64_t person = st->int64At(0);
  ESAFETY_RETURN_IF_ERROR(st->run());
  auto name = db_->prepare("SELECT name FROM devices WHERE school_id = ?1 AND id = ?2");
  if (!name) return name.status();
  name->bind(1, school).bind(2, device);
  auto named = name->step();
  if (!named) return named.status();
  ESAFETY_RETURN_IF_ERROR(auditLocked(school, actor, "device.checkin",
                                      *named ? name->textAt(0) : fmt::format("device {}", device),
                                      fmt::format("checked in from person {}", person), ""));
  return tx->commit();
}

Result<std::vector<identity::Checkout>> SqliteStore::activeCheckouts(SchoolId school, int64_t now) {
  std::lock_guard lock(mutex_);
  auto st = db_->prepare(
      "SELECT id, device_id, person_id, from_at, until_at, checked_out_by FROM device_checkouts"
      " WHERE school_id = ?1 AND checked_in_at IS NULL AND until_at > ?2 ORDER BY device_id");
  if (!st) return st.status();
  st->bind(1, school).bind(2, now);
  return st->rows([](const sqlite::Statement& r) {
    return identity::Checkout{.id = r.int64At(0),
                              .device = r.int64At(1),
                              .person = r.int64At(2),
                              .from = r.int64At(3),
                              .until = r.int64At(4),
                              .by = r.textAt(5)};
  });
}

}  // namespace esafety::store
