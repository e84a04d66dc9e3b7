// The page for a request the filter will not pass on because of where it
// goes rather than what it is: an address inside the school's own network
// (or this server itself), a port plain web pages are not fetched from, or
// a request inside a secure connection for another port than the one it
// was opened for. Not a block page: no category decided it, and no teacher
// can unblock it; the IT technician can allow an intranet server
// (`[proxy] internal_allow`) or a port (`[proxy] http_ports`).
//
//   UpstreamRefusalInfo info{.audience = Audience::kChild, .kind = UpstreamRefusal::kInternalAddress,
//                            .site = "intranet.example", .detail = "10.0.0.5 is a private network address"};
//   RenderedPage page = renderUpstreamRefusedPage(info);   // page.status == 403
//
// `site` and `detail` are untrusted (the site comes from the request) and
// are cut and escaped. Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string_view>

#include "pages/audience.h"
#include "pages/rendered_page.h"

namespace esafety::pages {

enum class UpstreamRefusal {
  kInternalAddress,  // the address is private, loopback, link-local, ... or this server's own
  kPort,             // plain HTTP to a port outside proxy.http_ports
  kTunnelPort,       // inside an inspected CONNECT, a request for another port
};

// "internal-address", "port", "tunnel-port": for logs and tags.
std::string_view upstreamRefusalName(UpstreamRefusal kind);

struct UpstreamRefusalInfo {
  Audience audience = Audience::kAdult;
  UpstreamRefusal kind = UpstreamRefusal::kInternalAddress;
  std::string_view site = {};    // the host (and port) asked for
  std::string_view detail = {};  // why, for "Technical details": "10.0.0.5 is a private network address"
  std::string_view reference = {};  // the event's reference code ("ES-7K3Q-9D2M"); may be empty
};

// 403.
RenderedPage renderUpstreamRefusedPage(const UpstreamRefusalInfo& info);

}  // namespace esafety::pages
