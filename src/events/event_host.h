// The host an event was about, as stored for the `--host` filter: taken from
// the event's URL (http://user@Www.Example.com:8080/x -> www.example.com), a
// tunnel's host:port, or a DNS name, lower-cased and without a trailing dot.
//
// The store keeps it reversed as well ("moc.elpmaxe.www"), so that "this
// host or any subdomain" is one index range: reversedHost(h) itself, or
// anything starting with reversedHost(h) + ".".
//
//   eventHost(e)                     // "www.example.com"
//   reversedHost("www.example.com")  // "moc.elpmaxe.www"
//
// Pure functions; any thread. The URL is untrusted text: anything that does
// not parse gives a best-effort (possibly empty) host, never an error.
#pragma once

#include <string>
#include <string_view>

#include "events/event.h"

namespace esafety::events {

std::string hostOfUrl(std::string_view url);
inline std::string eventHost(const Event& event) {
  return hostOfUrl(event.url.view());
}
std::string reversedHost(std::string_view host);

// The same two, written into the caller's strings (which keep their
// capacity): the event writer's per-row form, which allocates nothing once
// warm.
void hostOfUrlInto(std::string_view url, std::string& host);
void reversedHostInto(std::string_view host, std::string& reversed);

}  // namespace esafety::events
