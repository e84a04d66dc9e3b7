#include "event_log/sqlite_event_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <variant>

#include "events/event_host.h"
#include "event_log/search_index.h"
#include "event_log/event_migrations.h"
#include "event_log/sqlite_event_rows.h"
#include "sqlite/migrator.h"
#include "sqlite/transaction.h"

namespace esafety::events {
namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

// A WHERE clause with numbered parameters, built from an EventQuery. Only
// our own fixed SQL fragments are concatenated; every value is bound.
class WhereClause {
 public:
  explicit WhereClause(const EventQuery& q) {
    add("school_id = ?", q.school);
    if (q.from_ms) add("time_ms >= ?", *q.from_ms);
    if (q.to_ms) add("time_ms < ?", *q.to_ms);
    if (!q.client_ip.empty()) add("client_ip = ?", q.client_ip);
    if (!q.group.empty()) add("group_name = ?", q.group);
    // The verdict as a literal (one of verdictName()'s fixed words, never
    // user text): SQLite uses the partial index events_blocked only for a
    // query that says "verdict = 'block'" itself.
    if (q.verdict) addLiteral(fmt::format("verdict = '{}'", policy::verdictName(*q.verdict)));
    if (!q.category.empty()) add("category = ?", q.category);
    if (q.kind) add("kind = ?", std::string(eventKindName(*q.kind)));
    if (q.reference) {
      // events_by_reference holds only events with a reference.
      add("reference = ?", static_cast<int64_t>(*q.reference));
      addLiteral("reference <> 0");
    }
    if (!q.user.empty()) {
      add("(user_name = ?", q.user);
      sql_ += " OR device_name = ?" + std::to_string(values_.size() + 1) + ")";
      values_.emplace_back(q.user);
    }
    if (!q.host.empty()) {
      // The host or any subdomain: the range [rev, rev + "/") ('/' follows
      // '.'), then exactly rev or anything under rev + ".".
      std::string rev = reversedHost(hostOfUrl(q.host));
      add("host_rev >= ?", rev);
      add("host_rev < ?", rev + "/");
      add("(host_rev = ?", rev);
      sql_ += " OR host_rev >= ?" + std::to_string(values_.size() + 1) + ")";
      values_.emplace_back(rev + ".");
    }
  }

  const std::string& sql() const { return sql_; }
  int nextIndex() const { return static_cast<int>(values_.size()) + 1; }

  void bind(Statement& st) const {
    for (size_t i = 0; i < values_.size(); ++i) {
      int index = static_cast<int>(i) + 1;
      if (const auto* n = std::get_if<int64_t>(&values_[i])) {
        st.bind(index, *n);
      } else {
        st.bind(index, std::get<std::string>(values_[i]));
      }
    }
  }

 private:
  // `condition` ends with a bare '?', which gets this value's number.
  void add(std::string_view condition, std::variant<int64_t, std::string> value) {
    addLiteral(condition);
    values_.push_back(std::move(value));
    sql_ += std::to_string(values_.size());
  }

  // A fixed condition of our own, with no value.
  void addLiteral(std::string_view condition) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += condition;
  }

  std::string sql_;
  std::vector<std::variant<int64_t, std::string>> values_;
};

// A new events.db gets 8 KB pages instead of SQLite's 4 KB: each batch is
// then half as many WAL frames (two write() calls each) and checkpoint
// copies, which measured about a quarter less writer CPU per event. The page
// size of a database in WAL mode is fixed once it has a page, and
// Database::open has already asked for WAL, so the empty file is rebuilt
// (instantly: it holds nothing) outside WAL first. A file that already has
// tables, or that another connection holds open, keeps its page size.
Status usePageSizeIfNew(Database& db) {
  {
    auto tables = db.prepare("SELECT count(*) FROM sqlite_schema");
    if (!tables) return tables.status();
    auto row = tables->step();
    if (!row) return row.status();
    if (!*row || tables->int64At(0) != 0) return Status::ok();
  }  // the statement is finalised here, before VACUUM
  if (db.exec("PRAGMA journal_mode = DELETE", "leaving WAL to set the page size").isOk() &&
      db.exec("PRAGMA page_size = 8192", "setting the page size").isOk()) {
    (void)db.exec("VACUUM", "applying the page size");
  }
  auto mode = db.prepare("PRAGMA journal_mode = WAL");
  if (!mode) return mode.status();
  auto wal = mode->step();
  if (!wal) return wal.status();
  if (!*wal || mode->textAt(0) != "wal") {
    return ioError("cannot switch " + db.path() + " back to WAL mode");
  }
  return Status::ok();
}

}  // namespace

