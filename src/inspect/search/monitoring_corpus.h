// The labelled search corpus (data/monitoring/corpus/searches.tsv) that the
// monitoring lists are measured against: each row is a search, the level a
// DSL would want (0 harmless, 1-5), its category, and its split.
//
// Format: tab-separated, UTF-8, first line the header
//   text<TAB>level<TAB>category<TAB>split[<TAB>note]
// split is "tune" (list authors may look at it) or "holdout" (never used to
// tune; CI checks the thresholds on it). For level 0 the category names the
// kind of harmless search ("place-name", "title", ...).
//
//   MonitoringCorpus corpus = parseMonitoringCorpus("searches.tsv", text);
//   for (const auto& p : corpus.problems) print(p.toString());  // file:line: reason
//
// A bad row is a problem and is skipped; the others still load.
// Thread safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "inspect/search/monitoring_list.h"

namespace esafety::search {

inline constexpr size_t kMaxCorpusBytes = 16 << 20;

struct CorpusRow {
  std::string text;
  int level = 0;  // 0 harmless, 1..5
  std::string category;
  bool holdout = false;
  std::string note;
  std::string file;
  int line = 0;
};

struct MonitoringCorpus {
  std::vector<CorpusRow> rows;
  std::vector<MonitoringProblem> problems;
};

MonitoringCorpus parseMonitoringCorpus(std::string_view file, std::string_view text);

}  // namespace esafety::search
