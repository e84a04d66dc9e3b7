#include "event_log/search_index.h"

#include <algorithm>
#include <tuple>

#include <xxhash.h>

#include "events/event_host.h"
#include "sqlite/transaction.h"

namespace esafety::events {
namespace {

using sqlite::Database;
using sqlite::Transaction;

struct IndexRow {
  int64_t school;
  int64_t key;
  int64_t time_ms;
  int64_t event;

  bool operator<(const IndexRow& o) const {
    return std::tie(school, key, time_ms, event) < std::tie(o.school, o.key, o.time_ms, o.event);
  }
};

// Rows per INSERT: 4 x 200 = 800 parameters.
constexpr size_t kRowsPerInsert = 200;

std::string insertSql(size_t rows) {
  std::string sql = "INSERT OR IGNORE INTO events_search (s_school, s_key, s_time, s_event) VALUES ";
  for (size_t i = 0; i < rows; ++i) {
    if (i > 0) sql += ',';
    sql += "(?,?,?,?)";
  }
  return sql;
}

Status insertRows(Database& db, const std::vector<IndexRow>& rows) {
  std::optional<sqlite::Statement> full;
  for (size_t at = 0; at < rows.size(); at += kRowsPerInsert) {
    size_t n = std::min(kRowsPerInsert, rows.size() - at);
    std::optional<sqlite::Statement> tail;
    sqlite::Statement* st = nullptr;
    if (n == kRowsPerInsert) {
      if (!full) {
        auto prepared = db.prepare(insertSql(n));
        if (!prepared) return prepared.status();
        full.emplace(std::move(*prepared));
      }
      full->reset();
      st = &*full;
    } else {
      auto prepared = db.prepare(insertSql(n));
      if (!prepared) return prepared.status();
      tail.emplace(std::move(*prepared));
      st = &*tail;
    }
    for (size_t i = 0; i < n; ++i) {
      const IndexRow& r = rows[at + i];
      int p = static_cast<int>(i * 4);
      st->bind(p + 1, r.school).bind(p + 2, r.key).bind(p + 3, r.time_ms).bind(p + 4, r.event);
    }
    ESAFETY_RETURN_IF_ERROR(st->run());
  }
  return Status::ok();
}

}  // namespace

void searchKeysInto(std::string_view user, std::string_view device, std::string_view host,
                    std::vector<std::string>& keys) {
  if (!user.empty()) keys.push_back("p:" + std::string(user));
  if (!device.empty() && device != user) keys.push_back("p:" + std::string(device));
  // The host, then each parent that still has a dot in it.
  std::string_view h = host;
  while (!h.empty() && h.find('.') != std::string_view::npos) {
    keys.push_back("h:" + std::string(h));
    h.remove_prefix(h.find('.') + 1);
  }
}

int64_t searchKeyHash(std::string_view key) {
  return static_cast<int64_t>(XXH3_64bits(key.data(), key.size()));
}

std::optional<std::string> searchKeyFor(const EventQuery& q) {
  if (!q.user.empty()) return "p:" + q.user;
  if (!q.host.empty()) {
    std::string host = hostOfUrl(q.host);
    if (host.find('.') != std::string::npos) return "h:" + host;
  }
  return std::nullopt;
}

Result<int64_t> searchIndexedThrough(Database& db) {
  auto st = db.prepare("SELECT indexed_through FROM events_search_state WHERE id = 1");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return dataLoss(db.path() + ": the search index has lost its state row");
  return st->int64At(0);
}

Result<int64_t> extendSearchIndex(Database& db, int64_t max_events) {
  auto tx = Transaction::begin(db, Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  auto through = searchIndexedThrough(db);
  if (!through) return through.status();
  auto read = db.prepare(
      "SELECT id, school_id, time_ms, user_name, device_name, host FROM events"
      " WHERE id > ?1 ORDER BY id LIMIT ?2");
  if (!read) return read.status();
  read->bind(1, *through).bind(2, max_events);
  std::vector<IndexRow> rows;
  std::vector<std::string> keys;
  int64_t events = 0;
  int64_t last = *through;
  for (;;) {
    auto more = read->step();
    if (!more) return more.status();
    if (!*more) break;
    ++events;
    last = read->int64At(0);
    keys.clear();
    searchKeysInto(read->textAt(3), read->textAt(4), read->textAt(5), keys);
    for (const auto& key : keys) {
      rows.push_back({read->int64At(1), searchKeyHash(key), read->int64At(2), last});
    }
  }
  if (events == 0) return int64_t{0};
  std::sort(rows.begin(), rows.end());
  ESAFETY_RETURN_IF_ERROR(insertRows(db, rows));
  auto update = db.prepare("UPDATE events_search_state SET indexed_through = ?1 WHERE id = 1");
  if (!update) return update.status();
  update->bind(1, last);
  ESAFETY_RETURN_IF_ERROR(update->run());
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  return events;
}

}  // namespace esafety::events
