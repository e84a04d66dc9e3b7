// An Apple configuration profile (.mobileconfig) that installs the school's
// CA certificate on an iPad, iPhone or Mac: an XML property list whose one
// payload is the DER certificate as a com.apple.security.root payload.
//
// The UUIDs are derived from the certificate (SHA-256 of the DER, shaped as a
// version-5 style UUID), so exporting the same CA twice gives the same
// profile, and a device sees a re-export as the same profile, not a new one.
//
//   std::string xml = renderMobileconfig(ca.der(), "Oak Hill Primary web filter");
//
// Pure function; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace esafety::tls {

// `display_name` is shown on the device; it is XML-escaped here.
std::string renderMobileconfig(std::string_view der_certificate, std::string_view display_name);

// The UUID derived from `bytes` and a label ("payload", "profile"), e.g.
// "1b4e28ba-2fa1-5bd2-8e0e-0123456789ab".
std::string derivedUuid(std::string_view bytes, std::string_view label);

}  // namespace esafety::tls
