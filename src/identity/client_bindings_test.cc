#include "identity/client_bindings.h"

#include <gtest/gtest.h>

#include <thread>

namespace esafety::identity {
namespace {

ClientBinding at(std::string ip, int64_t expires) {
  return {.client_ip = std::move(ip), .person = 1, .person_name = "Visitor", .group = "Visitor",
          .bound_at = 0, .expires_at = expires};
}

TEST(ClientBindingsTest, FindsLiveBindingsOnly) {
  ClientBindings table;
  ASSERT_TRUE(table.put(at("127.0.0.3", 100)).isOk());
  EXPECT_TRUE(table.find("127.0.0.3", 99));
  EXPECT_FALSE(table.find("127.0.0.3", 100));
  EXPECT_FALSE(table.find("127.0.0.4", 0));
  auto expired = table.takeExpired(100);
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(table.size(), 0u);
}

TEST(ClientBindingsTest, IsBoundedButLetsAnAddressSignInAgain) {
  ClientBindings table(1);
  ASSERT_TRUE(table.put(at("127.0.0.3", 100)).isOk());
  EXPECT_EQ(table.put(at("127.0.0.4", 100)).code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(table.put(at("127.0.0.3", 200)).isOk());
  EXPECT_TRUE(table.find("127.0.0.3", 150));
  EXPECT_TRUE(table.remove("127.0.0.3"));
  EXPECT_FALSE(table.remove("127.0.0.3"));
}

TEST(ClientBindingsTest, AddressTextIsCanonical) {
  const uint8_t v4[] = {10, 20, 4, 117};
  EXPECT_EQ(addressText(v4), "10.20.4.117");
  const uint8_t mapped[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 3};
  EXPECT_EQ(addressText(mapped), "127.0.0.3");
  uint8_t v6[16] = {0xfd};
  v6[15] = 5;
  EXPECT_EQ(addressText(v6), "fd00::5");
  EXPECT_EQ(addressText(std::span<const uint8_t>(v4, 3)), "");
}

TEST(ClientBindingsTest, ReadersAndWritersRunTogether) {
  ClientBindings table;
  std::thread writer([&] {
    for (int i = 0; i < 2000; ++i) {
      (void)table.put(at("127.0.0." + std::to_string(i % 50), 1000));
      if (i % 7 == 0) table.remove("127.0.0." + std::to_string(i % 50));
    }
  });
  for (int i = 0; i < 2000; ++i) (void)table.find("127.0.0." + std::to_string(i % 50), 0);
  writer.join();
  EXPECT_LE(table.size(), 50u);
}

}  // namespace
}  // namespace esafety::identity
