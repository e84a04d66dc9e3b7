#include "inspect/text_normalizer.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace esafety::inspect {
namespace {

// ASCII bytes: letters lower-cased, digits kept, all else a space; 0 marks
// bytes >= 0x80, which take the slow path.
constexpr std::array<unsigned char, 256> makeAsciiMap() {
  std::array<unsigned char, 256> map{};
  for (int c = 0; c < 128; ++c) {
    if (c >= 'a' && c <= 'z') {
      map[c] = static_cast<unsigned char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      map[c] = static_cast<unsigned char>(c - 'A' + 'a');
    } else if (c >= '0' && c <= '9') {
      map[c] = static_cast<unsigned char>(c);
    } else {
      map[c] = ' ';
    }
  }
  return map;
}
constexpr std::array<unsigned char, 256> kAsciiMap = makeAsciiMap();

// Windows-1252's 0x80-0x9F; 0 where the byte is unassigned.
constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (kAsciiMap[static_cast<unsigned char>(a[i])] != kAsciiMap[static_cast<unsigned char>(b[i])] &&
        a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

Charset charsetFromName(std::string_view name) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '"')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '"')) name.remove_suffix(1);
  if (name.empty()) return Charset::kUtf8;
  for (std::string_view utf8 : {"utf-8", "utf8", "unicode-1-1-utf-8"}) {
    if (equalsIgnoringCase(name, utf8)) return Charset::kUtf8;
  }
  for (std::string_view latin1 :
       {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "windows-1252",
        "cp1252", "x-cp1252", "us-ascii", "ascii", "iso-8859-15", "iso8859-15", "latin9"}) {
    if (equalsIgnoringCase(name, latin1)) return Charset::kLatin1;
  }
  return Charset::kPassthrough;
}

char32_t foldCodePoint(char32_t cp) {
  if (cp < 0x80) return kAsciiMap[cp] == ' ' ? kSeparator : kAsciiMap[cp];
  if (cp < 0xC0) {
    if (cp == 0xAD) return kDrop;  // soft hyphen
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA) return cp;  // letters: ª µ º
    return kSeparator;  // no-break space, symbols and punctuation of Latin-1
  }
  if (cp <= 0xDE) return cp == 0xD7 ? kSeparator : cp + 0x20;  // À-Þ, not ×
  if (cp < 0x100) return cp == 0xF7 ? kSeparator : cp;          // ÷
  if (cp < 0x180) {  // Latin Extended-A: upper/lower pairs
    if (cp == 0x130) return 'i';
    if (cp == 0x178) return 0xFF;
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (odd_upper) return (cp & 1) ? cp + 1 : cp;
    if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return cp;
    return (cp & 1) ? cp : cp + 1;
  }
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 0x20;  // Greek capitals
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;                  // Ѐ-Џ
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                  // А-Я
  if (cp >= 0x2000 && cp <= 0x206F) {                                // general punctuation
    if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060) return kDrop;
    return kSeparator;
  }
  if (cp == 0xFEFF) return kDrop;
  if (cp == 0x3000 || cp == 0xFFFD) return kSeparator;
  return cp;
}

TextNormalizer::TextNormalizer(Charset charset) : charset_(charset) { grow(64 * 1024); }

