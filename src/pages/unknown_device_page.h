// The unknown-device page: what a device the school has not registered sees
// (DESIGN.md §3 step 3, the "unknown device" policy). It sends visitors to the
// visitor sign-in, tells pupils kindly that devices from home can't join, and
// tells staff how to get a school device added.
//
//   RenderedPage page = renderUnknownDevicePage({
//       .console_base = config.console_base,
//       .school_name = "St Mary's C of E Primary",
//       .device_address = "10.20.4.117"});
//   // page.status == 511 (Network Authentication Required, RFC 6585), the
//   // status meant for captive portals: browsers never cache it as the site.
//
// The visitor link is {console_base}/visitor (console_url.h). school_name and
// device_address are escaped.
//
// Pure function; safe from any thread.
#pragma once

#include <string>

#include "pages/rendered_page.h"

namespace esafety::pages {

struct UnknownDeviceInfo {
  std::string console_base = {};    // "https://esafety.school.internal:8080"
  std::string school_name = {};     // optional
  std::string device_address = {};  // optional: the client's IP (or MAC), for the IT technician
};

inline constexpr int kUnknownDeviceStatus = 511;

RenderedPage renderUnknownDevicePage(const UnknownDeviceInfo& info);

}  // namespace esafety::pages
