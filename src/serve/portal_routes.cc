#include "serve/portal_routes.h"

#include <boost/url/parse_query.hpp>

#include <ctime>

#include <fmt/format.h>

#include "identity/identity_resolver.h"
#include "identity/sign_in.h"
#include "policy/policy_holder.h"
#include "pages/console_url.h"
#include "pages/page_headers.h"
#include "serve/portal_page.h"

namespace esafety::serve {
namespace {

struct Form {
  std::string login, password, token, return_url;
};

std::string decodeValue(std::string_view text) {
  // application/x-www-form-urlencoded writes spaces as '+'.
  std::string form;
  for (char c : text) form += c == '+' ? std::string("%20") : std::string(1, c);
  return form;
}

// Fields from a form body or a query string; unknown ones are ignored.
Form parseForm(std::string_view text) {
  Form f;
  const std::string plain = decodeValue(text);  // parse_query's view points into it
  auto encoded = boost::urls::parse_query(plain);
  if (!encoded) return f;
  for (auto param : *encoded) {
    std::string key = param.key.decode();
    std::string value = param.value.decode();
    if (value.size() > 2048) continue;
    if (key == "login") f.login = std::move(value);
    if (key == "password") f.password = std::move(value);
    if (key == "token") f.token = std::move(value);
    if (key == "return") f.return_url = std::move(value);
  }
  return f;
}

// Only a plain http(s) address goes back into a link or a redirect.
std::string safeReturn(std::string_view url) {
  if (url.size() > 2048) return "";
  if (!url.starts_with("http://") && !url.starts_with("https://")) return "";
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') return "";
  }
  return std::string(url);
}

// Children's words for a pupil's group (before signing in, the device's).
pages::Audience audienceOf(const identity::ResolvedClient& who) {
  const policy::GroupPolicy* group = who.identity.group;
  return group && policy::isPupilGroup(group->config.name) ? pages::Audience::kChild
                                                           : pages::Audience::kAdult;
}

std::string clockTime(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm local{};
  localtime_r(&t, &local);
  return fmt::format("{:02}:{:02}", local.tm_hour, local.tm_min);
}

}  // namespace

PortalRoutes::PortalRoutes(const identity::IdentityResolver& resolver, policy::PolicyHolder& policy,
                           const Clock& clock, std::string console_base)
    : resolver_(resolver),
      desk_(*resolver.desk()),
      policy_(policy),
      clock_(clock),
      console_base_(std::move(console_base)) {}

void PortalRoutes::identify(const PortalRequest& request, const policy::Snapshot& snapshot,
                            identity::ResolvedClient& out) const {
  resolver_.resolve({.address = std::span<const uint8_t>(request.client_address),
                     .kind = identity::RequestKind::kAddressOnly},
                    snapshot, out);
}

bool PortalRoutes::handles(std::string_view path) {
  return path == "/portal" || path == "/visitor" || path == "/portal/signout";
}

PortalReply PortalRoutes::page(int status, std::string html) const {
  PortalReply reply{status, std::move(html), {}};
  for (auto& h : pages::pageHeaders(console_base_)) {
    if (h.first == "Content-Security-Policy") {
      // Browsers apply form-action to the redirect after a post too: signing
      // in ends with a 303 to the page the person wanted, on any site.
      if (auto at = h.second.find("form-action "); at != std::string::npos) {
        size_t end = h.second.find(';', at);
        h.second.insert(end == std::string::npos ? h.second.size() : end, " http: https:");
      }
    }
    reply.headers.push_back(std::move(h));
  }
  return reply;
}

