// MailSender: sends the mail outbox (store/mail_store.h) through the
// school's relay, inside `esafety serve`, on a thread of its own so that the
// blocking SMTP work never runs on the data plane or the control thread.
//
// Each sweep claims the mail that is due (state 'sending', one transaction),
// sends each one with the MailTransport using its school's MailSettings, and
// marks it sent, or failed with the error and the next try after
// mailRetryDelaySeconds() (30 s doubling to 30 min). A mail is never dropped:
// it leaves the outbox only as sent. start() first requeues mail a previous
// process left 'sending' (it died mid-send), so such a mail is sent again:
// the relay may see it twice if the crash fell between its 250 and our
// commit (store/mail_store.h).
//
// Thread safety: sendDue() from one thread at a time (tests call it
// directly, with a FakeClock and a fake transport); start() and stop() from
// the owner's thread. The sender borrows the store, the transport and the
// clock, which must outlive it.
//
//   MailSender sender(store, transport, clock);
//   sender.start();   // a thread that sweeps every second
//   ...
//   sender.stop();    // aborts a send in flight (it stays in the outbox) and joins
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <thread>

#include "control/smtp_transport.h"
#include "core/clock.h"
#include "core/mutex.h"
#include "store/store.h"

namespace esafety::control {

struct MailSweep {
  int sent = 0;
  int failed = 0;
};

class MailSender {
 public:
  MailSender(store::Store& store, MailTransport& transport, const Clock& clock,
             std::chrono::milliseconds interval = std::chrono::seconds(1))
      : store_(store), transport_(transport), clock_(clock), interval_(interval) {}
  ~MailSender() { stop(); }
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  // Requeues mail left 'sending' by a process that died; how many.
  Result<int> recover();
  // One sweep: every due mail tried once. A store error ends the sweep (the
  // claimed mail is requeued at the next start, or marked at the next sweep).
  Result<MailSweep> sendDue();

  // recover(), then a thread that sweeps every `interval` until stop().
  void start();
  // Ends the thread; a send in flight is cut short by `abort` (called here,
  // e.g. CurlSmtpTransport::abort) and the mail stays in the outbox.
  void stop();
  void setAbort(std::function<void()> abort) { abort_ = std::move(abort); }

 private:
  void run();
  // Marks one mail; a busy database is tried a few times, since an unmarked
  // sent mail would be sent again after a restart.
  Status mark(const store::OutboxMail& mail, const Status& sent);

  store::Store& store_;
  MailTransport& transport_;
  const Clock& clock_;
  std::chrono::milliseconds interval_;
  std::function<void()> abort_;
  Mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace esafety::control
