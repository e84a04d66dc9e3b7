#include "classify/importers/line_source.h"

#include <fmt/format.h>

namespace esafety::classify::importers {
namespace {

// How much of a file decides whether it is binary.
constexpr size_t kBinarySample = 64 * 1024;

}  // namespace

LineSource::LineSource(ImportContext& ctx, const std::string& path, std::string_view text)
    : ctx_(ctx), path_(path), text_(text), reader_(text) {
  entry_.where.file = path;
  ++ctx_.stats().files;
  ctx_.openFile(text.size());
  if (trim(stripBom(text)).empty()) {
    ctx_.warning(path_, 0, "empty file");
    readable_ = false;
    return;
  }
  if (std::string_view why = binaryReason(text); !why.empty()) {
    ctx_.error(path_, 0, std::string(why));
    readable_ = false;
    return;
  }
  all_utf8_ = isValidUtf8(text);
}

void LineSource::add(EntryKind kind, std::string_view value, bool exception) {
  entry_.kind = kind;
  entry_.value.assign(value);
  entry_.exception = exception;
  entry_.where.line = lineNumber();
  ctx_.add(entry_, current_);
}

LineSource::~LineSource() {
  ctx_.advance(path_, text_.size() - reported_offset_, true);
}

std::string_view LineSource::binaryReason(std::string_view text) {
  if (text.starts_with("\x1F\x8B")) return "gzip-compressed file: unpack it first";
  if (text.starts_with("\xFD"
                       "7zXZ"))
    return "xz-compressed file: unpack it first";
  if (text.starts_with("PK\x03\x04")) return "zip archive: unpack it first";
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    return "UTF-16 text: save the list as UTF-8";
  }
  // Mostly binary: most lines of the first 64 KiB hold control bytes. Counting
  // lines, not bytes, keeps one corrupt line in a short list an error for that
  // line only.
  LineReader sample(text.substr(0, kBinarySample));
  std::string_view line;
  size_t lines = 0, binary = 0;
  while (sample.next(line)) {
    ++lines;
    binary += looksBinary(line) ? 1 : 0;
  }
  if (binary * 2 > lines) return "binary file (NUL or control bytes), not a list";
  return {};
}

bool LineSource::next(std::string_view& line) {
  if (!readable_) return false;
  std::string_view raw;
  while (reader_.next(raw)) {
    ++ctx_.stats().lines;
    current_ = raw;
    if (reader_.offset() - reported_offset_ >= kProgressStep) {
      ctx_.advance(path_, reader_.offset() - reported_offset_, false);
      reported_offset_ = reader_.offset();
    }
    if (raw.size() > kMaxListLineLength) {
      error(fmt::format("line longer than {} bytes, not read", kMaxListLineLength));
      continue;
    }
    if (looksBinary(raw)) {
      error("line holds NUL or control bytes, not read");
      continue;
    }
    raw = trim(raw);
    if (raw.empty()) continue;
    if (!all_utf8_ && !isValidUtf8(raw)) {
      if (!warned_latin1_) {
        warning("text is not UTF-8: this line and others like it are read as Latin-1");
        warned_latin1_ = true;
      }
      converted_ = toUtf8(raw);
      raw = converted_;
    }
    line = raw;
    return true;
  }
  return false;
}

}  // namespace esafety::classify::importers
