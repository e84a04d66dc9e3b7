#include "tls/leaf_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

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
