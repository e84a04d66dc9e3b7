#include "event_log/sqlite_event_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "event_log/event_migrations.h"
#include "event_log/test_events.h"

namespace esafety::events {
namespace {

class SqliteEventStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("esafety-events-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = eventsDatabasePath(dir_.string());
    auto store = SqliteEventStore::open(path_, clock_, {});
    ASSERT_TRUE(store) << store.status().toString();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Appends a few events that differ in every filterable field.
  void seed() {
    std::vector<Event> events;
    auto add = [&](int64_t seq, std::string_view ip, std::string_view group, policy::Verdict v,
                   std::string_view category, std::string_view url, std::string_view user,
                   std::string_view device) {
      Event e = testEvent(seq);
      e.time_ms = 1772540100000 + seq * 60000;  // one a minute
      e.setClientIp(ip);
      e.group.assign(group);
      e.verdict = v;
      e.step = v == policy::Verdict::kBlock ? policy::StepId::kCategory : policy::StepId::kDefault;
      e.category.assign(category);
      e.url.assign(url);
      e.user_name.assign(user);
      e.device_name.assign(device);
      events.push_back(e);
    };
    using V = policy::Verdict;
    add(1, "10.0.0.1", "KS1", V::kAllow, "education", "http://www.bbc.co.uk/bitesize", "amy",
        "iPad 1");
    add(2, "10.0.0.2", "KS2", V::kBlock, "games", "https://games.Example.com/play", "ben",
        "iPad 2");
    add(3, "10.0.0.2", "KS2", V::kBlock, "pornography", "adult-demo.example:443", "ben", "iPad 2");
    add(4, "10.0.0.3", "Staff", V::kAllow, "", "http://example.com/", "", "Staff laptop");
    add(5, "2001:db8::5", "KS2", V::kRewrite, "search", "https://www.google.co.uk/search?q=cats",
        "cara", "");
    add(6, "10.0.0.1", "KS1", V::kBlock, "games", "http://notexample.com/", "amy", "iPad 1");
    ASSERT_TRUE(store_->append(events));
  }

  std::vector<int64_t> sequences(const EventQuery& q) {
    auto rows = store_->query(q);
    EXPECT_TRUE(rows) << rows.status().toString();
    std::vector<int64_t> out;
    if (rows) {
      for (const auto& r : *rows) out.push_back(r.event.device_id);
    }
    auto total = store_->count(q);
    EXPECT_TRUE(total);
    if (total && q.limit >= 100 && q.offset == 0) {
      EXPECT_EQ(*total, int64_t(out.size()));
    }
    return out;
  }

  std::filesystem::path dir_;
  std::string path_;
  SystemClock clock_;
  std::unique_ptr<SqliteEventStore> store_;
};

using Seq = std::vector<int64_t>;

TEST_F(SqliteEventStoreTest, InspectionStepsRoundTripByName) {
  for (policy::StepId step : {policy::StepId::kContent, policy::StepId::kContentCut,
                              policy::StepId::kSearchTerm}) {
    Event e = testEvent(1);
    e.step = step;
    ASSERT_TRUE(store_->append(std::span<const Event>(&e, 1)));
  }
  auto rows = store_->query({});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 3u);
  std::set<std::string_view> names;
  for (const auto& row : *rows) names.insert(policy::stepInfo(row.event.step).name);
  EXPECT_EQ(names, (std::set<std::string_view>{"content", "content-cut", "search-term"}));
}

TEST_F(SqliteEventStoreTest, EveryFieldRoundTrips) {
  Event e = testEvent(7);
  e.school = 1;
  e.node = 3;
  e.kind = EventKind::kConnect;
  e.setClientIp("2001:db8::42");
  e.method.assign("CONNECT");
  e.setUrl("secure.example.org:443");
  e.search_terms.assign("how to draw a cat");
  e.scores.assign("pornography=160;violence=40");
  e.tags.assign("circumvention;ip-literal");
  e.verdict = policy::Verdict::kBlock;
  e.step = policy::StepId::kLocalDeny;
  e.status = 403;
  e.bytes_in = 123;
  e.bytes_out = 4567;
  e.duration_us = 89;
  e.truncated = true;
  e.reference = 0xF234567890ABCDEFull;  // above INT64_MAX: stored bit for bit
  ASSERT_TRUE(store_->append(std::span<const Event>(&e, 1)));
  auto rows = store_->query({});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  const StoredEvent& got = (*rows)[0];
  EXPECT_GT(got.id, 0);
  const Event& r = got.event;
  EXPECT_EQ(r.time_ms, e.time_ms);
  EXPECT_EQ(r.node, 3u);
  EXPECT_EQ(r.kind, EventKind::kConnect);
  EXPECT_EQ(r.clientIpText(), "2001:db8::42");
  EXPECT_EQ(r.device_id, 7);
  EXPECT_EQ(r.user_id, 7);
  EXPECT_EQ(r.device_name.view(), "iPad 7");
  EXPECT_EQ(r.user_name.view(), "amy.smith");
  EXPECT_EQ(r.group.view(), "KS2");
  EXPECT_EQ(r.method.view(), "CONNECT");
  EXPECT_EQ(r.url.view(), "secure.example.org:443");
  EXPECT_EQ(r.category.view(), "news");
  EXPECT_EQ(r.search_terms.view(), "how to draw a cat");
  EXPECT_EQ(r.scores.view(), "pornography=160;violence=40");
  EXPECT_EQ(r.tags.view(), "circumvention;ip-literal");
  EXPECT_EQ(r.verdict, policy::Verdict::kBlock);
  EXPECT_EQ(r.step, policy::StepId::kLocalDeny);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.bytes_in, 123u);
  EXPECT_EQ(r.bytes_out, 4567u);
  EXPECT_EQ(r.duration_us, 89u);
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.reference, 0xF234567890ABCDEFull);
  EventQuery by_reference;
  by_reference.reference = 0xF234567890ABCDEFull;
  EXPECT_EQ(*store_->count(by_reference), 1);
  by_reference.reference = 1;
  EXPECT_EQ(*store_->count(by_reference), 0);
}