Result<std::unique_ptr<SqliteEventStore>> SqliteEventStore::open(
    const std::string& path, const Clock& clock, const SqliteEventStoreOptions& options) {
  auto db = Database::open(
      path, {.busy_timeout_ms = options.busy_timeout_ms, .read_only = options.read_only});
  if (!db) return db.status();
  std::unique_ptr<SqliteEventStore> store(new SqliteEventStore(std::move(*db)));
  store->read_only_ = options.read_only;
  if (options.read_only) {
    // A file nobody has written a schema to yet holds no events.
    auto version = sqlite::schemaVersion(*store->db_);
    if (!version) return version.status();
    if (*version == 0) {
      store->has_schema_ = false;
      return store;
    }
  }
  if (!options.read_only) ESAFETY_RETURN_IF_ERROR(usePageSizeIfNew(*store->db_));
  ESAFETY_RETURN_IF_ERROR(migrateEventsDatabase(*store->db_, clock));
  store->read_only_ = options.read_only;
  if (!options.read_only) {
    // Appends touch only the right-hand edge of the table and of each index
    // (DESIGN.md §3.7): a 4 MB page cache holds those paths many times over.
    // A larger one only fills with pages already written, and costs the
    // server its memory (it was 32 MB, a third of a DNS node's footprint).
    ESAFETY_RETURN_IF_ERROR(store->db_->exec("PRAGMA cache_size = -4096", "sizing the cache"));
  }
  store->full_chunk_sql_ = insertEventsSql(kRowsPerInsert);
  if (!options.read_only) {
    auto through = searchIndexedThrough(*store->db_);
    if (!through) return through.status();
    store->indexed_through_ = *through;
    auto newest = store->db_->prepare("SELECT coalesce(max(id), 0) FROM events");
    if (!newest) return newest.status();
    auto row = newest->step();
    if (!row) return row.status();
    store->last_id_ = newest->int64At(0);
  }
  return store;
}

