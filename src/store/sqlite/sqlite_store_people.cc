// SqliteStore: people (pupils, staff, year-group and visitor logins) and
// their parents and carers. Password hashes are stored, never audited.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

using identity::Person;
using identity::PersonKind;

namespace {

constexpr std::string_view kPersonColumns =
    "id, kind, name, role, login, email, upn, date_of_birth, year_group, class_name,"
    " password_hash, created_at, totp_secret, totp_sealed";

// Which people updateLoginLocked() may change.
constexpr std::string_view kAnyLogin = "kind <> 'pupil'";
constexpr std::string_view kStaffOnly = "kind = 'staff'";

std::string describePerson(const Person& p) {
  if (p.kind == PersonKind::kPupil) {
    return fmt::format("pupil {} (UPN {}), year {}, class '{}'", p.name, p.upn, p.year,
                       p.class_name);
  }
  return fmt::format("{} login '{}' ({}), role {}", identity::personKindName(p.kind), p.login,
                     p.name, identity::roleName(p.role));
}

}  // namespace

Status SqliteStore::insertPersonLocked(SchoolId school, const Person& p) {
  auto st = db_->prepare(
      "INSERT INTO people (school_id, kind, name, role, login, email, upn, date_of_birth,"
      " year_group, class_name, password_hash, created_at, updated_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)");
  if (!st) return st.status();
  st->bind(1, school).bind(2, identity::personKindName(p.kind)).bind(3, p.name);
  st->bind(4, identity::roleName(p.role)).bindTextOrNull(5, p.login).bind(6, p.email);
  st->bindTextOrNull(7, p.upn).bind(8, p.date_of_birth);
  if (p.year == identity::kNoYear) {
    st->bindNull(9);
  } else {
    st->bind(9, int64_t{p.year});
  }
  st->bind(10, p.class_name).bind(11, p.password_hash).bind(12, clock_.nowUnix());
  Status s = st->run();
  if (s.code() == StatusCode::kAlreadyExists) {
    return alreadyExists(p.kind == PersonKind::kPupil
                             ? fmt::format("a pupil with UPN {} is already stored", p.upn)
                             : fmt::format("the login '{}' is already taken", p.login));
  }
  return s;
}

Result<int64_t> SqliteStore::addPerson(SchoolId school, const Person& person,
                                       std::string_view actor) {
  ESAFETY_RETURN_IF_ERROR(validatePerson(person));
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
    ESAFETY_RETURN_IF_ERROR(insertPersonLocked(school, person));
    return Made<int64_t>{db_->lastInsertId(),
                         {"person.add", person.login.empty() ? person.name : person.login,
                          describePerson(person)}};
  });
}

Result<size_t> SqliteStore::importPupils(SchoolId school, const std::vector<Person>& pupils,
                                         std::string_view actor) {
  if (pupils.empty()) return invalidArgument("there are no pupils to import");
  for (const Person& p : pupils) {
    if (p.kind != PersonKind::kPupil) {
      return invalidArgument(fmt::format("{} is not a pupil", p.name));
    }
    ESAFETY_RETURN_IF_ERROR(validatePerson(p));
  }
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<Made<size_t>> {
    for (const Person& p : pupils) ESAFETY_RETURN_IF_ERROR(insertPersonLocked(school, p));
    return Made<size_t>{
        pupils.size(),
        {"people.import", "pupils",
         fmt::format("{} pupils imported from the MIS", pupils.size())}};
  });
}

Result<std::vector<Person>> SqliteStore::readPeopleLocked(SchoolId school, std::string_view where,
                                                          std::string_view value) {
  auto st = db_->prepare(fmt::format(
      "SELECT {} FROM people WHERE school_id = ?1{}{} ORDER BY"
      " CASE kind WHEN 'staff' THEN 0 WHEN 'year-group' THEN 1 WHEN 'visitor' THEN 2 ELSE 3 END,"
      " year_group, class_name, name, id",
      kPersonColumns, where.empty() ? "" : " AND ", where));
  if (!st) return st.status();
  st->bind(1, school);
  if (!value.empty()) st->bind(2, value);
  return st->rows([](const sqlite::Statement& r) -> Result<Person> {
    Person p;
    p.id = r.int64At(0);
    auto kind = identity::parsePersonKind(r.textAt(1));
    auto role = identity::parseRole(r.textAt(3));
    if (!kind || !role) return dataLoss(fmt::format("person {} has an unknown kind or role", p.id));
    p.kind = *kind;
    p.name = r.textAt(2);
    p.role = *role;
    p.login = r.textAt(4);
    p.email = r.textAt(5);
    p.upn = r.textAt(6);
    p.date_of_birth = r.textAt(7);
    p.year = r.isNullAt(8) ? identity::kNoYear : static_cast<int>(r.int64At(8));
    p.class_name = r.textAt(9);
    p.password_hash = r.textAt(10);
    p.created_at = r.int64At(11);
    p.totp_secret = r.textAt(12);
    p.totp_sealed = r.blobAt(13);
    return p;
  });
}

