#include "inspect/search/monitoring_evaluation.h"

#include <fmt/format.h>

namespace esafety::search {
namespace {

bool inSplit(const CorpusRow& row, CorpusSplit split) {
  switch (split) {
    case CorpusSplit::kTune:
      return !row.holdout;
    case CorpusSplit::kHoldout:
      return row.holdout;
    case CorpusSplit::kAll:
      return true;
  }
  return true;
}

std::vector<std::string> explain(const std::vector<TermHit>& hits) {
  std::vector<std::string> out;
  out.reserve(hits.size());
  for (const TermHit& h : hits) out.push_back(h.entry->category + ": " + describeHit(h));
  return out;
}

void countRisky(const CorpusRow& row, const std::vector<TermHit>& hits, MonitoringEvaluation& e) {
  bool found = false;
  for (const TermHit& h : hits) found |= h.entry->category == row.category;
  for (Tally* t : {&e.recall_by_category[row.category], &e.recall_by_level[row.level],
                   &e.recall_all}) {
    t->rows++;
    t->hits += found;
  }
  if (row.level >= kHighRiskLevel) {
    e.recall_high.rows++;
    e.recall_high.hits += found;
  }
  if (!found) e.misses.push_back({&row, explain(hits)});
}

void countHarmless(const CorpusRow& row, const std::vector<TermHit>& hits, int block_level,
                   MonitoringEvaluation& e) {
  const bool matched = !hits.empty();
  const bool blocked = block_level > 0 && TermMatcher::maxLevel(hits) >= block_level &&
                       !TermMatcher::hasDisclosure(hits);
  Tally& kind = e.harmless_by_kind[row.category];
  kind.rows++;
  kind.hits += matched;
  e.false_positives.rows++;
  e.false_positives.hits += matched;
  e.overblocked.rows++;
  e.overblocked.hits += blocked;
  if (matched) e.false_positive_rows.push_back({&row, explain(hits)});
}

std::string below(std::string_view what, const Tally& t, std::string_view option, double limit) {
  return fmt::format("{} is {:.1f}% ({} of {}); {} is {}%", what, t.percent(), t.hits, t.rows,
                     option, limit);
}

}  // namespace

MonitoringEvaluation evaluateMonitoring(const MonitoringCorpus& corpus, const TermMatcher& matcher,
                                        const EvaluationOptions& options) {
  MonitoringEvaluation e;
  for (const CorpusRow& row : corpus.rows) {
    if (!inSplit(row, options.split)) continue;
    std::vector<TermHit> hits = matcher.match(row.text);
    if (row.level > 0) {
      countRisky(row, hits, e);
    } else {
      countHarmless(row, hits, options.block_level, e);
    }
  }
  return e;
}

std::vector<std::string> thresholdFailures(const MonitoringEvaluation& e,
                                           const MonitoringThresholds& t) {
  std::vector<std::string> out;
  if (e.recall_all.rows == 0) out.push_back("no risky rows (level 1-5) in the split");
  if (e.false_positives.rows == 0) out.push_back("no harmless rows (level 0) in the split");
  if (e.recall_high.rows > 0 && e.recall_high.percent() < t.min_recall_high) {
    out.push_back(below(fmt::format("recall for level >= {}", kHighRiskLevel), e.recall_high,
                        "--min-recall-high", t.min_recall_high));
  }
  if (e.recall_all.rows > 0 && e.recall_all.percent() < t.min_recall) {
    out.push_back(below("recall for all levels", e.recall_all, "--min-recall", t.min_recall));
  }
  if (e.false_positives.rows > 0 && e.false_positives.percent() > t.max_false_positives) {
    out.push_back(below("the false-positive rate on harmless rows", e.false_positives, "--max-fp",
                        t.max_false_positives));
  }
  if (e.overblocked.rows > 0 && e.overblocked.percent() > t.max_overblock) {
    out.push_back(below("the over-block rate on harmless rows", e.overblocked, "--max-overblock",
                        t.max_overblock));
  }
  return out;
}

}  // namespace esafety::search
