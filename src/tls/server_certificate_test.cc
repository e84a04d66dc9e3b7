#include "tls/server_certificate.h"

#include <gtest/gtest.h>

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <fstream>

#include "tls/tls_test_util.h"

namespace esafety::tls {
namespace {

constexpr int64_t kNow = 1780000000;

class ServerCertificateTest : public ::testing::Test {
 protected:
  ServerCertificateTest() : ca_(CertificateAuthority::generate("Oak Hill Primary", kNow).value()) {}
  std::string write(const std::string& name, const std::string& text) {
    std::string path = dir_.file(name);
    std::ofstream(path) << text;
    return path;
  }
  std::string message(const std::string& cert_path, const std::string& key_path) {
    auto loaded = ServerCertificate::fromFiles({cert_path, "[console] tls_cert"}, {key_path, "[console] tls_key"});
    return loaded ? "(loaded)" : loaded.status().message();
  }
  CertificateAuthority ca_;
  TempDir dir_;
};

TEST_F(ServerCertificateTest, MintedCertificateCoversEveryNameAndVerifies) {
  std::vector<std::string> names = {"esafety.oakhill.sch.uk", "10.20.0.5", "::1"};
  auto cert = ServerCertificate::mint(ca_, names, kNow);
  ASSERT_TRUE(cert) << cert.status().message();
  EXPECT_EQ(verifyAgainst(ca_.certificate(), cert->certificate.get(), kNow), X509_V_OK);
  for (const auto& name : names) EXPECT_TRUE(cert->covers(name)) << name;
  EXPECT_FALSE(cert->covers("evil.example"));
  EXPECT_FALSE(cert->covers("10.20.0.6"));
  EXPECT_EQ(X509_check_private_key(cert->certificate.get(), cert->key.get()), 1);
  EXPECT_EQ(cert->notAfter(), kNow + ServerCertificate::kMintedLifetime);

  // Each mint has its own key.
  auto again = ServerCertificate::mint(ca_, names, kNow);
  ASSERT_TRUE(again);
  EXPECT_NE(EVP_PKEY_eq(cert->key.get(), again->key.get()), 1);

  std::vector<std::string> bad = {"esafety.school", "not a name"};
  EXPECT_FALSE(ServerCertificate::mint(ca_, bad, kNow));
}

TEST_F(ServerCertificateTest, RenewalIsDueTenDaysBeforeTheEnd) {
  auto cert = ServerCertificate::mint(ca_, std::vector<std::string>{"esafety.school"}, kNow);
  ASSERT_TRUE(cert);
  int64_t end = cert->notAfter();
  EXPECT_FALSE(cert->renewalDue(kNow));
  EXPECT_FALSE(cert->renewalDue(end - ServerCertificate::kRenewBefore));
  EXPECT_TRUE(cert->renewalDue(end - ServerCertificate::kRenewBefore + 1));
  EXPECT_TRUE(cert->renewalDue(end + 1));
}

TEST_F(ServerCertificateTest, ReadsACertificateItsChainAndItsKey) {
  auto leaf = ServerCertificate::mint(ca_, std::vector<std::string>{"esafety.school"}, kNow).value();
  std::string cert_path = write("cert.pem", toPem(leaf.certificate.get()) + ca_.pem());
  std::string key_path = write("key.pem", privateKeyToPem(leaf.key.get()));
  auto loaded = ServerCertificate::fromFiles({cert_path, "[console] tls_cert"}, {key_path, "[console] tls_key"});
  ASSERT_TRUE(loaded) << loaded.status().message();
  EXPECT_TRUE(loaded->covers("esafety.school"));
  ASSERT_EQ(loaded->intermediates.size(), 1u);
  EXPECT_EQ(X509_cmp(loaded->intermediates[0].get(), ca_.certificate()), 0);
}

TEST_F(ServerCertificateTest, ErrorsNameTheSettingAndTheFile) {
  auto leaf = ServerCertificate::mint(ca_, std::vector<std::string>{"esafety.school"}, kNow).value();
  auto other = ServerCertificate::mint(ca_, std::vector<std::string>{"esafety.school"}, kNow).value();
  std::string cert_path = write("cert.pem", toPem(leaf.certificate.get()));
  std::string key_path = write("key.pem", privateKeyToPem(leaf.key.get()));
  std::string other_key = write("other-key.pem", privateKeyToPem(other.key.get()));
  std::string junk = write("junk.pem", "DB_PASSWORD: hunter2\n");

  std::string missing = message(dir_.file("nope.pem"), key_path);
  EXPECT_NE(missing.find("[console] tls_cert: cannot read " + dir_.file("nope.pem") + ": No such file"),
            std::string::npos) << missing;
  std::string not_pem = message(junk, key_path);
  EXPECT_NE(not_pem.find("[console] tls_cert: " + junk + " holds no PEM certificate"), std::string::npos)
      << not_pem;
  EXPECT_EQ(not_pem.find("hunter2"), std::string::npos);
  std::string bad_key = message(cert_path, junk);
  EXPECT_NE(bad_key.find("[console] tls_key: " + junk), std::string::npos) << bad_key;
  EXPECT_EQ(bad_key.find("hunter2"), std::string::npos);
  std::string mismatched = message(cert_path, other_key);
  EXPECT_NE(mismatched.find("[console] tls_key: " + other_key + " is not the private key of the certificate in "
                            "[console] tls_cert (" + cert_path + ")"),
            std::string::npos) << mismatched;
  EXPECT_EQ(message(cert_path, key_path), "(loaded)");

  // An encrypted key is refused, never prompted for.
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, leaf.key.get(), EVP_aes_256_cbc(),
                           reinterpret_cast<const unsigned char*>("secret"), 6, nullptr, nullptr);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string encrypted = write("encrypted.pem", std::string(data, static_cast<size_t>(n)));
  BIO_free(bio);
  std::string locked = message(cert_path, encrypted);
  EXPECT_NE(locked.find("[console] tls_key: " + encrypted + ": not a PEM private key without a passphrase"),
            std::string::npos) << locked;
}

}  // namespace
}  // namespace esafety::tls
