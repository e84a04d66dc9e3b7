// Devices: the registry the proxy uses to find a client's group.
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

class DevicesTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = "KS1"}, "a", "r"));
    ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = "Staff"}, "a", "r"));
  }
  static policy::Device ipad() {
    return {.name = "Year 1 iPad 01", .type = "ipad", .room = "Year 1",
            .mac = "02:E5:00:00:01:01", .ip = "127.0.0.11", .group = "KS1"};
  }
};

TEST_F(DevicesTest, RoundTripsAndFindsADeviceByIp) {
  auto id = store_->addDevice(school_, ipad(), "it.technician");
  ESAFETY_ASSERT_OK(id);
  auto found = store_->deviceByIp(school_, "127.0.0.11");
  ESAFETY_ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const policy::Device& d = **found;
  EXPECT_EQ(d.id, *id);
  EXPECT_EQ(d.name, "Year 1 iPad 01");
  EXPECT_EQ(d.type, "ipad");
  EXPECT_EQ(d.room, "Year 1");
  EXPECT_EQ(d.mac, "02:e5:00:00:01:01");  // stored lower-case
  EXPECT_EQ(d.group, "KS1");

  auto missing = store_->deviceByIp(school_, "127.0.0.99");
  ESAFETY_ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  auto junk = store_->deviceByIp(school_, "not-an-ip");
  ESAFETY_ASSERT_OK(junk);
  EXPECT_FALSE(junk->has_value());
}

TEST_F(DevicesTest, FindsIpv6AddressesWrittenAnyWay) {
  ESAFETY_ASSERT_OK(store_->addDevice(school_, {.name = "v6", .ip = "0:0:0:0:0:0:0:1"}, "a"));
  auto found = store_->deviceByIp(school_, "::1");
  ESAFETY_ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->ip, "::1");
  EXPECT_EQ((*found)->group, "");  // no group: the unknown-device policy applies
}

TEST_F(DevicesTest, UpdatesAndRemovesADevice) {
  auto id = store_->addDevice(school_, ipad(), "a");
  ESAFETY_ASSERT_OK(id);
  policy::Device moved = ipad();
  moved.id = *id;
  moved.name = "Staff iPad";
  moved.ip = "127.0.0.50";
  moved.group = "Staff";
  ESAFETY_ASSERT_OK(store_->updateDevice(school_, moved, "a"));
  auto all = store_->devices(school_);
  ESAFETY_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().name, "Staff iPad");
  EXPECT_EQ(all->front().group, "Staff");
  auto old_ip = store_->deviceByIp(school_, "127.0.0.11");
  ESAFETY_ASSERT_OK(old_ip);
  EXPECT_FALSE(old_ip->has_value());

  ESAFETY_ASSERT_OK(store_->removeDevice(school_, *id, "a"));
  all = store_->devices(school_);
  ESAFETY_ASSERT_OK(all);
  EXPECT_TRUE(all->empty());
  EXPECT_EQ(store_->removeDevice(school_, *id, "a").code(), StatusCode::kNotFound);
  moved.id = 999;
  EXPECT_EQ(store_->updateDevice(school_, moved, "a").code(), StatusCode::kNotFound);
}

TEST_F(DevicesTest, NamesAddressesAndMacsAreUnique) {
  ESAFETY_ASSERT_OK(store_->addDevice(school_, ipad(), "a"));
  policy::Device same_ip{.name = "Other", .ip = "127.0.0.11"};
  EXPECT_EQ(store_->addDevice(school_, same_ip, "a").status().code(), StatusCode::kAlreadyExists);
  policy::Device same_name{.name = "Year 1 iPad 01"};
  EXPECT_EQ(store_->addDevice(school_, same_name, "a").status().code(), StatusCode::kAlreadyExists);
  policy::Device same_mac{.name = "Other", .mac = "02:e5:00:00:01:01"};
  EXPECT_EQ(store_->addDevice(school_, same_mac, "a").status().code(), StatusCode::kAlreadyExists);
  // Devices without addresses do not clash with each other.
  ESAFETY_EXPECT_OK(store_->addDevice(school_, {.name = "Spare 1"}, "a"));
  ESAFETY_EXPECT_OK(store_->addDevice(school_, {.name = "Spare 2"}, "a"));
}

TEST_F(DevicesTest, RefusesBadAddressesAndUnknownGroups) {
  policy::Device d = ipad();
  d.ip = "300.1.1.1";
  EXPECT_EQ(store_->addDevice(school_, d, "a").status().code(), StatusCode::kInvalidArgument);
  d = ipad();
  d.mac = "02:e5:00";
  EXPECT_EQ(store_->addDevice(school_, d, "a").status().code(), StatusCode::kInvalidArgument);
  d = ipad();
  d.group = "KS9";
  EXPECT_EQ(store_->addDevice(school_, d, "a").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->addDevice(school_, ipad(), "").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace esafety::store::testing
