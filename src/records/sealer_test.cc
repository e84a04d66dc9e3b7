#include "records/sealer.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "core/test_support.h"
#include "records/key_file.h"
#include "records/memory_vault.h"

namespace esafety::records {
namespace {

class SealerTest : public ::testing::Test {
 protected:
  std::string keyPath() const { return dir.file("records.key"); }
  std::unique_ptr<Sealer> open() {
    auto sealer = openSealer(keyPath(), vault);
    EXPECT_TRUE(sealer.isOk()) << sealer.status().toString();
    return sealer ? std::move(*sealer) : nullptr;
  }
  testing::TempDir dir;
  MemoryVault vault;
};

TEST_F(SealerTest, RoundTripsAndNeverStoresThePlainText) {
  auto sealer = open();
  ASSERT_NE(sealer, nullptr);
  const std::string note = "Spoke to Amy about the searches; mum informed.";
  auto sealed = sealer->seal(note, "alert-action 7");
  ASSERT_TRUE(sealed.isOk());
  EXPECT_EQ(sealed->find("Spoke"), std::string::npos);
  EXPECT_EQ(sealed->size(), 1 + 24 + note.size() + 16);
  auto opened = sealer->open(*sealed, "alert-action 7");
  ASSERT_TRUE(opened.isOk()) << opened.status().toString();
  EXPECT_EQ(*opened, note);
  // Sealing twice gives different bytes (a fresh nonce each time).
  EXPECT_NE(*sealer->seal(note, "alert-action 7"), *sealed);
}

TEST_F(SealerTest, ReopensWithTheSameKeyFileAndVault) {
  auto first = open();
  auto sealed = first->seal("monitor for a week", "alert-action 1");
  ASSERT_TRUE(sealed.isOk());
  auto second = open();
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(*second->open(*sealed, "alert-action 1"), "monitor for a week");
}

TEST_F(SealerTest, ATamperedByteFailsToOpen) {
  auto sealer = open();
  auto sealed = *sealer->seal("no concern", "alert-action 3");
  for (size_t i = 0; i < sealed.size(); ++i) {
    std::string changed = sealed;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    auto opened = sealer->open(changed, "alert-action 3");
    ASSERT_FALSE(opened.isOk()) << "byte " << i;
    EXPECT_EQ(opened.status().code(), StatusCode::kDataLoss);
  }
  EXPECT_FALSE(sealer->open(sealed.substr(0, 20), "alert-action 3").isOk());
}

TEST_F(SealerTest, AnotherRecordsIdFailsToOpen) {
  auto sealer = open();
  auto sealed = *sealer->seal("no concern", "alert-action 3");
  auto opened = sealer->open(sealed, "alert-action 4");
  ASSERT_FALSE(opened.isOk());
  EXPECT_EQ(opened.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(opened.status().message().find("alert-action 4"), std::string::npos);
}

TEST_F(SealerTest, MakesTheKeyFileWithMode0600OnFirstUse) {
  ASSERT_FALSE(std::filesystem::exists(keyPath()));
  ASSERT_NE(open(), nullptr);
  struct stat info {};
  ASSERT_EQ(::stat(keyPath().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(info.st_size, 32);
  ASSERT_TRUE(vault.stored.has_value());
}

TEST_F(SealerTest, AWrongKeyFileFailsWithAClearMessage) {
  auto sealer = open();
  auto sealed = *sealer->seal("note", "alert-action 1");
  // Another installation's key file put in its place.
  std::filesystem::remove(keyPath());
  testing::TempDir other;
  MemoryVault other_vault;
  ASSERT_TRUE(openSealer(other.file("records.key"), other_vault).isOk());
  std::filesystem::copy_file(other.file("records.key"), keyPath());
  auto reopened = openSealer(keyPath(), vault);
  ASSERT_FALSE(reopened.isOk());
  EXPECT_EQ(reopened.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(reopened.status().message().find("does not open this database's data key"),
            std::string::npos);
  EXPECT_NE(reopened.status().message().find(keyPath()), std::string::npos);
}

TEST_F(SealerTest, AMissingKeyFileIsAClearErrorOnceTheDatabaseHoldsAKey) {
  ASSERT_NE(open(), nullptr);
  std::filesystem::remove(keyPath());
  auto reopened = openSealer(keyPath(), vault);
  ASSERT_FALSE(reopened.isOk());
  EXPECT_EQ(reopened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(reopened.status().message().find("is missing"), std::string::npos);
  // It did not quietly make a new key file that would never open the notes.
  EXPECT_FALSE(std::filesystem::exists(keyPath()));
}

TEST_F(SealerTest, RefusesAKeyFileOthersMayRead) {
  ASSERT_NE(open(), nullptr);
  ::chmod(keyPath().c_str(), 0644);
  auto reopened = openSealer(keyPath(), vault);
  ASSERT_FALSE(reopened.isOk());
  EXPECT_EQ(reopened.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(reopened.status().message().find("chmod 600"), std::string::npos);
}

TEST_F(SealerTest, AShortKeyFileIsNotTakenForOne) {
  {
    std::ofstream out(keyPath());
    out << "short";
  }
  ::chmod(keyPath().c_str(), 0600);
  auto opened = openSealer(keyPath(), vault);
  ASSERT_FALSE(opened.isOk());
  EXPECT_EQ(opened.status().code(), StatusCode::kDataLoss);
}

TEST_F(SealerTest, RefusesAnOverlongNarrative) {
  auto sealer = open();
  EXPECT_EQ(sealer->seal(std::string(kMaxNarrativeBytes + 1, 'a'), "x").status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace esafety::records
