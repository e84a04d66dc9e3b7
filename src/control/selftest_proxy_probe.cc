// The self-test's request through the proxy (selftest_probe.h), and where
// the running serve listens.
#include <curl/curl.h>
#include <fmt/format.h>

#include <memory>
#include <mutex>

#include "control/selftest_probe.h"

namespace esafety::control {
namespace {

constexpr size_t kMaxBody = 256 * 1024;  // the block page is a few KiB

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

size_t keepBody(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const size_t n = size * count;
  if (body->size() < kMaxBody) body->append(data, std::min(n, kMaxBody - body->size()));
  return n;
}

// "0.0.0.0" and "::" listen everywhere: the check connects to loopback.
std::string connectHost(const Endpoint& ep) {
  if (ep.host == "0.0.0.0" || ep.host.empty()) return "127.0.0.1";
  if (ep.host == "::") return "::1";
  return ep.host;
}

std::optional<Endpoint> firstOf(const std::vector<Endpoint>& listen) {
  if (listen.empty()) return std::nullopt;
  for (const Endpoint& ep : listen) {  // an IPv4 one first: self-test addresses are IPv4 as a rule
    if (ep.host.find(':') == std::string::npos) return Endpoint{connectHost(ep), ep.port};
  }
  return Endpoint{connectHost(listen.front()), listen.front().port};
}

// "<dt>Group</dt><dd>KS1</dd>" on the block page; "" when it has none.
std::string_view pageGroup(std::string_view body) {
  constexpr std::string_view kTerm = "<dt>Group</dt><dd>";
  const size_t at = body.find(kTerm);
  if (at == std::string_view::npos) return {};
  const size_t start = at + kTerm.size();
  const size_t end = body.find("</dd>", start);
  if (end == std::string_view::npos) return {};
  return body.substr(start, end - start);
}

}  // namespace

SelftestListeners listenersFrom(const ServeConfig& config) {
  SelftestListeners out;
  out.timeout_ms = static_cast<int>(config.selftest.timeout_ms);
  if (config.proxy.enabled) out.proxy = firstOf(config.proxy.listen);
  if (config.dns.enabled) out.dns = firstOf(config.dns.listen);
  const std::string& mode = config.dns.block_answer;
  if (mode == "zero") {
    out.dns_block.mode = DnsBlockAnswer::Mode::kZero;
  } else if (mode == "blockpage") {
    out.dns_block.mode = DnsBlockAnswer::Mode::kAddress;
    out.dns_block.addresses.push_back(connectHost(config.console.listen));
    auto scheme = config.console.public_url.find("://");
    if (scheme != std::string::npos) {
      std::string_view rest = std::string_view(config.console.public_url).substr(scheme + 3);
      rest = rest.substr(0, rest.find_first_of(":/"));
      out.dns_block.addresses.emplace_back(rest);
    }
  }
  return out;
}

ProbeResult readProxyAnswer(long status, std::string_view body, std::string_view group) {
  using store::SelftestOutcome;
  if (status == 0) return {SelftestOutcome::kError, "no answer from the proxy"};
  if (status == 407) return {SelftestOutcome::kError, "the proxy asked for credentials (407)"};
  if (status == 511 || status == 302) {
    return {SelftestOutcome::kError,
            fmt::format("the proxy sent the test address to sign in ({})", status)};
  }
  const bool block_page = status == 403 && body.find("<span class=\"ref\">") != std::string_view::npos;
  if (!block_page) return {SelftestOutcome::kAllowed, fmt::format("HTTP {} past the filter", status)};
  const std::string_view shown = pageGroup(body);
  if (!shown.empty() && shown != group) {
    return {SelftestOutcome::kError,
            fmt::format("blocked, but as group '{}', not {}", shown.substr(0, 80), group)};
  }
  return {SelftestOutcome::kBlocked, "403 block page"};
}

ProbeResult NetworkProber::proxy(const SelftestTarget& target) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (!listeners_.proxy) return {store::SelftestOutcome::kError, "the proxy is off"};
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return {store::SelftestOutcome::kError, "libcurl could not start"};
  CURL* c = curl.get();
  const Endpoint& p = *listeners_.proxy;
  const std::string proxy_url = p.host.find(':') == std::string::npos
                                    ? fmt::format("http://{}:{}", p.host, p.port)
                                    : fmt::format("http://[{}]:{}", p.host, p.port);
  const std::string source = "host!" + target.source_ip;
  std::string body;
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_URL, target.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http");
  curl_easy_setopt(c, CURLOPT_PROXY, proxy_url.c_str());
  curl_easy_setopt(c, CURLOPT_NOPROXY, "");  // the test URL always goes through the proxy
  curl_easy_setopt(c, CURLOPT_INTERFACE, source.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keepBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(listeners_.timeout_ms));
  curl_easy_setopt(c, CURLOPT_USERAGENT, "esafety-selftest");
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) {
    return {store::SelftestOutcome::kError,
            fmt::format("through the proxy at {}: {}", proxy_url,
                        error[0] != '\0' ? error : curl_easy_strerror(code))};
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  return readProxyAnswer(status, body, target.group);
}

}  // namespace esafety::control
