#include "proxy/upstream_guard.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>

#include "proxy/client_connection_cap.h"

namespace esafety::proxy {
namespace {

std::vector<uint8_t> ip(const char* text) {
  std::vector<uint8_t> out(16);
  if (inet_pton(AF_INET, text, out.data()) == 1) {
    out.resize(4);
  } else if (inet_pton(AF_INET6, text, out.data()) != 1) {
    ADD_FAILURE() << text;
  }
  return out;
}

TEST(ClassifyAddress, EveryInternalRangeHasItsKind) {
  const std::pair<const char*, AddressKind> cases[] = {
      {"127.0.0.1", AddressKind::kLoopback},     {"127.255.0.9", AddressKind::kLoopback},
      {"10.1.2.3", AddressKind::kPrivate},       {"172.16.0.1", AddressKind::kPrivate},
      {"172.31.255.255", AddressKind::kPrivate}, {"192.168.0.1", AddressKind::kPrivate},
      {"169.254.169.254", AddressKind::kLinkLocal}, {"100.64.0.1", AddressKind::kCgnat},
      {"100.127.255.255", AddressKind::kCgnat},  {"0.0.0.0", AddressKind::kUnspecified},
      {"224.0.0.1", AddressKind::kReserved},     {"255.255.255.255", AddressKind::kReserved},
      {"::", AddressKind::kUnspecified},         {"::1", AddressKind::kLoopback},
      {"fe80::1", AddressKind::kLinkLocal},      {"febf::1", AddressKind::kLinkLocal},
      {"fc00::1", AddressKind::kUniqueLocal},    {"fdff::1", AddressKind::kUniqueLocal},
      {"ff02::1", AddressKind::kReserved},       {"::ffff:10.0.0.1", AddressKind::kPrivate},
      {"::ffff:127.0.0.1", AddressKind::kLoopback},
  };
  for (const auto& [text, kind] : cases) EXPECT_EQ(classifyAddress(ip(text)), kind) << text;
}

TEST(ClassifyAddress, TheEdgesOfEachRangeArePublic) {
  for (const char* text : {"8.8.8.8", "172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0",
                           "169.253.0.1", "192.167.1.1", "11.0.0.1", "223.255.255.255", "2001:db8::1",
                           "2606:4700::1111", "fbff::1", "fe7f::1", "::ffff:8.8.8.8"}) {
    EXPECT_EQ(classifyAddress(ip(text)), AddressKind::kPublic) << text;
  }
}

TEST(UpstreamGuard, TheServersOwnAddressesAreRefused) {
  auto own = net::IpNetwork::parse("203.0.113.7").value();
  UpstreamGuard guard = UpstreamGuard::make({}, {own}).value();
  EXPECT_EQ(guard.check("filter.school.example", ip("203.0.113.7")), AddressKind::kOwn);
  EXPECT_EQ(guard.check("x.example", ip("::ffff:203.0.113.7")), AddressKind::kOwn);
  EXPECT_EQ(guard.check("x.example", ip("203.0.113.8")), AddressKind::kPublic);
}

TEST(UpstreamGuard, TheAllowListNamesNetworksAndHosts) {
  UpstreamGuard guard = UpstreamGuard::make({"10.20.0.0/16", "Intranet.School.Example", "fd00::5"}, {}).value();
  EXPECT_EQ(guard.check("a.example", ip("10.20.3.4")), AddressKind::kPublic);
  EXPECT_EQ(guard.check("a.example", ip("10.21.3.4")), AddressKind::kPrivate);
  EXPECT_EQ(guard.check("a.example", ip("fd00::5")), AddressKind::kPublic);
  // An allow-listed name (and the names under it) may resolve anywhere.
  EXPECT_EQ(guard.check("intranet.school.example", ip("192.168.9.9")), AddressKind::kPublic);
  EXPECT_EQ(guard.check("wiki.intranet.school.example", ip("192.168.9.9")), AddressKind::kPublic);
  EXPECT_EQ(guard.check("notintranet.school.example", ip("192.168.9.9")), AddressKind::kPrivate);
}

TEST(UpstreamGuard, ABadAllowListEntryIsNamed) {
  auto bad = UpstreamGuard::make({"10.0.0.0/40"}, {});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.status().message().find("proxy.internal_allow: '10.0.0.0/40'"), std::string::npos);
}

TEST(UpstreamGuard, ThisMachineHasAddresses) {
  auto own = localInterfaceAddresses();
  const uint8_t loopback[4] = {127, 0, 0, 1};
  EXPECT_TRUE(std::any_of(own.begin(), own.end(), [&](const net::IpNetwork& n) { return n.contains(loopback); }));
}

TEST(ClientConnectionCap, EachAddressHoldsAtMostItsShare) {
  ClientConnectionCap cap(2);
  const uint8_t a[4] = {10, 0, 0, 1};
  const uint8_t b[4] = {10, 0, 0, 2};
  ClientSlot first = cap.take(a);
  {
    ClientSlot second = cap.take(a);
    EXPECT_TRUE(first);
    EXPECT_TRUE(second);
    EXPECT_FALSE(cap.take(a));  // the third from the same address
    EXPECT_TRUE(cap.take(b));   // another device is not affected
    EXPECT_EQ(cap.openFrom(a), 2u);
  }
  EXPECT_EQ(cap.openFrom(a), 1u);  // a closed connection gives its place back
  ClientSlot moved(std::move(first));
  EXPECT_EQ(cap.openFrom(a), 1u);
  EXPECT_TRUE(cap.take(a));
  EXPECT_EQ(cap.openFrom(b), 0u);
}

}  // namespace
}  // namespace esafety::proxy
