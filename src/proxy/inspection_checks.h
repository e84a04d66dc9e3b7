// Private to src/proxy: the per-request checks beside the policy decision
// that tag events for monitoring and may block: circumvention signals
// (inspect/search/circumvention.h) and search words on the monitoring lists
// (inspect/search/term_matcher.h). Pure apart from the event they tag; safe
// from any worker thread.
//
//   if (checkCircumvention(record, url, /*connect=*/false, *who.group)) block;
//   SearchCheck s = checkSearchTerm(record, shared.terms.get(), term, who.group->config);
//   if (s.block) block, saying s.category;
#pragma once

#include <string>
#include <string_view>

#include "classify/url.h"
#include "policy/snapshot.h"
#include "proxy/request_record.h"

namespace esafety::search {
class TermMatcher;
}

namespace esafety::proxy {

// Tags the event "circumvention" and the signal's name ("doh-canary",
// "ip-literal", "doh-resolver", "vpn-or-proxy") when the host is one; true
// when the signal says to block it for this group.
bool checkCircumvention(RequestRecord& record, const classify::NormalizedUrl& url, bool connect,
                        const policy::GroupPolicy& group);

struct SearchCheck {
  bool block = false;    // the group blocks searches at this risk level
  std::string category;  // the highest-risk list matched ("self-harm"), or ""
  std::string phrase;    // the phrase that matched, for the log
  int level = 0;         // its risk level, 0 when nothing matched
};

// Matches the search words against the monitoring lists; each list matched
// is added to the event's tags. A search that matches the disclosure list
// (search::kDisclosureCategory) is never blocked, whatever else it matches.
SearchCheck checkSearchTerm(RequestRecord& record, const search::TermMatcher* matcher,
                            std::string_view term, const policy::Group& group);

}  // namespace esafety::proxy
