#include "inspect/search/monitoring_corpus.h"

#include <fmt/format.h>

#include "core/text.h"

namespace esafety::search {
namespace {

std::vector<std::string_view> splitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return out;
    start = tab + 1;
  }
}

// The row, or a reason it is bad.
std::string parseRow(std::string_view line, CorpusRow& row) {
  std::vector<std::string_view> cols = splitTabs(line);
  if (cols.size() < 4 || cols.size() > 5) {
    return fmt::format("expected 4 or 5 tab-separated columns, got {}", cols.size());
  }
  row.text = std::string(trim(cols[0]));
  if (row.text.empty()) return "the search text is empty";
  std::string_view level = trim(cols[1]);
  if (level.size() != 1 || level[0] < '0' || level[0] > '0' + kMaxRiskLevel) {
    return fmt::format("level must be 0 (harmless) to {}, not '{}'", kMaxRiskLevel, level);
  }
  row.level = level[0] - '0';
  row.category = std::string(trim(cols[2]));
  if (row.category.empty()) return "the category is empty";
  std::string_view split = trim(cols[3]);
  if (split != "tune" && split != "holdout") {
    return fmt::format("split must be 'tune' or 'holdout', not '{}'", split);
  }
  row.holdout = split == "holdout";
  if (cols.size() == 5) row.note = std::string(trim(cols[4]));
  return {};
}

}  // namespace

MonitoringCorpus parseMonitoringCorpus(std::string_view file, std::string_view text) {
  MonitoringCorpus out;
  if (text.size() > kMaxCorpusBytes) {
    out.problems.push_back(
        {std::string(file), 0, fmt::format("the corpus is {} bytes; the limit is {}", text.size(),
                                           kMaxCorpusBytes)});
    return out;
  }
  LineReader lines(text);
  std::string_view line;
  bool header = true;
  while (lines.next(line)) {
    const int number = lines.lineNumber();
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (header) {
      header = false;
      if (!line.starts_with("text\tlevel\tcategory\tsplit")) {
        out.problems.push_back({std::string(file), number,
                                "the first line must be the header "
                                "'text<TAB>level<TAB>category<TAB>split[<TAB>note]'"});
        return out;
      }
      continue;
    }
    if (trim(line).empty()) continue;
    CorpusRow row;
    std::string reason = parseRow(line, row);
    if (!reason.empty()) {
      out.problems.push_back({std::string(file), number, std::move(reason)});
      continue;
    }
    row.file = std::string(file);
    row.line = number;
    out.rows.push_back(std::move(row));
  }
  if (header) out.problems.push_back({std::string(file), 0, "the corpus is empty"});
  return out;
}

}  // namespace esafety::search
