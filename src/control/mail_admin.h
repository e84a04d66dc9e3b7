// MailAdmin: the mail outbox and the mail settings, one function per change,
// shared by `esafety mail ...` and the console's Mail page (routes_mail.cc),
// which only translate arguments and results.
//
//   - settings(): the settings in force, for showing: the password is never
//     in it, only whether one is set.
//   - changeSettings(): checks every change (naming the field), and the
//     whole (no TLS only for a loopback relay), before storing any; each is
//     stored with its own audit row (the password's without its value); mail
//     waiting for a retry is then due at once, so a fixed setting shows soon.
//   - queueTestMail(): a test mail through the outbox, audited as the person.
//   - queueAlertMail(): the alert mail (alert_mail.h), for the alerts' rules;
//     queued even when mail is not set up yet, so no alert's mail is lost.
//   - outbox(): what waits, what fails and why, and what went lately.
//
// Thread safety: as the Store it borrows; make one per request or command.
//
//   MailAdmin mail(store, kDefaultSchool, clock);
//   auto id = mail.queueTestMail("dsl@school.example", "it.technician");
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "control/mail_settings.h"
#include "control/settings_admin.h"
#include "core/clock.h"
#include "store/store.h"

namespace esafety::control {

// The settings as people may see them.
struct MailSettingsView {
  MailSettings settings;  // password always ""
  bool password_set = false;
  std::vector<std::string> warnings;  // stored values that are wrong
};

struct AlertMailRequest {
  int level = 1;                        // 1..5
  int64_t alert_id = 0;
  std::vector<std::string> recipients;  // the rota's addresses
  std::string dedupe_key;               // "alert:42:dsl": one mail per alert and step
};

// How far back outbox() shows sent mail.
inline constexpr int64_t kSentMailShownSeconds = 7 * 24 * 3600;

class MailAdmin {
 public:
  MailAdmin(store::Store& store, policy::SchoolId school, const Clock& clock)
      : store_(store), school_(school), clock_(clock) {}

  Result<MailSettingsView> settings();
  // kInvalidArgument naming the key for a value it does not take.
  Status checkSetting(std::string_view key, std::string_view value);
  Status changeSettings(const std::vector<SettingChange>& changes, std::string_view actor);

  // kInvalidArgument for an address that is not one; kFailedPrecondition
  // when mail is not set up (naming the missing setting).
  Result<int64_t> queueTestMail(std::string_view address, std::string_view actor);
  Result<int64_t> queueAlertMail(const AlertMailRequest& request);

  // Unsent mail, and mail sent in the last kSentMailShownSeconds, newest first.
  Result<std::vector<store::OutboxMail>> outbox(int limit = 200);
  Result<std::optional<store::OutboxMail>> mail(int64_t id);
  // Every queued mail due now ("try again now"), audited; how many.
  Result<int> retryNow(std::string_view actor);

 private:
  store::Store& store_;
  policy::SchoolId school_;
  const Clock& clock_;
};

}  // namespace esafety::control
