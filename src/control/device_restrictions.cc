#include "control/device_restrictions.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "control/device_admin.h"
#include "control/reason.h"
#include "core/text.h"

namespace esafety::control {

bool mayRestrictDevice(identity::Role role, std::string_view class_name, const policy::Device& device) {
  using identity::Role;
  switch (role) {
    case Role::kDsl:
    case Role::kDeputyDsl:
    case Role::kHead:
    case Role::kItAdmin:
      return true;
    case Role::kTeacher: {
      const std::string mine = asciiLower(trim(class_name));
      return !mine.empty() && mine == asciiLower(trim(device.room));
    }
    default:
      return false;
  }
}

Result<store::RestrictionRecord> DeviceRestrictions::add(const RestrictionChange& change,
                                                         policy::DeviceRestriction rule) {
  if (change.minutes < 1 || change.minutes > kMaxRestrictionMinutes) {
    return invalidArgument(fmt::format("minutes: give 1 to {} minutes (a lesson is usually 60).",
                                       kMaxRestrictionMinutes));
  }
  ESAFETY_RETURN_IF_ERROR(requireReason(change.reason));
  auto device = DeviceAdmin(store_, school_, clock_).findDevice(change.device);
  if (!device) return device.status();
  const int64_t now = clock_.nowUnix();
  rule.device_id = device->id;
  rule.until = now + change.minutes * 60;
  auto id = store_.addRestriction(school_, rule, change.actor, change.reason, now);
  if (!id) return id.status();
  published();
  return store::RestrictionRecord{.id = *id,
                                  .rule = std::move(rule),
                                  .device_name = device->name,
                                  .room = device->room,
                                  .by = change.actor,
                                  .reason = change.reason,
                                  .created_at = now};
}

Result<store::RestrictionRecord> DeviceRestrictions::pause(const RestrictionChange& change) {
  return add(change, policy::DeviceRestriction{.kind = policy::RestrictionKind::kPause});
}

Result<store::RestrictionRecord> DeviceRestrictions::restrict(const RestrictionChange& change) {
  auto allow = policy::parseAllowList(change.allow);
  if (!allow) return invalidArgument("allow: " + allow.status().message());
  return add(change, policy::DeviceRestriction{.kind = policy::RestrictionKind::kAllowList,
                                               .allow = std::move(*allow)});
}

Status DeviceRestrictions::release(std::string_view device, std::string_view actor, std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  auto found = DeviceAdmin(store_, school_, clock_).findDevice(device);
  if (!found) return found.status();
  ESAFETY_RETURN_IF_ERROR(store_.endRestriction(school_, found->id, actor, reason, clock_.nowUnix()));
  published();
  return Status::ok();
}

Result<std::vector<store::RestrictionRecord>> DeviceRestrictions::active() {
  return store_.activeRestrictions(school_, clock_.nowUnix());
}

void DeviceRestrictions::published() {
  if (publisher_ == nullptr) return;
  // The change is kept; the poll (publishIfChanged) retries a failed publish.
  if (Status s = publisher_->publish(); !s.isOk()) {
    spdlog::error("device restrictions not published to the proxy: {}", s.message());
  }
}

}  // namespace esafety::control