Status SqliteEventStore::append(std::span<const Event> events) {
  if (read_only_) return failedPrecondition("the events database is open read-only");
  if (events.empty()) return Status::ok();
  auto tx = Transaction::begin(*db_, Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  // Each INSERT carries kRowsPerInsert rows; the full-size one is prepared
  // once and reset, so SQL is parsed at most once per batch (for the tail).
  while (!events.empty()) {
    size_t rows = std::min(events.size(), kRowsPerInsert);
    sqlite::Statement* insert = nullptr;
    std::optional<sqlite::Statement> tail;
    if (rows == kRowsPerInsert) {
      if (!full_chunk_) {
        auto prepared = db_->prepare(full_chunk_sql_);
        if (!prepared) return prepared.status();
        full_chunk_.emplace(std::move(*prepared));
      }
      full_chunk_->reset();
      insert = &*full_chunk_;
    } else {
      auto prepared = db_->prepare(insertEventsSql(rows));
      if (!prepared) return prepared.status();
      tail.emplace(std::move(*prepared));
      insert = &*tail;
    }
    for (size_t row = 0; row < rows; ++row) {
      bindEvent(*insert, static_cast<int>(row), events[row], row_text_[row]);
    }
    Status ran = insert->run();
    if (!ran.isOk()) {
      if (insert == &*full_chunk_) full_chunk_->reset();
      return ran;
    }
    events = events.subspan(rows);
  }
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  last_id_ = db_->lastInsertId();
  return Status::ok();
}

Result<int64_t> SqliteEventStore::catchUp(int64_t max_events) {
  if (read_only_ || backlog() <= 0) return int64_t{0};
  auto done = extendSearchIndex(*db_, max_events);
  if (!done) return done.status();
  auto through = searchIndexedThrough(*db_);
  if (!through) return through.status();
  indexed_through_ = *through;
  return *done;
}

Result<std::vector<StoredEvent>> SqliteEventStore::query(const EventQuery& q) {
  std::vector<StoredEvent> out;
  if (!has_schema_ || q.limit <= 0) return out;
  if (auto key = searchKeyFor(q)) return queryIndexed(q, *key);
  WhereClause where(q);
  int limit_index = where.nextIndex();
  auto st = db_->prepare(std::string("SELECT ") + kEventColumns + " FROM events" + where.sql() +
                         " ORDER BY time_ms DESC, id DESC LIMIT ?" + std::to_string(limit_index) +
                         " OFFSET ?" + std::to_string(limit_index + 1));
  if (!st) return st.status();
  where.bind(*st);
  st->bind(limit_index, q.limit).bind(limit_index + 1, q.offset < 0 ? 0 : q.offset);
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    out.push_back(readEvent(*st));
  }
  return out;
}

Result<std::vector<StoredEvent>> SqliteEventStore::after(int64_t after_id, int64_t limit) {
  std::vector<StoredEvent> out;
  if (!has_schema_ || limit <= 0) return out;
  auto st = db_->prepare(std::string("SELECT ") + kEventColumns +
                         " FROM events WHERE id > ?1 ORDER BY id LIMIT ?2");
  if (!st) return st.status();
  st->bind(1, after_id).bind(2, limit);
  return st->rows([](const sqlite::Statement& row) { return readEvent(row); });
}

