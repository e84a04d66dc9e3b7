#include "tls/mobileconfig.h"

#include <gtest/gtest.h>


#include "tls/certificate_authority.h"

namespace esafety::tls {
namespace {

// "xxxxxxxx-xxxx-5xxx-[89ab]xxx-xxxxxxxxxxxx", lower-case hex.
bool isVersion5Uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    char c = text[i];
    if (dash != (c == '-')) return false;
    if (!dash && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return text[14] == '5' && std::string("89ab").find(text[19]) != std::string::npos;
}

std::string base64Of(const std::string& xml) {
  auto start = xml.find("<data>") + 6;
  auto end = xml.find("</data>");
  std::string out;
  for (char c : xml.substr(start, end - start)) {
    if (c != ' ' && c != '\n') out += c;
  }
  return out;
}

TEST(MobileconfigTest, CarriesTheDerCertificateAsARootPayload) {
  auto ca = CertificateAuthority::generate("Oak Hill Primary", 1780000000).value();
  std::string der = ca.der();
  std::string xml = renderMobileconfig(der, ca.commonName());
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
  EXPECT_NE(xml.find("<string>com.apple.security.root</string>"), std::string::npos);
  EXPECT_NE(xml.find("<string>Configuration</string>"), std::string::npos);
  EXPECT_NE(xml.find("<string>Oak Hill Primary web filter</string>"), std::string::npos);
  // The base64 decodes back to the certificate.
  std::string b64 = base64Of(xml);
  std::string decoded(b64.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                          reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
  ASSERT_GT(n, 0);
  decoded.resize(static_cast<size_t>(n));
  while (decoded.size() > der.size() && decoded.back() == '\0') decoded.pop_back();  // padding
  EXPECT_EQ(decoded, der);
  // Every element that opens closes (a cheap well-formedness check; the
  // integration test parses it with Python's plistlib).
  for (const char* tag : {"dict", "array", "plist"}) {
    size_t opens = 0, closes = 0;
    for (size_t at = 0; (at = xml.find(std::string("<") + tag, at)) != std::string::npos; ++at) ++opens;
    for (size_t at = 0; (at = xml.find(std::string("</") + tag + ">", at)) != std::string::npos; ++at) ++closes;
    EXPECT_EQ(opens, closes) << tag;
  }
}

TEST(MobileconfigTest, UuidsAreStableAndDistinct) {
  auto ca = CertificateAuthority::generate("A", 1780000000).value();
  std::string der = ca.der();
  EXPECT_EQ(renderMobileconfig(der, "x"), renderMobileconfig(der, "x"));
  std::string payload = derivedUuid(der, "payload");
  std::string profile = derivedUuid(der, "profile");
  EXPECT_NE(payload, profile);
  EXPECT_TRUE(isVersion5Uuid(payload)) << payload;
  EXPECT_TRUE(isVersion5Uuid(profile)) << profile;
  auto other = CertificateAuthority::generate("A", 1780000000).value();
  EXPECT_NE(derivedUuid(other.der(), "payload"), payload) << "another CA, another profile";
}

TEST(MobileconfigTest, EscapesTheName) {
  std::string xml = renderMobileconfig("\x30\x00", "St Mary & St John's <Primary>");
  EXPECT_NE(xml.find("St Mary &amp; St John&apos;s &lt;Primary&gt;"), std::string::npos);
  EXPECT_EQ(xml.find("<Primary>"), std::string::npos);
}

}  // namespace
}  // namespace esafety::tls
