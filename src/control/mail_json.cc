#include "control/mail_json.h"

namespace esafety::control {

std::string_view outboxStatus(const store::OutboxMail& mail) {
  switch (mail.state) {
    case store::MailState::kSent: return "sent";
    case store::MailState::kSending: return "sending";
    case store::MailState::kQueued: return mail.attempts > 0 ? "failing" : "queued";
  }
  return "queued";
}

nlohmann::json outboxMailJson(const store::OutboxMail& mail) {
  const bool sent = mail.state == store::MailState::kSent;
  return {{"id", mail.id},
          {"kind", mail.kind},
          {"recipients", mail.recipients},
          {"subject", mail.subject},
          {"status", outboxStatus(mail)},
          {"attempts", mail.attempts},
          {"last_error", mail.last_error},
          {"created_ms", mail.created_at * 1000},
          {"next_try_ms", sent ? 0 : mail.next_attempt_at * 1000},
          {"sent_ms", mail.sent_at.value_or(0) * 1000}};
}

nlohmann::json mailSettingsJson(const MailSettingsView& view) {
  const MailSettings& s = view.settings;
  Status ready = s.readyToSend();
  return {{"smtp_host", s.smtp_host},
          {"smtp_port", s.port()},
          {"security", smtpSecurityName(s.security)},
          {"username", s.username},
          {"password_set", view.password_set},
          {"from", s.from},
          {"school_name", s.school_name},
          {"public_url", s.public_url},
          {"ca_file", s.ca_file},
          {"ready", ready.isOk()},
          {"not_ready_because", ready.isOk() ? "" : ready.message()},
          {"warnings", view.warnings}};
}

}  // namespace esafety::control