Result<std::vector<StoredEvent>> SqliteEventStore::byIds(const std::vector<int64_t>& ids) {
  std::vector<StoredEvent> out;
  if (!has_schema_ || ids.empty()) return out;
  if (ids.size() > 1000) return invalidArgument("at most 1000 events at once");
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM events WHERE id IN (";
  for (size_t i = 0; i < ids.size(); ++i) sql += (i == 0 ? "?" : ", ?") + std::to_string(i + 1);
  sql += ") ORDER BY id";
  auto st = db_->prepare(sql);
  if (!st) return st.status();
  for (size_t i = 0; i < ids.size(); ++i) st->bind(static_cast<int>(i + 1), ids[i]);
  return st->rows([](const sqlite::Statement& row) { return readEvent(row); });
}

Result<int64_t> SqliteEventStore::count(const EventQuery& q) {
  if (!has_schema_) return int64_t{0};
  if (auto key = searchKeyFor(q)) return countIndexed(q, *key);
  WhereClause where(q);
  auto st = db_->prepare("SELECT count(*) FROM events" + where.sql());
  if (!st) return st.status();
  where.bind(*st);
  auto row = st->step();
  if (!row) return row.status();
  return st->int64At(0);
}

// The index holds events through `through`; newer ones (the tail, a few
// seconds to minutes of traffic) are read from the table by id (NOT INDEXED
// keeps SQLite from walking the time index instead). Both lists come newest
// first and are merged; offset and limit apply to the merged list.
Result<std::vector<StoredEvent>> SqliteEventStore::queryIndexed(const EventQuery& q,
                                                                 const std::string& key) {
  auto through = searchIndexedThrough(*db_);
  if (!through) return through.status();
  const int64_t want = q.limit + std::max<int64_t>(q.offset, 0);
  WhereClause where(q);
  int at = where.nextIndex();
  auto read = [&](const std::string& sql, auto bind_rest) -> Result<std::vector<StoredEvent>> {
    auto st = db_->prepare(sql);
    if (!st) return st.status();
    where.bind(*st);
    bind_rest(*st);
    std::vector<StoredEvent> rows;
    for (;;) {
      auto row = st->step();
      if (!row) return row.status();
      if (!*row) break;
      rows.push_back(readEvent(*st));
    }
    return rows;
  };
  auto n = [](int i) { return "?" + std::to_string(i); };
  auto tail = read(std::string("SELECT ") + kEventColumns + " FROM events NOT INDEXED" + where.sql() +
                       " AND id > " + n(at) + " ORDER BY time_ms DESC, id DESC LIMIT " + n(at + 1),
                   [&](sqlite::Statement& st) { st.bind(at, *through).bind(at + 1, want); });
  if (!tail) return tail.status();
  std::string index_where = " AND s_school = " + n(at) + " AND s_key = " + n(at + 1) +
                            " AND s_event <= " + n(at + 2);
  if (q.from_ms) index_where += " AND s_time >= " + n(at + 3);
  if (q.to_ms) index_where += " AND s_time < " + n(at + 4);
  auto indexed = read(std::string("SELECT ") + kEventColumns +
                          " FROM events_search CROSS JOIN events ON events.id = s_event" +
                          where.sql() + index_where + " ORDER BY s_time DESC, s_event DESC LIMIT " +
                          n(at + 5),
                      [&](sqlite::Statement& st) {
                        st.bind(at, q.school).bind(at + 1, searchKeyHash(key)).bind(at + 2, *through);
                        if (q.from_ms) st.bind(at + 3, *q.from_ms);
                        if (q.to_ms) st.bind(at + 4, *q.to_ms);
                        st.bind(at + 5, want);
                      });
  if (!indexed) return indexed.status();
  std::vector<StoredEvent> merged;
  merged.reserve(tail->size() + indexed->size());
  std::merge(tail->begin(), tail->end(), indexed->begin(), indexed->end(),
             std::back_inserter(merged), [](const StoredEvent& a, const StoredEvent& b) {
               return std::tie(a.event.time_ms, a.id) > std::tie(b.event.time_ms, b.id);
             });
  const size_t skip = std::min(merged.size(), static_cast<size_t>(std::max<int64_t>(q.offset, 0)));
  std::vector<StoredEvent> out(std::make_move_iterator(merged.begin() + static_cast<std::ptrdiff_t>(skip)),
                               std::make_move_iterator(merged.end()));
  if (static_cast<int64_t>(out.size()) > q.limit) out.resize(static_cast<size_t>(q.limit));
  return out;
}

Result<int64_t> SqliteEventStore::countIndexed(const EventQuery& q, const std::string& key) {
  auto through = searchIndexedThrough(*db_);
  if (!through) return through.status();
  WhereClause where(q);
  int at = where.nextIndex();
  auto n = [](int i) { return "?" + std::to_string(i); };
  std::string sql = "SELECT (SELECT count(*) FROM events NOT INDEXED" + where.sql() + " AND id > " +
                    n(at) + ") + (SELECT count(*) FROM events_search CROSS JOIN events ON events.id = s_event" +
                    where.sql() + " AND s_school = " + n(at + 1) + " AND s_key = " + n(at + 2) +
                    " AND s_event <= " + n(at);
  if (q.from_ms) sql += " AND s_time >= " + n(at + 3);
  if (q.to_ms) sql += " AND s_time < " + n(at + 4);
  sql += ")";
  auto st = db_->prepare(sql);
  if (!st) return st.status();
  where.bind(*st);
  st->bind(at, *through).bind(at + 1, q.school).bind(at + 2, searchKeyHash(key));
  if (q.from_ms) st->bind(at + 3, *q.from_ms);
  if (q.to_ms) st->bind(at + 4, *q.to_ms);
  auto row = st->step();
  if (!row) return row.status();
  return st->int64At(0);
}

}  // namespace esafety::events