TEST_F(SqliteEventStoreTest, NewestFirstWithLimitAndOffset) {
  seed();
  EXPECT_EQ(sequences({}), (Seq{6, 5, 4, 3, 2, 1}));
  EventQuery q;
  q.limit = 2;
  EXPECT_EQ(sequences(q), (Seq{6, 5}));
  q.offset = 2;
  EXPECT_EQ(sequences(q), (Seq{4, 3}));
  q.offset = 10;
  EXPECT_EQ(sequences(q), Seq{});
  q.offset = 0;
  EXPECT_EQ(*store_->count(q), 6);  // count ignores limit and offset
}

TEST_F(SqliteEventStoreTest, FiltersByTimeClientGroupVerdictCategoryUserAndKind) {
  seed();
  EventQuery q;
  q.from_ms = 1772540100000 + 2 * 60000;
  q.to_ms = 1772540100000 + 5 * 60000;  // exclusive
  EXPECT_EQ(sequences(q), (Seq{4, 3, 2}));

  q = {};
  q.client_ip = "10.0.0.2";
  EXPECT_EQ(sequences(q), (Seq{3, 2}));
  q.client_ip = "2001:db8::5";
  EXPECT_EQ(sequences(q), (Seq{5}));

  q = {};
  q.group = "KS1";
  EXPECT_EQ(sequences(q), (Seq{6, 1}));

  q = {};
  q.verdict = policy::Verdict::kBlock;
  EXPECT_EQ(sequences(q), (Seq{6, 3, 2}));
  q.category = "games";
  EXPECT_EQ(sequences(q), (Seq{6, 2}));
  q.group = "KS2";
  EXPECT_EQ(sequences(q), (Seq{2}));

  q = {};
  q.user = "ben";
  EXPECT_EQ(sequences(q), (Seq{3, 2}));
  q.user = "Staff laptop";  // a device name matches too
  EXPECT_EQ(sequences(q), (Seq{4}));

  q = {};
  q.kind = EventKind::kDns;
  EXPECT_EQ(sequences(q), Seq{});
  q.kind = EventKind::kHttp;
  EXPECT_EQ(sequences(q).size(), 6u);
}

