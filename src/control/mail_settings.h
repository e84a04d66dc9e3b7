// MailSettings: how esafety reaches the school's SMTP relay, and what its
// mails call the school (issue 14, "Reaching a person"). Stored as school
// settings ("mail.*") through the store, each change audited; the password
// is write-only: it is read only by the mail sender, never shown by the
// console, the CLI or the audit trail (store::isSecretSettingKey).
//
//   mail.smtp_host    relay host name or address       "smtp.school.example"
//   mail.smtp_port    1..65535                         default 587 (starttls), 465 (tls), 25 (none)
//   mail.security     starttls | tls | none            default starttls; none only for a
//                                                      relay on this machine (loopback)
//   mail.username     SMTP AUTH user; "" for none
//   mail.password     SMTP AUTH password (write-only)
//   mail.from         the sender address               "esafety@school.example"
//   mail.school_name  as the mails name the school     default: the school's name
//   mail.public_url   the console's address in mails   "https://esafety.school.example"
//   mail.ca_file      a CA bundle (PEM) to trust for the relay; "" for the system's
//
// Checks name the field: "mail.smtp_port: give a port from 1 to 65535".
//
// Thread safety: plain values and free functions; loadMailSettings() as the
// Store it reads.
//
//   std::vector<std::string> warnings;
//   auto settings = loadMailSettings(store, school, warnings);
//   if (Status ready = settings->readyToSend(); !ready.isOk()) ...
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/model.h"
#include "store/store.h"

namespace esafety::control {

enum class SmtpSecurity : uint8_t {
  kStartTls,     // plain connect, then STARTTLS, required (the relay must offer it)
  kImplicitTls,  // TLS from the first byte (smtps, usually port 465)
  kNone,         // no TLS: only for a relay on the loopback interface
};
std::string_view smtpSecurityName(SmtpSecurity security);  // "starttls", "tls", "none"

struct MailSettings {
  std::string smtp_host;
  int smtp_port = 0;  // 0: the security's usual port (port())
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string username;
  std::string password;  // never shown; see the header
  std::string from;
  std::string school_name;
  std::string public_url;  // without a trailing '/'
  std::string ca_file;

  int port() const;
  // OK when a mail can be tried: a relay host and a sender address are set.
  // kFailedPrecondition naming the missing setting otherwise.
  Status readyToSend() const;
};

inline constexpr std::array<std::string_view, 9> kMailSettingKeys = {
    "mail.smtp_host", "mail.smtp_port",   "mail.security",    "mail.username", "mail.password",
    "mail.from",      "mail.school_name", "mail.public_url",  "mail.ca_file"};

// Applies one stored value to `settings`. kInvalidArgument naming the key for
// an unknown key or a value it does not take.
Status applyMailSetting(MailSettings& settings, std::string_view key, std::string_view value);
// Checks what only the whole can say: no TLS only for a loopback relay.
Status checkMailSettings(const MailSettings& settings);
// True for "localhost", 127.0.0.0/8 and ::1.
bool isLoopbackHost(std::string_view host);

// The settings in force: each stored value, or its default (the school's own
// name for mail.school_name). A stored value that is wrong keeps the default
// and adds to `warnings`.
Result<MailSettings> loadMailSettings(store::Store& store, policy::SchoolId school,
                                      std::vector<std::string>& warnings);

}  // namespace esafety::control
