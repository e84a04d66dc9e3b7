// ClassStreams without sockets: each visit goes to its device's room's
// streams only, nothing is handed over while no stream is open, a burst of
// passes is one delivery, a device moved to another room shows there once
// the rooms are read again, a restriction change tells every class stream,
// and a delivery posted before the feed went does nothing.
#include "serve/class_streams.h"

#include <gtest/gtest.h>

namespace esafety::serve {
namespace {

class ClassStreamsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.setUnix(1'780'000'000);
    devices_ = {device(1, "iPad 01", "Oak"), device(2, "iPad 02", "Ash"), device(3, "Office PC", "")};
  }
  static policy::Device device(int64_t id, std::string name, std::string room) {
    policy::Device d;
    d.id = id;
    d.name = std::move(name);
    d.room = std::move(room);
    return d;
  }
  std::unique_ptr<ClassStreams> make() {
    auto s = std::make_unique<ClassStreams>(
        &activity_, &restrictions_, live_,
        [this]() -> Result<std::vector<policy::Device>> {
          ++reads_;
          return devices_;
        },
        clock_, [this](std::function<void()> fn) { posted_.push_back(std::move(fn)); });
    s->start();
    return s;
  }
  static alerts::FeedEvent visit(int64_t id, int64_t device, const std::string& host) {
    alerts::FeedEvent e;
    e.id = id;
    e.event.device_id = device;
    e.event.setUrl("http://" + host + "/");
    return e;
  }
  void runPosted() {
    auto work = std::exchange(posted_, {});
    for (auto& fn : work) fn();
  }
  FakeClock clock_{LocalTime{}};
  std::vector<policy::Device> devices_;
  int reads_ = 0;
  alerts::ActivityNotifier activity_;
  Listeners<int64_t> restrictions_;
  LiveStreams live_{LiveStreams::Limits{}};
  std::vector<std::function<void()>> posted_;
};

TEST_F(ClassStreamsTest, AVisitGoesToItsRoomsStreamsOnly) {
  auto classes = make();
  auto oak = live_.open("10.0.0.1", ClassStreams::topic("Oak"), nullptr);
  auto oak_too = live_.open("10.0.0.2", ClassStreams::topic("oak"), nullptr);
  auto ash = live_.open("10.0.0.3", ClassStreams::topic("Ash"), nullptr);
  auto alerts = live_.open("10.0.0.4", "alerts", nullptr);
  activity_.notify({visit(10, 1, "www.bbc.co.uk"), visit(11, 3, "office.example"), visit(12, 1, "games.example")});
  runPosted();
  auto got = oak->take();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_TRUE(got[0].starts_with("event: visit\ndata: {")) << got[0];
  EXPECT_NE(got[0].find("\"device_id\":1"), std::string::npos) << got[0];
  EXPECT_NE(got[0].find("\"host\":\"www.bbc.co.uk\""), std::string::npos) << got[0];
  EXPECT_NE(got[1].find("games.example"), std::string::npos) << "in the order read";
  EXPECT_TRUE(got[1].ends_with("}\n\n"));
  EXPECT_EQ(oak_too->take().size(), 2u) << "room names match in any case";
  EXPECT_TRUE(ash->take().empty()) << "another room's device";
  EXPECT_TRUE(alerts->take().empty());
}

TEST_F(ClassStreamsTest, NothingIsHandedOverWhileNoStreamIsOpen) {
  auto classes = make();
  activity_.notify({visit(10, 1, "www.bbc.co.uk")});
  restrictions_.notify(4);
  EXPECT_TRUE(posted_.empty()) << "the engine's thread pays nothing when no page is open";
  EXPECT_EQ(reads_, 0);
}

TEST_F(ClassStreamsTest, ABurstOfPassesIsOneDelivery) {
  auto classes = make();
  auto oak = live_.open("10.0.0.1", ClassStreams::topic("Oak"), nullptr);
  activity_.notify({visit(10, 1, "a.example")});
  activity_.notify({visit(11, 1, "b.example")});
  ASSERT_EQ(posted_.size(), 1u);
  runPosted();
  EXPECT_EQ(oak->take().size(), 2u);
  EXPECT_EQ(reads_, 1) << "the rooms are read once for the delivery";
}

TEST_F(ClassStreamsTest, ADeviceMovedToAnotherRoomShowsThereOnceTheRoomsAreReadAgain) {
  auto classes = make();
  auto oak = live_.open("10.0.0.1", ClassStreams::topic("Oak"), nullptr);
  auto ash = live_.open("10.0.0.2", ClassStreams::topic("Ash"), nullptr);
  classes->deliver({visit(10, 1, "a.example")});
  EXPECT_EQ(oak->take().size(), 1u);
  devices_[0].room = "Ash";
  classes->deliver({visit(11, 1, "b.example")});
  EXPECT_EQ(oak->take().size(), 1u) << "within kRoomsMaxAgeMs the rooms last read stand";
  clock_.setUnix(clock_.nowUnix() + ClassStreams::kRoomsMaxAgeMs / 1000);
  classes->deliver({visit(12, 1, "c.example")});
  EXPECT_TRUE(oak->take().empty());
  EXPECT_EQ(ash->take().size(), 1u);
  EXPECT_EQ(reads_, 2);
}

TEST_F(ClassStreamsTest, ARestrictionChangeTellsEveryClassStream) {
  auto classes = make();
  auto oak = live_.open("10.0.0.1", ClassStreams::topic("Oak"), nullptr);
  auto ash = live_.open("10.0.0.2", ClassStreams::topic("Ash"), nullptr);
  auto alerts = live_.open("10.0.0.3", "alerts", nullptr);
  restrictions_.notify(7);
  restrictions_.notify(8);
  ASSERT_EQ(posted_.size(), 1u);
  runPosted();
  auto got = oak->take();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], "event: restrictions\ndata: {}\n\n");
  EXPECT_EQ(ash->take().size(), 1u);
  EXPECT_TRUE(alerts->take().empty());
}

TEST_F(ClassStreamsTest, ADeliveryPostedBeforeTheFeedWentDoesNothing) {
  auto classes = make();
  auto oak = live_.open("10.0.0.1", ClassStreams::topic("Oak"), nullptr);
  activity_.notify({visit(10, 1, "a.example")});
  classes.reset();
  runPosted();  // must not touch the destroyed feed
  EXPECT_TRUE(oak->take().empty());
  activity_.notify({visit(11, 1, "b.example")});
  EXPECT_TRUE(posted_.empty()) << "no longer listening";
}

}  // namespace
}  // namespace esafety::serve