PortalReply PortalRoutes::handle(const PortalRequest& request) const {
  std::string_view target = request.target;
  std::string_view path = target.substr(0, target.find('?'));
  std::string_view query = path.size() < target.size() ? target.substr(path.size() + 1) : "";
  const int64_t now = clock_.nowUnix();
  auto snapshot = policy_.current();
  identity::ResolvedClient who;
  identify(request, *snapshot, who);
  const pages::Audience audience = audienceOf(who);
  if (request.post) {
    // A form posted from another site: refused before anything else.
    std::string origin = pages::consoleOrigin(console_base_);
    if (!request.origin.empty() && request.origin != "null" && !origin.empty() &&
        request.origin != origin) {
      return page(403, renderPortalForm({.form_action = pages::consoleUrl(console_base_, "/portal"),
                                         .token = tokens_.issue(request.client_ip, now),
                                         .error = "That form came from another website, so it "
                                                  "was not used. Please sign in here.",
                                         .audience = audience}));
    }
    return path == "/portal/signout" ? signOut(request) : signIn(request);
  }
  Form asked = parseForm(query);
  std::string return_url = safeReturn(asked.return_url);
  // The desk's own session for this address (a device lent to a pupil
  // browses as the pupil meanwhile, but its sign-in can still be ended here).
  if (auto binding = desk_.bindings().find(request.client_ip, now)) {
    return page(200, renderPortalSignedIn({.name = binding->person_name,
                                           .group = binding->group,
                                           .until = clockTime(binding->expires_at),
                                           .return_url = return_url,
                                           .signout_action = pages::consoleUrl(console_base_, "/portal/signout"),
                                           .token = tokens_.issue(request.client_ip, now),
                                           .audience = audience}));
  }
  return page(200, renderPortalForm({.form_action = pages::consoleUrl(console_base_, "/portal"),
                                     .token = tokens_.issue(request.client_ip, now),
                                     .return_url = return_url,
                                     .visitor_hint = path == "/visitor",
                                     .audience = audience}));
}

PortalReply PortalRoutes::signIn(const PortalRequest& request) const {
  const int64_t now = clock_.nowUnix();
  Form form = parseForm(request.body);
  std::string return_url = safeReturn(form.return_url);
  auto snapshot = policy_.current();
  identity::ResolvedClient who;
  identify(request, *snapshot, who);
  const pages::Audience audience = audienceOf(who);
  auto again = [&](int status, std::string error) {
    return page(status, renderPortalForm({.form_action = pages::consoleUrl(console_base_, "/portal"),
                                          .token = tokens_.issue(request.client_ip, now),
                                          .return_url = return_url,
                                          .login = form.login,
                                          .error = std::move(error),
                                          .audience = audience}));
  };
  if (!tokens_.check(form.token, request.client_ip, now)) {
    return again(403, "This page was open for too long. Please sign in again.");
  }
  identity::SignInOutcome out = desk_.signIn({.login = form.login,
                                              .password = form.password,
                                              .client_ip = request.client_ip,
                                              .registered_device = !who.unknown_device});
  if (out.retry_after_s > 0) {
    PortalReply reply = again(429, out.status.message());
    reply.headers.emplace_back("Retry-After", std::to_string(out.retry_after_s));
    return reply;
  }
  if (!out.binding) {
    int status = out.status.code() == StatusCode::kPermissionDenied ||
                         out.status.code() == StatusCode::kInvalidArgument
                     ? 401
                     : 503;
    return again(status, out.status.message());
  }
  if (!return_url.empty()) {
    PortalReply reply = page(303, renderPortalSignedIn({.name = out.binding->person_name,
                                                        .group = out.binding->group,
                                                        .until = clockTime(out.binding->expires_at),
                                                        .return_url = return_url,
                                                        .signout_action = pages::consoleUrl(console_base_, "/portal/signout"),
                                                        .token = tokens_.issue(request.client_ip, now),
                                                        .audience = audience}));
    reply.headers.emplace_back("Location", return_url);
    return reply;
  }
  return page(200, renderPortalSignedIn({.name = out.binding->person_name,
                                         .group = out.binding->group,
                                         .until = clockTime(out.binding->expires_at),
                                         .signout_action = pages::consoleUrl(console_base_, "/portal/signout"),
                                         .token = tokens_.issue(request.client_ip, now),
                                         .audience = audience}));
}

PortalReply PortalRoutes::signOut(const PortalRequest& request) const {
  const int64_t now = clock_.nowUnix();
  Form form = parseForm(request.body);
  const std::string portal = pages::consoleUrl(console_base_, "/portal");
  if (!tokens_.check(form.token, request.client_ip, now)) {
    return page(403, renderPortalForm({.form_action = portal,
                                       .token = tokens_.issue(request.client_ip, now),
                                       .error = "This page was open for too long. Please try again."}));
  }
  Status out = desk_.signOut(request.client_ip, "signed out");
  if (!out.isOk() && out.code() != StatusCode::kNotFound) {
    return page(503, renderPortalForm({.form_action = portal,
                                       .token = tokens_.issue(request.client_ip, now),
                                       .error = "Signing out did not work. Please try again."}));
  }
  return page(200, renderPortalSignedOut(portal, pages::Audience::kAdult));
}

}  // namespace esafety::serve
