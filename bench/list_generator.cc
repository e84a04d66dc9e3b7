#include "list_generator.h"

namespace esafety::bench {

std::string ListGenerator::word(int min_len, int max_len) {
  static const char kConsonants[] = "bcdfghjklmnprstvwz";
  static const char kVowels[] = "aeiou";
  int len = min_len + static_cast<int>(below(static_cast<uint64_t>(max_len - min_len + 1)));
  std::string w;
  w.reserve(static_cast<size_t>(len));
  for (int i = 0; i < len; ++i) {
    w += (i % 2 == 0) ? kConsonants[below(sizeof kConsonants - 1)] : kVowels[below(sizeof kVowels - 1)];
  }
  return w;
}

std::string ListGenerator::tld() {
  static const char* kTlds[] = {"com", "com", "com", "net", "org", "co.uk", "de", "fr", "ru",
                                "info", "xyz", "io", "nl", "it", "es", "com.br", "pl", "biz"};
  return kTlds[below(sizeof kTlds / sizeof kTlds[0])];
}

std::string ListGenerator::domain() {
  std::string d = word(5, 12);
  if (below(4) == 0) d += std::to_string(below(1000));
  d += '.';
  d += tld();
  uint64_t depth = below(10);
  if (depth >= 7) d = word(2, 6) + "." + d;
  if (depth >= 9) d = word(2, 5) + "." + d;
  return d;
}

std::string ListGenerator::urlEntry() {
  std::string u = domain();
  uint64_t segments = 1 + below(3);
  for (uint64_t i = 0; i < segments; ++i) {
    u += '/';
    u += word(3, 9);
  }
  return u;
}

}  // namespace esafety::bench
