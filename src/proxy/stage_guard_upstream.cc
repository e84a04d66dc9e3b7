// guard-upstream (request_stages.h): the request must go somewhere the proxy
// may fetch from: a port the school allows, the CONNECT's own port inside
// an inspected tunnel, and never an internal address (upstream_guard.h).
#include <algorithm>

#include <fmt/format.h>

#include "pages/reference.h"
#include "proxy/request_stages.h"

namespace esafety::proxy {
namespace {

std::string_view categoryFor(pages::UpstreamRefusal kind) {
  switch (kind) {
    case pages::UpstreamRefusal::kInternalAddress: return "internal-address";
    case pages::UpstreamRefusal::kPort: return "http-port";
    case pages::UpstreamRefusal::kTunnelPort: return "tunnel-port";
  }
  return "upstream-refused";
}

std::string siteOf(const RequestContext& request, uint16_t port) {
  const classify::NormalizedUrl& url = *request.url;
  std::string host = url.host_kind == classify::HostKind::kIpv6 ? "[" + url.host + "]" : url.host;
  return port == 0 ? host : fmt::format("{}:{}", host, port);
}

// The address of an IP-literal host, checked without any lookup.
std::optional<Outcome> checkLiteral(RequestContext& request, const std::string& host) {
  if (request.url->host_kind == classify::HostKind::kName) return std::nullopt;
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) return std::nullopt;  // not a literal after all (a rewrite to a name): connect time checks it
  AddressKind kind = address.is_v4() ? request.shared.guard.check(host, address.to_v4().to_bytes())
                                     : request.shared.guard.check(host, address.to_v6().to_bytes());
  if (kind == AddressKind::kPublic) return std::nullopt;
  return refuseUpstream(request, AddressRefusal{kind, address.to_string()});
}

}  // namespace

Outcome guardUpstream(RequestContext& request, Outcome acted) {
  const auto& cfg = request.shared.config.proxy;
  if (acted.next == Next::kForward) {
    const uint16_t port = request.forward.port;
    if (request.insideTls()) {
      if (port != request.origin->port) {
        return refuseUpstream(request, pages::UpstreamRefusal::kTunnelPort,
                              fmt::format("this secure connection was opened for port {}, not {}",
                                          request.origin->port, port));
      }
    } else if (std::find(cfg.http_ports.begin(), cfg.http_ports.end(), port) == cfg.http_ports.end()) {
      return refuseUpstream(request, pages::UpstreamRefusal::kPort,
                            fmt::format("port {} is not one of the ports web pages are fetched from", port));
    }
    if (auto refused = checkLiteral(request, request.forward.host)) return std::move(*refused);
  } else if (acted.next == Next::kTunnel) {
    if (auto refused = checkLiteral(request, request.forward.host)) {
      return std::move(*refused);
    }
  }
  return acted;
}

Outcome refuseUpstream(RequestContext& request, pages::UpstreamRefusal kind, std::string_view detail,
                       AddressKind address_kind) {
  request.shared.stats.upstream_refused[static_cast<size_t>(kind)].fetch_add(1, std::memory_order_relaxed);
  events::Event& event = request.record.event();
  event.verdict = policy::Verdict::kBlock;
  event.category.assign(categoryFor(kind));
  request.record.addTag("upstream-refused");
  request.record.addTag(address_kind == AddressKind::kPublic ? categoryFor(kind) : addressKindTag(address_kind));
  const uint16_t port = request.connect() ? request.url->port : request.forward.port;
  if (request.connect()) {
    return Outcome::respond(
        plainResponse(http::status::forbidden,
                      fmt::format("esafety refused {}: {} (reference {})", siteOf(request, port), detail,
                                  pages::formatReference(request.record.reference())),
                      request.client_version),
        Tally::kBlocked);
  }
  const policy::GroupPolicy* group = request.access.who.group;
  pages::UpstreamRefusalInfo info;
  info.audience = group != nullptr && policy::isPupilGroup(group->config.name) ? pages::Audience::kChild
                                                                               : pages::Audience::kAdult;
  info.kind = kind;
  std::string site = siteOf(request, port);
  std::string reference = pages::formatReference(request.record.reference());
  info.site = site;
  info.detail = detail;
  info.reference = reference;
  const bool keep = request.keepAfterOwnPage();
  return Outcome::respond(upstreamRefusedResponse(info, request.client_version, keep), Tally::kBlocked, keep);
}

Outcome refuseUpstream(RequestContext& request, const AddressRefusal& refused) {
  return refuseUpstream(request, pages::UpstreamRefusal::kInternalAddress,
                        fmt::format("{} is {}", refused.address, addressKindWords(refused.kind)),
                        refused.kind);
}

}  // namespace esafety::proxy
