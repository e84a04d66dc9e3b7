#include "identity/password.h"

#include <gtest/gtest.h>

#include <set>

namespace esafety::identity {
namespace {

TEST(PasswordTest, Argon2idHashesVerifyOnlyTheRightPassword) {
  auto hash = hashPassword("correct horse battery");
  ASSERT_TRUE(hash.isOk());
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$")) << *hash;
  EXPECT_EQ(hash->find("correct"), std::string::npos);
  EXPECT_TRUE(verifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(verifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(verifyPassword(*hash, ""));
  EXPECT_FALSE(needsRehash(*hash));
  // The same password twice gets different salts.
  EXPECT_NE(*hash, hashPassword("correct horse battery").value());
}

TEST(PasswordTest, OtherHashesAndJunkNeverVerify) {
  EXPECT_FALSE(verifyPassword("", "x"));
  EXPECT_FALSE(verifyPassword("$argon2i$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA", "x"));
  EXPECT_FALSE(verifyPassword("$argon2id$garbage", "x"));
  EXPECT_FALSE(verifyPassword(std::string(500, 'a'), "x"));
  EXPECT_TRUE(needsRehash("$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"));
}

TEST(PasswordTest, NewPasswordRules) {
  EXPECT_FALSE(checkNewPassword("short").isOk());
  EXPECT_FALSE(checkNewPassword(std::string(300, 'a')).isOk());
  EXPECT_FALSE(checkNewPassword("has a\ttab in it").isOk());
  EXPECT_TRUE(checkNewPassword("long enough pass").isOk());
}

TEST(PasswordTest, GeneratedPasswordsAreReadableAndDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string p = generatePassword();
    ASSERT_EQ(p.size(), 19u) << p;
    EXPECT_EQ(p[4], '-');
    EXPECT_EQ(p.find_first_of("lio01"), std::string::npos) << p;
    EXPECT_TRUE(checkNewPassword(p).isOk());
    seen.insert(p);
  }
  EXPECT_EQ(seen.size(), 50u);
}

}  // namespace
}  // namespace esafety::identity
