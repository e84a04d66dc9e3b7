#include "serve/console_tls.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/test_support.h"
#include "tls/certificate_authority.h"
#include "tls/server_certificate.h"

namespace esafety::serve {
namespace {

constexpr int64_t kNow = 1780000000;
constexpr int64_t kDay = 24 * 3600;

class ConsoleTlsTest : public ::testing::Test {
 protected:
  ConsoleTlsTest() { clock_.setUnix(kNow); }
  tls::CertificateAuthority makeCa() {
    return tls::CertificateAuthority::create(tls::TlsPaths(dir_.path()), "Oak Hill Primary", clock_, true).value();
  }
  ServeConfig::Console schoolCa() {
    ServeConfig::Console c;
    c.tls = "school-ca";
    return c;
  }
  // A certificate for esafety.school in `name`.pem and `name`-key.pem.
  void writeFiles(const tls::CertificateAuthority& ca, const std::string& name) {
    auto cert = tls::ServerCertificate::mint(ca, std::vector<std::string>{"esafety.school"}, clock_.nowUnix());
    std::ofstream(dir_.file(name + ".pem")) << tls::toPem(cert->certificate.get());
    std::ofstream(dir_.file(name + "-key.pem")) << tls::privateKeyToPem(cert->key.get());
  }
  std::string message(const ServeConfig::Console& config, std::vector<std::string> names = {"esafety.school"}) {
    auto tls = ConsoleTls::make(config, dir_.path(), names, clock_);
    return tls ? "(made)" : tls.status().message();
  }
  testing::TempDir dir_;
  FakeClock clock_{LocalTime{}};
};

TEST_F(ConsoleTlsTest, OffMeansPlainHttp) {
  ServeConfig::Console off;
  auto tls = ConsoleTls::make(off, dir_.path(), {"esafety.school"}, clock_);
  ASSERT_TRUE(tls);
  EXPECT_EQ(*tls, nullptr);
}

TEST_F(ConsoleTlsTest, SchoolCaNeedsTheCaAndAName) {
  std::string no_ca = message(schoolCa());
  EXPECT_NE(no_ca.find("[console] tls = \"school-ca\" needs the school's CA"), std::string::npos) << no_ca;
  EXPECT_NE(no_ca.find("esafety ca init"), std::string::npos) << no_ca;
  makeCa();
  std::string wildcard = message(schoolCa(), {"0.0.0.0", "::"});
  EXPECT_NE(wildcard.find("no host name to make the certificate for"), std::string::npos) << wildcard;
  EXPECT_EQ(message(schoolCa(), {"esafety.school", "10.20.0.5", "0.0.0.0"}), "(made)");
}

TEST_F(ConsoleTlsTest, SchoolCaCertificateIsRenewedTenDaysBeforeItEnds) {
  makeCa();
  auto tls = ConsoleTls::make(schoolCa(), dir_.path(), {"esafety.school"}, clock_).value();
  ASSERT_NE(tls, nullptr);
  int64_t first_end = tls->notAfter();
  EXPECT_EQ(first_end, kNow + 30 * kDay);
  auto first_context = tls->context();

  clock_.setUnix(kNow + 19 * kDay);  // 11 days left
  EXPECT_FALSE(tls->refresh().value());
  EXPECT_EQ(tls->context(), first_context);

  clock_.setUnix(kNow + 21 * kDay);  // 9 days left
  EXPECT_TRUE(tls->refresh().value());
  EXPECT_EQ(tls->notAfter(), kNow + 51 * kDay);
  EXPECT_NE(tls->context(), first_context);

  // A new CA (`esafety ca init --force`): devices trust that one now.
  clock_.setUnix(kNow + 22 * kDay);
  EXPECT_FALSE(tls->refresh().value());
  makeCa();
  EXPECT_TRUE(tls->refresh().value());
  EXPECT_EQ(tls->notAfter(), kNow + 52 * kDay);
}

TEST_F(ConsoleTlsTest, FilesAreCheckedAtStartAndReadAgainWhenChanged) {
  auto ca = makeCa();
  writeFiles(ca, "console");
  writeFiles(ca, "other");
  ServeConfig::Console config;
  config.tls = "files";
  config.tls_cert = dir_.file("missing.pem");
  config.tls_key = dir_.file("console-key.pem");
  std::string missing = message(config);
  EXPECT_NE(missing.find("[console] tls_cert: cannot read " + dir_.file("missing.pem")), std::string::npos)
      << missing;
  config.tls_cert = dir_.file("console.pem");
  config.tls_key = dir_.file("other-key.pem");
  std::string mismatched = message(config);
  EXPECT_NE(mismatched.find("[console] tls_key: " + dir_.file("other-key.pem") + " is not the private key"),
            std::string::npos) << mismatched;

  config.tls_key = dir_.file("console-key.pem");
  auto tls = ConsoleTls::make(config, dir_.path(), {"esafety.school"}, clock_).value();
  ASSERT_NE(tls, nullptr);
  EXPECT_FALSE(tls->refresh().value());  // unchanged

  // Renewed on disk (a later certificate): read again.
  clock_.setUnix(kNow + 5 * kDay);
  auto before = tls->notAfter();
  std::filesystem::copy_file(dir_.file("console.pem"), dir_.file("old.pem"));
  writeFiles(ca, "console");
  auto bump = std::filesystem::last_write_time(dir_.file("console.pem")) + std::chrono::seconds(2);
  std::filesystem::last_write_time(dir_.file("console.pem"), bump);
  std::filesystem::last_write_time(dir_.file("console-key.pem"), bump);
  EXPECT_TRUE(tls->refresh().value());
  EXPECT_EQ(tls->notAfter(), before + 5 * kDay);

  // Half-written (the key of another certificate): refused, the old one kept.
  std::filesystem::copy_file(dir_.file("other-key.pem"), dir_.file("console-key.pem"),
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::last_write_time(dir_.file("console-key.pem"), bump + std::chrono::seconds(2));
  auto context = tls->context();
  auto refused = tls->refresh();
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.status().message().find("[console] tls_key"), std::string::npos);
  EXPECT_EQ(tls->context(), context);
  EXPECT_EQ(tls->notAfter(), before + 5 * kDay);
}

}  // namespace
}  // namespace esafety::serve
