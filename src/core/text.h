// Text helpers for untrusted input: list files arrive with CRLF endings, byte
// order marks, Latin-1 bytes and binary junk, and each must be handled without
// losing the rest of the file.
#pragma once

#include <string>
#include <string_view>

namespace esafety {

// Strips ASCII space, tab, CR and LF from both ends.
std::string_view trim(std::string_view s);
// Lower-cases ASCII letters only.
std::string asciiLower(std::string_view s);
// The value of a hexadecimal digit (either case), or -1 for any other character.
inline int hexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
inline bool isAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool isValidUtf8(std::string_view s);
// Decodes Latin-1 (ISO-8859-1) bytes to UTF-8.
std::string latin1ToUtf8(std::string_view s);
// Returns `s` as UTF-8: as is when valid, otherwise read as Latin-1, which is
// what old list files and MIS exports are. Sets *was_latin1 when it converted.
std::string toUtf8(std::string_view s, bool* was_latin1 = nullptr);
// Removes a leading UTF-8 byte order mark.
std::string_view stripBom(std::string_view s);
// True when the line holds a NUL or other C0 control bytes besides tab:
// the sign of a binary file or corrupt line.
bool looksBinary(std::string_view s);

// Iterates over the lines of a buffer; handles LF, CRLF and a missing final
// newline. Line numbers start at 1.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(stripBom(text)) {}
  // Fills `line` (without its end-of-line bytes) and returns false at the end.
  bool next(std::string_view& line);
  int lineNumber() const { return line_number_; }
  // Bytes consumed so far, for progress reporting.
  size_t offset() const { return pos_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int line_number_ = 0;
};

}  // namespace esafety
