#include "dns/wire_types.h"

#include <cstdio>
#include <cstring>

namespace esafety::dns {

TypeText typeText(uint16_t qtype) {
  std::string_view name;
  switch (qtype) {
    case type::kA: name = "A"; break;
    case type::kNs: name = "NS"; break;
    case type::kCname: name = "CNAME"; break;
    case type::kSoa: name = "SOA"; break;
    case type::kPtr: name = "PTR"; break;
    case type::kMx: name = "MX"; break;
    case type::kTxt: name = "TXT"; break;
    case type::kAaaa: name = "AAAA"; break;
    case type::kSrv: name = "SRV"; break;
    case type::kSvcb: name = "SVCB"; break;
    case type::kHttps: name = "HTTPS"; break;
    case type::kAxfr: name = "AXFR"; break;
    case type::kIxfr: name = "IXFR"; break;
    case type::kAny: name = "ANY"; break;
    default: break;
  }
  TypeText t;
  if (!name.empty()) {
    std::memcpy(t.text.data(), name.data(), name.size());
    t.size = static_cast<uint8_t>(name.size());
  } else {
    int n = std::snprintf(t.text.data(), t.text.size(), "TYPE%u", unsigned{qtype});
    t.size = static_cast<uint8_t>(n);
  }
  return t;
}

}  // namespace esafety::dns
