// POST /api/v1/session (sign in), GET (who am I), DELETE (sign out).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "console/routes.h"
#include "control/people_admin.h"
#include "identity/totp.h"

namespace esafety::console {
namespace {

using nlohmann::json;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string cookie(const ApiContext& ctx, std::string_view value, int64_t max_age) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
                     ApiRouter::kSessionCookie, value, max_age, ctx.secure_cookies ? "; Secure" : "");
}

constexpr int64_t kTotpSetupSeconds = 600;

// The second step for the roles that need it (identity/totp.h), after the
// right password: nullopt when the person may sign in now, else the answer.
// Without a code: 401 asking for one, and for a person who has not set it up
// yet, the new secret to add to an authenticator app (as text and as an
// otpauth:// URI). A wrong code counts as a wrong password for the back-off.
std::optional<ApiResponse> secondStep(ApiContext& ctx, const ApiRequest& req, const json& body,
                                      const identity::Person& person, const std::string& email) {
  if (!identity::needsTotp(person.role)) return std::nullopt;
  control::PeopleAdmin people(ctx.store, ctx.school, ctx.clock);
  auto enforced = people.totpEnforced();
  if (!enforced) return errorResponse(503, "The console cannot read its settings: " + enforced.status().message());
  if (!*enforced) return std::nullopt;
  const int64_t now = ctx.clock.nowUnix();
  std::string code = body.contains("code") && body["code"].is_string() ? body["code"].get<std::string>() : "";
  std::string secret = person.totp_secret;
  bool setting_up = secret.empty();
  if (setting_up) {
    auto pending = ctx.totp_pending.find(person.id);
    if (pending == ctx.totp_pending.end() || pending->second.expires_at <= now) {
      pending = ctx.totp_pending.insert_or_assign(person.id, ApiContext::PendingTotp{identity::generateTotpSecret(), now + kTotpSetupSeconds}).first;
    }
    secret = pending->second.secret;
  }
  if (code.empty()) {
    json out = {{"error", setting_up ? "Set up two-step sign-in: add this key to your authenticator app, then enter the six-digit code it shows."
                                     : "Enter the six-digit code from your authenticator app."},
                {"code_required", true}};
    if (setting_up) {
      std::string school = "esafety";
      if (auto s = ctx.store.school(ctx.school); s && *s) school = "esafety (" + (*s)->name + ")";
      out["totp_setup"] = {{"secret", secret}, {"uri", identity::otpauthUri(school, email, secret)}};
    }
    return jsonResponse(401, out);
  }
  if (!identity::checkTotp(secret, code, now)) {
    ctx.throttle.recordFailure(email, req.client_ip);
    return jsonResponse(401, {{"error", "That code is not right. Check the time on your phone, then try the newest code."},
                              {"code_required", true}});
  }
  if (setting_up) {
    if (Status s = people.setUpTotp(person.id, secret, email); !s.isOk()) {
      return errorResponse(503, "Two-step sign-in cannot be saved: " + s.message());
    }
    ctx.totp_pending.erase(person.id);
  }
  return std::nullopt;
}

ApiResponse signIn(ApiContext& ctx, const ApiRequest& req) {
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("email") || !body["email"].is_string() ||
      !body.contains("password") || !body["password"].is_string()) {
    return errorResponse(400, "Give an email and a password.");
  }
  std::string email = lower(body["email"].get<std::string>());
  std::string password = body["password"].get<std::string>();
  if (int64_t wait = ctx.throttle.retryAfter(email, req.client_ip); wait > 0) {
    ApiResponse r = jsonResponse(429, {{"error", "Too many wrong passwords. Wait, then try again."},
                                       {"retry_after_s", wait}});
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
  }
  control::PeopleAdmin people(ctx.store, ctx.school, ctx.clock);
  auto person = people.authenticate(email, password);
  if (!person && person.status().code() != StatusCode::kPermissionDenied) {
    return errorResponse(503, "The console cannot read its accounts: " + person.status().message());
  }
  // Pupils, year-group logins and visitors sign in to browse, not to the console.
  if (!person || person->kind != identity::PersonKind::kStaff) {
    ctx.throttle.recordFailure(email, req.client_ip);
    bool deactivated = !person && person.status().message().starts_with("this account is deactivated");
    return errorResponse(401, deactivated ? "This account is deactivated. Ask the school office."
                                          : "That email and password do not match a staff account.");
  }
  if (auto second = secondStep(ctx, req, body, *person, email)) return *second;
  ctx.throttle.recordSuccess(email, req.client_ip);
  const identity::Person& p = *person;
  int64_t now = ctx.clock.nowUnix();
  ConsoleSession s;
  s.person = p.id;
  s.name = p.name;
  s.email = p.email.empty() ? p.login : p.email;
  s.role = p.role;
  s.idle_s = ctx.idle_minutes * 60;
  s.expires_at = identity::sessionExpiry(p.kind, now, ctx.limits);
  const ConsoleSession& made = ctx.sessions.create(std::move(s));
  ApiResponse r = jsonResponse(200, {{"user", userJson(made)}, {"csrf", made.csrf}});
  r.headers.emplace_back("Set-Cookie", cookie(ctx, made.id, made.expires_at - now));
  return r;
}

}  // namespace

json userJson(const ConsoleSession& s) {
  json permissions = json::array();
  for (size_t i = 0; i < identity::kPermissionCount; ++i) {
    auto p = static_cast<identity::Permission>(i);
    if (identity::allowed(s.role, p)) permissions.push_back(identity::permissionName(p));
  }
  return {{"name", s.name}, {"email", s.email}, {"role", identity::roleName(s.role)},
          {"permissions", permissions}};
}

void addSessionRoutes(ApiRouter& router, ApiContext& ctx) {
  router.addPublic("POST", "/api/v1/session",
                   [&ctx](const ApiRequest& req, const ConsoleSession*) { return signIn(ctx, req); });
  router.addPublic("GET", "/api/v1/session", [](const ApiRequest&, const ConsoleSession* s) {
    if (s == nullptr) return errorResponse(401, "Please sign in.");
    return jsonResponse(200, {{"user", userJson(*s)}, {"csrf", s->csrf}});
  });
  router.addPublic("DELETE", "/api/v1/session", [&ctx](const ApiRequest& req, const ConsoleSession* s) {
    if (s != nullptr) {
      if (req.csrf_token != s->csrf) return errorResponse(403, "Reload the page and try again.");
      ctx.sessions.end(s->id);
    }
    ApiResponse r;
    r.status = 204;
    r.headers.emplace_back("Set-Cookie", cookie(ctx, "", 0));
    return r;
  });
}

}  // namespace esafety::console
