// TextNormalizer: turns page text and phrase-list phrases into the one form
// the phrase scanner matches, so a phrase and the text that should match it
// always agree:
//   - letters are folded to lower case (ASCII, Latin-1, Latin Extended-A,
//     Greek, Cyrillic);
//   - every ASCII byte that is not a letter or digit is a separator, and so
//     are no-break and other Unicode spaces and general punctuation; a run of
//     separators becomes one space ("Hot  -- XXX!" -> "hot xxx ");
//   - zero-width characters and the soft hyphen are dropped ("p\u200Born"
//     reads "porn", as a browser shows it);
//   - the output is UTF-8. The input charset decides how other bytes are read:
//       kUtf8         UTF-8; a byte that is not part of valid UTF-8 is read as
//                     Windows-1252 (old pages that never said their charset);
//       kLatin1       ISO-8859-1 / Windows-1252, the charset browsers use for it;
//       kPassthrough  an 8-bit charset we do not decode (KOI8-R, Big5...):
//                     bytes >= 0x80 are copied unchanged, so phrase lists
//                     saved in that charset still match byte for byte.
// A whole-word phrase "< sex >" is therefore the literal " sex ": the output
// starts with a space (begin()), and finish() ends it with one.
//
//   TextNormalizer text(Charset::kUtf8);
//   text.begin();
//   text.appendText("Caf\xC3\x89 ");          // chunks may split a UTF-8 sequence
//   text.appendCodePoint(0x2019);            // from "&rsquo;"
//   text.finish();
//   scan(text.output()); text.clearOutput();
//
// Not thread-safe; one per page.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace esafety::inspect {

enum class Charset : uint8_t { kUtf8, kLatin1, kPassthrough };

// The charset named by a Content-Type "charset" parameter value: "utf-8"
// (and "utf8") is kUtf8; "iso-8859-1", "latin1", "windows-1252",
// "us-ascii" and their aliases are kLatin1; empty is kUtf8; anything else
// is kPassthrough.
Charset charsetFromName(std::string_view name);

class TextNormalizer {
 public:
  explicit TextNormalizer(Charset charset = Charset::kUtf8);

  void setCharset(Charset charset) { charset_ = charset; }
  // Starts the text with a separator, so a first word is a whole word.
  void begin() { appendSeparator(); }
  // Bytes of text in the charset. A UTF-8 sequence split across calls is kept
  // until the next call.
  void appendText(std::string_view bytes);
  // One character decoded elsewhere (an HTML entity).
  void appendCodePoint(char32_t cp);
  // A word break that is not in the text (a block-level tag).
  void appendSeparator() {
    reserve(1);
    if (!last_space_) data_[size_++] = ' ';
    last_space_ = true;
  }
  // Reads a pending partial UTF-8 sequence as Windows-1252 bytes.
  void flushPartial();
  // flushPartial(), then ends the text with a separator.
  void finish();

  std::string_view output() const { return {data_.get(), size_}; }
  size_t outputSize() const { return size_; }
  void clearOutput() { size_ = 0; }

 private:
  void reserve(size_t extra) {
    if (size_ + extra > capacity_) grow(size_ + extra);
  }
  void grow(size_t needed);
  // The main loop; returns how many bytes at the end form an incomplete
  // UTF-8 sequence (not consumed).
  size_t appendSlice(const unsigned char* p, const unsigned char* end);
  // Handles one non-ASCII byte at p; returns the bytes consumed (>= 1), or 0
  // when the input ends inside a UTF-8 sequence. Writes at most 4 bytes,
  // which the caller has reserved.
  size_t appendHighByte(const unsigned char* p, const unsigned char* end);
  void appendFolded(char32_t cp);
  void appendWindows1252(unsigned char byte);

  Charset charset_;
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
  bool last_space_ = false;
  unsigned char pending_[4] = {};  // an incomplete UTF-8 sequence
  uint8_t pending_size_ = 0;
};

// Folds one character: lower case, kSeparator for separators, kDrop for
// characters that are not shown. Exposed for tests.
inline constexpr char32_t kSeparator = 0x20;
inline constexpr char32_t kDrop = 0xFFFFFFFF;
char32_t foldCodePoint(char32_t cp);

// Normalises a whole string at once (phrases in lists): begin() is not
// called, so leading and trailing spaces in `text` are kept as one space each.
std::string normalizeText(std::string_view text, Charset charset);

}  // namespace esafety::inspect