Result<std::vector<Person>> SqliteStore::people(SchoolId school) {
  MutexLock lock(mutex_);
  return readPeopleLocked(school, "", "");
}

namespace {
Result<std::optional<Person>> first(Result<std::vector<Person>> found) {
  if (!found) return found.status();
  if (found->empty()) return std::optional<Person>();
  return std::optional<Person>(std::move(found->front()));
}
}  // namespace

Result<std::optional<Person>> SqliteStore::person(SchoolId school, int64_t id) {
  MutexLock lock(mutex_);
  return first(readPeopleLocked(school, "id = ?2", std::to_string(id)));
}

Result<std::optional<Person>> SqliteStore::personByUpn(SchoolId school, std::string_view upn) {
  if (upn.empty()) return std::optional<Person>();
  MutexLock lock(mutex_);
  return first(readPeopleLocked(school, "upn = ?2", upn));
}

Result<std::optional<Person>> SqliteStore::personByLogin(SchoolId school, std::string_view login) {
  if (login.empty()) return std::optional<Person>();
  MutexLock lock(mutex_);
  return first(readPeopleLocked(school, "login IS NOT NULL AND lower(login) = lower(?2)", login));
}

Result<std::string> SqliteStore::updateLoginLocked(SchoolId school, int64_t person,
                                                   std::string_view column,
                                                   std::string_view value,
                                                   std::string_view kinds) {
  auto st = db_->prepare(
      fmt::format("UPDATE people SET {} = ?3, updated_at = ?4"
                  " WHERE school_id = ?1 AND id = ?2 AND {} RETURNING login",
                  column, kinds));
  if (!st) return st.status();
  st->bind(1, school).bind(2, person).bind(3, value).bind(4, clock_.nowUnix());
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) {
    return notFound(fmt::format("there is no {} with id {}",
                                kinds == kStaffOnly ? "staff login" : "login", person));
  }
  std::string login = st->textAt(0);
  ESAFETY_RETURN_IF_ERROR(st->run());
  return login;
}

Status SqliteStore::setPasswordHash(SchoolId school, int64_t person, std::string_view hash,
                                    std::string_view actor) {
  if (!hash.starts_with("$argon2id$")) return invalidArgument("a password hash must be argon2id");
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto login = updateLoginLocked(school, person, "password_hash", hash, kAnyLogin);
    if (!login) return login.status();
    return AuditNote{"person.password", std::move(*login), "password changed"};
  });
}

Result<std::optional<std::string>> SqliteStore::writeTotpLocked(SchoolId school, int64_t person,
                                                                std::string_view sealed,
                                                                bool only_plain) {
  auto st = db_->prepare(fmt::format(
      "UPDATE people SET totp_sealed = ?3, totp_secret = '', updated_at = ?4"
      " WHERE school_id = ?1 AND id = ?2 AND {}{} RETURNING login",
      kStaffOnly, only_plain ? " AND totp_secret <> ''" : ""));
  if (!st) return st.status();
  st->bind(1, school).bind(2, person).bindBlob(3, sealed).bind(4, clock_.nowUnix());
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<std::string>();
  std::string login = st->textAt(0);
  ESAFETY_RETURN_IF_ERROR(st->run());
  return std::optional<std::string>(std::move(login));
}

Status SqliteStore::setSealedTotpSecret(SchoolId school, int64_t person, std::string_view sealed,
                                        std::string_view actor) {
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto login = writeTotpLocked(school, person, sealed, false);
    if (!login) return login.status();
    if (!*login) return notFound(fmt::format("there is no staff login with id {}", person));
    return AuditNote{sealed.empty() ? "person.totp_reset" : "person.totp_setup", std::move(**login),
                     sealed.empty() ? "two-step sign-in reset: set up again at the next sign-in"
                                    : "two-step sign-in set up"};
  });
}

