#include "pages/html_escape.h"

#include <cstdint>

#include "pages/utf8_decode.h"

namespace esafety::pages {
namespace {

bool isUnsafeCodePoint(uint32_t cp) {
  if (cp < 0x20) return cp != '\t' && cp != '\n' && cp != '\r';
  if (cp >= 0x7F && cp <= 0x9F) return true;      // DEL and C1 controls
  if (cp >= 0x202A && cp <= 0x202E) return true;  // bidi embeddings, overrides
  if (cp >= 0x2066 && cp <= 0x2069) return true;  // bidi isolates
  if (cp >= 0xFDD0 && cp <= 0xFDEF) return true;  // noncharacters
  if ((cp & 0xFFFE) == 0xFFFE) return true;       // U+xFFFE, U+xFFFF
  return false;
}

}  // namespace

std::string htmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  while (!text.empty()) {
    DecodedCodePoint d = decodeUtf8(text);
    if (!d.valid || isUnsafeCodePoint(d.code_point)) {
      appendUtf8(out, kReplacementCharacter);
    } else {
      switch (d.code_point) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        default:
          out.append(text.substr(0, d.length));
      }
    }
    text.remove_prefix(d.length);
  }
  return out;
}

}  // namespace esafety::pages
