#include "pages/page_headers.h"

#include <gtest/gtest.h>

namespace esafety::pages {
namespace {

std::string headerValue(const HeaderList& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return "";
}

TEST(PageHeaders, ForbidScriptsAndAllowFormsOnlyToTheConsole) {
  HeaderList headers = pageHeaders("https://esafety.school.internal:8080/");
  EXPECT_EQ(headerValue(headers, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(headerValue(headers, "Cache-Control"), "no-store");
  std::string csp = headerValue(headers, "Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("script-src"), std::string::npos);  // falls back to 'none'
  EXPECT_NE(csp.find("form-action https://esafety.school.internal:8080;"), std::string::npos);
  EXPECT_EQ(headerValue(headers, "X-Content-Type-Options"), "nosniff");
}

TEST(PageHeaders, AnInvalidConsoleFallsBackToSelfAndCannotInjectHeaders) {
  HeaderList headers = pageHeaders("https://x.example\r\nSet-Cookie: a=b");
  std::string csp = headerValue(headers, "Content-Security-Policy");
  EXPECT_NE(csp.find("form-action 'self'"), std::string::npos);
  for (const auto& [n, v] : headers) {
    EXPECT_EQ(v.find_first_of("\r\n"), std::string::npos) << n;
  }
}

TEST(PageHeaders, PacHasItsMimeType) {
  EXPECT_EQ(headerValue(pacHeaders(), "Content-Type"), "application/x-ns-proxy-autoconfig");
}

}  // namespace
}  // namespace esafety::pages
