#include "console/sign_in_flow.h"

#include <fmt/format.h>

#include "console/routes.h"
#include "control/people_admin.h"
#include "control/totp_keys.h"
#include "core/text.h"
#include "identity/totp.h"

namespace esafety::console {
namespace {

using nlohmann::json;

ApiResponse withRetryAfter(ApiResponse r, int64_t seconds) {
  r.headers.emplace_back("Retry-After", std::to_string(seconds));
  return r;
}

constexpr int64_t kTotpSetupSeconds = 600;

// The second step for the roles that need it (identity/totp.h), after the
// right password: nullopt when the person may sign in now, else the answer.
// Without a code: 401 asking for one, and for a person who has not set it up
// yet, the new secret to add to an authenticator app (as text and as an
// otpauth:// URI). A wrong code, or a right one already used, counts as a
// wrong password for the back-off.
std::optional<ApiResponse> secondStep(ApiContext& ctx, const ApiRequest& req,
                                      const PendingSignIn& pending, const identity::Person& person) {
  if (!identity::needsTotp(person.role)) return std::nullopt;
  control::PeopleAdmin people(ctx.store, ctx.school, ctx.clock);
  auto enforced = people.totpEnforced();
  if (!enforced) return errorResponse(503, "The console cannot read its settings: " + enforced.status().message());
  if (!*enforced) return std::nullopt;
  const int64_t now = ctx.clock.nowUnix();
  auto sealer = ctx.sealer();
  if (!sealer) return errorResponse(503, "Two-step sign-in cannot be checked: " + sealer.status().message());
  auto stored = control::openTotpSecret(**sealer, person);
  if (!stored) return errorResponse(503, "Two-step sign-in cannot be checked: " + stored.status().message());
  std::string secret = std::move(*stored);
  bool setting_up = secret.empty();
  if (setting_up) {
    auto it = ctx.totp_pending.find(person.id);
    if (it == ctx.totp_pending.end() || it->second.expires_at <= now) {
      it = ctx.totp_pending.insert_or_assign(person.id, ApiContext::PendingTotp{identity::generateTotpSecret(), now + kTotpSetupSeconds}).first;
    }
    secret = it->second.secret;
  }
  if (pending.code.empty()) {
    json out = {{"error", setting_up ? "Set up two-step sign-in: add this key to your authenticator app, then enter the six-digit code it shows."
                                     : "Enter the six-digit code from your authenticator app."},
                {"code_required", true}};
    if (setting_up) {
      std::string school = "esafety";
      if (auto s = ctx.store.school(ctx.school); s && *s) school = "esafety (" + (*s)->name + ")";
      out["totp_setup"] = {{"secret", secret}, {"uri", identity::otpauthUri(school, pending.email, secret)}};
    }
    return jsonResponse(401, out);
  }
  auto step = identity::matchTotpStep(secret, pending.code, now);
  if (!step) {
    ctx.loginThrottle().recordFailure(pending.email, req.client_ip);
    return jsonResponse(401, {{"error", "That code is not right. Check the time on your phone, then try the newest code."},
                              {"code_required", true}});
  }
  if (setting_up) {
    if (Status s = people.setUpTotp(**sealer, person.id, secret, pending.email); !s.isOk()) {
      return errorResponse(503, "Two-step sign-in cannot be saved: " + s.message());
    }
    ctx.totp_pending.erase(person.id);
  }
  auto fresh = ctx.store.claimTotpStep(ctx.school, person.id, *step);
  if (!fresh) return errorResponse(503, "Two-step sign-in cannot be checked: " + fresh.status().message());
  if (!*fresh) {
    ctx.loginThrottle().recordFailure(pending.email, req.client_ip);
    return jsonResponse(401, {{"error", "That code has been used already. Wait for the next code, then enter it."},
                              {"code_required", true}});
  }
  return std::nullopt;
}

}  // namespace

std::string sessionCookie(const ApiContext& ctx, std::string_view value, int64_t max_age) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
                     ApiRouter::kSessionCookie, value, max_age, ctx.secure_cookies ? "; Secure" : "");
}

