// DeviceRestrictions: pausing a device, restricting it to an allow-list for
// a lesson, and ending that (issue 14, item 4), shared by `esafety devices
// pause|restrict|release` (app/cmd_restrictions.cc) and the console's live
// class view (console/routes_restrictions.cc). The rules are
// policy/device_restriction.h; the rows store/restriction_store.h.
//
// Each change is one store write with its audit row (who and why: a reason
// is required), then, with a publisher, published to the proxy at once, so
// the device's next request meets it. A restriction ends after `minutes`
// (default 60, a lesson; 1..600) by the clock; a new one replaces the
// device's restriction in force.
//
//   DeviceRestrictions rs(store, kDefaultSchool, clock, &publisher);
//   rs.pause({.device = "Year 3 iPad 07", .actor = "t@school", .reason = "off task"});
//   rs.restrict({.device = "10.20.3.7", .allow = "bbc.co.uk/bitesize",
//                .minutes = 45, .actor = ..., .reason = "maths lesson"});
//   rs.release("Year 3 iPad 07", "t@school", "lesson over");
//
// Who may: the routes ask mayRestrictDevice() (teachers: devices in their
// own class's room; the DSL, deputy, head and IT admin: any).
//
// Thread safety: as the Store; make one per request or command.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "control/restriction_publisher.h"
#include "core/clock.h"
#include "identity/role.h"
#include "policy/device_restriction.h"
#include "store/store.h"

namespace esafety::control {

inline constexpr int64_t kMaxRestrictionMinutes = 600;

struct RestrictionChange {
  std::string device;  // name (any case) or IP address
  std::string allow;   // allow-list only: "bbc.co.uk/bitesize, spellingframe.co.uk"
  int64_t minutes = policy::kDefaultRestrictionMinutes;
  std::string actor;
  std::string reason;
};

// Whether `role` (a teacher with `class_name`) may restrict `device`.
bool mayRestrictDevice(identity::Role role, std::string_view class_name, const policy::Device& device);

class DeviceRestrictions {
 public:
  DeviceRestrictions(store::Store& store, policy::SchoolId school, const Clock& clock,
                     RestrictionPublisher* publisher = nullptr)
      : store_(store), school_(school), clock_(clock), publisher_(publisher) {}

  // kNotFound for an unknown device; kInvalidArgument naming the field
  // ("minutes: ...", "allow: ...", "reason: ...").
  Result<store::RestrictionRecord> pause(const RestrictionChange& change);
  Result<store::RestrictionRecord> restrict(const RestrictionChange& change);
  // kNotFound when the device has none in force.
  Status release(std::string_view device, std::string_view actor, std::string_view reason);
  // In force now, by device name.
  Result<std::vector<store::RestrictionRecord>> active();

 private:
  Result<store::RestrictionRecord> add(const RestrictionChange& change, policy::DeviceRestriction rule);
  void published();

  store::Store& store_;
  policy::SchoolId school_;
  const Clock& clock_;
  RestrictionPublisher* publisher_;
};

}  // namespace esafety::control
