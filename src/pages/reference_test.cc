#include "pages/reference.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace esafety::pages {
namespace {

bool isReferenceShape(const std::string& ref) {
  if (!ref.starts_with("ES-")) return false;
  std::string body = ref.substr(3);
  for (size_t i = 0; i < body.size(); ++i) {
    if (i % 5 == 4) {
      if (body[i] != '-') return false;
    } else if (kReferenceAlphabet.find(body[i]) == std::string_view::npos) {
      return false;
    }
  }
  return body.size() % 5 == 4;
}

TEST(Reference, AlphabetHasNoLookAlikes) {
  EXPECT_EQ(kReferenceAlphabet.size(), 32u);
  for (char c : {'0', 'O', '1', 'I'}) {
    EXPECT_EQ(kReferenceAlphabet.find(c), std::string_view::npos) << c;
  }
}

TEST(Reference, SmallIdsGiveEightCharacters) {
  for (uint64_t id : {uint64_t{0}, uint64_t{1}, uint64_t{48213}, (uint64_t{1} << 35) - 1}) {
    std::string ref = formatReference(id);
    EXPECT_EQ(ref.size(), 12u) << ref;  // "ES-XXXX-XXXX"
    EXPECT_TRUE(isReferenceShape(ref)) << ref;
  }
}

TEST(Reference, LargerIdsGrow) {
  EXPECT_EQ(formatReference(uint64_t{1} << 35).size(), 17u);  // ES-XXXX-XXXX-XXXX
  EXPECT_EQ(formatReference((uint64_t{1} << 55) - 1).size(), 17u);
  EXPECT_EQ(formatReference(uint64_t{1} << 55).size(), 22u);
  EXPECT_EQ(formatReference(~uint64_t{0}).size(), 22u);
  EXPECT_TRUE(isReferenceShape(formatReference(~uint64_t{0})));
}

TEST(Reference, RoundTripsAtEdgesAndAtRandom) {
  std::vector<uint64_t> ids = {0,
                               1,
                               2,
                               31,
                               32,
                               1000,
                               (uint64_t{1} << 35) - 1,
                               uint64_t{1} << 35,
                               (uint64_t{1} << 55) - 1,
                               uint64_t{1} << 55,
                               ~uint64_t{0},
                               ~uint64_t{0} - 1};
  std::mt19937_64 random(42);
  for (int i = 0; i < 20000; ++i) {
    uint64_t id = random();
    ids.push_back(id >> (random() % 64));
  }
  for (uint64_t id : ids) {
    auto back = parseReference(formatReference(id));
    ASSERT_TRUE(back.isOk()) << id << " " << formatReference(id) << " " << back.status().toString();
    EXPECT_EQ(*back, id) << formatReference(id);
  }
}

TEST(Reference, ConsecutiveIdsLookUnrelated) {
  std::set<std::string> seen;
  for (uint64_t id = 1; id <= 1000; ++id) seen.insert(formatReference(id));
  EXPECT_EQ(seen.size(), 1000u);
  // Neighbours share few characters in place.
  std::string a = formatReference(500), b = formatReference(501);
  int same = 0;
  for (size_t i = 3; i < a.size(); ++i) same += a[i] == b[i] && a[i] != '-';
  EXPECT_LT(same, 5) << a << " " << b;
  EXPECT_NE(formatReference(0), "ES-2222-2222");
}

TEST(Reference, ParsingForgivesCaseSpacesAndThePrefix) {
  std::string ref = formatReference(48213);  // "ES-XXXX-XXXX"
  std::string data = ref.substr(3, 4) + ref.substr(8, 4);
  std::string lower;
  for (char c : ref) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& text :
       {ref, lower, data, " " + ref + " ", "ES " + ref.substr(3, 4) + " " + ref.substr(8, 4),
        "es" + data, ref.substr(3)}) {
    auto id = parseReference(text);
    ASSERT_TRUE(id.isOk()) << text << ": " << id.status().toString();
    EXPECT_EQ(*id, 48213u) << text;
  }
}

TEST(Reference, EverySingleCharacterMistakeIsCaught) {
  std::string ref = formatReference(123456789);
  for (size_t i = 3; i < ref.size(); ++i) {
    if (ref[i] == '-') continue;
    for (char c : kReferenceAlphabet) {
      if (c == ref[i]) continue;
      std::string typo = ref;
      typo[i] = c;
      EXPECT_FALSE(parseReference(typo).isOk()) << typo;
    }
  }
}

TEST(Reference, AdjacentSwapsAreCaught) {
  std::mt19937_64 random(7);
  int caught = 0, tried = 0;
  for (int n = 0; n < 500; ++n) {
    std::string ref = formatReference(random() >> 29);
    std::string data;
    for (char c : ref.substr(3))
      if (c != '-') data += c;
    for (size_t i = 0; i + 1 < data.size(); ++i) {
      if (data[i] == data[i + 1]) continue;
      std::string swapped = data;
      std::swap(swapped[i], swapped[i + 1]);
      ++tried;
      caught += !parseReference(swapped).isOk();
    }
  }
  // Luhn mod 32 misses only a swap of the values 0 and 31 ('2' and 'Z').
  EXPECT_GT(caught, tried * 95 / 100) << caught << "/" << tried;
}

TEST(Reference, RejectsLookAlikesJunkAndWrongLengths) {
  std::string ref = formatReference(99);
  std::string with_zero = ref;
  with_zero[4] = '0';
  auto r = parseReference(with_zero);
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("0, O, 1 or I"), std::string::npos);

  for (const char* text : {"", "ES", "ES-", "ES-2345", "ES-2345-6789-AB", "ES-ABCD-EFGH!",
                           "<script>", "ES-2345-678\xC3\xA9"}) {
    EXPECT_FALSE(parseReference(text).isOk()) << text;
  }
  EXPECT_FALSE(parseReference(std::string(10000, 'A')).isOk());
}

TEST(Reference, LongFormOfASmallIdIsRejected) {
  // Each id has one code: a 12-character code must decode to an id >= 2^35.
  int accepted_small = 0;
  std::mt19937_64 random(3);
  for (int i = 0; i < 2000; ++i) {
    std::string data;
    for (int j = 0; j < 11; ++j) data += kReferenceAlphabet[random() % 32];
    for (char c : kReferenceAlphabet) {
      auto id = parseReference(data + c);
      if (id.isOk() && *id < (uint64_t{1} << 35)) ++accepted_small;
    }
  }
  EXPECT_EQ(accepted_small, 0);
}

}  // namespace
}  // namespace esafety::pages
