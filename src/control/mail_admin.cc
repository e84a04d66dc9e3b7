#include "control/mail_admin.h"

#include <fmt/format.h>

#include "control/alert_mail.h"
#include "store/validation.h"

namespace esafety::control {

Result<MailSettingsView> MailAdmin::settings() {
  MailSettingsView view;
  auto loaded = loadMailSettings(store_, school_, view.warnings);
  if (!loaded) return loaded.status();
  view.settings = std::move(*loaded);
  view.password_set = !view.settings.password.empty();
  view.settings.password.clear();
  return view;
}

Status MailAdmin::checkSetting(std::string_view key, std::string_view value) {
  MailSettings scratch;
  return applyMailSetting(scratch, key, value);
}

Status MailAdmin::changeSettings(const std::vector<SettingChange>& changes, std::string_view actor) {
  if (changes.empty()) return invalidArgument("Nothing to change: no setting was given.");
  std::vector<std::string> warnings;
  auto merged = loadMailSettings(store_, school_, warnings);
  if (!merged) return merged.status();
  for (const SettingChange& c : changes) ESAFETY_RETURN_IF_ERROR(applyMailSetting(*merged, c.key, c.value));
  ESAFETY_RETURN_IF_ERROR(checkMailSettings(*merged));
  for (const SettingChange& c : changes) {
    ESAFETY_RETURN_IF_ERROR(store_.setSetting(school_, c.key, c.value, actor));
  }
  // Mail waiting for its next try goes now, with the new settings.
  return store_.retryQueuedMailNow(school_, clock_.nowUnix()).status();
}

Result<int64_t> MailAdmin::queueTestMail(std::string_view address, std::string_view actor) {
  ESAFETY_RETURN_IF_ERROR(store::validateActor(actor));
  ESAFETY_RETURN_IF_ERROR(store::validateMailAddress(address));
  auto view = settings();
  if (!view) return view.status();
  ESAFETY_RETURN_IF_ERROR(view->settings.readyToSend());
  store::NewMail mail;
  mail.kind = "test";
  mail.recipients = {std::string(address)};
  mail.subject = fmt::format("esafety: a test mail for {}", view->settings.school_name);
  mail.body = fmt::format(
      "This is a test mail from esafety at {}, asked for by {}.\n\n"
      "If you can read it, alerts will reach you by mail.\n",
      view->settings.school_name, actor);
  auto id = store_.enqueueMail(school_, mail);
  if (!id) return id.status();
  ESAFETY_RETURN_IF_ERROR(store_.appendAudit(school_, actor, "mail.test", std::string(address),
                                             fmt::format("test mail {} queued", *id), ""));
  return id;
}

Result<int64_t> MailAdmin::queueAlertMail(const AlertMailRequest& request) {
  auto view = settings();
  if (!view) return view.status();
  AlertMailText text = renderAlertMail(view->settings.school_name, view->settings.public_url,
                                       request.level, request.alert_id);
  return store_.enqueueMail(school_, {.kind = "alert",
                                      .recipients = request.recipients,
                                      .subject = std::move(text.subject),
                                      .body = std::move(text.body),
                                      .dedupe_key = request.dedupe_key});
}

Result<std::vector<store::OutboxMail>> MailAdmin::outbox(int limit) {
  return store_.outbox(school_, clock_.nowUnix() - kSentMailShownSeconds, limit);
}

Result<std::optional<store::OutboxMail>> MailAdmin::mail(int64_t id) {
  return store_.outboxMail(school_, id);
}

Result<int> MailAdmin::retryNow(std::string_view actor) {
  ESAFETY_RETURN_IF_ERROR(store::validateActor(actor));
  auto made_due = store_.retryQueuedMailNow(school_, clock_.nowUnix());
  if (!made_due) return made_due.status();
  ESAFETY_RETURN_IF_ERROR(store_.appendAudit(school_, actor, "mail.retry", "outbox",
                                             fmt::format("{} mail due now", *made_due), ""));
  return made_due;
}

}  // namespace esafety::control
