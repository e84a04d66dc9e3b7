// The filter self-test's expectation table and plan (issue 14, item 6), in
// the manner of SWGfL's Test Filtering: known test names per category that
// each group's filter must block, sent as each group would send them.
//
// The table (selftestEntries()): for each category a test host that the
// category's lists carry (the demo lists do; a school with its own lists adds
// these names to them). The illegal-content category has two, standing in
// for the IWF and CTIRU test URLs. Each entry says who must be blocked:
//   - everyone: illegal content (IWF, CTIRU), pornography, extremism and
//     gambling (SWGfL's child abuse, terrorism and adult content);
//   - pupil groups (policy::isPupilGroup) also: the rest of the UK Safer
//     Internet Centre's categories, and getting round the filter.
// The table is the standard, not the school's policy: turning a category
// off for KS1 makes the check fail rather than change what it expects.
//
// Presenting as a group, honestly: the check sends each group's requests
// from the address of that group's self-test device, a device in the
// registry whose room is "Self-test" (isSelftestDevice()), so the proxy and
// the DNS filter attribute them exactly as they attribute any device of the
// group. The address must be one this machine can send from (127.0.0.x is
// always; docs/operations.md). Groups without such a device are untested,
// and said so.
//
//   auto data = store.loadPolicy(school);
//   SelftestPlan plan = planSelftest(*data);
//   for (const SelftestTarget& t : plan.targets) ... t.source_ip, t.url, t.host
//
// Thread safety: pure functions over plain data.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "policy/model.h"
#include "policy/selftest_device.h"
#include "store/selftest_store.h"

namespace esafety::control {

using policy::isSelftestDevice;  // policy/selftest_device.h: a device in the room "Self-test"
using policy::kSelftestRoom;

struct SelftestEntry {
  std::string_view category;  // "pornography"
  std::string_view label;     // "adult content", "IWF test"
  std::string_view host;      // "adult-demo.example"
  bool pupils_only = false;   // false: every group must block it
};
std::span<const SelftestEntry> selftestEntries();

// One request to make: `url` through the proxy, `host` through the DNS filter.
struct SelftestTarget {
  std::string group;
  std::string source_ip;  // the group's self-test device
  std::string category;
  std::string label;
  std::string host;
  std::string url;  // "http://adult-demo.example/"
};

struct SelftestPlan {
  std::vector<SelftestTarget> targets;       // by group (as the school lists them), then table order
  std::vector<std::string> untested_groups;  // groups with no self-test device
};

// The school's groups that have a self-test device, each with the table's
// entries that apply to it and whose category the school has. `data` must
// hold the device registry (Store::loadPolicy() leaves it out: add devices()).
SelftestPlan planSelftest(const policy::PolicyData& data);

// Result logic. A check passes when what happened is what was expected; an
// error (no answer, a sign-in page) is never a pass for a "blocked" check.
bool selftestPasses(bool expect_blocked, store::SelftestOutcome outcome);

// One alert per group and category with a failed check:
// "the filter is not blocking pornography for KS1 (proxy: allowed; dns: error)".
std::vector<store::SelftestAlert> selftestAlerts(const std::vector<store::SelftestCheck>& checks);

}  // namespace esafety::control
