// Mail: the outbox (what waits, what fails and why, what went lately) and
// the mail settings, for the console's Mail page. The same service as
// `esafety mail` (control/mail_admin.h); this file turns the page's fields
// into settings and the checks' refusals into 400s naming the field. The
// password is write-only: it is accepted here and never sent back.
#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

#include "console/json_body.h"
#include "console/routes.h"
#include "control/mail_admin.h"
#include "control/mail_json.h"

namespace esafety::console {
namespace {

using nlohmann::json;

struct Field {
  std::string_view json;  // the API's field
  std::string_view key;   // the stored setting
};

constexpr Field kFields[] = {
    {"smtp_host", "mail.smtp_host"},     {"smtp_port", "mail.smtp_port"},
    {"security", "mail.security"},       {"username", "mail.username"},
    {"password", "mail.password"},       {"from", "mail.from"},
    {"school_name", "mail.school_name"}, {"public_url", "mail.public_url"},
    {"ca_file", "mail.ca_file"},
};

// The API field for a message naming a stored key ("mail.smtp_port: ...").
std::string_view fieldOf(std::string_view message) {
  for (const Field& f : kFields) {
    if (message.starts_with(f.key) && message.substr(f.key.size()).starts_with(":")) return f.json;
  }
  return "";
}

ApiResponse mailPage(ApiContext& ctx) {
  control::MailAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto settings = admin.settings();
  if (!settings) return statusResponse(settings.status(), "The mail settings cannot be read");
  auto mails = admin.outbox();
  if (!mails) return statusResponse(mails.status(), "The outbox cannot be read");
  json list = json::array();
  for (const auto& m : *mails) list.push_back(control::outboxMailJson(m));
  return jsonResponse(200, {{"settings", control::mailSettingsJson(*settings)}, {"mail", list}});
}

ApiResponse saveSettings(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& s) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Send the mail settings to change as a JSON object.");
  std::vector<control::SettingChange> changes;
  for (const Field& f : kFields) {
    if (!body->contains(f.json)) continue;
    const json& v = (*body)[std::string(f.json)];
    std::string value;
    if (f.json == "smtp_port" && v.is_number_integer()) {
      value = std::to_string(v.get<int64_t>());
    } else if (v.is_string()) {
      value = v.get<std::string>();
    } else {
      return jsonResponse(400, {{"error", fmt::format("{} must be text.", f.json)}, {"field", f.json}});
    }
    changes.push_back({std::string(f.key), std::move(value)});
  }
  control::MailAdmin admin(ctx.store, ctx.school, ctx.clock);
  Status saved = admin.changeSettings(changes, s.email);
  if (saved.code() == StatusCode::kInvalidArgument) {
    return jsonResponse(400, {{"error", saved.message()}, {"field", fieldOf(saved.message())}});
  }
  if (!saved.isOk()) return statusResponse(saved, "The mail settings cannot be saved");
  auto settings = admin.settings();
  if (!settings) return statusResponse(settings.status(), "The mail settings cannot be read");
  return jsonResponse(200, control::mailSettingsJson(*settings));
}

// POST {"address": "dsl@school.example"}: queued; the page watches the outbox.
ApiResponse sendTest(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& s) {
  auto body = jsonBody(req);
  if (!body || !body->contains("address") || !(*body)["address"].is_string()) {
    return errorResponse(400, "Give the address to send the test mail to.");
  }
  control::MailAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto id = admin.queueTestMail((*body)["address"].get<std::string>(), s.email);
  if (!id) return statusResponse(id.status(), "The test mail cannot be queued");
  return jsonResponse(202, {{"id", *id}});
}

ApiResponse retryNow(ApiContext& ctx, const ConsoleSession& s) {
  auto due = control::MailAdmin(ctx.store, ctx.school, ctx.clock).retryNow(s.email);
  if (!due) return statusResponse(due.status(), "The outbox cannot be changed");
  return jsonResponse(200, {{"due", *due}});
}

}  // namespace

void addMailRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/mail", Permission::kViewMailOutbox,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return mailPage(ctx); });
  router.add("PUT", "/api/v1/settings/mail", Permission::kManageSettings,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return saveSettings(ctx, req, *s); });
  router.add("POST", "/api/v1/mail/test", Permission::kManageSettings,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return sendTest(ctx, req, *s); });
  router.add("POST", "/api/v1/mail/retry", Permission::kManageSettings,
             [&ctx](const ApiRequest&, const ConsoleSession* s) { return retryNow(ctx, *s); });
}

}  // namespace esafety::console
