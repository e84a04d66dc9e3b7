#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classify/importers.h"

namespace esafety::classify {
namespace {

TEST(importers_CategoryAliases, Ut1FolderNames) {
  EXPECT_EQ(canonicalCategory("adult"), "pornography");
  EXPECT_EQ(canonicalCategory("porn"), "pornography");
  EXPECT_EQ(canonicalCategory("mixed_adult"), "pornography");
  EXPECT_EQ(canonicalCategory("agressif"), "hate-speech");
  EXPECT_EQ(canonicalCategory("aggressive"), "hate-speech");
  EXPECT_EQ(canonicalCategory("racism"), "discrimination");
  EXPECT_EQ(canonicalCategory("drogue"), "drugs");
  EXPECT_EQ(canonicalCategory("gambling"), "gambling");
  EXPECT_EQ(canonicalCategory("hacking"), "malware-hacking");
  EXPECT_EQ(canonicalCategory("phishing"), "malware-hacking");
  EXPECT_EQ(canonicalCategory("cryptojacking"), "malware-hacking");
  EXPECT_EQ(canonicalCategory("ddos"), "malware-hacking");
  EXPECT_EQ(canonicalCategory("warez"), "piracy");
  EXPECT_EQ(canonicalCategory("violence"), "violence");
  EXPECT_EQ(canonicalCategory("suicide"), "self-harm");
  EXPECT_EQ(canonicalCategory("vpn"), "circumvention");
  EXPECT_EQ(canonicalCategory("strong_redirector"), "circumvention");
  EXPECT_EQ(canonicalCategory("doh"), "circumvention");
  EXPECT_EQ(canonicalCategory("social_networks"), "social-networking");
  EXPECT_EQ(canonicalCategory("sect"), "sect");
  EXPECT_EQ(canonicalCategory("radicalisation"), "extremism");
  EXPECT_EQ(canonicalCategory("lingerie"), "lingerie");
  EXPECT_EQ(canonicalCategory("sexual_education"), "sex-education");
  EXPECT_EQ(canonicalCategory("publicite"), "advertising");
}

TEST(importers_CategoryAliases, E2GuardianNames) {
  EXPECT_EQ(canonicalCategory("Pornography"), "pornography");
  EXPECT_EQ(canonicalCategory("Banned Sites"), "banned-sites");
  EXPECT_EQ(canonicalCategory("ADs"), "advertising");
  EXPECT_EQ(canonicalCategory("Hate Speech"), "hate-speech");
}

TEST(importers_CategoryAliases, UnknownNamesAreCleaned) {
  EXPECT_EQ(canonicalCategory("  My Local_List!! "), "my-local-list");
  EXPECT_EQ(canonicalCategory("audio-video"), "audio-video");
  EXPECT_EQ(canonicalCategory("caf\xC3\xA9"), "caf");
  EXPECT_EQ(canonicalCategory("\xE6\x97\xA5"), "unnamed");
  EXPECT_EQ(canonicalCategory(""), "unnamed");
}

TEST(importers_CategoryAliases, NothingBecomesIllegal) {
  EXPECT_EQ(canonicalCategory("illegal"), "illegal-unverified");
  EXPECT_EQ(canonicalCategory("ILLEGAL"), "illegal-unverified");
  EXPECT_EQ(canonicalCategory(" Illegal_ "), "illegal-unverified");
}

}  // namespace
}  // namespace esafety::classify
