#include "net/ip_network.h"

#include <gtest/gtest.h>

namespace esafety::net {
namespace {

TEST(NetworkAcl, AllowsOnlyTheSchoolsNetworks) {
  auto acl = NetworkAcl::parse({"10.20.0.0/16", "127.0.0.1", "fd00::/8"});
  ASSERT_TRUE(acl);
  uint8_t inside[4] = {10, 20, 3, 4};
  uint8_t outside[4] = {10, 21, 3, 4};
  uint8_t loop[4] = {127, 0, 0, 1};
  uint8_t loop2[4] = {127, 0, 0, 2};
  uint8_t mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 20, 0, 1};
  uint8_t ula[16] = {0xfd, 1};
  uint8_t global6[16] = {0x20, 0x01, 0x0d, 0xb8};
  EXPECT_TRUE(acl->allows(inside));
  EXPECT_FALSE(acl->allows(outside));
  EXPECT_TRUE(acl->allows(loop));
  EXPECT_FALSE(acl->allows(loop2));
  EXPECT_TRUE(acl->allows(mapped));
  EXPECT_TRUE(acl->allows(ula));
  EXPECT_FALSE(acl->allows(global6));
}

TEST(IpNetwork, RejectsNonsense) {
  EXPECT_FALSE(IpNetwork::parse("10.0.0.0/33"));
  EXPECT_FALSE(IpNetwork::parse("school"));
  EXPECT_FALSE(IpNetwork::parse("::/129"));
  EXPECT_EQ(IpNetwork::parse("10.1.2.3/8")->toString(), "10.1.2.3/8");
  auto all = IpNetwork::parse("0.0.0.0/0");
  uint8_t any[4] = {8, 8, 8, 8};
  EXPECT_TRUE(all->contains(any));
}

}  // namespace
}  // namespace esafety::net
