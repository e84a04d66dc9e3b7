// Self-test devices: the devices the filter self-test (control/filter_selftest.h)
// sends each group's test requests from, so that the proxy and the DNS
// filter attribute them exactly as any device of the group. A device is one
// when its room is "Self-test" (any case, spaces around ignored) and it has
// an address. The alert engine ignores their events: the self-test's blocked
// test pages are not a pupil's attempts.
//
// Header-only: plain functions over policy::Device; any thread.
#pragma once

#include <string_view>

#include "core/text.h"
#include "policy/model.h"

namespace esafety::policy {

inline constexpr std::string_view kSelftestRoom = "Self-test";

inline bool isSelftestDevice(const Device& device) {
  return !device.ip.empty() && asciiLower(trim(device.room)) == asciiLower(kSelftestRoom);
}

}  // namespace esafety::policy
