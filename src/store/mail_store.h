// MailStore: the mail outbox's part of the store (issue 14, "Reaching a
// person"). Whoever wants a mail sent writes it here in one transaction
// (enqueueMail); `esafety serve`'s mail sender (control/mail_sender.h) takes
// it from here. A mail leaves the outbox only as sent: a failure keeps it,
// with the relay's error and the time of the next try.
//
// The states: 'queued' (waiting; failing when attempts > 0), 'sending'
// (claimed by the sender, with the relay now), 'sent'. claimDueMail() moves
// due mail to 'sending' in one transaction, so a mail is claimed once; a
// 'sending' mail found at start-up belongs to a sender that died mid-send and
// requeueInFlightMail() makes it due again. An SMTP relay may therefore see a
// mail twice if the process dies between the relay's "250 OK" and the commit
// of markMailSent(); nothing can close that gap from the client's side.
//
// Sending state is not audited (the outbox is its own record, and a relay
// that is down for a day would fill the audit trail); the person who asks
// for a test mail is (MailAdmin).
//
// Thread safety: as Store (any thread).
//
//   auto id = store.enqueueMail(school, {.kind = "test", .recipients = {"dsl@school.example"},
//                                        .subject = "esafety test", .body = "..."});
//   auto due = store.claimDueMail(now, 10);   // the sender, every second or so
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/policy_store.h"

namespace esafety::store {

// What to send: plain text to a few addresses.
struct NewMail {
  std::string kind = "alert";           // "alert" or "test"
  std::vector<std::string> recipients;  // 1..50 addresses, "a@b.example"
  std::string subject;                  // one line, at most 200 characters
  std::string body;                     // plain text, at most 20,000 characters
  std::string dedupe_key;               // "" or unique per school: "alert:42:dsl"
};

enum class MailState : uint8_t { kQueued, kSending, kSent };
std::string_view mailStateName(MailState state);  // "queued", "sending", "sent"

struct OutboxMail {
  int64_t id = 0;
  policy::SchoolId school = 0;
  std::string kind;
  std::vector<std::string> recipients;
  std::string subject;
  std::string body;
  std::string dedupe_key;
  MailState state = MailState::kQueued;
  int attempts = 0;           // tries that failed (or were cut short)
  std::string last_error;     // the last failure, "" if none
  int64_t created_at = 0;     // Unix seconds
  int64_t next_attempt_at = 0;
  std::optional<int64_t> sent_at;
};

class MailStore {
 public:
  virtual ~MailStore() = default;

  // Writes the mail, due now, in one transaction and returns its id. With a
  // dedupe_key the school already used, writes nothing and returns the first
  // mail's id. kInvalidArgument: no recipient or more than 50, an address
  // that is not one, a subject or address with a line break (header
  // injection), a subject or body too long, an unknown kind.
  virtual Result<int64_t> enqueueMail(policy::SchoolId school, const NewMail& mail) = 0;
  // One mail, or nullopt.
  virtual Result<std::optional<OutboxMail>> outboxMail(policy::SchoolId school, int64_t id) = 0;
  // The newest `limit` (1..1000) mails of the school that are not sent, and
  // those sent at or after `sent_since`, newest first.
  virtual Result<std::vector<OutboxMail>> outbox(policy::SchoolId school, int64_t sent_since,
                                                 int limit) = 0;

  // For the sender. Every school's queued mail due at `now` (next_attempt_at
  // <= now), oldest first, at most `limit`, moved to 'sending' in one
  // transaction.
  virtual Result<std::vector<OutboxMail>> claimDueMail(int64_t now, int limit) = 0;
  // 'sending' -> 'sent' at `now`. kNotFound unless the mail is 'sending'.
  virtual Status markMailSent(int64_t id, int64_t now) = 0;
  // 'sending' -> 'queued' with attempts + 1, the error and the next try.
  virtual Status markMailFailed(int64_t id, std::string_view error, int64_t next_attempt_at) = 0;
  // Every 'sending' mail back to 'queued', due now; how many. For the sender's
  // start: nobody else sends from this database.
  virtual Result<int> requeueInFlightMail(int64_t now) = 0;
  // Makes every queued mail of the school due at `now` ("try again now");
  // how many.
  virtual Result<int> retryQueuedMailNow(policy::SchoolId school, int64_t now) = 0;
};

}  // namespace esafety::store
