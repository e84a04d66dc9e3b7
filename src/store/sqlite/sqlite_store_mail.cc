// SqliteStore: the mail outbox (store/mail_store.h, migration 0010).
#include <fmt/format.h>

#include "core/text.h"
#include "store/sqlite/sqlite_store.h"

namespace esafety::store {
namespace {

constexpr size_t kMaxRecipients = 50;
constexpr size_t kMaxSubject = 200;
constexpr size_t kMaxBody = 20000;
constexpr int kMaxOutboxRows = 1000;
constexpr size_t kMaxError = 500;

constexpr const char* kColumns =
    "id, school_id, kind, recipients, subject, body, COALESCE(dedupe_key, ''), state, attempts,"
    " last_error, created_at, next_attempt_at, sent_at";

std::string joinRecipients(const std::vector<std::string>& recipients) {
  std::string out;
  for (const auto& r : recipients) {
    if (!out.empty()) out += ", ";
    out += r;
  }
  return out;
}

std::vector<std::string> splitRecipients(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view one = trim(text.substr(0, comma));
    if (!one.empty()) out.emplace_back(one);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

MailState stateFromName(std::string_view name) {
  if (name == "sending") return MailState::kSending;
  if (name == "sent") return MailState::kSent;
  return MailState::kQueued;
}

OutboxMail readMail(const sqlite::Statement& row) {
  OutboxMail m;
  m.id = row.int64At(0);
  m.school = row.int64At(1);
  m.kind = row.textAt(2);
  m.recipients = splitRecipients(row.textAt(3));
  m.subject = row.textAt(4);
  m.body = row.textAt(5);
  m.dedupe_key = row.textAt(6);
  m.state = stateFromName(row.textAt(7));
  m.attempts = static_cast<int>(row.int64At(8));
  m.last_error = row.textAt(9);
  m.created_at = row.int64At(10);
  m.next_attempt_at = row.int64At(11);
  if (!row.isNullAt(12)) m.sent_at = row.int64At(12);
  return m;
}

Status validateMail(const NewMail& mail) {
  if (mail.kind != "alert" && mail.kind != "test") {
    return invalidArgument(fmt::format("'{}' is not a kind of mail", mail.kind));
  }
  if (mail.recipients.empty()) return invalidArgument("a mail needs at least one recipient");
  if (mail.recipients.size() > kMaxRecipients) {
    return invalidArgument(fmt::format("a mail goes to at most {} recipients", kMaxRecipients));
  }
  for (const auto& r : mail.recipients) ESAFETY_RETURN_IF_ERROR(validateMailAddress(r));
  if (mail.subject.empty() || mail.subject.size() > kMaxSubject) {
    return invalidArgument(fmt::format("a mail's subject is 1 to {} characters", kMaxSubject));
  }
  for (unsigned char c : mail.subject) {
    if (c < 0x20 || c == 0x7f) return invalidArgument("a mail's subject is one line");
  }
  if (mail.body.size() > kMaxBody) {
    return invalidArgument(fmt::format("a mail's body is at most {} characters", kMaxBody));
  }
  if (!isValidUtf8(mail.subject) || !isValidUtf8(mail.body)) {
    return invalidArgument("a mail's subject and body must be UTF-8");
  }
  if (mail.dedupe_key.size() > kMaxNameLength * 2) return invalidArgument("the dedupe key is too long");
  return Status::ok();
}

}  // namespace

std::string_view mailStateName(MailState state) {
  switch (state) {
    case MailState::kQueued: return "queued";
    case MailState::kSending: return "sending";
    case MailState::kSent: return "sent";
  }
  return "queued";
}

Result<int64_t> SqliteStore::enqueueMail(SchoolId school, const NewMail& mail) {
  ESAFETY_RETURN_IF_ERROR(validateMail(mail));
  MutexLock lock(mutex_);
  auto tx = sqlite::Transaction::begin(*db_, sqlite::Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  ESAFETY_RETURN_IF_ERROR(requireSchoolLocked(school));
  if (!mail.dedupe_key.empty()) {
    auto found = db_->prepare("SELECT id FROM mail_outbox WHERE school_id = ?1 AND dedupe_key = ?2");
    if (!found) return found.status();
    found->bind(1, school).bind(2, mail.dedupe_key);
    auto row = found->step();
    if (!row) return row.status();
    if (*row) return found->int64At(0);
  }
  const int64_t now = clock_.nowUnix();
  auto st = db_->prepare(
      "INSERT INTO mail_outbox (school_id, kind, recipients, subject, body, dedupe_key,"
      " created_at, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
  if (!st) return st.status();
  st->bind(1, school).bind(2, mail.kind).bind(3, joinRecipients(mail.recipients));
  st->bind(4, mail.subject).bind(5, mail.body).bindTextOrNull(6, mail.dedupe_key).bind(7, now);
  ESAFETY_RETURN_IF_ERROR(st->run());
  const int64_t id = db_->lastInsertId();
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  return id;
}

Result<std::optional<OutboxMail>> SqliteStore::outboxMail(SchoolId school, int64_t id) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(fmt::format("SELECT {} FROM mail_outbox WHERE school_id = ?1 AND id = ?2",
                                     kColumns));
  if (!st) return st.status();
  st->bind(1, school).bind(2, id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<OutboxMail>();
  return std::optional<OutboxMail>(readMail(*st));
}

Result<std::vector<OutboxMail>> SqliteStore::outbox(SchoolId school, int64_t sent_since, int limit) {
  if (limit < 1 || limit > kMaxOutboxRows) {
    return invalidArgument(fmt::format("outbox limit must be 1..{}", kMaxOutboxRows));
  }
  MutexLock lock(mutex_);
  auto st = db_->prepare(fmt::format(
      "SELECT {} FROM mail_outbox WHERE school_id = ?1 AND (state <> 'sent' OR sent_at >= ?2)"
      " ORDER BY id DESC LIMIT ?3",
      kColumns));
  if (!st) return st.status();
  st->bind(1, school).bind(2, sent_since).bind(3, int64_t{limit});
  return st->rows(readMail);
}

Result<std::vector<OutboxMail>> SqliteStore::claimDueMail(int64_t now, int limit) {
  if (limit < 1 || limit > kMaxOutboxRows) return invalidArgument("claim limit out of range");
  MutexLock lock(mutex_);
  auto tx = sqlite::Transaction::begin(*db_, sqlite::Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  auto st = db_->prepare(fmt::format(
      "SELECT {} FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ?1"
      " ORDER BY next_attempt_at, id LIMIT ?2",
      kColumns));
  if (!st) return st.status();
  st->bind(1, now).bind(2, int64_t{limit});
  auto due = st->rows(readMail);
  if (!due) return due.status();
  auto claim = db_->prepare("UPDATE mail_outbox SET state = 'sending' WHERE id = ?1");
  if (!claim) return claim.status();
  for (auto& m : *due) {
    claim->reset();
    claim->bind(1, m.id);
    ESAFETY_RETURN_IF_ERROR(claim->run());
    m.state = MailState::kSending;
  }
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  return due;
}

Status SqliteStore::markMailSent(int64_t id, int64_t now) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "UPDATE mail_outbox SET state = 'sent', sent_at = ?2, last_error = ''"
      " WHERE id = ?1 AND state = 'sending'");
  if (!st) return st.status();
  st->bind(1, id).bind(2, now);
  ESAFETY_RETURN_IF_ERROR(st->run());
  if (db_->changes() == 0) return notFound(fmt::format("mail {} is not being sent", id));
  return Status::ok();
}

Status SqliteStore::markMailFailed(int64_t id, std::string_view error, int64_t next_attempt_at) {
  std::string kept(error.substr(0, kMaxError));
  if (!isValidUtf8(kept)) kept = latin1ToUtf8(kept);
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "UPDATE mail_outbox SET state = 'queued', attempts = attempts + 1, last_error = ?2,"
      " next_attempt_at = ?3 WHERE id = ?1 AND state = 'sending'");
  if (!st) return st.status();
  st->bind(1, id).bind(2, kept).bind(3, next_attempt_at);
  ESAFETY_RETURN_IF_ERROR(st->run());
  if (db_->changes() == 0) return notFound(fmt::format("mail {} is not being sent", id));
  return Status::ok();
}

Result<int> SqliteStore::requeueInFlightMail(int64_t now) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "UPDATE mail_outbox SET state = 'queued', next_attempt_at = ?1,"
      " last_error = CASE WHEN last_error = '' THEN 'esafety stopped while sending it; sent again'"
      " ELSE last_error END WHERE state = 'sending'");
  if (!st) return st.status();
  st->bind(1, now);
  ESAFETY_RETURN_IF_ERROR(st->run());
  return static_cast<int>(db_->changes());
}

Result<int> SqliteStore::retryQueuedMailNow(SchoolId school, int64_t now) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "UPDATE mail_outbox SET next_attempt_at = ?2"
      " WHERE school_id = ?1 AND state = 'queued' AND next_attempt_at > ?2");
  if (!st) return st.status();
  st->bind(1, school).bind(2, now);
  ESAFETY_RETURN_IF_ERROR(st->run());
  return static_cast<int>(db_->changes());
}

}  // namespace esafety::store
