// SqliteStore: categories. The unoverridable flag is one-way, checked here
// with a message a person can act on, and again by the schema's triggers
// (0001_init.sql) whatever SQL reaches the file.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

namespace {

// Everything that names `category`: "group 'KS2'", "list /srv/lists/games/domains".
// With `allowing_only`, only groups that allow it (directly or by a time rule).
Result<std::vector<std::string>> usersOfCategory(sqlite::Database& db, SchoolId school,
                                                 std::string_view category, bool allowing_only) {
  std::string sql = allowing_only
      ? "SELECT 'group ''' || g.name || '''' FROM group_categories c"
        " JOIN filter_groups g ON g.id = c.group_id"
        " WHERE c.school_id = ?1 AND c.category = ?2 AND c.kind = 'allowed'"
        " UNION SELECT 'a time rule of group ''' || g.name || '''' FROM time_rules t"
        " JOIN filter_groups g ON g.id = t.group_id"
        " WHERE t.school_id = ?1 AND t.category = ?2 AND t.action = 'allow'"
      : "SELECT 'group ''' || g.name || '''' FROM group_categories c"
        " JOIN filter_groups g ON g.id = c.group_id WHERE c.school_id = ?1 AND c.category = ?2"
        " UNION SELECT 'a time rule of group ''' || g.name || '''' FROM time_rules t"
        " JOIN filter_groups g ON g.id = t.group_id WHERE t.school_id = ?1 AND t.category = ?2"
        " UNION SELECT 'list ' || path FROM list_sources WHERE school_id = ?1 AND category = ?2";
  auto st = db.prepare(sql + " ORDER BY 1");
  if (!st) return st.status();
  st->bind(1, school).bind(2, category);
  return st->rows([](const sqlite::Statement& r) { return r.textAt(0); });
}

std::string describeCategory(const policy::CategoryDef& c) {
  std::string text = fmt::format("title '{}'", c.title);
  if (c.unoverridable) text += "; unoverridable";
  if (c.allow_list) text += "; allow-list";
  return text;
}

}  // namespace

Status SqliteStore::upsertCategory(SchoolId school, const policy::CategoryDef& category,
                                   std::string_view actor, std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(validateCategory(category));
  return mutate(
      school, actor, Reason::required(reason), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
        auto existing = readCategoriesLocked(school, category.name);
        if (!existing) return existing.status();
        const bool is_new = existing->empty();
        const bool was_unoverridable = !is_new && existing->front().unoverridable;
        if (was_unoverridable && !category.unoverridable) {
          return permissionDenied(fmt::format(
              "'{}' holds illegal content and can never be made overridable", category.name));
        }
        if (category.unoverridable && !was_unoverridable) {
          auto allowing = usersOfCategory(*db_, school, category.name, /*allowing_only=*/true);
          if (!allowing) return allowing.status();
          if (!allowing->empty()) {
            return failedPrecondition(fmt::format(
                "'{}' cannot be made unoverridable while {} allows it; remove it there first",
                category.name, fmt::join(*allowing, ", ")));
          }
        }
        auto st = db_->prepare(
            "INSERT INTO categories"
            " (school_id, name, title, description, unoverridable, allow_list, updated_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            " ON CONFLICT (school_id, name) DO UPDATE SET"
            " title = excluded.title, description = excluded.description,"
            " unoverridable = excluded.unoverridable, allow_list = excluded.allow_list,"
            " updated_at = excluded.updated_at");
        if (!st) return st.status();
        st->bind(1, school).bind(2, category.name).bind(3, category.title);
        st->bind(4, category.description).bind(5, int64_t{category.unoverridable});
        st->bind(6, int64_t{category.allow_list}).bind(7, clock_.nowUnix());
        ESAFETY_RETURN_IF_ERROR(st->run());
        return AuditNote{is_new ? "category.create" : "category.update", category.name,
                         describeCategory(category)};
      });
}

Status SqliteStore::deleteCategory(SchoolId school, std::string_view name, std::string_view actor,
                                   std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(validateCategoryName(name));
  return mutate(
      school, actor, Reason::required(reason), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
        auto existing = readCategoriesLocked(school, name);
        if (!existing) return existing.status();
        if (existing->empty()) return notFound(fmt::format("there is no category '{}'", name));
        if (existing->front().unoverridable) {
          return permissionDenied(
              fmt::format("'{}' holds illegal content and can never be deleted", name));
        }
        auto users = usersOfCategory(*db_, school, name, /*allowing_only=*/false);
        if (!users) return users.status();
        if (!users->empty()) {
          return failedPrecondition(fmt::format("'{}' is still used by {}; remove it there first",
                                                name, fmt::join(*users, ", ")));
        }
        auto st = db_->prepare("DELETE FROM categories WHERE school_id = ?1 AND name = ?2");
        if (!st) return st.status();
        st->bind(1, school).bind(2, name);
        ESAFETY_RETURN_IF_ERROR(st->run());
        return AuditNote{"category.delete", std::string(name), describeCategory(existing->front())};
      });
}

Result<std::vector<policy::CategoryDef>> SqliteStore::categories(SchoolId school) {
  MutexLock lock(mutex_);
  return readCategoriesLocked(school, "");
}

Result<std::optional<policy::CategoryDef>> SqliteStore::category(SchoolId school,
                                                                 std::string_view name) {
  if (name.empty()) return std::optional<policy::CategoryDef>();
  MutexLock lock(mutex_);
  auto found = readCategoriesLocked(school, name);
  if (!found) return found.status();
  if (found->empty()) return std::optional<policy::CategoryDef>();
  return std::optional<policy::CategoryDef>(std::move(found->front()));
}

Result<std::vector<policy::CategoryDef>> SqliteStore::readCategoriesLocked(
    SchoolId school, std::string_view only_name) {
  auto st = db_->prepare(
      "SELECT name, title, description, unoverridable, allow_list FROM categories"
      " WHERE school_id = ?1 AND (?2 = '' OR name = ?2) ORDER BY name");
  if (!st) return st.status();
  st->bind(1, school).bind(2, only_name);
  return st->rows([](const sqlite::Statement& r) {
    return policy::CategoryDef{.name = r.textAt(0),
                               .title = r.textAt(1),
                               .description = r.textAt(2),
                               .unoverridable = r.int64At(3) != 0,
                               .allow_list = r.int64At(4) != 0};
  });
}

Result<std::map<std::string, bool>> SqliteStore::categoryFlagsLocked(SchoolId school) {
  auto all = readCategoriesLocked(school, "");
  if (!all) return all.status();
  std::map<std::string, bool> out;
  for (const auto& c : *all) out.emplace(c.name, c.unoverridable);
  return out;
}

}  // namespace esafety::store
