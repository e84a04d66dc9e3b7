// SqliteStore: sanctions on people and device check-outs. Both are audited
// in the same transaction, which is also what makes a running `esafety
// serve` reload (it watches the newest audit row) and apply them on the next
// request.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

namespace {

std::string untilText(int64_t until) {
  return until == 0 ? "until lifted" : fmt::format("until {} (Unix time)", until);
}

}  // namespace

Result<int64_t> SqliteStore::addSanction(SchoolId school, const identity::Sanction& sanction) {
  ESAFETY_RETURN_IF_ERROR(validateSanction(sanction));
  return mutate(
      school, sanction.by, Reason::required(sanction.reason),
      [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
        const int64_t at = sanction.at != 0 ? sanction.at : clock_.nowUnix();
        if (sanction.until != 0 && sanction.until <= at) {
          return invalidArgument(
              "the sanction would already be over: its end is not in the future");
        }
        auto who = readPeopleLocked(school, "id = ?2", std::to_string(sanction.person));
        if (!who) return who.status();
        if (who->empty()) {
          return notFound(fmt::format("there is no person with id {}", sanction.person));
        }
        const identity::Person& person = who->front();
        auto st = db_->prepare(
            "INSERT INTO sanctions (school_id, person_id, kind, until, reason, applied_by, "
            "applied_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!st) return st.status();
        st->bind(1, school).bind(2, sanction.person);
        st->bind(3, identity::sanctionKindName(sanction.kind)).bind(4, sanction.until);
        st->bind(5, sanction.reason).bind(6, sanction.by).bind(7, at);
        ESAFETY_RETURN_IF_ERROR(st->run());
        const int64_t id = db_->lastInsertId();
        return Made<int64_t>{
            id,
            {sanction.kind == identity::SanctionKind::kDeactivate ? "sanction.deactivate"
                                                                  : "sanction.restrict",
             person.login.empty() ? person.name : person.login,
             fmt::format("sanction {} on {} {}", id, person.name, untilText(sanction.until))}};
      });
}

Status SqliteStore::liftSanction(SchoolId school, int64_t id, std::string_view actor,
                                 std::string_view reason) {
  return mutate(
      school, actor, Reason::required(reason), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
        auto st = db_->prepare(
            "UPDATE sanctions SET lifted_at = ?3, lifted_by = ?4"
            " WHERE school_id = ?1 AND id = ?2 AND lifted_at IS NULL RETURNING person_id");
        if (!st) return st.status();
        st->bind(1, school).bind(2, id).bind(3, clock_.nowUnix()).bind(4, actor);
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) return notFound(fmt::format("there is no sanction {} in force", id));
        const int64_t person = st->int64At(0);
        ESAFETY_RETURN_IF_ERROR(st->run());
        return AuditNote{"sanction.lift", fmt::format("sanction {}", id),
                         fmt::format("person {}", person)};
      });
}

Result<std::vector<identity::Sanction>> SqliteStore::activeSanctions(SchoolId school, int64_t now) {
  MutexLock lock(mutex_);
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
  return mutate(
      school, checkout.by, Reason::none(), [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
        const int64_t now = clock_.nowUnix();
        const int64_t from = checkout.from != 0 ? checkout.from : now;
        if (checkout.until <= from) {
          return invalidArgument(
              "the check-out would already be over: its end is not in the future");
        }
        auto device_name = deviceNameLocked(school, checkout.device);
        if (!device_name) return device_name.status();
        if (!*device_name) return notFound(fmt::format("there is no device {}", checkout.device));
        auto pupil =
            readPeopleLocked(school, "id = ?2 AND kind = 'pupil'", std::to_string(checkout.person));
        if (!pupil) return pupil.status();
        if (pupil->empty()) {
          return notFound(fmt::format("there is no pupil with id {}", checkout.person));
        }
        ESAFETY_RETURN_IF_ERROR(
            closeEndedCheckoutLocked(school, checkout.device, **device_name, now));
        auto st = db_->prepare(
            "INSERT INTO device_checkouts (school_id, device_id, person_id, from_at, until_at,"
            " checked_out_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!st) return st.status();
        st->bind(1, school).bind(2, checkout.device).bind(3, checkout.person).bind(4, from);
        st->bind(5, checkout.until).bind(6, checkout.by);
        ESAFETY_RETURN_IF_ERROR(st->run());
        return Made<int64_t>{
            db_->lastInsertId(),
            {"device.checkout", **device_name,
             fmt::format("checked out to {} (UPN {}) until {} (Unix time)", pupil->front().name,
                         pupil->front().upn, checkout.until)}};
      });
}

// The device's open check-out, if any: one still running refuses the new
// one (naming the pupil); one that has ended is closed at its end.
Status SqliteStore::closeEndedCheckoutLocked(SchoolId school, int64_t device,
                                             std::string_view device_name, int64_t now) {
  auto open = db_->prepare(
      "SELECT c.id, c.until_at, p.name FROM device_checkouts c JOIN people p ON p.id = c.person_id"
      " WHERE c.school_id = ?1 AND c.device_id = ?2 AND c.checked_in_at IS NULL");
  if (!open) return open.status();
  open->bind(1, school).bind(2, device);
  auto row = open->step();
  if (!row) return row.status();
  if (!*row) return Status::ok();
  const int64_t open_id = open->int64At(0);
  if (open->int64At(1) > now) {
    return failedPrecondition(fmt::format("{} is checked out to {} already; check it in first",
                                          device_name, open->textAt(2)));
  }
  auto close = db_->prepare("UPDATE device_checkouts SET checked_in_at = until_at WHERE id = ?1");
  if (!close) return close.status();
  close->bind(1, open_id);
  return close->run();
}

Status SqliteStore::checkInDevice(SchoolId school, int64_t device, std::string_view actor) {
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto st = db_->prepare(
        "UPDATE device_checkouts SET checked_in_at = min(?3, until_at)"
        " WHERE school_id = ?1 AND device_id = ?2 AND checked_in_at IS NULL RETURNING person_id");
    if (!st) return st.status();
    st->bind(1, school).bind(2, device).bind(3, clock_.nowUnix());
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return notFound(fmt::format("device {} is not checked out", device));
    const int64_t person = st->int64At(0);
    ESAFETY_RETURN_IF_ERROR(st->run());
    auto name = deviceNameLocked(school, device);
    if (!name) return name.status();
    return AuditNote{"device.checkin", name->value_or(fmt::format("device {}", device)),
                     fmt::format("checked in from person {}", person)};
  });
}

Result<std::optional<std::string>> SqliteStore::deviceNameLocked(SchoolId school,
                                                                 int64_t device) {
  auto st = db_->prepare("SELECT name FROM devices WHERE school_id = ?1 AND id = ?2");
  if (!st) return st.status();
  st->bind(1, school).bind(2, device);
  auto found = st->step();
  if (!found) return found.status();
  if (!*found) return std::optional<std::string>();
  return std::optional<std::string>(st->textAt(0));
}

Result<std::vector<identity::Checkout>> SqliteStore::activeCheckouts(SchoolId school, int64_t now) {
  MutexLock lock(mutex_);
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