void TextNormalizer::grow(size_t needed) {
  size_t capacity = std::max(needed, capacity_ * 2);
  auto data = std::make_unique<char[]>(capacity);
  if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

void TextNormalizer::appendText(std::string_view bytes) {
  auto p = reinterpret_cast<const unsigned char*>(bytes.data());
  auto end = p + bytes.size();
  if (pending_size_ > 0) {
    // The last call ended inside a UTF-8 sequence: read it on with up to 3
    // bytes of this input.
    unsigned char joined[8];
    size_t old = pending_size_;
    size_t take = std::min<size_t>(3, static_cast<size_t>(end - p));
    std::memcpy(joined, pending_, old);
    std::memcpy(joined + old, p, take);
    pending_size_ = 0;
    size_t left = appendSlice(joined, joined + old + take);
    if (left > take) {  // still incomplete, and this input is used up
      std::memcpy(pending_, joined + old + take - left, left);
      pending_size_ = static_cast<uint8_t>(left);
      return;
    }
    p += take - left;  // bytes of an incomplete sequence are read again below
  }
  size_t left = appendSlice(p, end);
  if (left > 0) {
    std::memcpy(pending_, end - left, left);
    pending_size_ = static_cast<uint8_t>(left);
  }
}

size_t TextNormalizer::appendSlice(const unsigned char* p, const unsigned char* end) {
  // Each byte can become at most 3 output bytes (a Windows-1252 byte as UTF-8).
  reserve(static_cast<size_t>(end - p) * 3 + 4);
  auto base = reinterpret_cast<unsigned char*>(data_.get());
  auto out = base + size_;
  bool last_space = last_space_;
  while (p < end) {
    unsigned char mapped = kAsciiMap[*p];
    if (mapped != 0) [[likely]] {
      bool space = mapped == ' ';
      *out = mapped;
      out += !(space && last_space);
      last_space = space;
      ++p;
      continue;
    }
    size_ = static_cast<size_t>(out - base);
    last_space_ = last_space;
    size_t used = appendHighByte(p, end);
    if (used == 0) return static_cast<size_t>(end - p);  // ends inside a UTF-8 sequence
    p += used;
    base = reinterpret_cast<unsigned char*>(data_.get());  // in case it grew
    out = base + size_;
    last_space = last_space_;
  }
  size_ = static_cast<size_t>(out - base);
  last_space_ = last_space;
  return 0;
}

size_t TextNormalizer::appendHighByte(const unsigned char* p, const unsigned char* end) {
  unsigned char c = *p;
  if (charset_ == Charset::kPassthrough) {
    data_[size_++] = static_cast<char>(c);
    last_space_ = false;
    return 1;
  }
  if (charset_ == Charset::kLatin1) {
    appendWindows1252(c);
    return 1;
  }
  // UTF-8: the sequence length from the lead byte, then the continuation bytes.
  size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c >= 0xF0 ? c & 0x07 : c >= 0xE0 ? c & 0x0F : c & 0x1F;
  bool valid = c >= 0xC2 && c <= 0xF4;
  for (size_t i = 1; valid && i < length; ++i) {
    if (p + i == end) return 0;  // maybe completed by the next call
    unsigned char next = p[i];
    if ((next & 0xC0) != 0x80) {
      valid = false;
      break;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  if (valid) {
    // No overlongs, surrogates or code points past U+10FFFF.
    valid = !(length == 3 && cp < 0x800) && !(length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) &&
            !(cp >= 0xD800 && cp <= 0xDFFF);
  }
  if (!valid) {
    appendWindows1252(c);
    return 1;
  }
  appendFolded(cp);
  return length;
}

void TextNormalizer::appendWindows1252(unsigned char byte) {
  char32_t cp = byte;
  if (byte >= 0x80 && byte < 0xA0) cp = kWindows1252High[byte - 0x80];
  if (cp == 0) cp = kSeparator;  // unassigned in Windows-1252
  appendFolded(cp);
}

void TextNormalizer::appendCodePoint(char32_t cp) {
  if (cp < 0x80) {
    unsigned char mapped = kAsciiMap[cp];
    reserve(1);
    bool space = mapped == ' ';
    data_[size_] = static_cast<char>(mapped);
    size_ += !(space && last_space_);
    last_space_ = space;
    return;
  }
  appendFolded(cp);
}

void TextNormalizer::appendFolded(char32_t cp) {
  cp = foldCodePoint(cp);
  if (cp == kDrop) return;
  if (cp == kSeparator) {
    appendSeparator();
    return;
  }
  reserve(4);
  char* out = data_.get() + size_;
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    size_ += 1;
  } else if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    size_ += 2;
  } else if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    size_ += 3;
  } else {
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    size_ += 4;
  }
  last_space_ = false;
}

void TextNormalizer::flushPartial() {
  // An incomplete sequence at the end: each byte is read as Windows-1252.
  for (uint8_t i = 0; i < pending_size_; ++i) appendWindows1252(pending_[i]);
  pending_size_ = 0;
}

void TextNormalizer::finish() {
  flushPartial();
  appendSeparator();
}

std::string normalizeText(std::string_view text, Charset charset) {
  TextNormalizer normalizer(charset);
  normalizer.appendText(text);
  normalizer.flushPartial();
  return std::string(normalizer.output());
}

}  // namespace esafety::inspect
