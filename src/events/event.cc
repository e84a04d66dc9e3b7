#include "events/event.h"

#include <arpa/inet.h>

namespace esafety::events {

std::string_view eventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kHttp:
      return "http";
    case EventKind::kConnect:
      return "connect";
    case EventKind::kDns:
      return "dns";
    case EventKind::kRefused:
      return "refused";
  }
  return "unknown";
}

bool parseEventKind(std::string_view name, EventKind* kind) {
  for (EventKind k :
       {EventKind::kHttp, EventKind::kConnect, EventKind::kDns, EventKind::kRefused}) {
    if (eventKindName(k) == name) {
      *kind = k;
      return true;
    }
  }
  return false;
}

bool parseVerdict(std::string_view name, policy::Verdict* verdict) {
  for (auto v : {policy::Verdict::kAllow, policy::Verdict::kBlock, policy::Verdict::kRewrite}) {
    if (policy::verdictName(v) == name) {
      *verdict = v;
      return true;
    }
  }
  return false;
}

std::string Event::clientIpText() const {
  char text[INET6_ADDRSTRLEN] = {};
  // inet_ntop cannot fail for these families and a buffer this size.
  inet_ntop(client_v4 ? AF_INET : AF_INET6, client_ip.data(), text, sizeof(text));
  return text;
}

bool Event::setClientIp(std::string_view text) {
  if (text.size() >= INET6_ADDRSTRLEN) return false;
  std::string s(text);
  std::array<uint8_t, 16> bytes{};
  if (inet_pton(AF_INET, s.c_str(), bytes.data()) == 1) {
    client_ip = bytes;
    client_v4 = true;
    return true;
  }
  if (inet_pton(AF_INET6, s.c_str(), bytes.data()) == 1) {
    client_ip = bytes;
    client_v4 = false;
    return true;
  }
  return false;
}

}  // namespace esafety::events
