// DeviceRestriction: a teacher's hold on one device for a lesson (issue 14,
// the live class view): paused (no internet at all) or restricted to an
// allow-list (e.g. "bbc.co.uk/bitesize"), until an end time or until ended.
// Plain values and pure functions; the proxy asks checkRestriction() for
// each request of a device that has one.
//
//   auto list = parseAllowList("bbc.co.uk/bitesize, spellingframe.co.uk");
//   DeviceRestriction r{.device_id = 7, .kind = RestrictionKind::kAllowList,
//                       .allow = *list, .until = now + 3600};
//   checkRestriction(&r, now, "www.bbc.co.uk", "/bitesize/guides/x")  -> kAllowed
//   checkRestriction(&r, now, "www.bbc.co.uk", "/news")               -> kNotOnList
//   checkRestriction(&r, now, "www.bbc.co.uk", std::nullopt)          -> kAllowed
//   checkRestriction(&r, now + 3600, "youtube.com", "/")              -> kNone (over)
//
// Matching: an entry's host covers itself and its subdomains ("bbc.co.uk"
// covers "www.bbc.co.uk", not "notbbc.co.uk"), without case or a trailing
// dot. An entry with a path ("/bitesize") covers that path and what is under
// it ("/bitesize", "/bitesize/...", not "/bitesizes"). Where the proxy sees
// only the host (HTTPS without inspection: the CONNECT), the host alone
// decides, since the path cannot be checked there.
//
// Thread safety: values; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace esafety::policy {

enum class RestrictionKind : uint8_t { kPause, kAllowList };
std::string_view restrictionKindName(RestrictionKind kind);  // "pause", "allow_list"
std::optional<RestrictionKind> parseRestrictionKind(std::string_view name);

struct AllowEntry {
  std::string host;         // lower case, no trailing dot
  std::string path_prefix;  // "" for the whole host; else "/..." without a trailing '/'
  bool operator==(const AllowEntry&) const = default;
};

struct DeviceRestriction {
  int64_t device_id = 0;
  RestrictionKind kind = RestrictionKind::kPause;
  std::vector<AllowEntry> allow;  // kAllowList only
  int64_t until = 0;              // Unix seconds; 0: until ended
};

// The longest allow-list a restriction may have.
inline constexpr size_t kMaxAllowEntries = 50;
// When a restriction ends if no time is given: an hour (a lesson).
inline constexpr int64_t kDefaultRestrictionMinutes = 60;

// "bbc.co.uk/bitesize", "https://www.bbc.co.uk/bitesize/", "BBC.CO.UK." ->
// {host, path_prefix}; a scheme, port, query and fragment are dropped.
// kInvalidArgument naming the entry for anything else (spaces, "*", no host).
Result<AllowEntry> parseAllowEntry(std::string_view text);
// Entries separated by commas, spaces or new lines; at least one, at most
// kMaxAllowEntries; duplicates kept once.
Result<std::vector<AllowEntry>> parseAllowList(std::string_view text);
// "bbc.co.uk/bitesize": how an entry is shown and stored.
std::string allowEntryText(const AllowEntry& entry);

// Whether `host` is `entry_host` or one of its subdomains.
bool hostCovered(std::string_view host, std::string_view entry_host);

bool restrictionActive(const DeviceRestriction& r, int64_t now);

enum class RestrictionVerdict : uint8_t {
  kNone,       // no restriction in force: the policy decides as usual
  kPaused,     // the device is paused: the paused page
  kAllowed,    // on the allow-list: the policy still decides (a list entry never unblocks)
  kNotOnList,  // restricted, and this is not on its list: the restricted page
};
// `path`: the request's path when the proxy sees it (HTTP, inspected HTTPS);
// nullopt when only the host is known.
RestrictionVerdict checkRestriction(const DeviceRestriction* r, int64_t now, std::string_view host,
                                    std::optional<std::string_view> path);

}  // namespace esafety::policy
