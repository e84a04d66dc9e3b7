#include "event_log/event_summary.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "event_log/test_events.h"

namespace esafety::events {
namespace {

class EventSummaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("esafety-summary-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = SqliteEventStore::open(eventsDatabasePath(dir_.string()), clock_, {});
    ASSERT_TRUE(store) << store.status().toString();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Event event(int64_t minute, policy::Verdict verdict, std::string_view category,
              std::string_view url) {
    Event e = testEvent(minute);
    e.time_ms = kDay + minute * 60000;
    e.verdict = verdict;
    e.category.assign(category);
    e.setUrl(url);
    return e;
  }

  static constexpr int64_t kDay = 1772496000000;  // a midnight, in ms
  FakeClock clock_{LocalTime{}};
  std::filesystem::path dir_;
  std::unique_ptr<SqliteEventStore> store_;
};

TEST_F(EventSummaryTest, CountsTheSpanAndRanksBlockedCategoriesAndSites) {
  using policy::Verdict;
  std::vector<Event> events = {
      event(1, Verdict::kAllow, "", "http://allowed.example/"),
      event(2, Verdict::kBlock, "games", "http://games.example/a"),
      event(3, Verdict::kBlock, "games", "http://games.example/b"),
      event(4, Verdict::kBlock, "games", "http://other-games.example/"),
      event(5, Verdict::kBlock, "pornography", "http://adult.example/"),
      event(6, Verdict::kRewrite, "", "http://www.google.co.uk/search?q=x"),
      // The next day: outside the span.
      event(24 * 60 + 1, Verdict::kBlock, "games", "http://games.example/c"),
  };
  ASSERT_TRUE(store_->append(events).isOk());
  auto s = summariseEvents(*store_, 1, kDay, kDay + 24 * 3600 * 1000, 10);
  ASSERT_TRUE(s) << s.status().toString();
  EXPECT_EQ(s->requests, 6);
  EXPECT_EQ(s->blocked, 4);
  ASSERT_EQ(s->categories.size(), 2u);
  EXPECT_EQ(s->categories[0], (std::pair<std::string, int64_t>{"games", 3}));
  EXPECT_EQ(s->categories[1], (std::pair<std::string, int64_t>{"pornography", 1}));
  ASSERT_EQ(s->blocked_hosts.size(), 3u);
  EXPECT_EQ(s->blocked_hosts[0], (std::pair<std::string, int64_t>{"games.example", 2}));

  auto top1 = summariseEvents(*store_, 1, kDay, kDay + 24 * 3600 * 1000, 1);
  ASSERT_TRUE(top1);
  EXPECT_EQ(top1->blocked, 4) << "the total counts every category, not just the top ones";
  EXPECT_EQ(top1->categories.size(), 1u);
  EXPECT_EQ(top1->blocked_hosts.size(), 1u);
}

TEST_F(EventSummaryTest, AnEmptyLogIsAllZeros) {
  auto s = summariseEvents(*store_, 1, kDay, kDay + 1000, 10);
  ASSERT_TRUE(s) << s.status().toString();
  EXPECT_EQ(s->requests, 0);
  EXPECT_EQ(s->blocked, 0);
  EXPECT_TRUE(s->categories.empty());
}

}  // namespace
}  // namespace esafety::events
