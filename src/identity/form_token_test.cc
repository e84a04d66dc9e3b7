#include "identity/form_token.h"

#include <gtest/gtest.h>

namespace esafety::identity {
namespace {

TEST(FormTokensTest, ATokenWorksForItsAddressWithinAnHour) {
  FormTokens tokens;
  std::string t = tokens.issue("127.0.0.3", 1000);
  EXPECT_TRUE(tokens.check(t, "127.0.0.3", 1000));
  EXPECT_TRUE(tokens.check(t, "127.0.0.3", 1000 + 3600));
  EXPECT_FALSE(tokens.check(t, "127.0.0.3", 1000 + 3601));
  EXPECT_FALSE(tokens.check(t, "127.0.0.4", 1000));  // another device
}

TEST(FormTokensTest, ForgedOrOtherKeysTokensFail) {
  FormTokens tokens, other;
  std::string t = tokens.issue("127.0.0.3", 1000);
  EXPECT_FALSE(other.check(t, "127.0.0.3", 1000));
  std::string changed = t;
  changed[0] = '2';  // a different issue time under the same MAC
  EXPECT_FALSE(tokens.check(changed, "127.0.0.3", 2000));
  EXPECT_FALSE(tokens.check("", "127.0.0.3", 1000));
  EXPECT_FALSE(tokens.check("1000.", "127.0.0.3", 1000));
  EXPECT_FALSE(tokens.check("x.y", "127.0.0.3", 1000));
}

}  // namespace
}  // namespace esafety::identity
