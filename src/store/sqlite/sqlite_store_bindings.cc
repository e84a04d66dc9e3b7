// SqliteStore: addresses signed in through the captive portal. Each sign-in
// and sign-out is audited in the same transaction as the change.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

Status SqliteStore::saveClientBinding(SchoolId school, const identity::ClientBinding& binding,
                                      std::string_view actor) {
  if (binding.client_ip.empty()) return invalidArgument("a sign-in needs the client's address");
  if (binding.expires_at <= binding.bound_at) {
    return invalidArgument("a sign-in must end after it starts");
  }
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto who = readPeopleLocked(school, "id = ?2", std::to_string(binding.person));
    if (!who) return who.status();
    if (who->empty()) {
      return notFound(fmt::format("there is no person with id {}", binding.person));
    }
    auto st = db_->prepare(
        "INSERT OR REPLACE INTO client_bindings"
        " (school_id, client_ip, person_id, group_name, bound_at, expires_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st) return st.status();
    st->bind(1, school).bind(2, binding.client_ip).bind(3, binding.person).bind(4, binding.group);
    st->bind(5, binding.bound_at).bind(6, binding.expires_at);
    ESAFETY_RETURN_IF_ERROR(st->run());
    const identity::Person& person = who->front();
    return AuditNote{"portal.sign_in", binding.client_ip,
                     fmt::format("{} ({}) signed in at {} under {} until {} (Unix time)",
                                 person.name, person.login, binding.client_ip, binding.group,
                                 binding.expires_at)};
  });
}

Status SqliteStore::removeClientBinding(SchoolId school, std::string_view client_ip,
                                        std::string_view actor, std::string_view why) {
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto st =
        db_->prepare("DELETE FROM client_bindings WHERE school_id = ?1 AND client_ip = ?2");
    if (!st) return st.status();
    st->bind(1, school).bind(2, client_ip);
    ESAFETY_RETURN_IF_ERROR(st->run());
    if (db_->changes() == 0) return notFound(fmt::format("{} is not signed in", client_ip));
    return AuditNote{"portal.sign_out", std::string(client_ip),
                     fmt::format("{} signed out: {}", client_ip, why)};
  });
}

Result<std::vector<identity::ClientBinding>> SqliteStore::clientBindings(SchoolId school,
                                                                         int64_t now) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT b.client_ip, b.person_id, p.name, p.kind, coalesce(p.login, ''), b.group_name,"
      " b.bound_at, b.expires_at FROM client_bindings b"
      " JOIN people p ON p.school_id = b.school_id AND p.id = b.person_id"
      " WHERE b.school_id = ?1 AND b.expires_at > ?2 ORDER BY b.client_ip");
  if (!st) return st.status();
  st->bind(1, school).bind(2, now);
  return st->rows([](const sqlite::Statement& r) -> Result<identity::ClientBinding> {
    identity::ClientBinding b;
    b.client_ip = r.textAt(0);
    b.person = r.int64At(1);
    b.person_name = r.textAt(2);
    auto kind = identity::parsePersonKind(r.textAt(3));
    if (!kind) return dataLoss(fmt::format("person {} has an unknown kind", b.person));
    b.kind = *kind;
    b.login = r.textAt(4);
    b.group = r.textAt(5);
    b.bound_at = r.int64At(6);
    b.expires_at = r.int64At(7);
    return b;
  });
}

}  // namespace esafety::store
