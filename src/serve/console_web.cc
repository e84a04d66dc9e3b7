#include "serve/console_web.h"

#include <boost/url/parse_query.hpp>

#include "console/api_router.h"
#include "console/assets.h"
#include "console/class_rooms.h"
#include "console/routes.h"
#include "control/data_dir.h"
#include "event_log/sqlite_event_store.h"
#include "identity/password_check_pool.h"

namespace esafety::serve {

namespace http = boost::beast::http;

struct ConsoleWeb::Impl {
  Impl(store::Store& store, const Clock& clock, const std::string& data_dir,
       const ServeConfig::Lists& lists)
      : context(store, clock, events::eventsDatabasePath(data_dir)), router(context.sessions) {
    context.index_path = control::DataDir{data_dir}.indexPath();
    context.data_dir = data_dir;
    context.list_folders = control::ListFolders::forDataDir(data_dir, lists);
    console::addAllRoutes(router, context);
  }
  console::ApiContext context;
  console::ApiRouter router;
};

ConsoleWeb::ConsoleWeb(store::Store& store, const Clock& clock, const std::string& data_dir,
                       bool secure_cookies, const ServeConfig::Lists& lists)
    : impl_(std::make_unique<Impl>(store, clock, data_dir, lists)) {
  impl_->context.secure_cookies = secure_cookies;
}

ConsoleWeb::~ConsoleWeb() = default;

namespace {

// Headers every console response carries: no framing by other sites, no
// script or style from anywhere but the console itself. A route that sets a
// stricter policy of its own keeps it (the printable report: no script at
// all, its inline style only).
void secure(ConsoleWeb::Response& res) {
  if (res.find("Content-Security-Policy") == res.end()) {
    res.set("Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  }
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "same-origin");
}

// The API's view of a request, without its body.
console::ApiRequest apiRequest(const ConsoleWeb::Request& req, const std::string& client_ip) {
  console::ApiRequest in;
  in.method = std::string(req.method_string());
  std::string_view target = req.target();
  size_t question = target.find('?');
  in.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) {
    // Forms write spaces as '+'.
    std::string query(target.substr(question + 1));
    for (char& c : query) {
      if (c == '+') c = ' ';
    }
    if (auto params = boost::urls::parse_query(query)) {
      for (auto p : *params) in.query[p.key.decode()] = p.value.decode();
    }
  }
  in.content_type = std::string(req[http::field::content_type]);
  in.cookie = std::string(req[http::field::cookie]);
  in.csrf_token = std::string(req["X-CSRF-Token"]);
  in.client_ip = client_ip;
  return in;
}

// The API's view of a whole request, body included.
console::ApiRequest apiRequestWithBody(const ConsoleWeb::Request& req, const std::string& client_ip) {
  console::ApiRequest in = apiRequest(req, client_ip);
  in.body = req.body();
  return in;
}

ConsoleWeb::Response httpResponse(console::ApiResponse out, bool with_body) {
  ConsoleWeb::Response res{static_cast<http::status>(out.status), 11};
  res.set(http::field::content_type, out.content_type);
  res.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : out.headers) res.insert(name, value);
  secure(res);
  if (with_body) res.body() = std::move(out.body);
  res.prepare_payload();
  return res;
}

ConsoleWeb::Response httpResponse(const ConsoleWeb::Request& req, console::ApiResponse out) {
  return httpResponse(std::move(out), req.method() != http::verb::head);
}

}  // namespace

ConsoleWeb::Response ConsoleWeb::api(const Request& req, const std::string& client_ip) {
  return httpResponse(req, impl_->router.handle(apiRequestWithBody(req, client_ip)));
}

std::optional<ConsoleWeb::Response> ConsoleWeb::refuseHead(const Request& head, const std::string& client_ip,
                                                           bool& needs_session) {
  console::ApiAdmission admission = impl_->router.admit(apiRequest(head, client_ip));
  needs_session = admission.route != nullptr && admission.route->permission.has_value();
  if (!admission.refusal) return std::nullopt;
  return httpResponse(std::move(*admission.refusal), true);
}

