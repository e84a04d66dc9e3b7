#include "pages/reference.h"

#include <array>
#include <optional>

#include "core/text.h"

namespace esafety::pages {
namespace {

constexpr uint64_t kBase = 32;

// One length of code: `data_chars` characters carry `bits` bits of the
// (scrambled) id; ids below `min_id` use a shorter tier.
struct Tier {
  size_t data_chars;
  unsigned bits;
  uint64_t min_id;
};
constexpr std::array<Tier, 3> kTiers = {{
    {7, 35, 0},
    {11, 55, uint64_t{1} << 35},
    {15, 64, uint64_t{1} << 55},
}};

constexpr uint64_t kMultiplier1 = 0x9E3779B97F4A7C15ull;  // odd, so invertible mod 2^bits
constexpr uint64_t kMultiplier2 = 0xBF58476D1CE4E5B9ull;
constexpr uint64_t kOffset = 0x5DEECE66D2B7E151ull;  // so id 0 is not "ES-2222-2222"

uint64_t maskFor(unsigned bits) {
  return bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
}

// The inverse of an odd number modulo 2^64, by Newton's iteration.
constexpr uint64_t inverseOf(uint64_t odd) {
  uint64_t x = odd;  // correct to 3 bits; each step doubles that
  for (int i = 0; i < 5; ++i) x *= 2 - odd * x;
  return x;
}

uint64_t undoXorShift(uint64_t y, unsigned shift, unsigned bits) {
  uint64_t x = y;
  for (unsigned done = shift; done < bits; done += shift) x = y ^ (x >> shift);
  return x;
}

// A bijection on [0, 2^bits): xor, multiply, xor-shift, multiply, xor-shift.
uint64_t scramble(uint64_t x, unsigned bits) {
  const uint64_t mask = maskFor(bits);
  const unsigned shift = bits / 2 + 1;
  x ^= kOffset & mask;
  x = (x * kMultiplier1) & mask;
  x ^= x >> shift;
  x = (x * kMultiplier2) & mask;
  x ^= x >> shift;
  return x;
}

uint64_t unscramble(uint64_t x, unsigned bits) {
  const uint64_t mask = maskFor(bits);
  const unsigned shift = bits / 2 + 1;
  x = undoXorShift(x, shift, bits);
  x = (x * inverseOf(kMultiplier2)) & mask;
  x = undoXorShift(x, shift, bits);
  x = (x * inverseOf(kMultiplier1)) & mask;
  return x ^ (kOffset & mask);
}

std::optional<unsigned> valueOf(char c) {
  size_t at = kReferenceAlphabet.find(c);
  if (at == std::string_view::npos) return std::nullopt;
  return static_cast<unsigned>(at);
}

// Luhn mod N over the values, as if a check character were to follow.
unsigned checkValueFor(const std::string& values) {
  unsigned sum = 0;
  bool twice = true;  // the rightmost data character is doubled
  for (auto it = values.rbegin(); it != values.rend(); ++it) {
    unsigned v = static_cast<unsigned>(*it);
    if (twice) {
      v *= 2;
      v = v / kBase + v % kBase;
    }
    sum += v;
    twice = !twice;
  }
  return (kBase - sum % kBase) % kBase;
}

}  // namespace

std::string formatReference(uint64_t event_id) {
  const Tier* tier = &kTiers[0];
  for (const Tier& t : kTiers) {
    if (event_id >= t.min_id) tier = &t;
  }
  uint64_t n = scramble(event_id, tier->bits);
  std::string values(tier->data_chars, '\0');  // most significant first
  for (size_t i = tier->data_chars; i-- > 0;) {
    values[i] = static_cast<char>(n % kBase);
    n /= kBase;
  }
  values += static_cast<char>(checkValueFor(values));

  std::string out = "ES";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i % 4 == 0) out += '-';
    out += kReferenceAlphabet[static_cast<unsigned char>(values[i])];
  }
  return out;
}

Result<uint64_t> parseReference(std::string_view text) {
  std::string compact;
  for (char c : asciiLower(trim(text))) {
    if (c == '-' || c == ' ') continue;
    compact += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  if (compact.size() > 2 && compact.compare(0, 2, "ES") == 0) compact.erase(0, 2);

  std::string values;
  for (char c : compact) {
    auto v = valueOf(c);
    if (!v) {
      if (c == '0' || c == 'O' || c == '1' || c == 'I') {
        return invalidArgument("reference codes never contain 0, O, 1 or I; check the code");
      }
      return invalidArgument("a reference code has only letters and the digits 2-9");
    }
    values += static_cast<char>(*v);
  }

  const Tier* tier = nullptr;
  for (const Tier& t : kTiers) {
    if (values.size() == t.data_chars + 1) tier = &t;
  }
  if (tier == nullptr) {
    return invalidArgument("a reference code looks like ES-7K3Q-9D2M (8, 12 or 16 characters)");
  }
  std::string data = values.substr(0, tier->data_chars);
  if (checkValueFor(data) != static_cast<unsigned>(values.back())) {
    return invalidArgument("that reference code has a mistake in it; check each character");
  }

  uint64_t n = 0;
  for (char v : data) {
    uint64_t next = n * kBase + static_cast<unsigned char>(v);
    if (tier->bits == 64 && n > (~uint64_t{0} - static_cast<unsigned char>(v)) / kBase) {
      return invalidArgument("that reference code is too large to be one of ours");
    }
    n = next;
  }
  if (n > maskFor(tier->bits)) {
    return invalidArgument("that reference code is too large to be one of ours");
  }
  uint64_t id = unscramble(n, tier->bits);
  if (id < tier->min_id) {
    return invalidArgument("that reference code is not one of ours");
  }
  return id;
}

}  // namespace esafety::pages