ApiResponse passwordChecksBusy(int64_t retry_after_s) {
  return withRetryAfter(
      jsonResponse(503, {{"error", "Many people are signing in just now. Please try again in a moment."},
                         {"retry_after_s", retry_after_s}}),
      retry_after_s);
}

std::variant<ApiResponse, PendingSignIn> beginSignIn(ApiContext& ctx, const ApiRequest& req) {
  if (!req.body.empty() && !req.content_type.starts_with("application/json")) {
    return errorResponse(415, "Send JSON, with Content-Type: application/json.");
  }
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("email") || !body["email"].is_string() ||
      !body.contains("password") || !body["password"].is_string()) {
    return errorResponse(400, "Give an email and a password.");
  }
  if (body.contains("code") && !body["code"].is_string()) {
    return errorResponse(400, "code: give the six digits as a string.");
  }
  PendingSignIn pending{.email = asciiLower(trim(body["email"].get<std::string>())),
                        .password = body["password"].get<std::string>(),
                        .code = body.value("code", std::string())};
  // Before any hashing: a guesser from one address, at one account, or at
  // one account from one address waits here, whatever the email.
  identity::Lockout lockout = ctx.loginThrottle().lockout(pending.email, req.client_ip);
  if (lockout.seconds > 0) {
    return withRetryAfter(jsonResponse(429, {{"error", identity::lockoutMessage(lockout)},
                                             {"retry_after_s", lockout.seconds}}),
                          lockout.seconds);
  }
  return pending;
}

PasswordCheck passwordCheck(const ApiContext& ctx, const PendingSignIn& pending) {
  return [&store = ctx.store, school = ctx.school, &clock = ctx.clock, pending] {
    control::PeopleAdmin people(store, school, clock);
    return people.authenticate(pending.email, pending.password);
  };
}

ApiResponse finishSignIn(ApiContext& ctx, const ApiRequest& req, const PendingSignIn& pending,
                         Result<identity::Person> person) {
  if (!person && person.status().code() != StatusCode::kPermissionDenied) {
    return errorResponse(503, "The console cannot read its accounts: " + person.status().message());
  }
  // Pupils, year-group logins and visitors sign in to browse, not to the console.
  if (!person || person->kind != identity::PersonKind::kStaff) {
    ctx.loginThrottle().recordFailure(pending.email, req.client_ip);
    bool deactivated = !person && person.status().message().starts_with("this account is deactivated");
    return errorResponse(401, deactivated ? "This account is deactivated. Ask the school office."
                                          : "That email and password do not match a staff account.");
  }
  if (auto second = secondStep(ctx, req, pending, *person)) return *second;
  ctx.loginThrottle().recordSuccess(pending.email, req.client_ip);
  const identity::Person& p = *person;
  int64_t now = ctx.clock.nowUnix();
  ConsoleSession s;
  s.person = p.id;
  s.name = p.name;
  s.email = p.email.empty() ? p.login : p.email;
  s.role = p.role;
  s.password_hash = p.password_hash;
  s.checked_generation = ctx.accountsGeneration();
  s.idle_s = ctx.idle_minutes * 60;
  s.expires_at = identity::sessionExpiry(p.kind, now, ctx.limits);
  const ConsoleSession& made = ctx.sessions.create(std::move(s));
  ApiResponse r = jsonResponse(200, {{"user", userJson(made)}, {"csrf", made.csrf}});
  r.headers.emplace_back("Set-Cookie", sessionCookie(ctx, made.id, made.expires_at - now));
  return r;
}

ApiResponse signInNow(ApiContext& ctx, const ApiRequest& req) {
  auto start = beginSignIn(ctx, req);
  if (auto* answer = std::get_if<ApiResponse>(&start)) return std::move(*answer);
  const PendingSignIn& pending = std::get<PendingSignIn>(start);
  return finishSignIn(ctx, req, pending, passwordCheck(ctx, pending)());
}

}  // namespace esafety::console
