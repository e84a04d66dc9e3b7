// LiveStreams without sockets: the caps per client and in total, a place
// given back on close, messages go only to their topic's streams, a stream
// that falls behind is ended, and endAll() ends every stream and refuses
// new ones.
#include "serve/live_streams.h"

#include <gtest/gtest.h>

namespace esafety::serve {
namespace {

TEST(LiveStreamsTest, CapsPerClientAndInTotalAndAPlaceComesBackOnClose) {
  LiveStreams live({.max_total = 3, .max_per_client = 2});
  auto a = live.open("10.0.0.1", "alerts", nullptr);
  auto b = live.open("10.0.0.1", "class:oak", nullptr);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(live.open("10.0.0.1", "alerts", nullptr), nullptr);
  EXPECT_EQ(live.lastRefusal(), LiveStreams::Refusal::kPerClient);
  auto c = live.open("10.0.0.2", "alerts", nullptr);
  ASSERT_TRUE(c);
  EXPECT_EQ(live.openCount(), 3u);
  EXPECT_EQ(live.open("10.0.0.3", "alerts", nullptr), nullptr);
  EXPECT_EQ(live.lastRefusal(), LiveStreams::Refusal::kTotal);
  live.close(a);
  EXPECT_EQ(live.openCount(), 2u);
  EXPECT_NE(live.open("10.0.0.1", "alerts", nullptr), nullptr) << "the closed stream's place is free";
}

TEST(LiveStreamsTest, APushReachesOnlyItsTopicsStreamsAndWakesThem) {
  LiveStreams live({});
  int woken = 0;
  auto oak = live.open("10.0.0.1", "class:oak", [&] { ++woken; });
  auto ash = live.open("10.0.0.2", "class:ash", [&] { ++woken; });
  EXPECT_EQ(live.topics(), (std::set<std::string>{"class:ash", "class:oak"}));
  live.push("class:oak", {"event: visit\ndata: {}\n\n"});
  EXPECT_EQ(woken, 1);
  EXPECT_EQ(oak->take().size(), 1u);
  EXPECT_TRUE(ash->take().empty());
  live.push("class:oak", {});
  EXPECT_EQ(woken, 1) << "nothing to send: nobody woken";
}

TEST(LiveStreamsTest, AStreamThatFallsBehindIsEnded) {
  LiveStreams live({.max_queued = 2});
  auto slow = live.open("10.0.0.1", "alerts", nullptr);
  for (int i = 1; i <= 3; ++i) live.push("alerts", {"event: alert\ndata: {}\n\n"});
  EXPECT_TRUE(slow->ended());
  EXPECT_TRUE(slow->take().empty());
}

TEST(LiveStreamsTest, EndAllEndsEveryStreamAndRefusesNewOnes) {
  LiveStreams live({});
  bool woken = false;
  auto a = live.open("10.0.0.1", "alerts", [&] { woken = true; });
  live.endAll();
  EXPECT_TRUE(a->ended());
  EXPECT_TRUE(woken);
  EXPECT_EQ(live.open("10.0.0.1", "alerts", nullptr), nullptr);
  EXPECT_EQ(live.lastRefusal(), LiveStreams::Refusal::kEnded);
}

}  // namespace
}  // namespace esafety::serve