std::variant<ConsoleWeb::Response, std::string> ConsoleWeb::classStreamRoom(const Request& head,
                                                                           const std::string& client_ip) {
  console::ApiRequest request = apiRequest(head, client_ip);
  console::ApiAdmission admission = impl_->router.admit(request);
  if (admission.refusal) return httpResponse(std::move(*admission.refusal), true);
  if (admission.session == nullptr) return httpResponse(console::errorResponse(403, "Sign in first."), true);
  auto rooms = console::classRooms(impl_->context, *admission.session, request.param("room"));
  if (!rooms) {
    const int status = rooms.status().code() == StatusCode::kPermissionDenied ? 403 : 500;
    return httpResponse(console::errorResponse(status, rooms.status().message()), true);
  }
  return rooms->room;
}

bool ConsoleWeb::stillAdmitted(const Request& head, const std::string& client_ip) {
  console::ApiRequest request = apiRequest(head, client_ip);
  request.touch_session = false;
  return !impl_->router.admit(request).refusal.has_value();
}

void ConsoleWeb::setAlertNotifier(alerts::AlertNotifier* notifier) {
  impl_->context.alert_notifier = notifier;
}

void ConsoleWeb::connect(identity::LoginThrottle& throttle,
                         std::function<uint64_t()> accounts_generation) {
  impl_->context.shared_throttle = &throttle;
  impl_->context.watchAccounts(std::move(accounts_generation));
}

void ConsoleWeb::connectSelftest(control::SelftestRunner* runner) { impl_->context.selftest = runner; }

void ConsoleWeb::connectRestrictions(control::RestrictionPublisher* publisher) {
  impl_->context.restrictions = publisher;
}

bool ConsoleWeb::isSignIn(const Request& req) {
  return req.method() == http::verb::post && req.target() == "/api/v1/session";
}

std::variant<ConsoleWeb::Response, console::PendingSignIn> ConsoleWeb::beginSignIn(
    const Request& req, const std::string& client_ip) {
  auto start = console::beginSignIn(impl_->context, apiRequestWithBody(req, client_ip));
  if (auto* answer = std::get_if<console::ApiResponse>(&start)) {
    return httpResponse(req, std::move(*answer));
  }
  return std::get<console::PendingSignIn>(std::move(start));
}

console::PasswordCheck ConsoleWeb::passwordCheck(const console::PendingSignIn& pending) const {
  return console::passwordCheck(impl_->context, pending);
}

ConsoleWeb::Response ConsoleWeb::finishSignIn(const Request& req, const std::string& client_ip,
                                              const console::PendingSignIn& pending,
                                              Result<identity::Person> person) {
  return httpResponse(req, console::finishSignIn(impl_->context, apiRequestWithBody(req, client_ip),
                                                 pending, std::move(person)));
}

ConsoleWeb::Response ConsoleWeb::passwordChecksBusy(const Request& req) {
  return httpResponse(
      req, console::passwordChecksBusy(identity::PasswordCheckPool::kRetryAfterSeconds));
}

ConsoleWeb::Response ConsoleWeb::asset(const Request& req) {
  std::string_view target = req.target();
  std::string_view path = target.substr(0, target.find('?'));
  const console::Asset* a = console::assetForPath(path);
  Response res;
  res.version(11);
  secure(res);
  if (a == nullptr || (req.method() != http::verb::get && req.method() != http::verb::head)) {
    res.result(a == nullptr ? http::status::not_found : http::status::method_not_allowed);
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.body() = a == nullptr ? "There is no such file.\n" : "Only GET is allowed here.\n";
    res.prepare_payload();
    return res;
  }
  res.set(http::field::etag, a->etag);
  // Revalidated on every load: the names stay the same from release to release.
  res.set(http::field::cache_control, "no-cache");
  res.set(http::field::vary, "Accept-Encoding");
  if (req[http::field::if_none_match] == a->etag) {
    res.result(http::status::not_modified);
    return res;
  }
  res.result(http::status::ok);
  res.set(http::field::content_type, a->content_type);
  bool gzip = !a->gzip.empty() && req[http::field::accept_encoding].find("gzip") != std::string_view::npos;
  if (gzip) res.set(http::field::content_encoding, "gzip");
  std::string_view body = gzip ? a->gzip : a->body;
  if (req.method() == http::verb::head) {
    res.content_length(body.size());
  } else {
    res.body() = std::string(body);
    res.prepare_payload();
  }
  return res;
}

}  // namespace esafety::serve
