#include "classify/url.h"

#include <gtest/gtest.h>

namespace esafety::classify {
namespace {

struct Case {
  const char* input;
  const char* expected;  // NormalizedUrl::toString(), or nullptr for an error
};

// Tricky URLs as browsers, list files and pupils write them.
const Case kCases[] = {
    {"http://Example.COM/", "example.com/"},
    {"HTTP://WWW.EXAMPLE.COM.:80/a/./b/../c?q=1#top", "www.example.com/a/c?q=1"},
    {"https://example.com:443/x", "example.com/x"},
    {"https://example.com:8443/x", "example.com:8443/x"},
    {"http://example.com:80", "example.com/"},
    {"example.com", "example.com"},
    {"example.com.", "example.com"},
    {"Example.com:443", "example.com:443"},
    {"example.com/games/", "example.com/games/"},
    {"http://example.com//games///chess", "example.com/games/chess"},
    {"http://example.com/a/b/../../../../c", "example.com/c"},
    {"http://example.com/%7Euser/%2e%2e/x", "example.com/x"},
    {"http://example.com/a%2fb", "example.com/a%2Fb"},
    {"http://example.com/a%2Fb", "example.com/a%2Fb"},
    {"http://example.com/hello world", "example.com/hello%20world"},
    {"http://example.com/caf\xc3\xa9", "example.com/caf%C3%A9"},
    {"http://example.com\\games\\chess", "example.com/games/chess"},
    {"http://%65xample.com/", "example.com/"},
    {"http://user:secret@example.com/", "example.com/"},
    {"http://b\xc3\xbc" "cher.de/", "xn--bcher-kva.de/"},
    {"http://B\xc3\x9c" "CHER.DE/", "xn--bcher-kva.de/"},
    {"http://xn--bcher-kva.de/", "xn--bcher-kva.de/"},
    {"http://\xe4\xbe\x8b\xe5\xad\x90.\xe6\xb5\x8b\xe8\xaf\x95/", "xn--fsqu00a.xn--0zwm56d/"},
    {"http://192.168.0.1/", "192.168.0.1/"},
    {"http://3232235521/", "192.168.0.1/"},
    {"http://0xC0.0xA8.0.1/", "192.168.0.1/"},
    {"http://0300.0250.0.1/", "192.168.0.1/"},
    {"http://192.168.1/", "192.168.0.1/"},
    {"http://[2001:DB8::1]/", "[2001:db8::1]/"},
    {"http://[2001:db8:0:0:0:0:0:1]:8080/x", "[2001:db8::1]:8080/x"},
    {"http://[::ffff:192.0.2.1]/", "192.0.2.1/"},
    {"http://example.com?q=a%20b", "example.com/?q=a%20b"},
    {"http://example.com/search?q=%7e", "example.com/search?q=~"},
    {"http://under_score.example.com/", "under_score.example.com/"},
    // Errors.
    {"", nullptr},
    {"   ", nullptr},
    {"http://", nullptr},
    {"http:///path", nullptr},
    {"ftp2://example.com/", nullptr},
    {"javascript://alert(1)", nullptr},
    {"http://exa mple.com/", nullptr},
    {"http://example..com/", nullptr},
    {"http://example.com:99999/", nullptr},
    {"http://example.com:0/", nullptr},
    {"http://example.com:8o/", nullptr},
    {"http://256.1.1.1/", nullptr},
    {"http://1.2.3.4.5/", nullptr},
    {"http://[2001:db8::1/", nullptr},
    {"http://[zz::1]/", nullptr},
    {"http://2001:db8::1/", nullptr},
    {"http://exa$mple.com/", nullptr},
    {"http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com/", nullptr},
};

TEST(NormalizeUrl, TrickyTable) {
  for (const Case& c : kCases) {
    auto url = normalizeUrl(c.input);
    if (c.expected == nullptr) {
      EXPECT_FALSE(url.isOk()) << "'" << c.input << "' should be rejected, got "
                               << (url ? url->toString() : "");
      if (!url) {
        EXPECT_FALSE(url.status().message().empty()) << c.input;
      }
    } else {
      ASSERT_TRUE(url.isOk()) << "'" << c.input << "': " << url.status().toString();
      EXPECT_EQ(url->toString(), c.expected) << "input: '" << c.input << "'";
    }
  }
}

TEST(NormalizeUrl, FieldsAndDefaultPorts) {
  auto url = normalizeUrl("https://User@Example.com/a?b=c");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "example.com");
  EXPECT_EQ(url->port, 443);
  EXPECT_TRUE(url->had_userinfo);
  EXPECT_EQ(url->path, "/a");
  EXPECT_EQ(url->query, "b=c");
  EXPECT_EQ(url->host_kind, HostKind::kName);

