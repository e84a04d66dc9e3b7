#include "pages/pac.h"

#include <gtest/gtest.h>

#include "pages/page_test_util.h"

namespace esafety::pages {
namespace {

using testing::contains;
using testing::countOf;

PacOptions laOptions() {
  PacOptions options;
  options.proxies = {"filter1.la.example:3128", "Filter2.LA.example:3128"};
  options.console_host = "esafety.school.internal";
  options.bypass_domains = {"school.internal", "*.mis.example", ".gov.uk"};
  options.bypass_networks = {"10.20.0.0/16", "192.168.50.7/24", "172.16.5.5"};
  return options;
}

TEST(Pac, ListsEveryProxyInOrder) {
  auto pac = renderPac(laOptions());
  ASSERT_TRUE(pac.isOk()) << pac.status().toString();
  EXPECT_TRUE(contains(
      *pac, "var proxies = \"PROXY filter1.la.example:3128; PROXY filter2.la.example:3128\";"));
  EXPECT_FALSE(contains(*pac, "; DIRECT\""));  // fails closed by default
  EXPECT_TRUE(contains(*pac, "function FindProxyForURL(url, host) {"));
  EXPECT_TRUE(contains(*pac, "return proxies;"));
}

TEST(Pac, GoesDirectForLocalThingsAndTheBypassLists) {
  auto pac = renderPac(laOptions());
  ASSERT_TRUE(pac.isOk());
  EXPECT_TRUE(contains(*pac, "if (!ipv6 && isPlainHostName(host)) return \"DIRECT\";"));
  EXPECT_TRUE(contains(*pac, "host === \"localhost\""));
  EXPECT_TRUE(contains(*pac, "isInNet(host, \"127.0.0.0\", \"255.0.0.0\")"));
  EXPECT_TRUE(contains(*pac, "if (host === \"::1\") return \"DIRECT\";"));
  EXPECT_TRUE(contains(*pac, "var consoleHost = \"esafety.school.internal\";"));
  EXPECT_TRUE(
      contains(*pac, "var bypassDomains = [\"school.internal\", \"mis.example\", \"gov.uk\"];"));
  EXPECT_TRUE(contains(*pac, "dnsDomainIs(host, \".\" + domain)"));
  // Networks become address and mask for isInNet, host bits cleared.
  EXPECT_TRUE(contains(*pac, "[\"10.20.0.0\", \"255.255.0.0\"]"));
  EXPECT_TRUE(contains(*pac, "[\"192.168.50.0\", \"255.255.255.0\"]"));
  EXPECT_TRUE(contains(*pac, "[\"172.16.5.5\", \"255.255.255.255\"]"));
  EXPECT_TRUE(contains(*pac, "var resolveForNetworks = false;"));
}

TEST(Pac, ShapeIsBalanced) {
  auto pac = renderPac(laOptions());
  ASSERT_TRUE(pac.isOk());
  EXPECT_EQ(countOf(*pac, "{"), countOf(*pac, "}"));
  EXPECT_EQ(countOf(*pac, "("), countOf(*pac, ")"));
  EXPECT_EQ(countOf(*pac, "["), countOf(*pac, "]"));
  EXPECT_EQ(countOf(*pac, "\"") % 2, 0u);
  EXPECT_EQ(countOf(*pac, "function FindProxyForURL"), 1u);
}

TEST(Pac, OptionsChangeTheFile) {
  PacOptions options = laOptions();
  options.direct_if_proxies_down = true;
  options.resolve_for_networks = true;
  options.proxies = {"[FD00::1]:8080"};
  auto pac = renderPac(options);
  ASSERT_TRUE(pac.isOk()) << pac.status().toString();
  EXPECT_TRUE(contains(*pac, "var proxies = \"PROXY [fd00::1]:8080; DIRECT\";"));
  EXPECT_TRUE(contains(*pac, "var resolveForNetworks = true;"));
}

TEST(Pac, MinimalOptions) {
  PacOptions options;
  options.proxies = {"10.0.0.1:3128"};
  auto pac = renderPac(options);
  ASSERT_TRUE(pac.isOk());
  EXPECT_TRUE(contains(*pac, "var consoleHost = \"\";"));
  EXPECT_TRUE(contains(*pac, "var bypassDomains = [];"));
  EXPECT_TRUE(contains(*pac, "var bypassNetworks = [];"));
}

TEST(Pac, RejectsBadEntriesByName) {
  struct Case {
    const char* what;
    PacOptions options;
    const char* names;
  };
  PacOptions none;
  PacOptions no_port, bad_port, bad_host, bad_console, bad_domain, bad_net, bad_len;
  for (PacOptions* o :
       {&no_port, &bad_port, &bad_host, &bad_console, &bad_domain, &bad_net, &bad_len}) {
    *o = laOptions();
  }
  no_port.proxies = {"filter1.la.example"};
  bad_port.proxies = {"filter1.la.example:70000"};
  bad_host.proxies = {"evil\"; alert(1); \".example:3128"};
  bad_console.console_host = "console.example:8080";
  bad_domain.bypass_domains = {"school internal"};
  bad_net.bypass_networks = {"10.20.0/16"};
  bad_len.bypass_networks = {"10.20.0.0/33"};
  for (const Case& c :
       {Case{"none", none, "at least one proxy"}, Case{"no port", no_port, "filter1.la.example"},
        Case{"bad port", bad_port, "70000"}, Case{"bad host", bad_host, "not a host name"},
        Case{"bad console", bad_console, "console.example:8080"},
        Case{"bad domain", bad_domain, "school internal"},
        Case{"bad network", bad_net, "10.20.0/16"}, Case{"bad length", bad_len, "10.20.0.0/33"}}) {
    auto pac = renderPac(c.options);
    ASSERT_FALSE(pac.isOk()) << c.what;
    EXPECT_EQ(pac.status().code(), StatusCode::kInvalidArgument) << c.what;
    EXPECT_TRUE(contains(pac.status().message(), c.names))
        << c.what << ": " << pac.status().message();
  }
}

}  // namespace
}  // namespace esafety::pages
