// How well the monitoring lists do on a labelled corpus (monitoring_corpus.h):
// recall per category and per level, false positives on the harmless rows,
// and over-blocking (harmless rows a group blocking searches at
// `block_level` would have blocked), with every miss and every false
// positive and the list file:line behind it. `esafety monitoring evaluate`
// prints it; CI fails when a threshold is not met.
//
//   MonitoringEvaluation e = evaluateMonitoring(corpus, matcher, {.split = CorpusSplit::kHoldout});
//   for (const std::string& why : thresholdFailures(e, MonitoringThresholds{})) fail(why);
//
// A risky row (level >= 1) is found when a hit of its own category matches
// it (after context lines): a disclosure tagged only as "bullying" would not
// reach the DSL as a disclosure. A harmless row (level 0) is a false positive
// when anything matches it, and over-blocked when the hits would block it
// (highest level >= block_level and no disclosure among them, as the proxy's
// search-term step decides).
//
// Thread safety: pure functions.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "inspect/search/monitoring_corpus.h"
#include "inspect/search/term_matcher.h"

namespace esafety::search {

enum class CorpusSplit { kTune, kHoldout, kAll };

struct EvaluationOptions {
  CorpusSplit split = CorpusSplit::kHoldout;
  int block_level = 4;  // the group's block_search_level; 0 never blocks
};

struct Tally {
  int rows = 0;
  int hits = 0;  // found (risky rows) or matched (harmless rows)
  double percent() const { return rows == 0 ? 0.0 : 100.0 * hits / rows; }
};

struct RowOutcome {
  const CorpusRow* row = nullptr;
  std::vector<std::string> why;  // describeHit() of each hit; empty when nothing matched
};

struct MonitoringEvaluation {
  std::map<std::string, Tally> recall_by_category;  // risky rows
  std::array<Tally, kMaxRiskLevel + 1> recall_by_level{};  // [1..5]
  Tally recall_high;  // level >= kHighRiskLevel
  Tally recall_all;
  std::map<std::string, Tally> harmless_by_kind;  // hits = false positives
  Tally false_positives;
  Tally overblocked;
  std::vector<RowOutcome> misses, false_positive_rows;
};

inline constexpr int kHighRiskLevel = 4;

MonitoringEvaluation evaluateMonitoring(const MonitoringCorpus& corpus, const TermMatcher& matcher,
                                        const EvaluationOptions& options);

// Percentages, as on the command line.
struct MonitoringThresholds {
  double min_recall_high = 95;
  double min_recall = 85;
  double max_false_positives = 5;
  double max_overblock = 1;
};

// One message per threshold not met, naming it:
// "recall for level >= 4 is 91.3% (42 of 46); --min-recall-high is 95%".
// A split with no risky or no harmless rows fails too (nothing was measured).
std::vector<std::string> thresholdFailures(const MonitoringEvaluation& evaluation,
                                           const MonitoringThresholds& thresholds);

}  // namespace esafety::search
