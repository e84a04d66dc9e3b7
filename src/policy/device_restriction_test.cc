// A teacher's pause or allow-list on a device: what an entry means, which
// hosts and paths it covers, and that it ends at its time (FakeClock).
#include "policy/device_restriction.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace esafety::policy {
namespace {

AllowEntry entry(std::string_view text) {
  auto e = parseAllowEntry(text);
  EXPECT_TRUE(e.isOk()) << text << ": " << e.status().toString();
  return e.isOk() ? *e : AllowEntry{};
}

TEST(DeviceRestriction, AnEntryIsAHostAndAnOptionalPathPrefix) {
  EXPECT_EQ(entry("bbc.co.uk/bitesize"), (AllowEntry{"bbc.co.uk", "/bitesize"}));
  EXPECT_EQ(entry("https://WWW.BBC.co.uk:443/bitesize/?q=1#top"), (AllowEntry{"www.bbc.co.uk", "/bitesize"}));
  EXPECT_EQ(entry("spellingframe.co.uk."), (AllowEntry{"spellingframe.co.uk", ""}));
  EXPECT_EQ(entry("http://example.org/"), (AllowEntry{"example.org", ""}));
  EXPECT_EQ(allowEntryText(entry("bbc.co.uk/bitesize/")), "bbc.co.uk/bitesize");
  for (std::string_view bad : {"", "/bitesize", "*.bbc.co.uk", "ftp://bbc.co.uk", "bbc..co.uk", "bbc co.uk"}) {
    auto e = parseAllowEntry(bad);
    EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_NE(parseAllowEntry("*.bbc.co.uk").status().message().find("'*.bbc.co.uk'"), std::string::npos)
      << "the refusal names the entry";
}

TEST(DeviceRestriction, AListIsSeparatedByCommasSpacesOrLinesAndHasLimits) {
  auto list = parseAllowList("bbc.co.uk/bitesize, spellingframe.co.uk\nbbc.co.uk/bitesize  topmarks.co.uk");
  ASSERT_TRUE(list.isOk()) << list.status().toString();
  ASSERT_EQ(list->size(), 3u) << "the duplicate is kept once";
  EXPECT_EQ(parseAllowList(" , ").status().code(), StatusCode::kInvalidArgument);
  std::string many;
  for (size_t i = 0; i <= kMaxAllowEntries; ++i) many += "site" + std::to_string(i) + ".example ";
  EXPECT_EQ(parseAllowList(many).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parseAllowList("good.example, bad..example").status().code(), StatusCode::kInvalidArgument);
}

TEST(DeviceRestriction, AHostCoversItselfAndItsSubdomainsOnly) {
  EXPECT_TRUE(hostCovered("bbc.co.uk", "bbc.co.uk"));
  EXPECT_TRUE(hostCovered("www.bbc.co.uk", "bbc.co.uk"));
  EXPECT_TRUE(hostCovered("WWW.BBC.CO.UK.", "bbc.co.uk"));
  EXPECT_FALSE(hostCovered("notbbc.co.uk", "bbc.co.uk"));
  EXPECT_FALSE(hostCovered("bbc.co.uk.evil.example", "bbc.co.uk"));
  EXPECT_FALSE(hostCovered("co.uk", "bbc.co.uk"));
}

TEST(DeviceRestriction, AnAllowListLetsThroughOnlyWhatIsOnIt) {
  const int64_t now = 1772530200;
  DeviceRestriction r{.device_id = 7, .kind = RestrictionKind::kAllowList,
                      .allow = *parseAllowList("bbc.co.uk/bitesize topmarks.co.uk"), .until = now + 3600};
  EXPECT_EQ(checkRestriction(&r, now, "www.bbc.co.uk", "/bitesize"), RestrictionVerdict::kAllowed);
  EXPECT_EQ(checkRestriction(&r, now, "www.bbc.co.uk", "/bitesize/guides/zx?x=1"), RestrictionVerdict::kAllowed);
  EXPECT_EQ(checkRestriction(&r, now, "www.bbc.co.uk", "/bitesizes"), RestrictionVerdict::kNotOnList);
  EXPECT_EQ(checkRestriction(&r, now, "www.bbc.co.uk", "/news"), RestrictionVerdict::kNotOnList);
  EXPECT_EQ(checkRestriction(&r, now, "www.bbc.co.uk", std::nullopt), RestrictionVerdict::kAllowed)
      << "only the host is known (CONNECT): the host decides";
  EXPECT_EQ(checkRestriction(&r, now, "www.topmarks.co.uk", "/anything"), RestrictionVerdict::kAllowed);
  EXPECT_EQ(checkRestriction(&r, now, "www.youtube.com", "/"), RestrictionVerdict::kNotOnList);
  EXPECT_EQ(checkRestriction(&r, now, "www.youtube.com", std::nullopt), RestrictionVerdict::kNotOnList);
  EXPECT_EQ(checkRestriction(nullptr, now, "www.youtube.com", "/"), RestrictionVerdict::kNone);
}

TEST(DeviceRestriction, APauseStopsEverythingUntilItsTime) {
  FakeClock clock{LocalTime{}};
  clock.setUnix(1772530200);
  DeviceRestriction r{.device_id = 7, .kind = RestrictionKind::kPause,
                      .until = clock.nowUnix() + kDefaultRestrictionMinutes * 60};
  EXPECT_EQ(checkRestriction(&r, clock.nowUnix(), "www.bbc.co.uk", "/bitesize"), RestrictionVerdict::kPaused);
  clock.setUnix(clock.nowUnix() + 59 * 60 + 59);
  EXPECT_EQ(checkRestriction(&r, clock.nowUnix(), "www.bbc.co.uk", "/"), RestrictionVerdict::kPaused);
  EXPECT_TRUE(restrictionActive(r, clock.nowUnix()));
  clock.setUnix(clock.nowUnix() + 1);  // the hour is up
  EXPECT_FALSE(restrictionActive(r, clock.nowUnix()));
  EXPECT_EQ(checkRestriction(&r, clock.nowUnix(), "www.bbc.co.uk", "/"), RestrictionVerdict::kNone);
  DeviceRestriction until_ended{.device_id = 7, .kind = RestrictionKind::kPause, .until = 0};
  EXPECT_EQ(checkRestriction(&until_ended, clock.nowUnix() + 86400 * 365, "a.example", "/"),
            RestrictionVerdict::kPaused);
}

TEST(DeviceRestriction, KindsByName) {
  EXPECT_EQ(parseRestrictionKind("pause"), RestrictionKind::kPause);
  EXPECT_EQ(parseRestrictionKind("restrict"), RestrictionKind::kAllowList);
  EXPECT_EQ(parseRestrictionKind("allow-list"), RestrictionKind::kAllowList);
  EXPECT_EQ(parseRestrictionKind("shrug"), std::nullopt);
  EXPECT_EQ(restrictionKindName(RestrictionKind::kAllowList), "allow_list");
}

}  // namespace
}  // namespace esafety::policy
