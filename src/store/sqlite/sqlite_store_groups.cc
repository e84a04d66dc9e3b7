// SqliteStore: filter groups with their category links and time rules.
//
// saveGroup() replaces a group in one transaction: it updates the group row
// in place (so devices that point at it by name stay valid), then rewrites its
// category links and time rules. Each category name is checked as it is
// written, so a bad name late in the group (say in its last time rule) fails
// after earlier rows were written, and the transaction puts them all back.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

#include "store/sqlite/action_text.h"
#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

using sqlite::Transaction;

namespace {

// The checks a category link must pass; the schema's triggers repeat the
// unoverridable one.
Status checkLink(const std::map<std::string, bool>& known, const std::string& group,
                 const std::string& category, bool allows) {
  auto it = known.find(category);
  if (it == known.end()) {
    return invalidArgument(
        fmt::format("group '{}' names category '{}', which does not exist", group, category));
  }
  if (it->second && allows) {
    return permissionDenied(fmt::format(
        "'{}' holds illegal content and can never be allowed, by group '{}' or anyone", category,
        group));
  }
  return Status::ok();
}

std::string describeGroup(const policy::Group& g) {
  return fmt::format("blocks [{}]; allows [{}]; uncategorised {}; {}{} time rules; safe search {}; TLS inspection {}; phrase scanning {} (limit {}); searches blocked at risk level {}",
                     fmt::join(g.blocked_categories, ", "), fmt::join(g.allowed_categories, ", "),
                     actionText(g.uncategorised),
                     g.allow_list_only ? "allow-list only; " : "", g.time_rules.size(),
                     g.safe_search ? "on" : "off", g.inspect_tls ? "on" : "off",
                     g.inspect ? "on" : "off",
                     g.phrase_limit == 0 ? std::string("default") : std::to_string(g.phrase_limit),
                     g.block_search_level == 0 ? std::string("never") : std::to_string(g.block_search_level));
}

}  // namespace

Status SqliteStore::saveGroup(SchoolId school, const policy::Group& group, std::string_view actor,
                              std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(validateGroup(group));
  return mutate(school, actor, Reason::required(reason),
                [&]() REQUIRES(mutex_) -> Result<AuditNote> {
                  auto existed = groupExistsLocked(school, group.name);
                  if (!existed) return existed.status();
                  ESAFETY_RETURN_IF_ERROR(writeGroupLocked(school, group));
                  return AuditNote{*existed ? "group.update" : "group.create", group.name,
                                   describeGroup(group)};
                });
}