// Blocked events and block-page references each have a partial index
// (migration 0004): allowed requests and DNS queries, most of the log, are
// not in them, and the queries the store writes can still use them.
TEST_F(SqliteEventStoreTest, OnlyBlockedAndReferencedEventsAreInTheSecondaryIndexes) {
  seed();
  Event dns = testEvent(10);
  dns.kind = EventKind::kDns;
  dns.reference = 0;
  ASSERT_TRUE(store_->append(std::vector<Event>{dns}));
  auto count = [&](const char* sql) {
    auto st = store_->database().prepare(sql);
    EXPECT_TRUE(st && *st->step()) << sql;
    return st ? st->int64At(0) : -1;
  };
  EXPECT_EQ(count("SELECT count(*) FROM events"), 7);
  EXPECT_EQ(count("SELECT count(*) FROM events INDEXED BY events_blocked"
                  " WHERE school_id = 1 AND verdict = 'block'"),
            3);
  EXPECT_EQ(count("SELECT count(*) FROM events INDEXED BY events_by_reference"
                  " WHERE reference <> 0"),
            6);
  auto plan = [&](const char* sql) {
    auto st = store_->database().prepare(std::string("EXPLAIN QUERY PLAN ") + sql);
    std::string text;
    while (st && *st->step()) text += std::string(st->textAt(3)) + "\n";
    return text;
  };
  EXPECT_NE(plan("SELECT id FROM events WHERE school_id = 1 AND time_ms >= 0 AND time_ms < 9"
                 " AND verdict = 'block' ORDER BY time_ms DESC, id DESC LIMIT 10")
                .find("events_blocked"),
            std::string::npos);
  EXPECT_NE(plan("SELECT id FROM events WHERE school_id = 1 AND reference = 7 AND reference <> 0")
                .find("events_by_reference"),
            std::string::npos);

  EventQuery q;
  q.verdict = policy::Verdict::kAllow;
  EXPECT_EQ(sequences(q), (Seq{4, 1, 10}));  // the DNS query is the oldest
  q.verdict = policy::Verdict::kRewrite;
  EXPECT_EQ(sequences(q), (Seq{5}));
  q = {};
  q.reference = testEvent(3).reference;
  EXPECT_EQ(sequences(q), (Seq{3}));
}

TEST_F(SqliteEventStoreTest, HostMatchesItselfAndSubdomainsOnly) {
  seed();
  EventQuery q;
  q.host = "example.com";
  EXPECT_EQ(sequences(q), (Seq{4, 2}));  // not notexample.com
  q.host = "EXAMPLE.com.";
  EXPECT_EQ(sequences(q), (Seq{4, 2}));
  q.host = "games.example.com";
  EXPECT_EQ(sequences(q), (Seq{2}));
  q.host = "adult-demo.example";  // a CONNECT target's host
  EXPECT_EQ(sequences(q), (Seq{3}));
  q.host = "co.uk";
  EXPECT_EQ(sequences(q), (Seq{5, 1}));
  q.host = "ample.com";
  EXPECT_EQ(sequences(q), Seq{});
}

TEST_F(SqliteEventStoreTest, SchoolsDoNotSeeEachOthersEvents) {
  Event mine = testEvent(1), theirs = testEvent(2);
  theirs.school = 2;
  std::vector<Event> both = {mine, theirs};
  ASSERT_TRUE(store_->append(both));
  EXPECT_EQ(sequences({}), (Seq{1}));
  EventQuery q;
  q.school = 2;
  EXPECT_EQ(sequences(q), (Seq{2}));
}

TEST_F(SqliteEventStoreTest, TheLogIsAppendOnly) {
  seed();
  Status update = store_->database().exec("UPDATE events SET verdict = 'allow'", "tampering");
  EXPECT_FALSE(update);
  EXPECT_NE(update.message().find("append-only"), std::string::npos) << update.toString();
}

TEST_F(SqliteEventStoreTest, ReopeningKeepsEverythingAndChangesNothing) {
  seed();
  store_.reset();
  auto again = SqliteEventStore::open(path_, clock_, {});
  ASSERT_TRUE(again) << again.status().toString();
  EXPECT_EQ(*(*again)->count({}), 6);
  auto check = (*again)->database().prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check && *check->step());
  EXPECT_EQ(check->textAt(0), "ok");
  auto mode = (*again)->database().prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode && *mode->step());
  EXPECT_EQ(mode->textAt(0), "wal");
}

