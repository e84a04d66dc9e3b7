// The safeguarding records' store (migrations 0016, 0017): a record and its
// parts round-trip, every write and read appends its chained log entry and
// its audit row in one transaction, and a refused write leaves nothing.
#include <gtest/gtest.h>

#include "records/record_keys.h"
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

using identity::Person;
using identity::PersonKind;
using identity::Role;

class SafeguardingStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto keys = records::openRecordKeys(dir_.file("records.key"), *store_);
    ESAFETY_ASSERT_OK(keys);
    keys_ = std::move(*keys);
    ESAFETY_ASSERT_OK(store_->importPupils(
        school_, {{.kind = PersonKind::kPupil, .name = "Amira Khan", .role = Role::kPupil,
                   .upn = "B801200005001", .date_of_birth = "2017-05-04", .year = 3,
                   .class_name = "Oak"}},
        "office"));
    pupil_ = store_->personByUpn(school_, "B801200005001").value()->id;
  }
  records::RecordRow concern() {
    records::RecordRow row{.ref = records::newRecordRef(), .kind = "concern",
                           .created_at = clock_.nowUnix(), .raised_by = "t@school.example"};
    auto made = keys_->newRecordKey(row.ref);
    row.wrapped_key = made.wrapped;
    row.parties = {{.person = pupil_, .role = records::PartyRole::kAbout}};
    row.fields = {{.name = "saw", .sealed = made.sealer->seal("crying", row.ref + " saw").value()}};
    return row;
  }
  std::unique_ptr<records::RecordKeys> keys_;
  int64_t pupil_ = 0;
};

TEST_F(SafeguardingStoreTest, ARecordRoundTripsAndItsRaiseAndReadsAreChained) {
  const int64_t policy_before = store_->newestPolicyAuditId(school_).value();
  records::RecordRow row = concern();
  auto id = store_->addRecord(school_, row, keys_->chainKey(), "t@school.example");
  ESAFETY_ASSERT_OK(id);
  auto stored = store_->record(school_, *id);
  ESAFETY_ASSERT_OK(stored);
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->ref, row.ref);
  EXPECT_EQ((*stored)->wrapped_key, row.wrapped_key);
  EXPECT_EQ(records::recordDigest(**stored), records::recordDigest(row));
  ESAFETY_ASSERT_OK(store_->logRecordRead(school_, row.ref, keys_->chainKey(), "dsl@school.example"));

  auto log = store_->recordLog(school_);
  ESAFETY_ASSERT_OK(log);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0].action, "raise");
  EXPECT_EQ((*log)[0].prev_hash, records::kChainStart);
  EXPECT_EQ((*log)[1].action, "read");
  EXPECT_EQ((*log)[1].actor, "dsl@school.example");
  EXPECT_EQ((*log)[1].prev_hash, (*log)[0].hash);
  std::map<std::string, std::string> digests{{row.ref, records::recordDigest(**stored)}};
  EXPECT_EQ(records::verifyRecordLog(*log, digests, keys_->chainKey()), std::nullopt);

  auto audit = store_->audit(school_, 10);
  ESAFETY_ASSERT_OK(audit);
  EXPECT_EQ((*audit)[0].action, "record.read");
  EXPECT_EQ((*audit)[0].actor, "dsl@school.example");
  EXPECT_EQ((*audit)[1].action, "record.raise");
  EXPECT_EQ((*audit)[1].target, row.ref);
  // Records change nothing the filter holds: the proxy does not reload for them.
  EXPECT_EQ(store_->newestPolicyAuditId(school_).value(), policy_before);
}

TEST_F(SafeguardingStoreTest, ARefusedRecordLeavesNoRowNoEntryAndNoAudit) {
  records::RecordRow row = concern();
  row.parties.push_back({.person = 9999, .role = records::PartyRole::kStaffVictim});
  auto refused = store_->addRecord(school_, row, keys_->chainKey(), "t@school.example");
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("person 9999"), std::string::npos);
  EXPECT_TRUE(store_->records(school_).value().empty());
  EXPECT_TRUE(store_->recordLog(school_).value().empty());

  row = concern();
  ESAFETY_ASSERT_OK(store_->addRecord(school_, row, keys_->chainKey(), "t@school.example"));
  auto again = store_->addRecord(school_, row, keys_->chainKey(), "t@school.example");
  EXPECT_EQ(again.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(again.status().message().find("already exists"), std::string::npos);
  row.kind = "gossip";
  EXPECT_EQ(store_->addRecord(school_, row, keys_->chainKey(), "t").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->recordLog(school_).value().size(), 1u);
  EXPECT_EQ(store_->records(school_).value().size(), 1u);
}

TEST_F(SafeguardingStoreTest, ReadsOfAnotherSchoolSeeNothing) {
  ESAFETY_ASSERT_OK(store_->addRecord(school_, concern(), keys_->chainKey(), "t@school.example"));
  auto other = store_->createSchool("Other", "100002", "la");
  ESAFETY_ASSERT_OK(other);
  EXPECT_TRUE(store_->records(*other).value().empty());
  EXPECT_TRUE(store_->recordLog(*other).value().empty());
  EXPECT_FALSE(store_->record(*other, 1).value().has_value());
}

}  // namespace
}  // namespace esafety::store::testing
