#include "inspect/search/circumvention.h"

#include <gtest/gtest.h>

namespace esafety::search {
namespace {

using classify::HostKind;

CircumventionSignal check(std::string_view host, HostKind kind, bool connect,
                          IpLiteralPolicy policy = IpLiteralPolicy::kMonitor,
                          bool safe_search = true, bool circumvention_blocked = false) {
  return isCircumventionSignal({.host = host,
                                .host_kind = kind,
                                .connect = connect,
                                .ip_literal = policy,
                                .safe_search = safe_search,
                                .circumvention_blocked = circumvention_blocked});
}

TEST(Circumvention, ConnectToAnIpLiteralFollowsTheSchoolsPolicy) {
  for (auto [host, kind] :
       {std::pair{"203.0.113.9", HostKind::kIpv4}, {"2001:db8::9", HostKind::kIpv6}}) {
    CircumventionSignal monitor = check(host, kind, true, IpLiteralPolicy::kMonitor);
    EXPECT_EQ(monitor.tag, CircumventionTag::kIpLiteral);
    EXPECT_EQ(monitor.action, CircumventionAction::kMonitor);
    CircumventionSignal deny = check(host, kind, true, IpLiteralPolicy::kDeny);
    EXPECT_EQ(deny.tag, CircumventionTag::kIpLiteral);
    EXPECT_EQ(deny.action, CircumventionAction::kBlock);
    CircumventionSignal allow = check(host, kind, true, IpLiteralPolicy::kAllow);
    EXPECT_EQ(allow.tag, CircumventionTag::kNone);
    EXPECT_EQ(allow.action, CircumventionAction::kNone);
  }
  // A plain HTTP request to an address is visible to the filter: not a signal.
  EXPECT_EQ(check("203.0.113.9", HostKind::kIpv4, false, IpLiteralPolicy::kDeny).tag,
            CircumventionTag::kNone);
}

TEST(Circumvention, TheFirefoxCanaryIsTagged) {
  CircumventionSignal s = check("use-application-dns.net", HostKind::kName, false);
  EXPECT_EQ(s.tag, CircumventionTag::kDohCanary);
  EXPECT_EQ(s.action, CircumventionAction::kMonitor);
}

TEST(Circumvention, DohResolversAreBlockedWhereSafeSearchIsOn) {
  for (std::string_view host : {"dns.google", "cloudflare-dns.com", "mozilla.cloudflare-dns.com",
                                "dns.quad9.net", "doh.opendns.com"}) {
    CircumventionSignal pupil = check(host, HostKind::kName, true, IpLiteralPolicy::kMonitor, true);
    EXPECT_EQ(pupil.tag, CircumventionTag::kDohResolver) << host;
    EXPECT_EQ(pupil.action, CircumventionAction::kBlock) << host;
    CircumventionSignal staff =
        check(host, HostKind::kName, true, IpLiteralPolicy::kMonitor, false);
    EXPECT_EQ(staff.tag, CircumventionTag::kDohResolver) << host;
    EXPECT_EQ(staff.action, CircumventionAction::kMonitor) << host;
    CircumventionSignal visitor =
        check(host, HostKind::kName, true, IpLiteralPolicy::kMonitor, false, true);
    EXPECT_EQ(visitor.action, CircumventionAction::kBlock) << host;
  }
}

TEST(Circumvention, VpnAndProxyProvidersAreTagged) {
  for (std::string_view host : {"nordvpn.com", "www.expressvpn.com", "protonvpn.com",
                                "www.hidemyass.com", "eu1.croxyproxy.com", "www.torproject.org"}) {
    CircumventionSignal s = check(host, HostKind::kName, true);
    EXPECT_EQ(s.tag, CircumventionTag::kVpnOrProxy) << host;
    EXPECT_EQ(s.action, CircumventionAction::kMonitor) << host;
    CircumventionSignal blocked =
        check(host, HostKind::kName, true, IpLiteralPolicy::kMonitor, true, true);
    EXPECT_EQ(blocked.tag, CircumventionTag::kVpnOrProxy) << host;
    EXPECT_EQ(blocked.action, CircumventionAction::kBlock) << host;
  }
  EXPECT_GT(circumventionProviders().size(), 30u);
}

TEST(Circumvention, OrdinarySitesAndLookalikesAreNotSignals) {
  for (std::string_view host : {"www.bbc.co.uk", "notnordvpn.com", "nordvpn.com.example",
                                "google.com", "dns.google.example", "application-dns.net"}) {
    CircumventionSignal s = check(host, HostKind::kName, true);
    EXPECT_EQ(s.tag, CircumventionTag::kNone) << host;
    EXPECT_EQ(s.action, CircumventionAction::kNone) << host;
  }
}

TEST(Circumvention, TagNamesAndPolicyValuesRoundTrip) {
  for (auto tag : {CircumventionTag::kIpLiteral, CircumventionTag::kDohCanary,
                   CircumventionTag::kDohResolver, CircumventionTag::kVpnOrProxy}) {
    CircumventionTag parsed = CircumventionTag::kNone;
    ASSERT_TRUE(parseCircumventionTag(circumventionTagName(tag), &parsed));
    EXPECT_EQ(parsed, tag);
  }
  CircumventionTag unused;
  EXPECT_FALSE(parseCircumventionTag("", &unused));
  IpLiteralPolicy policy = IpLiteralPolicy::kAllow;
  EXPECT_TRUE(parseIpLiteralPolicy("deny", &policy));
  EXPECT_EQ(policy, IpLiteralPolicy::kDeny);
  EXPECT_TRUE(parseIpLiteralPolicy("monitor", &policy));
  EXPECT_EQ(policy, IpLiteralPolicy::kMonitor);
  EXPECT_TRUE(parseIpLiteralPolicy("allow", &policy));
  EXPECT_EQ(policy, IpLiteralPolicy::kAllow);
  EXPECT_FALSE(parseIpLiteralPolicy("block", &policy));
}

}  // namespace
}  // namespace esafety::search
