#include "records/record_keys.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/test_support.h"
#include "records/memory_vault.h"
#include "records/record_row.h"

namespace esafety::records {
namespace {

class RecordKeysTest : public ::testing::Test {
 protected:
  std::unique_ptr<RecordKeys> open(const std::string& file, MemoryVault& vault) {
    auto keys = openRecordKeys(dir.file(file), vault);
    EXPECT_TRUE(keys.isOk()) << keys.status().toString();
    return keys ? std::move(*keys) : nullptr;
  }
  testing::TempDir dir;
  MemoryVault vault;
};

TEST_F(RecordKeysTest, EachRecordHasItsOwnKeyThatOnlyItsRefOpens) {
  auto keys = open("records.key", vault);
  ASSERT_NE(keys, nullptr);
  std::string ref = newRecordRef();
  EXPECT_EQ(ref.size(), 2u + 16u);
  EXPECT_NE(ref, newRecordRef());
  auto made = keys->newRecordKey(ref);
  auto other = keys->newRecordKey(ref);
  EXPECT_NE(made.wrapped, other.wrapped);
  auto sealed = made.sealer->seal("He said not to tell", fieldContext(ref, "child_words"));
  ASSERT_TRUE(sealed.isOk());

  auto reopened = keys->recordSealer(made.wrapped, ref);
  ASSERT_TRUE(reopened.isOk()) << reopened.status().toString();
  auto text = (*reopened)->open(*sealed, fieldContext(ref, "child_words"));
  ASSERT_TRUE(text.isOk());
  EXPECT_EQ(*text, "He said not to tell");
  // Another field's context, another record's key, another record's ref: nothing opens.
  EXPECT_FALSE((*reopened)->open(*sealed, fieldContext(ref, "saw")).isOk());
  auto wrong_key = keys->recordSealer(other.wrapped, ref);
  ASSERT_TRUE(wrong_key.isOk());
  EXPECT_FALSE((*wrong_key)->open(*sealed, fieldContext(ref, "child_words")).isOk());
  EXPECT_EQ(keys->recordSealer(made.wrapped, "R-0000000000000000").status().code(),
            StatusCode::kDataLoss);
}

TEST_F(RecordKeysTest, AnotherInstallationsKeyFileOpensNothing) {
  auto keys = open("records.key", vault);
  ASSERT_NE(keys, nullptr);
  auto made = keys->newRecordKey("R-1");
  MemoryVault other_vault;
  auto other = open("other.key", other_vault);
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->recordSealer(made.wrapped, "R-1").status().code(), StatusCode::kDataLoss);
  // The other key file against this database is refused before anything is read.
  auto refused = openRecordKeys(dir.file("other.key"), vault);
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
}

TEST_F(RecordKeysTest, AMissingKeyFileIsReportedAndNeverRemade) {
  ASSERT_NE(open("records.key", vault), nullptr);
  std::filesystem::remove(dir.file("records.key"));
  auto keys = openRecordKeys(dir.file("records.key"), vault);
  EXPECT_EQ(keys.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(keys.status().message().find("is missing"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.file("records.key")));
}

TEST_F(RecordKeysTest, TheChainKeyIsStableAndIsNotTheSchoolKey) {
  auto first = open("records.key", vault);
  auto second = open("records.key", vault);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  ASSERT_EQ(first->chainKey().size(), 32u);
  EXPECT_EQ(std::string(first->chainKey().data(), first->chainKey().data() + 32),
            std::string(second->chainKey().data(), second->chainKey().data() + 32));
  std::ifstream in(dir.file("records.key"), std::ios::binary);
  std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_EQ(file.size(), 32u);
  EXPECT_NE(std::string(first->chainKey().data(), first->chainKey().data() + 32), file);
}

}  // namespace
}  // namespace esafety::records
