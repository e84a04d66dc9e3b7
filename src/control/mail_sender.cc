#include "control/mail_sender.h"

#include <spdlog/spdlog.h>

#include "control/mail_backoff.h"
#include "control/mail_settings.h"

namespace esafety::control {
namespace {

constexpr int kClaimBatch = 20;
constexpr int kMarkTries = 5;

}  // namespace

Result<int> MailSender::recover() {
  auto requeued = store_.requeueInFlightMail(clock_.nowUnix());
  if (requeued && *requeued > 0) {
    spdlog::warn("mail: {} mail{} left mid-send by the last run will be sent again", *requeued,
                 *requeued == 1 ? "" : "s");
  }
  return requeued;
}

Status MailSender::mark(const store::OutboxMail& mail, const Status& sent) {
  Status marked;
  for (int attempt = 0; attempt < kMarkTries; ++attempt) {
    const int64_t now = clock_.nowUnix();
    marked = sent.isOk() ? store_.markMailSent(mail.id, now)
                         : store_.markMailFailed(mail.id, sent.message(),
                                                 now + mailRetryDelaySeconds(mail.attempts + 1));
    if (marked.code() != StatusCode::kUnavailable) return marked;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return marked;
}

Result<MailSweep> MailSender::sendDue() {
  auto due = store_.claimDueMail(clock_.nowUnix(), kClaimBatch);
  if (!due) return due.status();
  MailSweep sweep;
  for (const store::OutboxMail& mail : *due) {
    std::vector<std::string> warnings;
    auto settings = loadMailSettings(store_, mail.school, warnings);
    // Mail that is not set up waits, with the reason, without a try.
    Status sent = settings ? settings->readyToSend() : settings.status();
    if (sent.isOk()) sent = transport_.send(*settings, mail, clock_.nowUnix());
    if (sent.isOk()) {
      ++sweep.sent;
      spdlog::info("mail: sent mail {} ({}) to {} recipient{}", mail.id, mail.kind,
                   mail.recipients.size(), mail.recipients.size() == 1 ? "" : "s");
    } else {
      ++sweep.failed;
      spdlog::warn("mail: mail {} not sent (try {}): {}", mail.id, mail.attempts + 1, sent.message());
    }
    Status marked = mark(mail, sent);
    if (!marked.isOk()) {
      spdlog::error("mail: mail {} could not be marked {} ({}); it is tried again after a restart",
                    mail.id, sent.isOk() ? "sent" : "failed", marked.message());
    }
  }
  return sweep;
}

void MailSender::start() {
  if (auto recovered = recover(); !recovered) {
    spdlog::error("mail: the outbox cannot be read: {}", recovered.status().message());
  }
  thread_ = std::thread([this] { run(); });
}

void MailSender::run() {
  for (;;) {
    if (auto sweep = sendDue(); !sweep) {
      spdlog::error("mail: the outbox cannot be read: {}", sweep.status().message());
    }
    MutexLock lock(mutex_);
    mutex_.awaitFor(wake_, interval_, [this]() REQUIRES(mutex_) { return stopping_; });
    if (stopping_) return;
  }
}

void MailSender::stop() {
  {
    MutexLock lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (abort_) abort_();
  if (thread_.joinable()) thread_.join();
}

}  // namespace esafety::control
