// DeviceAdmin: the device registry (address -> device -> default group) and
// lending a device to a pupil for a lesson, one function per change, shared
// by `esafety devices` (app/cmd_devices.cc) and the console's Devices page
// (console/routes_devices.cc). While a device is lent, the filter names the
// pupil on every event from it and applies the pupil's Key Stage group and
// sanctions.
//
// Each change checks its input (messages name the field: "name: ...",
// "upn: ..."), and is one store write that keeps the change and its one
// audit row (who, what) in one transaction, which is also what makes a
// running `esafety serve` reload within ~2 s. A device is named by its name
// (any case) or its IP address.
//
// Thread safety: as the Store it borrows; make one per request or command.
//
//   DeviceAdmin devices(store, kDefaultSchool, clock);
//   auto id = devices.addDevice({.name = "Year 3 iPad 07", .type = "ipad",
//                                .ip = "10.20.3.7", .group = "KS1"}, "it.technician");
//   auto until = identity::todayAt(clock, "10:30");
//   devices.checkOut("year 3 ipad 07", "G801200026001", *until, "teacher@school.example");
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "identity/model.h"
#include "policy/model.h"
#include "store/store.h"

namespace esafety::control {

// A registered device and, while it is lent out, to whom (the devices list).
struct DeviceRecord {
  policy::Device device;
  std::optional<identity::Checkout> checkout;  // active at the time of the call
  std::string pupil_name;                      // when checked out
  std::string pupil_upn;
};

class DeviceAdmin {
 public:
  DeviceAdmin(store::Store& store, policy::SchoolId school, const Clock& clock)
      : store_(store), school_(school), clock_(clock) {}

  // Every device (by name), with who has it now.
  Result<std::vector<DeviceRecord>> registry();
  // `device` is the device's name (case-insensitive) or its IP address;
  // kNotFound naming it.
  Result<policy::Device> findDevice(std::string_view device);

  // Registers a device; the store checks the rest of its fields
  // (kInvalidArgument naming one; kAlreadyExists for a name, IP or MAC in
  // use). Returns its id.
  Result<int64_t> addDevice(const policy::Device& device, std::string_view actor);
  // Returns the removed device.
  Result<policy::Device> removeDevice(std::string_view device, std::string_view actor);
  // Lends `device` to the pupil with `upn` until `until` (Unix seconds;
  // identity::todayAt turns "10:30" into it). kFailedPrecondition while it
  // is lent to someone else.
  Result<int64_t> checkOut(std::string_view device, std::string_view upn, int64_t until,
                           std::string_view actor);
  // Takes a lent device back; kNotFound when it is not lent.
  Status checkIn(std::string_view device, std::string_view actor);

 private:
  store::Store& store_;
  policy::SchoolId school_;
  const Clock& clock_;
};

}  // namespace esafety::control
