// esafety devices add|list|remove|checkout|checkin (and pause|restrict|release|
// restrictions: cmd_restrictions.cc)
//
// The device registry (address -> device -> default group) and lending a
// device to a pupil for a lesson: from `devices checkout` until the time
// given (or `devices checkin`), the filter names the pupil on every event and
// applies the pupil's group and sanctions. Changes reach a running `esafety
// serve` within its reload interval (about 2 seconds). Every change is
// control::DeviceAdmin's, as on the console; `list --format json` prints each
// device as the console's API does (control/entity_json.h).
#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli_common.h"
#include "control/device_admin.h"
#include "control/entity_json.h"
#include "identity/local_times.h"

namespace esafety::app {
namespace {

using control::DeviceAdmin;

// Opens the school's store and runs `fn(admin, clock)` with a DeviceAdmin.
template <typename Fn>
int withDeviceAdmin(const GlobalOptions& global, Fn&& fn) {
  return withStore(global, [&](store::Store& store, const control::DataDir&, Clock& clock) {
    DeviceAdmin admin(store, policy::kDefaultSchool, clock);
    return fn(admin, clock);
  });
}

struct DeviceOptions {
  std::string device, type, room, mac, ip, group, pupil, until, by;
  bool dhcp = false;
  std::string format = "table";
};

std::string actorOf(const DeviceOptions& o) {
  return o.by.empty() ? defaultActor() : o.by;
}

int add(const GlobalOptions& global, const DeviceOptions& o) {
  return withDeviceAdmin(global, [&](DeviceAdmin& admin, const Clock&) {
    policy::Device d{.name = o.device,
                     .type = o.type,
                     .room = o.room,
                     .mac = o.mac,
                     .ip = o.ip,
                     .group = o.group,
                     .dhcp_reservation = o.dhcp};
    auto id = admin.addDevice(d, actorOf(o));
    if (!id) return fail(id.status());
    std::printf("Added %s (device %lld)%s.\n", o.device.c_str(), static_cast<long long>(*id),
                o.group.empty() ? "; it gets the unknown-device policy until it has a group" : "");
    return kExitOk;
  });
}

int list(const GlobalOptions& global, const DeviceOptions& o) {
  return withDeviceAdmin(global, [&](DeviceAdmin& admin, const Clock& clock) {
    auto devices = admin.registry();
    if (!devices) return fail(devices.status());
    if (o.format == "json") {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& r : *devices) j.push_back(control::deviceJson(r));
      std::printf("%s\n", j.dump(2).c_str());
      return kExitOk;
    }
    auto lentTo = [&](const control::DeviceRecord& r) -> std::string {
      if (!r.checkout) return "";
      return fmt::format("{} until {}", r.pupil_name,
                         identity::formatLocal(clock, r.checkout->until).substr(11));
    };
    std::printf("%-30s %-8s %-14s %-18s %-22s %-15s %s\n", "Name", "Type", "Room", "MAC", "IP",
                "Group", "Checked out to");
    for (const auto& r : *devices) {
      const auto& d = r.device;
      std::string ip = d.ip.empty() ? "-" : d.ip + (d.dhcp_reservation ? " (DHCP)" : "");
      std::printf("%-30s %-8s %-14s %-18s %-22s %-15s %s\n", d.name.c_str(), d.type.c_str(),
                  d.room.c_str(), d.mac.empty() ? "-" : d.mac.c_str(), ip.c_str(),
                  d.group.empty() ? "(unknown device)" : d.group.c_str(), lentTo(r).c_str());
    }
    return kExitOk;
  });
}

}  // namespace

void addDevicesCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* devices =
      app.add_subcommand("devices", "The device registry and lending devices to pupils");
  devices->require_subcommand(1);
  auto o = std::make_shared<DeviceOptions>();
  auto by = [&](CLI::App* cmd) {
    cmd->add_option("--by", o->by, "Who is making the change (default: your login name)");
  };

  auto* add_cmd = devices->add_subcommand("add", "Register a device");
  add_cmd->add_option("name", o->device, "\"iPad 07\"")->required();
  add_cmd->add_option("--type", o->type, "ipad, laptop, desktop, camera or other");
  add_cmd->add_option("--room", o->room, "Room or class");
  add_cmd->add_option("--mac", o->mac, "aa:bb:cc:dd:ee:ff");
  add_cmd->add_option("--ip", o->ip, "Its fixed address or DHCP reservation");
  add_cmd->add_flag("--dhcp", o->dhcp, "The address is a DHCP reservation");
  add_cmd->add_option("--group", o->group, "Its default group (KS1, KS2, Staff...)");
  by(add_cmd);
  add_cmd->callback([&global, o, &run] { run = [&global, o] { return add(global, *o); }; });

  auto* list_cmd = devices->add_subcommand("list", "The registered devices and who has them");
  list_cmd->add_option("--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  list_cmd->callback([&global, o, &run] { run = [&global, o] { return list(global, *o); }; });

  auto* remove = devices->add_subcommand("remove", "Remove a device from the registry");
  remove->add_option("device", o->device, "Its name or IP address")->required();
  by(remove);
  remove->callback([&global, o, &run] {
    run = [&global, o] {
      return withDeviceAdmin(global, [&](DeviceAdmin& admin, const Clock&) {
        auto d = admin.removeDevice(o->device, actorOf(*o));
        if (!d) return fail(d.status());
        std::printf("Removed %s.\n", d->name.c_str());
        return kExitOk;
      });
    };
  });

  auto* checkout = devices->add_subcommand("checkout", "Lend a device to a pupil for a lesson");
  checkout->add_option("device", o->device, "Its name or IP address")->required();
  checkout->add_option("--pupil", o->pupil, "The pupil's UPN")->required();
  checkout->add_option("--until", o->until, "When the lesson ends today, HH:MM")->required();
  by(checkout);
  checkout->callback([&global, o, &run] {
    run = [&global, o] {
      return withDeviceAdmin(global, [&](DeviceAdmin& admin, const Clock& clock) {
        auto until = identity::todayAt(clock, o->until);
        if (!until)
          return fail(Status(until.status().code(), "--until: " + until.status().message()));
        auto id = admin.checkOut(o->device, o->pupil, *until, actorOf(*o));
        if (!id) return fail(id.status());
        std::printf("%s is checked out to pupil %s until %s.\n", o->device.c_str(),
                    o->pupil.c_str(), o->until.c_str());
        return kExitOk;
      });
    };
  });

  auto* checkin = devices->add_subcommand("checkin", "Take a lent device back");
  checkin->add_option("device", o->device, "Its name or IP address")->required();
  by(checkin);
  checkin->callback([&global, o, &run] {
    run = [&global, o] {
      return withDeviceAdmin(global, [&](DeviceAdmin& admin, const Clock&) {
        Status s = admin.checkIn(o->device, actorOf(*o));
        if (!s.isOk()) return fail(s);
        std::printf("%s is checked in.\n", o->device.c_str());
        return kExitOk;
      });
    };
  });

  addDeviceRestrictionCommands(*devices, global, run);
}

}  // namespace esafety::app