Status SqliteStore::writeGroupLocked(SchoolId school, const policy::Group& group) {
  auto known = categoryFlagsLocked(school);
  if (!known) return known.status();

  auto upsert = db_->prepare(
      "INSERT INTO filter_groups (school_id, name, description, uncategorised, allow_list_only,"
      " safe_search, inspect, updated_at, inspect_tls, phrase_limit, block_search_level)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
      " ON CONFLICT (school_id, name) DO UPDATE SET description = excluded.description,"
      " uncategorised = excluded.uncategorised, allow_list_only = excluded.allow_list_only,"
      " safe_search = excluded.safe_search, inspect = excluded.inspect,"
      " inspect_tls = excluded.inspect_tls, phrase_limit = excluded.phrase_limit,"
      " block_search_level = excluded.block_search_level,"
      " updated_at = excluded.updated_at"
      " RETURNING id");
  if (!upsert) return upsert.status();
  upsert->bind(1, school).bind(2, group.name).bind(3, group.description);
  upsert->bind(4, actionText(group.uncategorised));
  upsert->bind(5, int64_t{group.allow_list_only}).bind(6, int64_t{group.safe_search});
  upsert->bind(7, int64_t{group.inspect}).bind(8, clock_.nowUnix());
  upsert->bind(9, int64_t{group.inspect_tls});
  upsert->bind(10, int64_t{group.phrase_limit}).bind(11, int64_t{group.block_search_level});
  auto row = upsert->step();
  if (!row) return row.status();
  if (!*row) return internalError("saving a group returned no id");
  const int64_t group_id = upsert->int64At(0);
  ESAFETY_RETURN_IF_ERROR(upsert->run());

  for (const char* table : {"group_categories", "time_rules"}) {
    auto clear = db_->prepare(fmt::format("DELETE FROM {} WHERE group_id = ?1", table));
    if (!clear) return clear.status();
    clear->bind(1, group_id);
    ESAFETY_RETURN_IF_ERROR(clear->run());
  }

  auto writeLinks = [&](const std::set<std::string>& names, bool allows)
                        REQUIRES(mutex_) -> Status {
    for (const auto& name : names) {
      ESAFETY_RETURN_IF_ERROR(checkLink(*known, group.name, name, allows));
      auto st = db_->prepare(
          "INSERT INTO group_categories (school_id, group_id, category, kind)"
          " VALUES (?1, ?2, ?3, ?4)");
      if (!st) return st.status();
      st->bind(1, school).bind(2, group_id).bind(3, name);
      st->bind(4, std::string_view(allows ? "allowed" : "blocked"));
      ESAFETY_RETURN_IF_ERROR(st->run());
    }
    return Status::ok();
  };
  ESAFETY_RETURN_IF_ERROR(writeLinks(group.blocked_categories, false));
  ESAFETY_RETURN_IF_ERROR(writeLinks(group.allowed_categories, true));

  int64_t position = 0;
  for (const auto& rule : group.time_rules) {
    ESAFETY_RETURN_IF_ERROR(
        checkLink(*known, group.name, rule.category, rule.action == policy::Action::kAllow));
    auto st = db_->prepare(
        "INSERT INTO time_rules (school_id, group_id, position, category, days, start_minute,"
        " end_minute, action, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st) return st.status();
    st->bind(1, school).bind(2, group_id).bind(3, position++).bind(4, rule.category);
    st->bind(5, int64_t{rule.days}).bind(6, int64_t{rule.start_minute});
    st->bind(7, int64_t{rule.end_minute}).bind(8, actionText(rule.action));
    st->bind(9, rule.note);
    ESAFETY_RETURN_IF_ERROR(st->run());
  }
  return Status::ok();
}

Status SqliteStore::deleteGroup(SchoolId school, std::string_view name, std::string_view actor,
                                std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(validateGroupName(name));
  return mutate(
      school, actor, Reason::required(reason), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
        auto users = db_->prepare(
            "SELECT 'device ''' || name || '''' FROM devices WHERE school_id = ?1 AND group_name = "
            "?2"
            " UNION ALL SELECT 'local entry ' || id || ' (' || pattern || ')' FROM local_entries"
            " WHERE school_id = ?1 AND group_name = ?2 AND removed_at IS NULL ORDER BY 1");
        if (!users) return users.status();
        users->bind(1, school).bind(2, name);
        auto names = users->rows([](const sqlite::Statement& r) { return r.textAt(0); });
        if (!names) return names.status();
        if (!names->empty()) {
          return failedPrecondition(fmt::format("group '{}' is still used by {}; move them first",
                                                name, fmt::join(*names, ", ")));
        }
        auto st = db_->prepare("DELETE FROM filter_groups WHERE school_id = ?1 AND name = ?2");
        if (!st) return st.status();
        st->bind(1, school).bind(2, name);
        ESAFETY_RETURN_IF_ERROR(st->run());
        if (db_->changes() == 0) return notFound(fmt::format("there is no group '{}'", name));
        return AuditNote{"group.delete", std::string(name), ""};
      });
}

Result<std::vector<policy::Group>> SqliteStore::groups(SchoolId school) {
  MutexLock lock(mutex_);
  auto tx = Transaction::begin(*db_, Transaction::Kind::kRead);
  if (!tx) return tx.status();
  auto out = readGroupsLocked(school, "");
  if (!out) return out.status();
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  return out;
}

