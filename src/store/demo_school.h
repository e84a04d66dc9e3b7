// The demo school: a complete, believable primary school policy that
// `esafety` can start with on a fresh install and that tests and the console
// demo run against. Everything in it is fictional: list entries use only the
// reserved .example and .invalid names (RFC 2606), devices loopback addresses.
//
// What seedDemoSchool() creates in school 1, "Demo Primary School":
//   - categories: the ten UKSIC categories, uncategorised, circumvention,
//     educational (an allow-list), games, social-networking and illegal
//     (unoverridable: nobody may ever allow it);
//   - groups: KS1, KS2 (games allowed Mon-Fri 12:00-13:00), Staff, Visitor,
//     Restricted (allow-list only, for sanctioned accounts) and Unknown device
//     (denies everything and points to the visitor login);
//   - devices: Year 1 and Year 5 iPads, a staff laptop, an office desktop and
//     a classroom camera on 127.0.0.x;
//   - two local entries with who, when and why;
//   - one squidGuard list source per demo list file under `lists_dir`.
//
// Usage, on a fresh database:
//   ESAFETY_RETURN_IF_ERROR(writeDemoLists("var/lists"));
//   ESAFETY_RETURN_IF_ERROR(seedDemoSchool(store, "var/lists", "setup"));
//
// Thread safety: as safe as the Store passed in.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "store/store.h"

namespace esafety::store {

inline constexpr std::string_view kDemoSchoolName = "Demo Primary School";

// Seeds the demo school into a database that holds no school yet
// (kFailedPrecondition otherwise). Each part is its own audited change, by
// `actor`; if one fails the database holds the parts before it, so seed into
// a new database and discard it on error.
// Creates school 1 in an empty store with the default categories (the UKSIC
// list, uncategorised, circumvention, educational, games, social-networking
// and the unoverridable `illegal`) and the default groups (KS1, KS2, Staff,
// Visitor, Restricted, Unknown device). No devices, entries or lists.
Status seedDefaultSchool(Store& store, std::string_view name, std::string_view urn,
                         std::string_view actor);

Status seedDemoSchool(Store& store, const std::string& lists_dir, std::string_view actor);

// The default groups seedDefaultSchool() creates (KS1, KS2, Staff, ...), as
// values; `esafety monitoring evaluate` reads KS2's search blocking level.
std::vector<policy::Group> demoGroups();

// Writes the embedded demo lists (data/demo/lists/<category>/{domains,urls})
// under `lists_dir`, creating folders. Existing files of the same name are
// replaced, atomically, one by one.
Status writeDemoLists(const std::string& lists_dir);

}  // namespace esafety::store
