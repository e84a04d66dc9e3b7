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
  return fmt::format("{}: {}: {}", where_text, severity == Severity::kError ? "error" : "warning",
                     reason);
}

size_t ProblemList::errors() const {
  size_t n = 0;
  for (const auto& p : problems_) n += p.severity == Severity::kError;
  return n;
}

}  // namespace esafety::classify