// A new file gets 8 KB pages (fewer WAL frames per batch) and stays in WAL
// mode; a file made with 4 KB pages before keeps them and its events.
TEST_F(SqliteEventStoreTest, ANewFileHasLargerPagesAndAnOldOneKeepsItsOwn) {
  auto text = [](SqliteEventStore& store, const char* sql) {
    auto st = store.database().prepare(sql);
    EXPECT_TRUE(st && *st->step());
    return st ? std::string(st->textAt(0)) : std::string();
  };
  EXPECT_EQ(text(*store_, "PRAGMA page_size"), "8192");
  EXPECT_EQ(text(*store_, "PRAGMA journal_mode"), "wal");
  seed();
  store_.reset();

  std::string old_path = (dir_ / "old-events.db").string();
  {
    auto db = sqlite::Database::open(old_path, {});
    ASSERT_TRUE(db) << db.status().toString();
    // As open() made them before it chose the page size.
    ASSERT_TRUE(migrateEventsDatabase(**db, clock_));
  }
  auto old_store = SqliteEventStore::open(old_path, clock_, {});
  ASSERT_TRUE(old_store) << old_store.status().toString();
  EXPECT_EQ(text(**old_store, "PRAGMA page_size"), "4096");
  EXPECT_EQ(text(**old_store, "PRAGMA journal_mode"), "wal");
  ASSERT_TRUE((*old_store)->append(std::vector<Event>{testEvent(1)}));
  EXPECT_EQ(*(*old_store)->count({}), 1);
}

TEST_F(SqliteEventStoreTest, ReadOnlyStoreCannotAppend) {
  SqliteEventStoreOptions read_only;
  read_only.read_only = true;
  auto reader = SqliteEventStore::open(path_, clock_, read_only);
  ASSERT_TRUE(reader);
  Event e = testEvent(1);
  EXPECT_EQ((*reader)->append(std::span<const Event>(&e, 1)).code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(SqliteEventStoreTest, AnUnwrittenFileReadsAsEmpty) {
  std::string fresh = (dir_ / "fresh.db").string();
  { std::ofstream touch(fresh); }
  SqliteEventStoreOptions read_only;
  read_only.read_only = true;
  auto reader = SqliteEventStore::open(fresh, clock_, read_only);
  ASSERT_TRUE(reader) << reader.status().toString();
  EXPECT_TRUE((*reader)->query({})->empty());
  EXPECT_EQ(*(*reader)->count({}), 0);
}

TEST_F(SqliteEventStoreTest, RefusesFilesThatAreNotEventDatabases) {
  std::string junk = (dir_ / "junk.db").string();
  { std::ofstream(junk) << "this is not a database at all, just some text that is long enough"; }
  auto opened = SqliteEventStore::open(junk, clock_, {});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.status().code(), StatusCode::kDataLoss);

  std::string other = (dir_ / "other.db").string();
  {
    auto db = sqlite::Database::open(other, {});
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->exec("CREATE TABLE groups (id INTEGER)", "test"));
  }
  opened = SqliteEventStore::open(other, clock_, {});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(opened.status().message().find("not an esafety events database"), std::string::npos);
}

TEST_F(SqliteEventStoreTest, AFailedAppendStoresNothingAndTheNextOneWorks) {
  // Another connection holds the write lock: the whole batch fails as
  // kUnavailable, and once the lock is gone the same store appends again.
  SqliteEventStoreOptions impatient;
  impatient.busy_timeout_ms = 10;
  store_.reset();
  auto store = SqliteEventStore::open(path_, clock_, impatient);
  ASSERT_TRUE(store);
  auto other = sqlite::Database::open(path_, {});
  ASSERT_TRUE(other);
  ASSERT_TRUE((*other)->exec("BEGIN IMMEDIATE", "lock"));
  std::vector<Event> batch = {testEvent(1), testEvent(2)};
  Status locked = (*store)->append(batch);
  EXPECT_EQ(locked.code(), StatusCode::kUnavailable) << locked.toString();
  ASSERT_TRUE((*other)->exec("COMMIT", "unlock"));
  ASSERT_TRUE((*store)->append(batch));
  EXPECT_EQ(*(*store)->count({}), 2);
}

}  // namespace
}  // namespace esafety::events
