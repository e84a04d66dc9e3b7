#include "event_log/search_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "events/event_host.h"
#include "event_log/sqlite_event_store.h"
#include "event_log/test_events.h"

namespace esafety::events {
namespace {

TEST(SearchKeys, PersonDeviceAndEveryParentDomain) {
  std::vector<std::string> keys;
  searchKeysInto("Pupil 5", "iPad 3", "www.site.example", keys);
  EXPECT_EQ(keys, (std::vector<std::string>{"p:Pupil 5", "p:iPad 3", "h:www.site.example",
                                            "h:site.example"}));
  keys.clear();
  searchKeysInto("", "Staff laptop", "localhost", keys);  // no dot: no host key
  EXPECT_EQ(keys, (std::vector<std::string>{"p:Staff laptop"}));
  keys.clear();
  searchKeysInto("same", "same", "", keys);  // one key for one name
  EXPECT_EQ(keys, (std::vector<std::string>{"p:same"}));
}

TEST(SearchKeys, QueryKeyPrefersThePersonAndNeedsATwoLabelHost) {
  EventQuery q;
  EXPECT_EQ(searchKeyFor(q), std::nullopt);
  q.host = "https://Site.Example/page";
  EXPECT_EQ(searchKeyFor(q), "h:site.example");
  q.user = "Pupil 5";
  EXPECT_EQ(searchKeyFor(q), "p:Pupil 5");
  EventQuery tld;
  tld.host = "example";  // a search of a whole top-level domain reads the log
  EXPECT_EQ(searchKeyFor(tld), std::nullopt);
}

// The same searches, whatever part of the log the index covers, give what
// a plain filter over every event gives.
class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("esafety-search-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto store = SqliteEventStore::open(eventsDatabasePath(dir_.string()), clock_, {});
    ASSERT_TRUE(store) << store.status().toString();
    store_ = std::move(*store);
    std::mt19937 rng(7);
    const char* hosts[] = {"www.site1.example", "site1.example", "cdn.site1.example",
                           "www.site10.example", "othersite1.example", "localhost",
                           "www.bbc.co.uk"};
    for (int i = 0; i < 600; ++i) {
      Event e = testEvent(i);
      // Mostly in order, as workers hand events to the queue, with jitter.
      e.time_ms = 1772540100000 + i * 1000 + static_cast<int64_t>(rng() % 5000);
      e.user_name.assign(rng() % 4 == 0 ? "" : "Pupil " + std::to_string(rng() % 6));
      e.device_name.assign(rng() % 3 == 0 ? "" : "iPad " + std::to_string(rng() % 4));
      e.category.assign(rng() % 2 == 0 ? "games" : "education");
      e.url.assign("https://" + std::string(hosts[rng() % 7]) + "/p" + std::to_string(i));
      events_.push_back(e);
    }
    for (size_t at = 0; at < events_.size(); at += 97) {
      size_t n = std::min<size_t>(97, events_.size() - at);
      ASSERT_TRUE(store_->append(std::span(events_).subspan(at, n)));
    }
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Ids (1-based, in append order) matching q, newest first, paged as q asks.
  std::vector<int64_t> expected(const EventQuery& q, bool paged = true) const {
    std::vector<int64_t> ids;
    for (size_t i = 0; i < events_.size(); ++i) {
      const Event& e = events_[i];
      std::string host = eventHost(e);
      if (!q.user.empty() && e.user_name.view() != q.user && e.device_name.view() != q.user) continue;
      if (!q.host.empty() && host != q.host &&
          !(host.size() > q.host.size() && host.ends_with("." + q.host)))
        continue;
      if (!q.category.empty() && e.category.view() != q.category) continue;
      if (q.from_ms && e.time_ms < *q.from_ms) continue;
      if (q.to_ms && e.time_ms >= *q.to_ms) continue;
      ids.push_back(static_cast<int64_t>(i) + 1);
    }
    std::sort(ids.begin(), ids.end(), [&](int64_t a, int64_t b) {
      return std::tie(events_[a - 1].time_ms, a) > std::tie(events_[b - 1].time_ms, b);
    });
    if (!paged) return ids;
    ids.erase(ids.begin(), ids.begin() + std::min<int64_t>(q.offset, ids.size()));
    if (static_cast<int64_t>(ids.size()) > q.limit) ids.resize(q.limit);
    return ids;
  }

  void expectAllSearchesMatch(const std::string& state) {
    std::vector<EventQuery> queries;
    auto add = [&](auto edit) {
      EventQuery q;
      edit(q);
      queries.push_back(q);
    };
    add([](EventQuery& q) { q.user = "Pupil 3"; });
    add([](EventQuery& q) { q.user = "iPad 2"; q.limit = 7; q.offset = 11; });
    add([](EventQuery& q) { q.host = "site1.example"; });
    add([](EventQuery& q) { q.host = "www.site1.example"; q.category = "games"; });
    add([](EventQuery& q) { q.host = "bbc.co.uk"; q.limit = 5; q.offset = 3; });
    add([](EventQuery& q) {
      q.user = "Pupil 1";
      q.from_ms = 1772540100000 + 100000;
      q.to_ms = 1772540100000 + 400000;
    });
    add([](EventQuery& q) { q.user = "nobody"; });
    for (const auto& q : queries) {
      SCOPED_TRACE(state + ": user '" + q.user + "' host '" + q.host + "' offset " +
                   std::to_string(q.offset));
      auto rows = store_->query(q);
      ASSERT_TRUE(rows) << rows.status().toString();
      std::vector<int64_t> got;
      for (const auto& r : *rows) got.push_back(r.id);
      EXPECT_EQ(got, expected(q));
      auto n = store_->count(q);
      ASSERT_TRUE(n) << n.status().toString();
      EXPECT_EQ(*n, static_cast<int64_t>(expected(q, false).size()));
    }
  }

  SystemClock clock_;
  std::filesystem::path dir_;
  std::unique_ptr<SqliteEventStore> store_;
  std::vector<Event> events_;
};

TEST_F(SearchIndexTest, SearchesAreCompleteBeforeDuringAndAfterIndexing) {
  EXPECT_EQ(store_->backlog(), 600);
  expectAllSearchesMatch("nothing indexed");
  auto done = store_->catchUp(250);
  ASSERT_TRUE(done) << done.status().toString();
  EXPECT_EQ(*done, 250);
  EXPECT_EQ(store_->backlog(), 350);
  expectAllSearchesMatch("250 indexed");
  done = store_->catchUp(100000);
  ASSERT_TRUE(done);
  EXPECT_EQ(*done, 350);
  EXPECT_EQ(store_->backlog(), 0);
  expectAllSearchesMatch("all indexed");
  done = store_->catchUp(100000);
  ASSERT_TRUE(done);
  EXPECT_EQ(*done, 0);
}

TEST_F(SearchIndexTest, AReaderSeesWhatTheWriterIndexedAndTheIndexSurvivesReopening) {
  ASSERT_TRUE(store_->catchUp(400));
  store_.reset();
  auto reopened = SqliteEventStore::open(eventsDatabasePath(dir_.string()), clock_, {});
  ASSERT_TRUE(reopened) << reopened.status().toString();
  store_ = std::move(*reopened);
  EXPECT_EQ(store_->backlog(), 200);  // picked up where it stopped
  auto reader = SqliteEventStore::open(eventsDatabasePath(dir_.string()), clock_, {.read_only = true});
  ASSERT_TRUE(reader);
  EXPECT_EQ((*reader)->backlog(), 0);  // readers never index
  EventQuery q;
  q.host = "site1.example";
  q.limit = 1000;
  auto rows = (*reader)->query(q);
  ASSERT_TRUE(rows);
  EXPECT_EQ(static_cast<int64_t>(rows->size()), static_cast<int64_t>(expected(q).size()));
  expectAllSearchesMatch("400 indexed, reopened");
}

}  // namespace
}  // namespace esafety::events
