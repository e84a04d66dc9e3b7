// SqliteStore: device restrictions (store/restriction_store.h, migration
// 0014). Each change is audited in its own transaction and bumps the
// school's restriction generation.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {
namespace {

std::string allowListText(const std::vector<policy::AllowEntry>& allow) {
  std::string out;
  for (const auto& e : allow) {
    if (!out.empty()) out += '\n';
    out += policy::allowEntryText(e);
  }
  return out;
}

std::string describe(const policy::DeviceRestriction& rule, std::string_view device) {
  std::string what = rule.kind == policy::RestrictionKind::kPause
                         ? fmt::format("paused {}", device)
                         : fmt::format("{} restricted to {}", device, allowListText(rule.allow));
  for (char& c : what) {
    if (c == '\n') c = ' ';
  }
  return fmt::format("{} until {}", what, rule.until == 0 ? std::string("ended") : fmt::format("{} (Unix time)", rule.until));
}

}  // namespace

Status SqliteStore::bumpRestrictionGenerationLocked(SchoolId school) {
  auto st = db_->prepare(
      "INSERT INTO restriction_generation (school_id, generation) VALUES (?1, 1)"
      " ON CONFLICT (school_id) DO UPDATE SET generation = generation + 1");
  if (!st) return st.status();
  st->bind(1, school);
  return st->run();
}

Result<int64_t> SqliteStore::endRestrictionLocked(SchoolId school, int64_t device, std::string_view actor,
                                                  std::string_view reason, int64_t now) {
  auto st = db_->prepare(
      "UPDATE device_restrictions SET ended_at = ?3, ended_by = ?4, end_reason = ?5"
      " WHERE school_id = ?1 AND device_id = ?2 AND ended_at IS NULL"
      " AND (until = 0 OR until > ?3) RETURNING id");
  if (!st) return st.status();
  st->bind(1, school).bind(2, device).bind(3, now).bind(4, actor).bind(5, reason);
  auto ids = st->rows([](const sqlite::Statement& r) { return r.int64At(0); });
  if (!ids) return ids.status();
  return ids->empty() ? int64_t{0} : ids->front();
}

Result<int64_t> SqliteStore::addRestriction(SchoolId school, const policy::DeviceRestriction& rule,
                                            std::string_view actor, std::string_view reason, int64_t now) {
  if (rule.kind == policy::RestrictionKind::kAllowList && rule.allow.empty()) {
    return invalidArgument("an allow-list needs at least one site, e.g. bbc.co.uk/bitesize");
  }
  if (rule.until != 0 && rule.until <= now) {
    return invalidArgument("the restriction would already be over: its end is not in the future");
  }
  return mutate(school, actor, Reason::required(reason), [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
    auto device_name = deviceNameLocked(school, rule.device_id);
    if (!device_name) return device_name.status();
    if (!*device_name) return notFound(fmt::format("there is no device {}", rule.device_id));
    auto ended = endRestrictionLocked(school, rule.device_id, actor, reason, now);
    if (!ended) return ended.status();
    auto st = db_->prepare(
        "INSERT INTO device_restrictions (school_id, device_id, kind, allow_list, until,"
        " created_by, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!st) return st.status();
    st->bind(1, school).bind(2, rule.device_id).bind(3, policy::restrictionKindName(rule.kind));
    st->bind(4, allowListText(rule.allow)).bind(5, rule.until).bind(6, actor).bind(7, reason).bind(8, now);
    ESAFETY_RETURN_IF_ERROR(st->run());
    const int64_t id = db_->lastInsertId();
    ESAFETY_RETURN_IF_ERROR(bumpRestrictionGenerationLocked(school));
    std::string detail = describe(rule, **device_name);
    if (*ended != 0) detail += fmt::format(" (ends restriction {})", *ended);
    return Made<int64_t>{id,
                         {fmt::format("restriction.{}", policy::restrictionKindName(rule.kind)), **device_name,
                          std::move(detail)}};
  });
}

Status SqliteStore::endRestriction(SchoolId school, int64_t device, std::string_view actor,
                                   std::string_view reason, int64_t now) {
  return mutate(school, actor, Reason::required(reason), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto device_name = deviceNameLocked(school, device);
    if (!device_name) return device_name.status();
    if (!*device_name) return notFound(fmt::format("there is no device {}", device));
    auto ended = endRestrictionLocked(school, device, actor, reason, now);
    if (!ended) return ended.status();
    if (*ended == 0) return notFound(fmt::format("{} has no restriction in force", **device_name));
    ESAFETY_RETURN_IF_ERROR(bumpRestrictionGenerationLocked(school));
    return AuditNote{"restriction.end", **device_name, fmt::format("restriction {} ended", *ended)};
  });
}

Result<std::vector<RestrictionRecord>> SqliteStore::activeRestrictions(SchoolId school, int64_t now) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT r.id, r.device_id, r.kind, r.allow_list, r.until, r.created_by, r.reason,"
      " r.created_at, d.name, d.room FROM device_restrictions r"
      " JOIN devices d ON d.id = r.device_id"
      " WHERE r.school_id = ?1 AND r.ended_at IS NULL AND (r.until = 0 OR r.until > ?2)"
      " ORDER BY d.name, r.id");
  if (!st) return st.status();
  st->bind(1, school).bind(2, now);
  return st->rows([](const sqlite::Statement& r) {
    RestrictionRecord rec;
    rec.id = r.int64At(0);
    rec.rule.device_id = r.int64At(1);
    rec.rule.kind = policy::parseRestrictionKind(r.textAt(2)).value_or(policy::RestrictionKind::kPause);
    if (auto allow = policy::parseAllowList(r.textAt(3))) rec.rule.allow = std::move(*allow);
    rec.rule.until = r.int64At(4);
    rec.by = r.textAt(5);
    rec.reason = r.textAt(6);
    rec.created_at = r.int64At(7);
    rec.device_name = r.textAt(8);
    rec.room = r.textAt(9);
    return rec;
  });
}

Result<int64_t> SqliteStore::restrictionGeneration(SchoolId school) {
  MutexLock lock(mutex_);
  auto st = db_->prepare("SELECT generation FROM restriction_generation WHERE school_id = ?1");
  if (!st) return st.status();
  st->bind(1, school);
  auto rows = st->rows([](const sqlite::Statement& r) { return r.int64At(0); });
  if (!rows) return rows.status();
  return rows->empty() ? int64_t{0} : rows->front();
}

}  // namespace esafety::store
