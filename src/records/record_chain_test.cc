#include "records/record_chain.h"

#include <sodium.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "records/record_row.h"

namespace esafety::records {
namespace {

Secret keyOf(unsigned char fill) {
  Secret key(32);
  std::fill(key.data(), key.data() + key.size(), fill);
  return key;
}

RecordRow concern(const std::string& ref) {
  return {.id = 1, .ref = ref, .kind = "concern", .created_at = 1000, .occurred_at = 900,
          .raised_by = "teacher@school.example", .raised_by_person = 7, .activity = "",
          .routes = "", .wrapped_key = "wrapped", .parties = {{.person = 3, .role = PartyRole::kAbout}},
          .fields = {{.name = "saw", .sealed = "sealed-saw"}, {.name = "child_words", .sealed = "w"}}};
}

class RecordChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    append("R-a", "teacher", "raise", recordDigest(concern("R-a")));
    append("R-a", "dsl", "read", "");
    append("R-b", "teacher", "raise", recordDigest(concern("R-b")));
    append("R-a", "dsl", "read", "");
    digests_ = {{"R-a", recordDigest(concern("R-a"))}, {"R-b", recordDigest(concern("R-b"))}};
  }
  void append(const std::string& ref, const std::string& actor, const std::string& action,
              const std::string& digest) {
    LogEntry e{.seq = static_cast<int64_t>(log_.size()) + 1, .record_ref = ref,
               .at = 2000 + static_cast<int64_t>(log_.size()), .actor = actor, .action = action,
               .digest = digest, .prev_hash = log_.empty() ? kChainStart : log_.back().hash,
               .hash = ""};
    e.hash = entryHash(key_, e);
    log_.push_back(e);
  }
  std::optional<LogBreak> verify() { return verifyRecordLog(log_, digests_, key_); }

  Secret key_ = keyOf(1);
  std::vector<LogEntry> log_;
  std::map<std::string, std::string> digests_;
};

TEST_F(RecordChainTest, AWholeLogVerifies) {
  EXPECT_EQ(verify(), std::nullopt);
  EXPECT_EQ(verifyRecordLog({}, {}, key_), std::nullopt);
}

TEST_F(RecordChainTest, AChangedFieldNamesThatEntry) {
  log_[1].actor = "someone.else";
  auto broken = verify();
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 2);
  EXPECT_NE(broken->why.find("changed"), std::string::npos);
}

TEST_F(RecordChainTest, ADeletedEntryNamesTheOneAfterTheGap) {
  log_.erase(log_.begin() + 1);
  auto broken = verify();
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 3);
  EXPECT_NE(broken->why.find("missing"), std::string::npos);
}

TEST_F(RecordChainTest, TwoEntriesSwappedNameTheFirstOfThem) {
  // Swapped by hand: their numbers exchanged, then read back in number order.
  std::swap(log_[1].seq, log_[2].seq);
  std::sort(log_.begin(), log_.end(), [](const LogEntry& a, const LogEntry& b) { return a.seq < b.seq; });
  auto broken = verify();
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 2);
}

TEST_F(RecordChainTest, ALogRecomputedWithoutTheKeyDoesNotVerify) {
  Secret other = keyOf(2);
  for (size_t i = 0; i < log_.size(); ++i) {
    log_[i].prev_hash = i == 0 ? kChainStart : log_[i - 1].hash;
    log_[i].hash = entryHash(other, log_[i]);
  }
  auto broken = verify();
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 1);
}

TEST_F(RecordChainTest, ARecordRowChangedOrDeletedOrAddedIsCaught) {
  RecordRow changed = concern("R-b");
  changed.fields[0].sealed = "other bytes";
  digests_["R-b"] = recordDigest(changed);
  auto broken = verify();
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 3);
  EXPECT_NE(broken->why.find("R-b was changed"), std::string::npos);

  digests_.erase("R-b");
  broken = verify();
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 3);
  EXPECT_NE(broken->why.find("deleted"), std::string::npos);

  digests_ = {{"R-a", recordDigest(concern("R-a"))}, {"R-b", recordDigest(concern("R-b"))},
              {"R-c", "x"}};
  broken = verify();
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->seq, 0);
  EXPECT_NE(broken->why.find("R-c is not in the log"), std::string::npos);
}

TEST(RecordDigestTest, CoversEveryColumnButNotTheOrderOfPartiesAndFields) {
  RecordRow a = concern("R-a");
  RecordRow b = a;
  std::reverse(b.fields.begin(), b.fields.end());
  b.id = 99;  // the store's id is not the record's content
  EXPECT_EQ(recordDigest(a), recordDigest(b));
  for (auto change : std::vector<void (*)(RecordRow&)>{
           [](RecordRow& r) { r.kind = "incident"; }, [](RecordRow& r) { r.created_at++; },
           [](RecordRow& r) { r.occurred_at++; }, [](RecordRow& r) { r.raised_by = "x"; },
           [](RecordRow& r) { r.raised_by_person++; }, [](RecordRow& r) { r.activity = "illegal"; },
           [](RecordRow& r) { r.routes = "police"; }, [](RecordRow& r) { r.wrapped_key += "x"; },
           [](RecordRow& r) { r.parties.clear(); }, [](RecordRow& r) { r.parties[0].role = PartyRole::kChildVictim; },
           [](RecordRow& r) { r.fields.pop_back(); }, [](RecordRow& r) { r.fields[0].name = "said"; }}) {
    RecordRow c = a;
    change(c);
    EXPECT_NE(recordDigest(c), recordDigest(a));
  }
}

}  // namespace
}  // namespace esafety::records
