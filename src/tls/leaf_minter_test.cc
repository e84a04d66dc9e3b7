#include "tls/leaf_minter.h"

#include <gtest/gtest.h>
#include <openssl/x509v3.h>

#include "tls/tls_test_util.h"

namespace esafety::tls {
namespace {

constexpr int64_t kNow = 1780000000;

class LeafMinterTest : public ::testing::Test {
 protected:
  LeafMinterTest()
      : ca_(CertificateAuthority::generate("Oak Hill Primary", kNow).value()),
        minter_(ca_, generateP256Key().value()) {}
  CertificateAuthority ca_;
  LeafMinter minter_;
};

std::vector<std::string> sanEntries(X509* cert) {
  std::vector<std::string> out;
  auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
    GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    int type = 0;
    auto* value = static_cast<ASN1_STRING*>(GENERAL_NAME_get0_value(name, &type));
    std::string bytes(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                      static_cast<size_t>(ASN1_STRING_length(value)));
    out.push_back((type == GEN_DNS ? "DNS:" : type == GEN_IPADD ? "IP:" : "?:") +
                  (type == GEN_IPADD ? toHex(bytes) : bytes));
  }
  GENERAL_NAMES_free(names);
  return out;
}

TEST_F(LeafMinterTest, LeafForANameVerifiesAgainstTheCa) {
  auto leaf = minter_.mint("www.example.com", kNow);
  ASSERT_TRUE(leaf) << leaf.status().message();
  X509* cert = leaf->get();
  EXPECT_EQ(verifyAgainst(ca_.certificate(), cert, kNow), X509_V_OK);
  EXPECT_EQ(sanEntries(cert), std::vector<std::string>{"DNS:www.example.com"});
  EXPECT_EQ(X509_check_host(cert, "www.example.com", 0, 0, nullptr), 1);
  EXPECT_NE(X509_check_host(cert, "other.example.com", 0, 0, nullptr), 1);
  EXPECT_EQ(EVP_PKEY_get_base_id(X509_get0_pubkey(cert)), EVP_PKEY_EC);
  EXPECT_EQ(X509_check_private_key(cert, minter_.leafKey()), 1);
}

TEST_F(LeafMinterTest, ExtensionsAreThoseABrowserExpects) {
  X509Ptr cert = minter_.mint("www.example.com", kNow).value();
  uint32_t flags = X509_get_extension_flags(cert.get());
  EXPECT_EQ(flags & EXFLAG_CA, 0u) << "CA:FALSE";
  EXPECT_NE(flags & EXFLAG_BCONS, 0u) << "basicConstraints present";
  EXPECT_EQ(X509_get_extended_key_usage(cert.get()), static_cast<uint32_t>(XKU_SSL_SERVER));
  EXPECT_EQ(X509_get_key_usage(cert.get()), static_cast<uint32_t>(KU_DIGITAL_SIGNATURE));
  const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(cert.get());
  const ASN1_OCTET_STRING* aki = X509_get0_authority_key_id(cert.get());
  const ASN1_OCTET_STRING* ca_ski = X509_get0_subject_key_id(ca_.certificate());
  ASSERT_NE(ski, nullptr);
  ASSERT_NE(aki, nullptr);
  EXPECT_EQ(ASN1_OCTET_STRING_cmp(aki, ca_ski), 0) << "AKI names the CA's key";
  EXPECT_NE(ASN1_OCTET_STRING_cmp(ski, ca_ski), 0);
  EXPECT_EQ(X509_NAME_cmp(X509_get_issuer_name(cert.get()), X509_get_subject_name(ca_.certificate())), 0);
}

TEST_F(LeafMinterTest, ValidityIsShortAndStartsAnHourEarly) {
  X509Ptr cert = minter_.mint("www.example.com", kNow).value();
  EXPECT_EQ(asn1TimeToUnix(X509_get0_notBefore(cert.get())), kNow - 3600);
  EXPECT_EQ(asn1TimeToUnix(X509_get0_notAfter(cert.get())), kNow + 7 * 24 * 3600);
  EXPECT_EQ(verifyAgainst(ca_.certificate(), cert.get(), kNow - 1800), X509_V_OK) << "a slow device clock";
  EXPECT_EQ(verifyAgainst(ca_.certificate(), cert.get(), kNow + 8 * 24 * 3600),
            X509_V_ERR_CERT_HAS_EXPIRED);
}

TEST_F(LeafMinterTest, NeverOutlivesTheCa) {
  int64_t late = ca_.notAfter() - 3600;
  X509Ptr cert = minter_.mint("www.example.com", late).value();
  EXPECT_EQ(asn1TimeToUnix(X509_get0_notAfter(cert.get())), ca_.notAfter());
}

TEST_F(LeafMinterTest, IpLiteralsGetAnIpSan) {
  X509Ptr v4 = minter_.mint("192.0.2.7", kNow).value();
  EXPECT_EQ(sanEntries(v4.get()), std::vector<std::string>{"IP:c0000207"});
  EXPECT_EQ(X509_check_ip_asc(v4.get(), "192.0.2.7", 0), 1);
  X509Ptr v6 = minter_.mint("2001:db8::1", kNow).value();
  EXPECT_EQ(X509_check_ip_asc(v6.get(), "2001:db8::1", 0), 1);
  EXPECT_EQ(verifyAgainst(ca_.certificate(), v6.get(), kNow), X509_V_OK);
}

TEST_F(LeafMinterTest, SerialsAreRandomAndPositive) {
  X509Ptr a = minter_.mint("a.example", kNow).value();
  X509Ptr b = minter_.mint("a.example", kNow).value();
  EXPECT_NE(ASN1_INTEGER_cmp(X509_get0_serialNumber(a.get()), X509_get0_serialNumber(b.get())), 0);
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(a.get()), nullptr);
  EXPECT_FALSE(BN_is_negative(bn));
  EXPECT_GE(BN_num_bytes(bn), 15);
  BN_free(bn);
}

TEST_F(LeafMinterTest, RefusesNamesThatAreNotHostNames) {
  for (const char* bad : {"", "a,DNS:evil.example", "a b", "UPPER.example", "x/y"}) {
    auto leaf = minter_.mint(bad, kNow);
    EXPECT_FALSE(leaf) << bad;
  }
  std::string long_name(70, 'a');
  auto leaf = minter_.mint(long_name + ".example", kNow);
  ASSERT_TRUE(leaf) << "a name too long for the CN still gets a SAN";
  EXPECT_EQ(X509_check_host(leaf->get(), (long_name + ".example").c_str(), 0, 0, nullptr), 1);
}

TEST_F(LeafMinterTest, ReusableChecksIssuerKeyHostAndTime) {
  X509Ptr cert = minter_.mint("www.example.com", kNow).value();
  EXPECT_TRUE(minter_.reusable(cert.get(), "www.example.com", kNow));
  EXPECT_FALSE(minter_.reusable(cert.get(), "other.example.com", kNow));
  EXPECT_FALSE(minter_.reusable(cert.get(), "www.example.com", kNow + 6 * 24 * 3600 + 1))
      << "less than a day left";
  auto other_ca = CertificateAuthority::generate("Other", kNow).value();
  LeafMinter other(other_ca, generateP256Key().value());
  EXPECT_FALSE(other.reusable(cert.get(), "www.example.com", kNow)) << "another CA";
  LeafMinter same_ca_new_key(ca_, generateP256Key().value());
  EXPECT_FALSE(same_ca_new_key.reusable(cert.get(), "www.example.com", kNow)) << "another key";
}

}  // namespace
}  // namespace esafety::tls
