#include "pages/ca_page.h"

#include <gtest/gtest.h>

namespace esafety::pages {
namespace {

TEST(CaPageTest, ExplainsEveryKindOfDeviceAndLinksTheCertificate) {
  std::string html = renderCaPage({.ca_name = "Oak Hill <Primary> web filter",
                                   .fingerprint = "ab:cd", .valid_until = "2036-11-25"});
  for (const char* text : {"iPad", "Certificate Trust Settings", "Chromebook", "chrome://settings/certificates",
                           "Windows", "Trusted Root Certification Authorities", "Mac",
                           "Keychain Access", "Always Trust", "href=\"/ca.pem\"", "href=\"/ca.der\"",
                           "href=\"/ca.mobileconfig\"", "ab:cd", "2036-11-25"}) {
    EXPECT_NE(html.find(text), std::string::npos) << text;
  }
  EXPECT_NE(html.find("Oak Hill &lt;Primary&gt; web filter"), std::string::npos);
  EXPECT_EQ(html.find("<Primary>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(CaPageTest, WithoutACaSaysHowToMakeOne) {
  std::string html = renderCaPage({});
  EXPECT_NE(html.find("esafety ca init"), std::string::npos);
  EXPECT_EQ(html.find("/ca.der"), std::string::npos);
}

}  // namespace
}  // namespace esafety::pages
