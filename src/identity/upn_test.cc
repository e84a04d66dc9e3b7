#include "identity/upn.h"

#include <gtest/gtest.h>

namespace esafety::identity {
namespace {

TEST(UpnTest, CheckLetterFollowsTheDfeWeights) {
  // 8*2 + 1*4 + 2*5 + 5*10 + 1*13 = 93; 93 mod 23 = 1 -> B.
  EXPECT_EQ(upnCheckLetter("801200005001"), 'B');
  EXPECT_TRUE(checkUpn("B801200005001").isOk());
  // All digits zero: sum 0 -> A.
  EXPECT_EQ(upnCheckLetter("000000000000"), 'A');
  // A temporary UPN ends in a letter, valued by its place in the alphabet
  // without I, O and S: Z is 22, so 22*13 = 286 = 12*23 + 10 -> L.
  EXPECT_EQ(upnCheckLetter("00000000000Z"), 'L');
  EXPECT_TRUE(checkUpn("L00000000000Z").isOk());
}

TEST(UpnTest, EachWrongShapeIsNamed) {
  EXPECT_NE(checkUpn("A801200005001").message().find("check letter A, but its digits give B"),
            std::string::npos);
  EXPECT_NE(checkUpn("B80120000500").message().find("12 characters long, not 13"),
            std::string::npos);
  EXPECT_NE(checkUpn("I801200005001").message().find("must start with a check letter"),
            std::string::npos);
  EXPECT_NE(checkUpn("B8012000X5001").message().find("character 9 is 'X'"), std::string::npos);
  EXPECT_NE(checkUpn("B80120000500O").message().find("must end in a digit"), std::string::npos);
  EXPECT_EQ(checkUpn("").message(), "a UPN is required");
}

TEST(UpnTest, NormalisesCaseAndSpaces) {
  EXPECT_EQ(normalizeUpn(" b801 2000 05001 "), "B801200005001");
}

}  // namespace
}  // namespace esafety::identity
