#include "identity/totp.h"

#include <gtest/gtest.h>

namespace esafety::identity {
namespace {

// RFC 6238 Appendix B: the seeds are the ASCII digits repeated to the hash's length.
const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 =
    "1234567890123456789012345678901234567890123456789012345678901234";

TEST(Totp, Rfc6238TestVectors) {
  struct Vector {
    int64_t time;
    const char* sha1;
    const char* sha256;
    const char* sha512;
  };
  const Vector vectors[] = {
      {59, "94287082", "46119246", "90693936"},
      {1111111109, "07081804", "68084774", "25091201"},
      {1111111111, "14050471", "67062674", "99943326"},
      {1234567890, "89005924", "91819424", "93441116"},
      {2000000000, "69279037", "90698825", "38618901"},
      {20000000000, "65353130", "77737706", "47863826"},
  };
  for (const Vector& v : vectors) {
    EXPECT_EQ(totpCode(kSeed20, v.time, 8, TotpHash::kSha1), v.sha1) << v.time;
    EXPECT_EQ(totpCode(kSeed32, v.time, 8, TotpHash::kSha256), v.sha256) << v.time;
    EXPECT_EQ(totpCode(kSeed64, v.time, 8, TotpHash::kSha512), v.sha512) << v.time;
  }
  // Six digits are the last six of the eight.
  EXPECT_EQ(totpCode(kSeed20, 59), "287082");
}

TEST(Totp, Base32RoundTripsAndMatchesRfc4648) {
  EXPECT_EQ(base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32Encode(kSeed20), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(base32Decode("mzxw 6ytb oi======").value(), "foobar");
  auto bad = base32Decode("MZXW1");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.status().message(), "'1' is not a base32 character");
  std::string secret = generateTotpSecret();
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_EQ(base32Decode(secret).value().size(), 20u);
  EXPECT_NE(secret, generateTotpSecret());
}

TEST(Totp, ACodeIsGoodForItsStepAndOneEitherSide) {
  const std::string secret = base32Encode(kSeed20);
  const int64_t t = 1111111111;  // code 050471 at this step
  EXPECT_TRUE(checkTotp(secret, "050471", t));
  EXPECT_TRUE(checkTotp(secret, "050 471", t));
  EXPECT_TRUE(checkTotp(secret, "050471", t + 30)) << "one step later";
  EXPECT_TRUE(checkTotp(secret, "050471", t - 30)) << "one step earlier";
  EXPECT_FALSE(checkTotp(secret, "050471", t + 90)) << "three steps later";
  EXPECT_FALSE(checkTotp(secret, "050472", t));
  EXPECT_FALSE(checkTotp(secret, "05047", t));
  EXPECT_FALSE(checkTotp(secret, "0504711", t));
  EXPECT_FALSE(checkTotp(secret, "05047a", t));
  EXPECT_FALSE(checkTotp("", "050471", t));
  EXPECT_FALSE(checkTotp("not base32!", "050471", t));
}

TEST(Totp, TheMatchedStepIsTheLatestThatFits) {
  const std::string secret = base32Encode(kSeed20);
  const int64_t t = 1111111111;  // code 050471 at this step
  EXPECT_EQ(matchTotpStep(secret, "050471", t), t / kTotpStepSeconds);
  EXPECT_EQ(matchTotpStep(secret, "050471", t + 30), t / kTotpStepSeconds);  // same code, same step
  EXPECT_EQ(matchTotpStep(secret, "050471", t - 30), t / kTotpStepSeconds);
  EXPECT_FALSE(matchTotpStep(secret, "050472", t).has_value());
}

TEST(Totp, TheDslsTheHeadAndTheAdminsNeedACode) {
  for (Role role : kAllRoles) {
    EXPECT_EQ(needsTotp(role), role == Role::kDsl || role == Role::kDeputyDsl || role == Role::kHead ||
                                   role == Role::kItAdmin || role == Role::kLaAdmin)
        << roleName(role);
  }
}

TEST(Totp, TheUriIsWhatAuthenticatorAppsRead) {
  EXPECT_EQ(otpauthUri("esafety (Oak Primary)", "dsl@school.example", "GEZDGNBV"),
            "otpauth://totp/esafety%20%28Oak%20Primary%29:dsl@school.example?secret=GEZDGNBV"
            "&issuer=esafety%20%28Oak%20Primary%29&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace esafety::identity
