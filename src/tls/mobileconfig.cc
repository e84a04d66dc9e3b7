#include "tls/mobileconfig.h"

#include <openssl/evp.h>

#include <fmt/format.h>

#include "tls/openssl_util.h"

namespace esafety::tls {
namespace {

std::string xmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    }
  }
  return out;
}

// Base64 in lines of 64 characters, indented for the plist.
std::string base64Lines(std::string_view bytes, std::string_view indent) {
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 48) {
    size_t n = std::min<size_t>(48, bytes.size() - i);
    unsigned char line[80];
    int written = EVP_EncodeBlock(line, reinterpret_cast<const unsigned char*>(bytes.data() + i),
                                  static_cast<int>(n));
    out += indent;
    out.append(reinterpret_cast<const char*>(line), static_cast<size_t>(written));
    out += '\n';
  }
  return out;
}

}  // namespace

std::string derivedUuid(std::string_view bytes, std::string_view label) {
  std::string digest = sha256(std::string(label) + ":" + std::string(bytes));
  auto* d = reinterpret_cast<unsigned char*>(digest.data());
  d[6] = static_cast<unsigned char>((d[6] & 0x0F) | 0x50);  // version 5 (name-based, SHA)
  d[8] = static_cast<unsigned char>((d[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string hex = toHex(digest.substr(0, 16));
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4),
                     hex.substr(16, 4), hex.substr(20, 12));
}

std::string renderMobileconfig(std::string_view der, std::string_view display_name) {
  const std::string payload_uuid = derivedUuid(der, "payload");
  const std::string profile_uuid = derivedUuid(der, "profile");
  const std::string name = xmlEscape(display_name);
  std::string out;
  out += R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadCertificateFileName</key>
      <string>school-web-filter-ca.cer</string>
      <key>PayloadContent</key>
      <data>
)";
  out += base64Lines(der, "        ");
  out += fmt::format(R"(      </data>
      <key>PayloadDescription</key>
      <string>Lets the school's web filter check secure websites.</string>
      <key>PayloadDisplayName</key>
      <string>{0}</string>
      <key>PayloadIdentifier</key>
      <string>uk.esafety.ca.{1}</string>
      <key>PayloadType</key>
      <string>com.apple.security.root</string>
      <key>PayloadUUID</key>
      <string>{1}</string>
      <key>PayloadVersion</key>
      <integer>1</integer>
    </dict>
  </array>
  <key>PayloadDescription</key>
  <string>Installs the school web filter's certificate, so the filter can show its block pages on secure websites. After installing, turn it on in Settings &gt; General &gt; About &gt; Certificate Trust Settings.</string>
  <key>PayloadDisplayName</key>
  <string>{0}</string>
  <key>PayloadIdentifier</key>
  <string>uk.esafety.profile.{2}</string>
  <key>PayloadRemovalDisallowed</key>
  <false/>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadUUID</key>
  <string>{2}</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
</dict>
</plist>
)",
                     name, payload_uuid, profile_uuid);
  return out;
}

}  // namespace esafety::tls
