#include "pages/restriction_page.h"

#include <gtest/gtest.h>

#include "pages/page_test_util.h"

namespace esafety::pages {
namespace {

using testing::contains;

TEST(RestrictionPage, PausedSpeaksToTheChildAndSaysWhenItEnds) {
  RenderedPage page = renderPausedPage({.audience = Audience::kChild, .until_text = "10:30"});
  EXPECT_EQ(page.status, 403);
  EXPECT_TRUE(contains(page.html, "Paused by your teacher"));
  EXPECT_TRUE(contains(page.html, "not in trouble"));
  EXPECT_TRUE(contains(page.html, "<strong>10:30</strong>"));
  EXPECT_TRUE(contains(page.html, "role=\"img\""));  // the owl
  RenderedPage adult = renderPausedPage({.audience = Audience::kAdult});
  EXPECT_TRUE(contains(adult.html, "Internet paused by a teacher"));
  EXPECT_FALSE(contains(adult.html, "It ends by itself"));
  EXPECT_FALSE(contains(adult.html, "role=\"img\""));
}

TEST(RestrictionPage, LessonOnlyListsTheSitesEscaped) {
  RenderedPage page = renderLessonOnlyPage({.audience = Audience::kChild,
                                            .site = "<script>x</script>.example",
                                            .allowed = {"bbc.co.uk/bitesize", "a.example/\"q"}});
  EXPECT_EQ(page.status, 403);
  EXPECT_TRUE(contains(page.html, "Only the lesson&#39;s sites now"));
  EXPECT_TRUE(contains(page.html, "<a href=\"https://bbc.co.uk/bitesize\">bbc.co.uk/bitesize</a>"));
  EXPECT_FALSE(contains(page.html, "<script>x"));
  EXPECT_FALSE(contains(page.html, "/\"q"));
}

}  // namespace
}  // namespace esafety::pages
