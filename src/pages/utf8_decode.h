// Decoding one UTF-8 code point at a time, for the page renderers' text
// handling (htmlEscape, shortenForDisplay). Internal to esafety_pages.
//
//   std::string_view rest = text;
//   while (!rest.empty()) {
//     DecodedCodePoint d = decodeUtf8(rest);   // d.length >= 1 always
//     if (!d.valid) { /* one bad byte: show U+FFFD */ }
//     rest.remove_prefix(d.length);
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace esafety::pages {

struct DecodedCodePoint {
  uint32_t code_point = 0;
  size_t length = 1;   // bytes consumed; 1 for an invalid byte, so callers always move on
  bool valid = false;  // false: overlong, surrogate, out of range, truncated or stray byte
};

// Decodes the code point at the front of `s` (which must not be empty).
DecodedCodePoint decodeUtf8(std::string_view s);

// Appends `code_point` (a valid scalar value) to `out` as UTF-8.
void appendUtf8(std::string& out, uint32_t code_point);

inline constexpr uint32_t kReplacementCharacter = 0xFFFD;

}  // namespace esafety::pages