Result<bool> SqliteStore::sealPlainTotpSecret(SchoolId school, int64_t person,
                                              std::string_view sealed, std::string_view actor) {
  if (sealed.empty()) return invalidArgument("a sealed TOTP secret cannot be empty");
  Status done = mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto login = writeTotpLocked(school, person, sealed, true);
    if (!login) return login.status();
    // Nothing to seal (sealed meanwhile, or reset): no change, no audit row.
    if (!*login) return notFound("no plain TOTP secret");
    return AuditNote{"person.totp_sealed", std::move(**login),
                     "two-step sign-in key sealed with the records key"};
  });
  if (done.code() == StatusCode::kNotFound) return false;
  if (!done.isOk()) return done;
  return true;
}

Status SqliteStore::setStaffRole(SchoolId school, int64_t person, identity::Role role,
                                 std::string_view actor) {
  if (role == identity::Role::kPupil || role == identity::Role::kVisitor) {
    return invalidArgument(fmt::format("role: '{}' is not a staff role", identity::roleName(role)));
  }
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto login = updateLoginLocked(school, person, "role", identity::roleName(role), kStaffOnly);
    if (!login) return login.status();
    return AuditNote{"person.role", std::move(*login),
                     fmt::format("role changed to {}", identity::roleName(role))};
  });
}

Result<bool> SqliteStore::claimTotpStep(SchoolId school, int64_t person, int64_t step) {
  // One conditional UPDATE: two sign-ins racing with one code cannot both win.
  // Outside mutate(): no audit row, so a sign-in does not reload the policy.
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "UPDATE people SET totp_last_step = ?3"
      " WHERE school_id = ?1 AND id = ?2 AND kind = 'staff' AND totp_last_step < ?3");
  if (!st) return st.status();
  st->bind(1, school).bind(2, person).bind(3, step);
  ESAFETY_RETURN_IF_ERROR(st->run());
  return db_->changes() == 1;
}

Result<int64_t> SqliteStore::addContact(SchoolId school, const identity::Contact& contact,
                                        std::string_view actor) {
  ESAFETY_RETURN_IF_ERROR(validateContact(contact));
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
    auto st = db_->prepare(
        "INSERT INTO contacts (school_id, name, relationship, email, phone, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st) return st.status();
    st->bind(1, school).bind(2, contact.name).bind(3, contact.relationship);
    st->bind(4, contact.email).bind(5, contact.phone).bind(6, clock_.nowUnix());
    ESAFETY_RETURN_IF_ERROR(st->run());
    const int64_t id = db_->lastInsertId();
    for (int64_t pupil : contact.pupils) {
      auto check = db_->prepare(
          "SELECT 1 FROM people WHERE school_id = ?1 AND id = ?2 AND kind = 'pupil'");
      if (!check) return check.status();
      check->bind(1, school).bind(2, pupil);
      auto found = check->step();
      if (!found) return found.status();
      if (!*found) return invalidArgument(fmt::format("there is no pupil with id {}", pupil));
      auto link = db_->prepare(
          "INSERT OR IGNORE INTO contact_pupils (school_id, contact_id, pupil_id)"
          " VALUES (?1, ?2, ?3)");
      if (!link) return link.status();
      link->bind(1, school).bind(2, id).bind(3, pupil);
      ESAFETY_RETURN_IF_ERROR(link->run());
    }
    return Made<int64_t>{
        id,
        {"contact.add", contact.name,
         fmt::format("{} of {} pupil(s)", contact.relationship, contact.pupils.size())}};
  });
}

Result<std::vector<identity::Contact>> SqliteStore::contacts(SchoolId school) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT c.id, c.name, c.relationship, c.email, c.phone, l.pupil_id FROM contacts c"
      " LEFT JOIN contact_pupils l ON l.contact_id = c.id"
      " WHERE c.school_id = ?1 ORDER BY c.name, c.id, l.pupil_id");
  if (!st) return st.status();
  st->bind(1, school);
  std::vector<identity::Contact> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return out;
    int64_t id = st->int64At(0);
    if (out.empty() || out.back().id != id) {
      out.push_back({.id = id,
                     .name = st->textAt(1),
                     .relationship = st->textAt(2),
                     .email = st->textAt(3),
                     .phone = st->textAt(4)});
    }
    if (!st->isNullAt(5)) out.back().pupils.push_back(st->int64At(5));
  }
}

}  // namespace esafety::store
