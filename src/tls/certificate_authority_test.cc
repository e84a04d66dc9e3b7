#include "tls/certificate_authority.h"

#include <gtest/gtest.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <fstream>

#include "tls/tls_test_util.h"

namespace esafety::tls {
namespace {

constexpr int64_t kNow = 1780000000;  // 2026-05-28

mode_t modeOf(const std::string& path) {
  struct stat st {};
  stat(path.c_str(), &st);
  return st.st_mode & 0777;
}

TEST(CertificateAuthorityTest, IsACaNamedAfterTheSchool) {
  auto ca = CertificateAuthority::generate("Oak Hill Primary", kNow);
  ASSERT_TRUE(ca) << ca.status().message();
  EXPECT_EQ(ca->commonName(), "Oak Hill Primary web filter");
  X509* cert = ca->certificate();
  EXPECT_EQ(X509_check_ca(cert), 1);
  EXPECT_EQ(EVP_PKEY_get_base_id(X509_get0_pubkey(cert)), EVP_PKEY_EC);
  EXPECT_EQ(X509_verify(cert, ca->key()), 1) << "self-signed";
  EXPECT_EQ(X509_get_extension_flags(cert) & EXFLAG_CA, static_cast<uint32_t>(EXFLAG_CA));
  EXPECT_NE(X509_get0_subject_key_id(cert), nullptr);
  EXPECT_GT(ca->notAfter(), kNow + int64_t{9} * 365 * 24 * 3600);
  EXPECT_EQ(ca->fingerprint().size(), 32u * 3 - 1);
}

TEST(CertificateAuthorityTest, LongSchoolNamesAreCutToFit) {
  std::string name(100, 'x');
  auto ca = CertificateAuthority::generate(name, kNow);
  ASSERT_TRUE(ca) << ca.status().message();
  EXPECT_EQ(ca->commonName().size(), 64u);
}

TEST(CertificateAuthorityTest, NamesKeepTheirAccentsAndAreCutBetweenCharacters) {
  auto ca = CertificateAuthority::generate("\u00c9cole Sainte-Th\u00e9r\u00e8se", kNow);
  ASSERT_TRUE(ca);
  EXPECT_EQ(ca->commonName(), "\u00c9cole Sainte-Th\u00e9r\u00e8se web filter");
  std::string name(62, 'x');
  name += "\u00e9\u00e9";  // bytes 63-64 are one character, 65-66 the next
  auto cut = CertificateAuthority::generate(name, kNow);
  ASSERT_TRUE(cut);
  EXPECT_EQ(cut->commonName(), std::string(62, 'x') + "\u00e9");
  std::string straddle(63, 'x');
  straddle += "\u00e9";  // the 64th byte is in the middle of a character
  auto dropped = CertificateAuthority::generate(straddle, kNow);
  ASSERT_TRUE(dropped);
  char organisation[128] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(dropped->certificate()), NID_organizationName,
                            organisation, sizeof organisation);
  EXPECT_EQ(std::string(organisation), std::string(63, 'x'));
}

TEST(CertificateAuthorityTest, CreateWritesKeysMode0600AndLoadReadsThemBack) {
  TempDir dir;
  TlsPaths paths(dir.path());
  FakeClock clock(LocalTime{});
  clock.setUnix(kNow);
  ::umask(0);  // even a careless umask must not make the key readable
  auto ca = CertificateAuthority::create(paths, "Oak Hill Primary", clock, false);
  ::umask(022);
  ASSERT_TRUE(ca) << ca.status().message();
  EXPECT_EQ(modeOf(paths.caKey()), 0600u);
  EXPECT_EQ(modeOf(paths.leafKey()), 0600u);
  EXPECT_EQ(modeOf(paths.dir), 0700u);
  EXPECT_EQ(modeOf(paths.caCert()), 0644u);
  auto loaded = CertificateAuthority::load(paths);
  ASSERT_TRUE(loaded) << loaded.status().message();
  EXPECT_EQ(loaded->der(), ca->der());
  EXPECT_EQ(X509_check_private_key(loaded->certificate(), loaded->key()), 1);
}

TEST(CertificateAuthorityTest, RefusesToReplaceACaWithoutForce) {
  TempDir dir;
  TlsPaths paths(dir.path());
  FakeClock clock(LocalTime{});
  clock.setUnix(kNow);
  auto first = CertificateAuthority::create(paths, "A", clock, false);
  ASSERT_TRUE(first);
  auto again = CertificateAuthority::create(paths, "B", clock, false);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_NE(again.status().message().find("--force"), std::string::npos);
  EXPECT_EQ(CertificateAuthority::load(paths)->der(), first->der()) << "left alone";
  auto forced = CertificateAuthority::create(paths, "B", clock, true);
  ASSERT_TRUE(forced);
  EXPECT_NE(CertificateAuthority::load(paths)->der(), first->der());
  EXPECT_EQ(CertificateAuthority::load(paths)->commonName(), "B web filter");
}

TEST(CertificateAuthorityTest, LoadSaysWhatIsWrong) {
  TempDir dir;
  TlsPaths paths(dir.path());
  auto missing = CertificateAuthority::load(paths);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(missing.status().message().find("esafety ca init"), std::string::npos);

  FakeClock clock(LocalTime{});
  clock.setUnix(kNow);
  ASSERT_TRUE(CertificateAuthority::create(paths, "A", clock, false));
  // Swap in another key: the pair no longer matches.
  std::ifstream leaf(paths.leafKey());
  std::string leaf_key((std::istreambuf_iterator<char>(leaf)), {});
  std::ofstream(paths.caKey()) << leaf_key;
  auto mismatched = CertificateAuthority::load(paths);
  ASSERT_FALSE(mismatched);
  EXPECT_EQ(mismatched.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(mismatched.status().message().find("ca-key.pem"), std::string::npos);

  std::ofstream(paths.caCert()) << "not a certificate\n";
  auto garbage = CertificateAuthority::load(paths);
  ASSERT_FALSE(garbage);
  EXPECT_NE(garbage.status().message().find("ca.pem"), std::string::npos);
}

}  // namespace
}  // namespace esafety::tls
