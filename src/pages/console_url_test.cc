#include "pages/console_url.h"

#include <gtest/gtest.h>

namespace esafety::pages {
namespace {

TEST(ConsoleUrl, JoinsAValidBaseAndAPath) {
  EXPECT_EQ(consoleUrl("https://esafety.school.internal:8080", "/visitor"),
            "https://esafety.school.internal:8080/visitor");
  EXPECT_EQ(consoleUrl("http://10.0.0.5/", "/blocked/ask-check"),
            "http://10.0.0.5/blocked/ask-check");
  EXPECT_EQ(consoleUrl("https://la.example/esafety//", "/visitor"),
            "https://la.example/esafety/visitor");
  EXPECT_EQ(consoleUrl("http://[fd00::5]:8080", "/visitor"), "http://[fd00::5]:8080/visitor");
}

TEST(ConsoleUrl, AnInvalidBaseGivesTheBarePath) {
  for (const char* base :
       {"", "javascript:alert(1)//", "esafety.school.internal", "ftp://x.example", "https://",
        "https://x.example/?q=1", "https://x.example/#f", "https://user@x.example",
        "https://x.example/\"><b>", "https://x .example", "data:text/html,x"}) {
    EXPECT_EQ(consoleUrl(base, "/visitor"), "/visitor") << base;
    EXPECT_FALSE(validateConsoleBase(base).isOk()) << base;
    EXPECT_EQ(consoleOrigin(base), "") << base;
  }
}

TEST(ConsoleUrl, OriginDropsThePath) {
  EXPECT_TRUE(validateConsoleBase("https://la.example:8443/school/12").isOk());
  EXPECT_EQ(consoleOrigin("https://la.example:8443/school/12"), "https://la.example:8443");
  EXPECT_EQ(consoleOrigin("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
}

}  // namespace
}  // namespace esafety::pages
