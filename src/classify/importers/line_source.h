// LineSource: the line handling every list format shares, so that each parser
// sees only lines worth parsing. It
//   - skips a UTF-8 byte order mark and handles LF, CRLF and a missing final newline;
//   - reports an empty file as a warning, and a binary or compressed file as one
//     error for the whole file (nothing is read from it);
//   - reads lines that are not UTF-8 as Latin-1, with one warning per file
//     naming the first such line;
//   - reports over-long lines (kMaxListLineLength) and lines holding NUL or
//     other control bytes as errors at file:line, and skips them;
//   - skips blank lines and trims the rest;
//   - counts files and lines in the ImportStats and reports progress;
//   - shows a line in a problem only as its excerpt (list_entry.h).
//
//   LineSource lines(ctx, path, text);
//   std::string_view line;
//   while (lines.next(line)) {
//     if (line.starts_with('#')) continue;
//     if (bad(line)) lines.error("why");   // reported at path:lines.lineNumber()
//   }
//
// `text` must outlive the LineSource. A returned line is valid until the next
// call to next(). Private to the importers; not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "classify/importers/import_context.h"
#include "core/text.h"

namespace esafety::classify::importers {

class LineSource {
 public:
  LineSource(ImportContext& ctx, const std::string& path, std::string_view text);
  ~LineSource();  // reports the file's final progress
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // Fills `line` with the next non-blank, trimmed, checked line; false at the end.
  bool next(std::string_view& line);
  uint32_t lineNumber() const { return static_cast<uint32_t>(reader_.lineNumber()); }
  const std::string& path() const { return path_; }
  ImportContext& context() { return ctx_; }

  // The category of the entries add() makes from here on.
  void setCategory(std::string_view category) { entry_.category.assign(category); }
  const std::string& category() const { return entry_.category; }
  // Hands an entry at the current line to the sink; a rejection is reported.
  void add(EntryKind kind, std::string_view value, bool exception = false);

  // Problems about the current line, shown with its excerpt (never whole).
  void warning(std::string reason) {
    ctx_.warning(path_, lineNumber(), std::move(reason), current_);
  }
  void error(std::string reason) { ctx_.error(path_, lineNumber(), std::move(reason), current_); }

 private:
  // Why the whole file cannot be read as a list, or "" when it can.
  static std::string_view binaryReason(std::string_view text);

  ImportContext& ctx_;
  const std::string& path_;
  std::string_view text_;
  LineReader reader_;
  bool readable_ = true;
  bool all_utf8_ = true;
  bool warned_latin1_ = false;
  std::string_view current_;  // the current line as read, for problems' excerpts
  std::string converted_;     // the current line re-encoded from Latin-1
  ListEntry entry_;        // reused for every line, to spare allocations
  uint64_t reported_offset_ = 0;
};

}  // namespace esafety::classify::importers
