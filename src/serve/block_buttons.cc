#include "serve/block_buttons.h"

#include <spdlog/spdlog.h>

#include <boost/url/parse_query.hpp>

#include "identity/block_button_token.h"
#include "pages/console_url.h"
#include "pages/html_escape.h"
#include "pages/page_frame.h"
#include "pages/page_headers.h"
#include "pages/reference.h"
#include "pages/thanks_page.h"
#include "serve/console_gate.h"

namespace esafety::serve {

namespace http = boost::beast::http;

namespace {

// "http://Site.example:8080/path" -> "site.example".
std::string urlHost(std::string_view url) {
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  return hostOnly(url);
}

}  // namespace

BlockButtons::BlockButtons(store::Store& store, const identity::FormTokens& tokens,
                           policy::PolicyHolder& policy, const Clock& clock, std::string events_path,
                           std::string console_base, MetricsRegistry& metrics)
    : store_(store), tokens_(tokens), policy_(policy), clock_(clock),
      events_path_(std::move(events_path)), console_base_(std::move(console_base)), metrics_(metrics) {}

BlockButtons::Form BlockButtons::parseForm(const std::string& body) {
  // application/x-www-form-urlencoded writes spaces as '+'.
  std::string form;
  form.reserve(body.size());
  for (char c : body) form += c == '+' ? std::string("%20") : std::string(1, c);
  Form out;
  if (auto encoded = boost::urls::parse_query(form)) {
    for (auto param : *encoded) {
      std::string key = param.key.decode();
      if (key == "ref") out.ref = param.value.decode();
      if (key == "token") out.token = param.value.decode();
      if (key == "why") out.why = param.value.decode();
    }
  }
  return out;
}

BlockButtons::Response BlockButtons::page(int status, std::string_view title, std::string_view words) const {
  std::string body = "<h1>" + pages::htmlEscape(title) + "</h1>\n<p>" + pages::htmlEscape(words) + "</p>\n";
  Response res{static_cast<http::status>(status), 11};
  for (const auto& [name, value] : pages::pageHeaders(console_base_)) res.set(name, value);
  res.body() = pages::renderPage({.title = title, .audience = pages::Audience::kChild, .body = body});
  res.prepare_payload();
  return res;
}

BlockButtons::Response BlockButtons::refuse(std::string_view reason, int status, std::string_view words) {
  metrics_
      .counter("esafety_block_buttons_refused_total",
               "Posts from the block page's buttons refused, by reason", {{"reason", std::string(reason)}})
      .inc();
  return page(status, "That did not work", words);
}

std::optional<events::Event> BlockButtons::findEvent(uint64_t reference) {
  if (!events_) {
    auto opened = events::SqliteEventStore::open(events_path_, clock_, {.read_only = true});
    if (!opened) return std::nullopt;  // no log yet: the token alone decides
    events_ = std::move(*opened);
  }
  events::EventQuery query;
  query.reference = reference;
  query.limit = 1;
  auto found = events_->query(query);
  if (!found || found->empty()) return std::nullopt;
  return found->front().event;
}

bool BlockButtons::originAllowed(std::string_view origin, const std::optional<events::Event>& event) const {
  // The block page sends no referrer, so browsers post its forms with
  // "Origin: null"; a tool sends none.
  if (origin.empty() || origin == "null") return true;
  if (origin == pages::consoleOrigin(console_base_)) return true;
  // Not in the log yet (it is written a moment after the page is sent): the
  // token, made for this reference and this address, has to do.
  if (!event) return true;
  return urlHost(origin) == urlHost(event->url.view());
}

BlockButtons::Response BlockButtons::handle(bool tell_teacher, const Request& req, const std::string& client_ip,
                                            std::span<const uint8_t> client_address) {
  const int64_t now = clock_.nowUnix();
  if (!limit_.allow(client_ip, now)) {
    Response res = refuse("rate", 429,
                          "This device has pressed the buttons too many times in a minute. Wait a minute "
                          "and try again, or tell a teacher yourself.");
    res.set(http::field::retry_after, std::to_string(std::max<int64_t>(1, limit_.retryAfter(client_ip, now))));
    return res;
  }
  Form form = parseForm(req.body());
  auto reference = pages::parseReference(form.ref);
  if (!reference) {
    return refuse("reference", 400, "That reference number is not one esafety made: " + reference.status().message());
  }
  if (!tokens_.check(form.token, identity::blockButtonSubject(*reference, client_ip), now,
                     identity::kBlockButtonTokenAge)) {
    return refuse("token", 403,
                  "This button only works on the page where the site was blocked, on the same device. Go back, "
                  "reload the page and press the button again, or tell a teacher yourself.");
  }
  std::optional<events::Event> event = findEvent(*reference);
  if (event && event->clientIpText() != client_ip) {
    return refuse("address", 403, "That blocked site was asked for by another device. Tell a teacher yourself.");
  }
  if (!originAllowed(req[http::field::origin], event)) {
    return refuse("origin", 403, "That button was pressed on another website's page. Tell a teacher yourself.");
  }
  store::InboxRequest request;
  request.kind = tell_teacher ? "tell-teacher" : "ask-check";
  request.reference = *reference;
  request.message = form.why.substr(0, 2000);
  request.client_ip = client_ip;
  auto id = store_.addInboxRequest(policy::kDefaultSchool, request);
  if (!id) {
    spdlog::error("could not store a block page request: {}", id.status().message());
    return page(503, "That did not work", "Sorry, that did not work. Please tell a teacher yourself.");
  }
  // Pupils get the child-friendly thank-you page.
  auto who = policy_.current()->identify(client_address);
  auto audience = who.group && policy::isPupilGroup(who.group->config.name) ? pages::Audience::kChild
                                                                             : pages::Audience::kAdult;
  Response res{http::status::ok, 11};
  for (const auto& [name, value] : pages::pageHeaders(console_base_)) res.set(name, value);
  res.body() = pages::renderThanksPage(
      tell_teacher ? pages::ThanksKind::kToldTeacher : pages::ThanksKind::kAskedCheck, audience);
  res.prepare_payload();
  return res;
}

}  // namespace esafety::serve
