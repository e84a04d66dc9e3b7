#include "inspect/search/match_text.h"

#include "core/text.h"

namespace esafety::search {
namespace {

bool isAsciiLetter(char c) {
  return c >= 'a' && c <= 'z';
}

bool isWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '$' || c == '@' || c >= 0x80;
}

char unLeet(char c) {
  switch (c) {
    case '0':
      return 'o';
    case '1':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '$':
      return 's';
    case '@':
      return 'a';
    default:
      return c;
  }
}

// Appends one word, mapping look-alikes and squeezing stretched letters.
void appendWord(std::string_view word, std::string& out) {
  bool has_letter = false;
  for (char c : word) has_letter |= isAsciiLetter(c);
  if (!out.empty()) out += ' ';
  size_t start = out.size();
  for (char c : word) {
    if (has_letter) c = unLeet(c);
    size_t n = out.size() - start;
    if (isAsciiLetter(c) && n >= 2 && out[out.size() - 1] == c && out[out.size() - 2] == c) {
      continue;
    }
    out += c;
  }
}

}  // namespace

std::string normalizeForMatching(std::string_view text) {
  const std::string utf8 = toUtf8(text);
  std::string lowered;
  lowered.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    char c = utf8[i];
    if (c == '\'') continue;
    if (utf8.compare(i, 3, "\xE2\x80\x99") == 0) {  // U+2019 right single quotation mark
      i += 2;
      continue;
    }
    lowered += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  std::string out;
  out.reserve(lowered.size());
  size_t i = 0;
  while (i < lowered.size()) {
    while (i < lowered.size() && !isWordByte(static_cast<unsigned char>(lowered[i]))) ++i;
    size_t start = i;
    while (i < lowered.size() && isWordByte(static_cast<unsigned char>(lowered[i]))) ++i;
    if (i > start) appendWord(std::string_view(lowered).substr(start, i - start), out);
  }
  return out;
}

}  // namespace esafety::search
