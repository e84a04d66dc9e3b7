#include "control/device_admin.h"

#include <fmt/format.h>

#include "core/text.h"
#include "identity/upn.h"
#include "store/validation.h"

namespace esafety::control {

Result<std::vector<DeviceRecord>> DeviceAdmin::registry() {
  auto devices = store_.devices(school_);
  if (!devices) return devices.status();
  auto checkouts = store_.activeCheckouts(school_, clock_.nowUnix());
  if (!checkouts) return checkouts.status();
  std::vector<DeviceRecord> out;
  out.reserve(devices->size());
  for (policy::Device& d : *devices) {
    DeviceRecord record{.device = std::move(d)};
    for (const identity::Checkout& c : *checkouts) {
      if (c.device != record.device.id) continue;
      record.checkout = c;
      auto pupil = store_.person(school_, c.person);
      if (!pupil) return pupil.status();
      if (*pupil) {
        record.pupil_name = (*pupil)->name;
        record.pupil_upn = (*pupil)->upn;
      }
    }
    out.push_back(std::move(record));
  }
  return out;
}

Result<policy::Device> DeviceAdmin::findDevice(std::string_view device) {
  std::string wanted = asciiLower(trim(device));
  if (wanted.empty()) return invalidArgument("device: give the device's name or IP address.");
  std::string ip = store::canonicalIpAddress(wanted);
  auto devices = store_.devices(school_);
  if (!devices) return devices.status();
  for (policy::Device& d : *devices) {
    if (asciiLower(d.name) == wanted || (!ip.empty() && d.ip == ip)) return std::move(d);
  }
  return notFound(fmt::format("there is no device called '{}'", device));
}

Result<int64_t> DeviceAdmin::addDevice(const policy::Device& device, std::string_view actor) {
  if (device.name.find_first_not_of(' ') == std::string::npos) {
    return invalidArgument("name: give the device a name, such as \"Year 3 iPad 07\".");
  }
  return store_.addDevice(school_, device, actor);
}

Result<policy::Device> DeviceAdmin::removeDevice(std::string_view device,
                                                 std::string_view actor) {
  auto d = findDevice(device);
  if (!d) return d.status();
  ESAFETY_RETURN_IF_ERROR(store_.removeDevice(school_, d->id, actor));
  return d;
}

Result<int64_t> DeviceAdmin::checkOut(std::string_view device, std::string_view upn,
                                      int64_t until, std::string_view actor) {
  auto d = findDevice(device);
  if (!d) return d.status();
  if (trim(upn).empty()) return invalidArgument("upn: choose the pupil.");
  auto pupil = store_.personByUpn(school_, identity::normalizeUpn(upn));
  if (!pupil) return pupil.status();
  if (!*pupil || (*pupil)->kind != identity::PersonKind::kPupil) {
    return notFound(fmt::format("there is no pupil with UPN {}", identity::normalizeUpn(upn)));
  }
  return store_.checkOutDevice(
      school_, {.device = d->id, .person = (*pupil)->id, .until = until, .by = std::string(actor)});
}

Status DeviceAdmin::checkIn(std::string_view device, std::string_view actor) {
  auto d = findDevice(device);
  if (!d) return d.status();
  return store_.checkInDevice(school_, d->id, actor);
}

}  // namespace esafety::control
