#include "pages/block_page.h"

#include <gtest/gtest.h>

#include "pages/page_test_util.h"
#include "pages/reference.h"

namespace esafety::pages {
namespace {

using testing::contains;
using testing::countOf;
using testing::expectSelfContainedPage;

BlockPageInfo childInfo() {
  BlockPageInfo info;
  info.audience = Audience::kChild;
  info.cause = BlockCause::kCategory;
  info.site = "https://games-demo.example/play";
  info.category_title = "Games";
  info.reason = "KS1 blocks Games.";
  info.when = "Tue 3 March 2026, 10:42";
  info.group = "KS1";
  info.event_id = 48213;
  info.console_base = "https://esafety.school.internal:8080";
  return info;
}

BlockPageInfo adultInfo() {
  BlockPageInfo info = childInfo();
  info.audience = Audience::kAdult;
  info.cause = BlockCause::kSchoolBlocked;
  info.reason = "The school has blocked quiz-demo.example/answers: Quiz answers.";
  info.group = "Staff";
  return info;
}

TEST(BlockPage, ChildPageIsKindAndComplete) {
  std::string html = renderBlockPage(childInfo());
  expectSelfContainedPage(html);
  EXPECT_TRUE(contains(html, "<body class=\"child\">"));
  EXPECT_TRUE(contains(html, "This website is not for school."));
  EXPECT_TRUE(contains(html, "That's OK \xE2\x80\x94 you haven't done anything wrong."));
  EXPECT_TRUE(contains(html, "<svg class=\"mascot\""));
  EXPECT_TRUE(contains(html, "role=\"img\" aria-label=\"A friendly owl"));
  EXPECT_TRUE(contains(html, "right for your class"));  // the child's reason
  // The details, for the teacher.
  EXPECT_TRUE(contains(html, "For your teacher"));
  EXPECT_TRUE(contains(html, "https://games-demo.example/play"));
  EXPECT_TRUE(contains(html, "KS1 blocks Games."));
  EXPECT_TRUE(contains(html, "<dd>Games</dd>"));
  EXPECT_TRUE(contains(html, "<dd>KS1</dd>"));
  EXPECT_TRUE(contains(html, "Tue 3 March 2026, 10:42"));
  EXPECT_TRUE(contains(html, formatReference(48213)));
}

TEST(BlockPage, BothVersionsHaveTwoPostFormsToTheConsoleWithTheReference) {
  for (const BlockPageInfo& info : {childInfo(), adultInfo()}) {
    std::string html = renderBlockPage(info);
    EXPECT_EQ(countOf(html, "<form method=\"post\""), 2u);
    EXPECT_TRUE(
        contains(html, "action=\"https://esafety.school.internal:8080/blocked/tell-teacher\""));
    EXPECT_TRUE(
        contains(html, "action=\"https://esafety.school.internal:8080/blocked/ask-check\""));
    EXPECT_EQ(countOf(html, "<input type=\"hidden\" name=\"ref\" value=\"" +
                                formatReference(48213) + "\">"),
              2u);
    EXPECT_TRUE(contains(html, ">Tell a teacher</button>"));
    EXPECT_TRUE(contains(html, ">Ask for this site to be checked</button>"));
    EXPECT_EQ(countOf(html, "<button type=\"submit\""), 2u);
    EXPECT_FALSE(contains(html, "name=\"token\""));  // none given
  }
}

TEST(BlockPage, OnlyAdultsGetAFreeTextBox) {
  std::string child = renderBlockPage(childInfo());
  std::string adult = renderBlockPage(adultInfo());
  EXPECT_FALSE(contains(child, "<textarea"));
  EXPECT_FALSE(contains(child, "Why do you need it?"));
  EXPECT_EQ(countOf(adult, "<textarea"), 1u);
  EXPECT_TRUE(contains(adult, "<label for=\"why\">Why do you need it?"));
  EXPECT_TRUE(contains(adult, "name=\"why\""));
  EXPECT_TRUE(contains(adult, "maxlength=\"500\""));
  // The textarea belongs to the ask-check form.
  size_t check = adult.find("/blocked/ask-check");
  size_t area = adult.find("<textarea");
  size_t end = adult.find("</form>", check);
  EXPECT_LT(check, area);
  EXPECT_LT(area, end);
}

TEST(BlockPage, AdultPageIsPlainAndFactual) {
  std::string html = renderBlockPage(adultInfo());
  expectSelfContainedPage(html);
  EXPECT_TRUE(contains(html, "<body class=\"adult\">"));
  EXPECT_TRUE(contains(html, "<h1>This site is blocked</h1>"));
  EXPECT_TRUE(contains(html, "The school has blocked quiz-demo.example/answers: Quiz answers."));
  EXPECT_FALSE(contains(html, "<svg"));
  EXPECT_FALSE(contains(html, "That's OK"));
  EXPECT_FALSE(contains(html, "For your teacher"));
  EXPECT_TRUE(contains(html, "<dd>Staff</dd>"));
  EXPECT_TRUE(contains(html, formatReference(48213)));
}

TEST(BlockPage, EveryUserControlledFieldIsEscaped) {
  const std::string attack = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
  for (Audience audience : {Audience::kChild, Audience::kAdult}) {
    BlockPageInfo info = childInfo();
    info.audience = audience;
    info.site = "http://evil.example/" + attack;
    info.category_title = attack;
    info.reason = attack;
    info.when = "</title>" + attack;
    info.group = attack;
    info.form_token = attack;
    info.school_name = "</header>" + attack;
    std::string html = renderBlockPage(info);
    expectSelfContainedPage(html);
    EXPECT_TRUE(contains(html, "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_TRUE(contains(html, "name=\"token\" value=\"&quot;&gt;&lt;script&gt;"));
    EXPECT_TRUE(contains(html, "&lt;img src=x onerror=alert(2)&gt;"));  // text, not an element
  }
}

TEST(BlockPage, LongSitesAreCutAndTheTokenIsPostedWhole) {
  BlockPageInfo info = adultInfo();
  info.site = "https://example.com/" + std::string(5000, 'x');
  info.form_token = std::string(64, 'a');
  std::string html = renderBlockPage(info);
  EXPECT_FALSE(contains(html, std::string(200, 'x')));
  EXPECT_TRUE(contains(html, std::string(79, 'x') + "\xE2\x80\xA6"));
  EXPECT_EQ(countOf(html, "name=\"token\" value=\"" + std::string(64, 'a') + "\""), 2u);
  EXPECT_LT(html.size(), 16000u);
}

TEST(BlockPage, ABadConsoleBaseNeverBecomesTheFormAction) {
  BlockPageInfo info = childInfo();
  info.console_base = "javascript:alert(1)//";
  std::string html = renderBlockPage(info);
  EXPECT_FALSE(contains(html, "javascript:"));
  EXPECT_TRUE(contains(html, "action=\"/blocked/tell-teacher\""));
}

TEST(BlockPage, ChildWordsFollowTheCause) {
  struct Case {
    BlockCause cause;
    const char* words;
  };
  for (const Case& c : {Case{BlockCause::kSchoolBlocked, "Your school has decided"},
                        Case{BlockCause::kIllegal, "switched off for everyone"},
                        Case{BlockCause::kNotChecked, "Nobody at school has checked"},
                        Case{BlockCause::kContent, "words or pictures"},
                        Case{BlockCause::kAccount, "You can't use the internet just now."},
                        Case{BlockCause::kAccount, "your teacher will come and help"}}) {
    BlockPageInfo info = childInfo();
    info.cause = c.cause;
    std::string html = renderBlockPage(info);
    EXPECT_TRUE(contains(html, c.words)) << c.words;
    expectSelfContainedPage(html);
  }
}

TEST(BlockPage, AdultWithoutAReasonGetsAPlainOne) {
  BlockPageInfo info = adultInfo();
  info.reason.clear();
  info.category_title.clear();
  std::string html = renderBlockPage(info);
  EXPECT_TRUE(contains(html, "The school has blocked this site."));
  EXPECT_FALSE(contains(html, "<dt>Category</dt>"));
}

TEST(BlockPage, SchoolNameIsShownWhenGiven) {
  BlockPageInfo info = childInfo();
  info.school_name = "St Mary's C of E Primary";
  EXPECT_TRUE(contains(renderBlockPage(info), "St Mary&#39;s C of E Primary"));
  EXPECT_FALSE(contains(renderBlockPage(childInfo()), "<header>"));
}

}  // namespace
}  // namespace esafety::pages