  auto bare = normalizeUrl("example.com");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->port, 0);
  EXPECT_EQ(bare->path, "");
}

TEST(NormalizeUrl, LongHostIsRejectedWithItsLength) {
  std::string host;
  for (int i = 0; i < 50; ++i) host += "abcdef.";
  host += "com";
  auto url = normalizeUrl("http://" + host + "/");
  ASSERT_FALSE(url);
  EXPECT_NE(url.status().message().find("limit is 253"), std::string::npos)
      << url.status().message();
}

TEST(NormalizeUrl, OverlongUrlIsRejected) {
  std::string big = "http://example.com/" + std::string(kMaxUrlLength, 'a');
  auto url = normalizeUrl(big);
  ASSERT_FALSE(url);
  EXPECT_EQ(url.status().code(), StatusCode::kInvalidArgument);
}

// Found by the 10 M-execution fuzz run (url_normalizer_fuzz): a URL under
// the limit whose bytes are percent-encoded grows past it, and the result
// would not normalise again. The limit holds for the normalised URL too.
TEST(NormalizeUrl, AUrlThatGrowsPastTheLimitWhenEncodedIsRejected) {
  std::string spaces(3000, '\x10');  // each becomes "%10"
  auto url = normalizeUrl("http://example.com/" + spaces);
  ASSERT_FALSE(url);
  EXPECT_NE(url.status().message().find("once normalised; the limit is 8192"), std::string::npos)
      << url.status().message();
  // Just under the limit once encoded: accepted, and it normalises to itself.
  auto fits = normalizeUrl("http://example.com/" + std::string(2700, '\x10'));
  ASSERT_TRUE(fits.isOk()) << fits.status().message();
  auto again = normalizeUrl(fits->toString());
  ASSERT_TRUE(again.isOk());
  EXPECT_EQ(again->toString(), fits->toString());
}

TEST(NormalizeHost, KindsAndCanonicalText) {
  HostKind kind;
  EXPECT_EQ(*normalizeHost("WWW.Example.Com.", &kind), "www.example.com");
  EXPECT_EQ(kind, HostKind::kName);
  EXPECT_EQ(*normalizeHost("[::1]", &kind), "::1");
  EXPECT_EQ(kind, HostKind::kIpv6);
  EXPECT_EQ(*normalizeHost("2130706433", &kind), "127.0.0.1");
  EXPECT_EQ(kind, HostKind::kIpv4);
  EXPECT_FALSE(normalizeHost(""));
  EXPECT_FALSE(normalizeHost("a..b"));
}

// WHATWG maps international names before it looks for an IPv4 address, so a
// name that maps to digits is an address, as a browser would reach it (and a
// normalised URL normalises to itself: found by url_normalizer_fuzz).
TEST(NormalizeHost, InternationalFormsOfAnAddressAreTheAddress) {
  HostKind kind;
  EXPECT_EQ(*normalizeHost("\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.\xef\xbc\x90.\xef\xbc\x90.\xef\xbc\x91", &kind),
            "127.0.0.1");  // full-width digits
  EXPECT_EQ(kind, HostKind::kIpv4);
  EXPECT_EQ(*normalizeHost("0\xcb\xa3", &kind), "0.0.0.0");  // "0" and MODIFIER LETTER SMALL X: "0x"
  EXPECT_EQ(kind, HostKind::kIpv4);
  const std::string crash("0\xcb\xa3\\\\\\\\\0\r\\\\4\xc2", 13);
  auto url = normalizeUrl(crash);
  ASSERT_TRUE(url);
  EXPECT_EQ(normalizeUrl(url->toString())->toString(), url->toString());
}

TEST(ParseIpv4, BrowserForms) {
  uint32_t a = 0;
  EXPECT_TRUE(parseIpv4("127.1", &a));
  EXPECT_EQ(a, 0x7F000001u);
  EXPECT_TRUE(parseIpv4("0x7f.0.0.1", &a));
  EXPECT_EQ(a, 0x7F000001u);
  EXPECT_FALSE(parseIpv4("1.2.3.4.5", &a));
  EXPECT_FALSE(parseIpv4("1.2.3.09", &a));  // 09 is not octal
  EXPECT_FALSE(parseIpv4("", &a));
}

}  // namespace
}  // namespace esafety::classify