Result<std::optional<policy::Group>> SqliteStore::group(SchoolId school, std::string_view name) {
  if (name.empty()) return std::optional<policy::Group>();
  MutexLock lock(mutex_);
  auto tx = Transaction::begin(*db_, Transaction::Kind::kRead);
  if (!tx) return tx.status();
  auto found = readGroupsLocked(school, name);
  if (!found) return found.status();
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  if (found->empty()) return std::optional<policy::Group>();
  return std::optional<policy::Group>(std::move(found->front()));
}

Result<bool> SqliteStore::groupExistsLocked(SchoolId school, std::string_view name) {
  auto st = db_->prepare("SELECT 1 FROM filter_groups WHERE school_id = ?1 AND name = ?2");
  if (!st) return st.status();
  st->bind(1, school).bind(2, name);
  return st->step();
}

Status SqliteStore::requireGroupLocked(SchoolId school, std::string_view name) {
  if (name.empty()) return Status::ok();
  auto exists = groupExistsLocked(school, name);
  if (!exists) return exists.status();
  if (!*exists) return invalidArgument(fmt::format("there is no group '{}'", name));
  return Status::ok();
}

Result<std::vector<policy::Group>> SqliteStore::readGroupsLocked(SchoolId school,
                                                                 std::string_view only_name) {
  // Three queries for the whole school rather than three per group.
  std::vector<policy::Group> out;
  std::map<int64_t, size_t> index_of;  // group id -> position in `out`
  auto st = db_->prepare(
      "SELECT id, name, description, uncategorised, allow_list_only, safe_search, inspect,"
      " inspect_tls, phrase_limit, block_search_level"
      " FROM filter_groups WHERE school_id = ?1 AND (?2 = '' OR name = ?2) ORDER BY name");
  if (!st) return st.status();
  st->bind(1, school).bind(2, only_name);
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    policy::Group g;
    g.name = st->textAt(1);
    g.description = st->textAt(2);
    g.uncategorised = actionFromText(st->textAt(3)).value_or(policy::Action::kBlock);
    g.allow_list_only = st->int64At(4) != 0;
    g.safe_search = st->int64At(5) != 0;
    g.inspect = st->int64At(6) != 0;
    g.inspect_tls = st->int64At(7) != 0;
    g.phrase_limit = static_cast<int32_t>(st->int64At(8));
    g.block_search_level = static_cast<int32_t>(st->int64At(9));
    index_of[st->int64At(0)] = out.size();
    out.push_back(std::move(g));
  }
  if (out.empty()) return out;

  auto links = db_->prepare(
      "SELECT group_id, category, kind FROM group_categories WHERE school_id = ?1");
  if (!links) return links.status();
  links->bind(1, school);
  for (;;) {
    auto row = links->step();
    if (!row) return row.status();
    if (!*row) break;
    auto it = index_of.find(links->int64At(0));
    if (it == index_of.end()) continue;  // another group, when reading one
    policy::Group& g = out[it->second];
    (links->textAt(2) == "allowed" ? g.allowed_categories : g.blocked_categories)
        .insert(links->textAt(1));
  }

  auto rules = db_->prepare(
      "SELECT group_id, category, days, start_minute, end_minute, action, note FROM time_rules"
      " WHERE school_id = ?1 ORDER BY group_id, position");
  if (!rules) return rules.status();
  rules->bind(1, school);
  for (;;) {
    auto row = rules->step();
    if (!row) return row.status();
    if (!*row) break;
    auto it = index_of.find(rules->int64At(0));
    if (it == index_of.end()) continue;
    policy::TimeRule rule;
    rule.category = rules->textAt(1);
    rule.days = static_cast<uint8_t>(rules->int64At(2));
    rule.start_minute = static_cast<int>(rules->int64At(3));
    rule.end_minute = static_cast<int>(rules->int64At(4));
    // An unreadable action is read as the safe one.
    rule.action = actionFromText(rules->textAt(5)).value_or(policy::Action::kBlock);
    rule.note = rules->textAt(6);
    out[it->second].time_rules.push_back(std::move(rule));
  }
  return out;
}

}  // namespace esafety::store
