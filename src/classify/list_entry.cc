#include "classify/list_entry.h"

#include <fmt/format.h>

namespace esafety::classify {

std::string_view entryKindName(EntryKind kind) {
  switch (kind) {
    case EntryKind::kDomain: return "domain";
    case EntryKind::kUrl: return "url";
    case EntryKind::kCidr: return "cidr";
    case EntryKind::kExpression: return "expression";
  }
  return "?";
}

std::string ImportProblem::toString() const {
  std::string where_text = where.line > 0 ? fmt::format("{}:{}", where.file, where.line) : where.file;
  std::string text = fmt::format("{}: {}: {}", where_text,
                                 severity == Severity::kError ? "error" : "warning", reason);
  if (!excerpt.empty()) text += fmt::format(" (line: \"{}\")", excerpt);
  return text;
}

std::string excerpt(std::string_view text) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (chars == kExcerptChars) {
      out += "\xE2\x80\xA6";  // "…" in UTF-8
      break;
    }
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c >= 0x7F) {
      out += fmt::format("\\x{:02X}", c);
    } else if (c == '\\' || c == '"') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(c);
    }
    ++chars;
  }
  return out;
}

std::string cutQuoted(std::string_view message) {
  std::string out;
  size_t pos = 0;
  while (pos < message.size()) {
    size_t open = message.find('\'', pos);
    size_t close = open == std::string_view::npos ? open : message.find('\'', open + 1);
    if (close == std::string_view::npos) {
      out += message.substr(pos);
      break;
    }
    out += message.substr(pos, open + 1 - pos);
    out += excerpt(message.substr(open + 1, close - open - 1));
    out += '\'';
    pos = close + 1;
  }
  return out;
}

size_t ProblemList::errors() const {
  size_t n = 0;
  for (const auto& p : problems_) n += p.severity == Severity::kError;
  return n;
}

}  // namespace esafety::classify
