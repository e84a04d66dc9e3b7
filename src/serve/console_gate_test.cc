#include "serve/console_gate.h"

#include <gtest/gtest.h>

#include "serve/connection_caps.h"
#include "serve/per_address_limit.h"

namespace esafety::serve {
namespace {

const std::vector<uint8_t> kInside = {10, 20, 4, 117};
const std::vector<uint8_t> kOutside = {192, 0, 2, 7};
const std::vector<uint8_t> kLoopback = {127, 0, 0, 1};
const std::vector<uint8_t> kProxy = {10, 0, 0, 2};

ConsoleGate gateFor(ServeConfig config) {
  auto gate = ConsoleGate::make(config);
  EXPECT_TRUE(gate) << gate.status().message();
  return *gate;
}

ServeConfig schoolConfig() {
  ServeConfig config;
  config.school_networks = {"10.20.0.0/16", "127.0.0.0/8"};
  config.console.listen = {"10.20.0.5", 8080};
  config.console.public_url = "https://esafety.school.internal:8080";
  return config;
}

TEST(ConsoleGateTest, OnlySchoolAndAdminNetworksReachTheConsole) {
  ServeConfig config = schoolConfig();
  EXPECT_TRUE(gateFor(config).allowsClient(kInside));
  EXPECT_FALSE(gateFor(config).allowsClient(kOutside));
  config.school_networks = {"10.20.0.0/16"};
  EXPECT_TRUE(gateFor(config).allowsClient(kLoopback)) << "the server itself";
  config.console.admin_networks = {"192.0.2.0/24"};
  EXPECT_TRUE(gateFor(config).allowsClient(kOutside));
}

TEST(ConsoleGateTest, ForeignHostNamesAreRefusedAddressesAreNot) {
  ConsoleGate gate = gateFor(schoolConfig());
  EXPECT_TRUE(gate.allowsHost("esafety.school.internal:8080"));
  EXPECT_TRUE(gate.allowsHost("ESAFETY.School.Internal."));
  EXPECT_TRUE(gate.allowsHost("10.20.0.5:8080"));
  EXPECT_TRUE(gate.allowsHost("[::1]:8080"));
  EXPECT_TRUE(gate.allowsHost(""));
  EXPECT_FALSE(gate.allowsHost("rebind.attacker.example:8080"));
  EXPECT_FALSE(gate.allowsHost("esafety.school.internal.attacker.example"));
  ServeConfig named = schoolConfig();
  named.console.names = {"console.school.internal"};
  EXPECT_TRUE(gateFor(named).allowsHost("console.school.internal"));
  EXPECT_FALSE(gateFor(named).allowsHost("esafety.school.internal"));
}

TEST(ConsoleGateTest, MetricsNeedTheTokenOrLoopback) {
  ServeConfig config = schoolConfig();
  EXPECT_TRUE(gateFor(config).allowsMetrics(kLoopback, ""));
  EXPECT_FALSE(gateFor(config).allowsMetrics(kInside, ""));
  config.console.metrics_token = "s3cret-token";
  ConsoleGate gate = gateFor(config);
  EXPECT_TRUE(gate.allowsMetrics(kInside, "Bearer s3cret-token"));
  EXPECT_FALSE(gate.allowsMetrics(kInside, "Bearer s3cret-tokem"));
  EXPECT_FALSE(gate.allowsMetrics(kLoopback, ""));
}

TEST(ConsoleGateTest, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  ServeConfig config = schoolConfig();
  config.console.trusted_proxies = {"10.0.0.2/32"};
  ConsoleGate gate = gateFor(config);
  auto from_proxy = gate.client(kProxy, "203.0.113.9, 10.20.4.117");
  ASSERT_TRUE(from_proxy);
  EXPECT_EQ(from_proxy->ip, "10.20.4.117");
  auto direct = gate.client(kInside, "10.20.9.9");
  ASSERT_TRUE(direct);
  EXPECT_EQ(direct->ip, "10.20.4.117");
  auto bad = gate.client(kProxy, "10.20.4.117, not-an-address");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.status().message().find("X-Forwarded-For"), std::string::npos);
}

TEST(ConnectionCapsTest, TotalAndPerClientCapsRefuseAndRelease) {
  ConnectionCaps caps(3, 2);
  auto a1 = caps.take("a");
  auto a2 = caps.take("a");
  ASSERT_TRUE(a1 && a2);
  EXPECT_FALSE(caps.take("a"));
  EXPECT_EQ(caps.lastRefusal(), ConnectionCaps::Refusal::kPerClient);
  auto b1 = caps.take("b");
  ASSERT_TRUE(b1);
  EXPECT_FALSE(caps.take("c"));
  EXPECT_EQ(caps.lastRefusal(), ConnectionCaps::Refusal::kTotal);
  a1.reset();
  EXPECT_EQ(caps.open(), 2u);
  EXPECT_EQ(caps.openFrom("a"), 1u);
  EXPECT_TRUE(caps.take("c"));
}

TEST(PerAddressLimitTest, TenAMinuteThenWait) {
  PerAddressLimit limit(10, 60);
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limit.allow("10.20.4.117", 1000));
  EXPECT_FALSE(limit.allow("10.20.4.117", 1030));
  EXPECT_EQ(limit.retryAfter("10.20.4.117", 1030), 30);
  EXPECT_TRUE(limit.allow("10.20.4.118", 1030));
  EXPECT_TRUE(limit.allow("10.20.4.117", 1060));
}

TEST(PerAddressLimitTest, MemoryIsBounded) {
  PerAddressLimit limit(1, 60, 2);
  EXPECT_TRUE(limit.allow("a", 0));
  EXPECT_TRUE(limit.allow("b", 0));
  EXPECT_FALSE(limit.allow("c", 10));  // both windows still running
  EXPECT_TRUE(limit.allow("c", 61));   // theirs ended and were dropped
}

}  // namespace
}  // namespace esafety::serve
