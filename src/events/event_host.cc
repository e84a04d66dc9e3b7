#include "events/event_host.h"

#include "core/text.h"

namespace esafety::events {

void hostOfUrlInto(std::string_view url, std::string& host) {
  std::string_view rest = trim(url);
  if (size_t scheme = rest.find("://"); scheme != std::string_view::npos) {
    rest.remove_prefix(scheme + 3);
  }
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (rest.starts_with('[')) {
    // An IPv6 literal: [2001:db8::1]:443
    size_t close = rest.find(']');
    rest = close == std::string_view::npos ? rest.substr(1) : rest.substr(1, close - 1);
  } else if (size_t colon = rest.find(':'); colon != std::string_view::npos &&
                                            rest.find(':', colon + 1) == std::string_view::npos) {
    rest = rest.substr(0, colon);  // host:port (a bare IPv6 address has several colons)
  }
  while (rest.ends_with('.')) rest.remove_suffix(1);
  host.assign(rest);
  for (char& c : host) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

std::string hostOfUrl(std::string_view url) {
  std::string host;
  hostOfUrlInto(url, host);
  return host;
}

void reversedHostInto(std::string_view host, std::string& reversed) {
  reversed.assign(host.rbegin(), host.rend());
}

std::string reversedHost(std::string_view host) {
  std::string reversed;
  reversedHostInto(host, reversed);
  return reversed;
}

}  // namespace esafety::events
