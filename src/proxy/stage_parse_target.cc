// parse-target (request_stages.h): what the client asked for, normalised, or
// a refusal that says what is wrong with it.
#include <boost/beast/core/string.hpp>

#include <fmt/format.h>

#include "proxy/request_stages.h"

namespace esafety::proxy {
namespace {

Outcome refuse(RequestContext& request, http::status status, std::string_view reason) {
  request.record.event().verdict = policy::Verdict::kBlock;
  return Outcome::respond(badRequestResponse(status, reason), Tally::kBadRequest);
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() > prefix.size() && beast::iequals(text.substr(0, prefix.size()), prefix);
}

// Inside an inspected connection, requests name a path ("/page"); the site
// is the one the CONNECT named. Empty when the target is neither a path nor
// an https:// URL.
std::string absoluteInsideTls(std::string_view target, const InspectedOrigin& origin) {
  if (!target.empty() && target[0] == '/') {
    std::string authority = origin.ipv6 ? "[" + origin.host + "]" : origin.host;
    return fmt::format("https://{}:{}{}", authority, origin.port, target);
  }
  if (startsWithNoCase(target, "https://")) return std::string(target);
  return {};
}

}  // namespace

Outcome parseHttpTarget(RequestContext& request) {
  std::string_view target = request.request.target();
  if (request.insideTls()) {
    request.target = absoluteInsideTls(target, *request.origin);
    if (request.target.empty()) return refuse(request, http::status::bad_request, "the request's address is not valid");
  } else if (startsWithNoCase(target, "http://")) {
    request.target = std::string(target);
  } else if (startsWithNoCase(target, "https://")) {
    return refuse(request, http::status::bad_request,
                  "HTTPS addresses go through the proxy with CONNECT, not as a plain request");
  } else {
    return refuse(request, http::status::bad_request,
                  "this is the school's web filter: set it as your browser's proxy "
                  "rather than visiting it directly");
  }
  auto url = classify::normalizeUrl(request.target);
  if (!url) return refuse(request, http::status::bad_request, url.status().message());
  if (url->had_userinfo) {
    return refuse(request, http::status::bad_request,
                  "web addresses with a user name or password in them are not allowed");
  }
  request.url = std::move(*url);
  events::Event& event = request.record.event();
  event.setUrl(request.insideTls() ? "https://" + request.url->toString() : request.url->toString());
  // A search on a search engine: the words go on the event, for the log
  // and for monitoring.
  request.search_term = search::extractSearchTerm(*request.url);
  if (request.search_term) event.truncated |= !event.search_terms.assign(request.search_term->term);
  if (request.insideTls() && request.url->host != request.origin->host) {
    return refuse(request, http::status::bad_request,
                  "a request inside a secure connection must be for the same site");
  }
  return Outcome::proceed();
}

Outcome parseConnectTarget(RequestContext& request) {
  request.target = std::string(request.request.target());
  auto url = classify::normalizeUrl(request.target);
  if (!url || url->port == 0 || !url->path.empty() || url->had_userinfo) {
    request.record.event().verdict = policy::Verdict::kBlock;
    return Outcome::respond(
        plainResponse(http::status::bad_request,
                      fmt::format("esafety: CONNECT needs host:port, not '{}'", request.target),
                      request.client_version),
        Tally::kBadRequest);
  }
  request.url = std::move(*url);
  return Outcome::proceed();
}

}  // namespace esafety::proxy
