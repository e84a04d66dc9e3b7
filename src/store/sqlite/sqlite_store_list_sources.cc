// SqliteStore: the list files and folders the category index is compiled from,
// with the counts from their last compile. Adding one needs a reason, as
// removing one does: a list changes what is blocked.
#include <fmt/format.h>

#include <limits>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

Result<int64_t> SqliteStore::addListSource(SchoolId school, const policy::ListSource& source,
                                           std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(validateListSource(source));
  return mutate(
      school, source.added_by, Reason::required(reason),
      [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
        if (!source.category.empty()) {
          auto found = readCategoriesLocked(school, source.category);
          if (!found) return found.status();
          if (found->empty()) {
            return invalidArgument(fmt::format("there is no category '{}'", source.category));
          }
        }
        const int64_t added_at = source.added_at != 0 ? source.added_at : clock_.nowUnix();
        auto st = db_->prepare(
            "INSERT INTO list_sources (school_id, path, format, category, added_by, added_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!st) return st.status();
        st->bind(1, school).bind(2, source.path).bind(3, source.format);
        st->bindTextOrNull(4, source.category).bind(5, source.added_by).bind(6, added_at);
        Status inserted = st->run();
        if (inserted.code() == StatusCode::kAlreadyExists) {
          return alreadyExists(fmt::format("the list {} is already a source", source.path));
        }
        ESAFETY_RETURN_IF_ERROR(inserted);
        std::string detail = fmt::format(
            "{} list{}", source.format,
            source.category.empty() ? "" : fmt::format(" for category '{}'", source.category));
        return Made<int64_t>{db_->lastInsertId(),
                             {"list_source.add", source.path, std::move(detail)}};
      });
}

Status SqliteStore::updateListSourceCounts(SchoolId school, int64_t id, uint64_t entries,
                                           uint64_t rejected, std::string_view actor) {
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  if (entries > kMax || rejected > kMax) return invalidArgument("list counts are out of range");
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto st = db_->prepare(
        "UPDATE list_sources SET entries = ?3, rejected = ?4, counted_at = ?5"
        " WHERE school_id = ?1 AND id = ?2 RETURNING path");
    if (!st) return st.status();
    st->bind(1, school).bind(2, id).bind(3, static_cast<int64_t>(entries));
    st->bind(4, static_cast<int64_t>(rejected)).bind(5, clock_.nowUnix());
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return notFound(fmt::format("there is no list source {}", id));
    std::string path = st->textAt(0);
    ESAFETY_RETURN_IF_ERROR(st->run());
    return AuditNote{"list_source.counts", std::move(path),
                     fmt::format("{} entries, {} rejected", entries, rejected)};
  });
}

Status SqliteStore::removeListSource(SchoolId school, int64_t id, std::string_view actor,
                                     std::string_view reason) {
  return mutate(
      school, actor, Reason::required(reason), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
        // A list for an unoverridable category (illegal content) stays: removing
        // it would unblock what nobody may unblock. Its file can be replaced with
        // a newer version and compiled again.
        std::string category;
        {
          auto which = db_->prepare(
              "SELECT coalesce(category, '') FROM list_sources WHERE school_id = ?1 AND id = ?2");
          if (!which) return which.status();
          which->bind(1, school).bind(2, id);
          auto found = which->step();
          if (!found) return found.status();
          if (!*found) return notFound(fmt::format("there is no list source {}", id));
          category = which->textAt(0);
        }  // finalised before the DELETE
        if (!category.empty()) {
          auto def = readCategoriesLocked(school, category);
          if (!def) return def.status();
          if (!def->empty() && def->front().unoverridable) {
            return failedPrecondition(
                fmt::format("list {} feeds '{}', which nobody may unblock, so it cannot be "
                            "removed; replace its "
                            "file with the new version and compile instead",
                            id, category));
          }
        }
        auto st = db_->prepare(
            "DELETE FROM list_sources WHERE school_id = ?1 AND id = ?2 RETURNING path");
        if (!st) return st.status();
        st->bind(1, school).bind(2, id);
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) return notFound(fmt::format("there is no list source {}", id));
        std::string path = st->textAt(0);
        ESAFETY_RETURN_IF_ERROR(st->run());
        return AuditNote{"list_source.remove", std::move(path), fmt::format("list source {}", id)};
      });
}

Result<std::vector<policy::ListSource>> SqliteStore::listSources(SchoolId school) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT id, path, format, category, added_by, added_at, entries, rejected"
      " FROM list_sources WHERE school_id = ?1 ORDER BY id");
  if (!st) return st.status();
  st->bind(1, school);
  return st->rows([](const sqlite::Statement& r) {
    return policy::ListSource{.id = r.int64At(0),
                              .path = r.textAt(1),
                              .format = r.textAt(2),
                              .category = r.textAt(3),
                              .added_by = r.textAt(4),
                              .added_at = r.int64At(5),
                              .entries = static_cast<uint64_t>(r.int64At(6)),
                              .rejected = static_cast<uint64_t>(r.int64At(7))};
  });
}

}  // namespace esafety::store
