// SqliteStore: requests made from the block page, for the console's inbox.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

namespace {
constexpr int kMaxInboxRows = 10000;
constexpr size_t kMaxMessage = 2000;
}  // namespace

Result<int64_t> SqliteStore::addInboxRequest(SchoolId school, const InboxRequest& request) {
  if (request.kind != "tell-teacher" && request.kind != "ask-check") {
    return invalidArgument(fmt::format("'{}' is not a kind of request", request.kind));
  }
  if (request.message.size() > kMaxMessage) {
    return invalidArgument(fmt::format("the message is over {} characters", kMaxMessage));
  }
  const std::string actor =
      request.client_ip.empty() ? "block page" : "block page at " + request.client_ip;
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
    const int64_t at = request.created_at != 0 ? request.created_at : clock_.nowUnix();
    auto st = db_->prepare(
        "INSERT INTO inbox_requests (school_id, kind, reference, message, client_ip, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st) return st.status();
    st->bind(1, school).bind(2, request.kind).bind(3, static_cast<int64_t>(request.reference));
    st->bind(4, request.message).bind(5, request.client_ip).bind(6, at);
    ESAFETY_RETURN_IF_ERROR(st->run());
    const int64_t id = db_->lastInsertId();
    return Made<int64_t>{id,
                         {"inbox.add", fmt::format("request {}", id),
                          fmt::format("{} about event {}", request.kind, request.reference)}};
  });
}

Result<int64_t> SqliteStore::newestPolicyAuditId(SchoolId school) {
  MutexLock lock(mutex_);
  // Newest first by rowid: stops at the first row that is not the inbox's,
  // the alerts', the mail outbox's, the filter self-test's, the device
  // restrictions', a report's or the safeguarding records' (none of them
  // changes the policy).
  auto st = db_->prepare(
      "SELECT id FROM audit_log WHERE school_id = ?1 AND action NOT LIKE 'inbox.%'"
      " AND action NOT LIKE 'alert%' AND action NOT LIKE 'mail.%'"
      " AND action NOT LIKE 'selftest.%' AND action NOT LIKE 'restriction.%'"
      " AND action NOT LIKE 'report.%' AND action NOT LIKE 'record.%'"
      " ORDER BY id DESC LIMIT 1");
  if (!st) return st.status();
  st->bind(1, school);
  auto ids = st->rows([](const sqlite::Statement& row) { return row.int64At(0); });
  if (!ids) return ids.status();
  return ids->empty() ? int64_t{0} : ids->front();
}

Result<std::vector<InboxRequest>> SqliteStore::inboxRequests(SchoolId school, int limit) {
  if (limit < 1 || limit > kMaxInboxRows) {
    return invalidArgument(fmt::format("inbox limit must be 1..{}", kMaxInboxRows));
  }
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT id, kind, reference, message, client_ip, created_at, status FROM inbox_requests"
      " WHERE school_id = ?1 ORDER BY id DESC LIMIT ?2");
  if (!st) return st.status();
  st->bind(1, school).bind(2, int64_t{limit});
  return st->rows([](const sqlite::Statement& row) {
    InboxRequest r;
    r.id = row.int64At(0);
    r.kind = row.textAt(1);
    r.reference = static_cast<uint64_t>(row.int64At(2));
    r.message = row.textAt(3);
    r.client_ip = row.textAt(4);
    r.created_at = row.int64At(5);
    r.status = row.textAt(6);
    return r;
  });
}

Status SqliteStore::setInboxStatus(SchoolId school, int64_t id, std::string_view status,
                                   std::string_view actor) {
  if (status != "new" && status != "seen" && status != "done") {
    return invalidArgument(
        fmt::format("'{}' is not a request status: use new, seen or done", status));
  }
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto st =
        db_->prepare("UPDATE inbox_requests SET status = ?3 WHERE school_id = ?1 AND id = ?2");
    if (!st) return st.status();
    st->bind(1, school).bind(2, id).bind(3, status);
    ESAFETY_RETURN_IF_ERROR(st->run());
    if (db_->changes() == 0) return notFound(fmt::format("there is no request {}", id));
    return AuditNote{"inbox.status", fmt::format("request {}", id),
                     fmt::format("marked {}", status)};
  });
}

}  // namespace esafety::store
