#include "tls/leaf_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "tls/tls_test_util.h"

namespace esafety::tls {
namespace {

constexpr int64_t kNow = 1780000000;

class LeafCacheTest : public ::testing::Test {
 protected:
  LeafCacheTest()
      : ca_(CertificateAuthority::generate("Oak Hill Primary", kNow).value()),
        minter_(ca_, generateP256Key().value()),
        clock_(LocalTime{}) {
    clock_.setUnix(kNow);
  }
  std::string leaves() const { return dir_.path() + "/leaves"; }

  TempDir dir_;
  CertificateAuthority ca_;
  LeafMinter minter_;
  FakeClock clock_;
  LeafCacheStats stats_;
};

TEST_F(LeafCacheTest, SecondRequestIsAHitWithTheSameCertificate) {
  LeafCache cache(minter_, "", 10, clock_, stats_);
  X509Ptr a = cache.get("www.example.com").value();
  X509Ptr b = cache.get("www.example.com").value();
  EXPECT_EQ(X509_cmp(a.get(), b.get()), 0);
  EXPECT_EQ(stats_.misses.load(), 1u);
  EXPECT_EQ(stats_.hits.load(), 1u);
  EXPECT_EQ(stats_.minted.load(), 1u);
}

TEST_F(LeafCacheTest, EvictsTheLeastRecentlyUsed) {
  LeafCache cache(minter_, "", 2, clock_, stats_);
  X509Ptr a = cache.get("a.example").value();
  ASSERT_TRUE(cache.get("b.example"));
  ASSERT_TRUE(cache.get("a.example"));  // a is now the most recent
  ASSERT_TRUE(cache.get("c.example"));  // evicts b
  EXPECT_EQ(cache.size(), 2u);
  uint64_t minted = stats_.minted.load();
  EXPECT_EQ(X509_cmp(cache.get("a.example")->get(), a.get()), 0);
  EXPECT_EQ(stats_.minted.load(), minted) << "a stayed";
  ASSERT_TRUE(cache.get("b.example"));
  EXPECT_EQ(stats_.minted.load(), minted + 1) << "b had to be minted again";
}

TEST_F(LeafCacheTest, TheDiskCacheIsBoundedAndTheOldestGoFirst) {
  // Ten files at most: past that, the oldest are removed until nine remain.
  LeafCache cache(minter_, leaves(), 100, clock_, stats_, 10);
  auto file = [&](int i) { return leaves() + "/host" + std::to_string(i) + ".example.pem"; };
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(cache.get("host" + std::to_string(i) + ".example"));
    // Distinct write times, oldest first, whatever the file system's clock resolution.
    std::filesystem::last_write_time(file(i), std::filesystem::file_time_type::clock::now() -
                                                  std::chrono::hours(100 - i));
  }
  EXPECT_EQ(cache.diskFiles(), 10u);
  ASSERT_TRUE(cache.get("host10.example"));
  EXPECT_EQ(cache.diskFiles(), 9u);
  EXPECT_FALSE(std::filesystem::exists(file(0))) << "the oldest went";
  EXPECT_FALSE(std::filesystem::exists(file(1)));
  EXPECT_TRUE(std::filesystem::exists(file(9)));
  EXPECT_TRUE(std::filesystem::exists(file(10))) << "the newest stays";
  EXPECT_EQ(stats_.disk_pruned.load(), 2u);
  for (int i = 11; i < 40; ++i) ASSERT_TRUE(cache.get("host" + std::to_string(i) + ".example"));
  size_t on_disk = 0;
  for (const auto& entry : std::filesystem::directory_iterator(leaves())) on_disk += entry.path().extension() == ".pem";
  EXPECT_LE(on_disk, 10u);
}

TEST_F(LeafCacheTest, AFolderOverTheBoundIsPrunedAtStart) {
  {
    LeafCache cache(minter_, leaves(), 100, clock_, stats_, 1000);
    for (int i = 0; i < 12; ++i) ASSERT_TRUE(cache.get("h" + std::to_string(i) + ".example"));
  }
  LeafCache smaller(minter_, leaves(), 100, clock_, stats_, 5);
  EXPECT_LE(smaller.diskFiles(), 5u);
}

TEST_F(LeafCacheTest, RenewsALeafNearItsEnd) {
  LeafCache cache(minter_, "", 10, clock_, stats_);
  X509Ptr first = cache.get("a.example").value();
  clock_.setUnix(kNow + 6 * 24 * 3600 + 60);  // under a day left
  X509Ptr second = cache.get("a.example").value();
  EXPECT_NE(X509_cmp(first.get(), second.get()), 0);
  EXPECT_GT(asn1TimeToUnix(X509_get0_notAfter(second.get())),
            asn1TimeToUnix(X509_get0_notAfter(first.get())));
  EXPECT_EQ(verifyAgainst(ca_.certificate(), second.get(), clock_.nowUnix()), X509_V_OK);
}

TEST_F(LeafCacheTest, DiskCacheSurvivesARestart) {
  X509Ptr first;
  {
    LeafCache cache(minter_, leaves(), 10, clock_, stats_);
    first = cache.get("www.example.com").value();
  }
  EXPECT_TRUE(std::filesystem::exists(leaves() + "/www.example.com.pem"));
  struct stat st {};
  stat(leaves().c_str(), &st);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  LeafCacheStats fresh;
  LeafCache restarted(minter_, leaves(), 10, clock_, fresh);
  X509Ptr again = restarted.get("www.example.com").value();
  EXPECT_EQ(X509_cmp(first.get(), again.get()), 0);
  EXPECT_EQ(fresh.disk_hits.load(), 1u);
  EXPECT_EQ(fresh.minted.load(), 0u);
}

TEST_F(LeafCacheTest, DiskEntriesFromAnotherCaOrDamagedAreMintedAgain) {
  {
    auto other_ca = CertificateAuthority::generate("Other", kNow).value();
    LeafMinter other(other_ca, generateP256Key().value());
    LeafCacheStats s;
    LeafCache cache(other, leaves(), 10, clock_, s);
    ASSERT_TRUE(cache.get("a.example"));
  }
  std::ofstream(leaves() + "/b.example.pem") << "-----BEGIN CERTIFICATE-----\ngarbage\n";
  LeafCache cache(minter_, leaves(), 10, clock_, stats_);
  X509Ptr a = cache.get("a.example").value();
  X509Ptr b = cache.get("b.example").value();
  EXPECT_EQ(stats_.disk_hits.load(), 0u);
  EXPECT_EQ(stats_.minted.load(), 2u);
  EXPECT_EQ(verifyAgainst(ca_.certificate(), a.get(), kNow), X509_V_OK);
  EXPECT_EQ(verifyAgainst(ca_.certificate(), b.get(), kNow), X509_V_OK);
}

TEST_F(LeafCacheTest, NamesUnsafeAsFileNamesStayInMemory) {
  LeafCache cache(minter_, leaves(), 10, clock_, stats_);
  ASSERT_TRUE(cache.get("2001:db8::1"));
  EXPECT_TRUE(std::filesystem::exists(leaves() + "/2001_db8__1.pem"));
  auto bad = cache.get("../../etc/passwd");
  EXPECT_FALSE(bad);
  EXPECT_EQ(stats_.mint_failures.load(), 1u);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/etc"));
}

}  // namespace
}  // namespace esafety::tls
