// esafety monitoring evaluate CORPUS [--split holdout|tune|all]
//     [--lists DIR | --school-lists DIR] [--block-level N] [--min-recall-high 95] [--min-recall 85] [--max-fp 5]
//     [--max-overblock 1]
//
// Measures the monitoring lists (the built-in ones; the *.list files in
// --lists DIR instead; or the built-in ones and a school's own folder,
// --school-lists DIR, as `esafety serve` reads them) on a labelled corpus (inspect/search/monitoring_corpus.h):
// recall per category and per level, false positives and over-blocking on
// the harmless rows, and every miss and every false positive with the list
// file:line that matched. Over-blocking uses --block-level, by default the
// demo school's KS2 level. Exit 0 when every threshold is met, 1 when one is
// not (each named on stderr), 2 when the corpus or the lists cannot be read.
#include <fmt/format.h>

#include <cstdio>

#include "app/cli_common.h"
#include "core/file_system.h"
#include "inspect/search/monitoring_evaluation.h"
#include "store/demo_school.h"

namespace esafety::app {
namespace {

struct MonitoringOptions {
  std::string corpus, lists, school_lists, split = "holdout";
  int block_level = -1;  // -1: the demo school's KS2 level
  search::MonitoringThresholds thresholds;
};

int demoKs2BlockLevel() {
  for (const policy::Group& g : store::demoGroups()) {
    if (g.name == "KS2") return g.block_search_level;
  }
  return 0;
}

void printTally(std::string_view label, const search::Tally& t) {
  std::printf("  %-26s %4d of %-4d %6.1f%%\n", std::string(label).c_str(), t.hits, t.rows,
              t.percent());
}

void printOutcomes(std::string_view title, const std::vector<search::RowOutcome>& rows) {
  std::printf("\n%s (%zu)\n", std::string(title).c_str(), rows.size());
  for (const search::RowOutcome& o : rows) {
    const search::CorpusRow& r = *o.row;
    std::printf("  %s:%d [%s %d] \"%s\"\n", r.file.c_str(), r.line, r.category.c_str(), r.level,
                r.text.c_str());
    if (o.why.empty()) std::printf("      nothing matched\n");
    for (const std::string& why : o.why) std::printf("      matched %s\n", why.c_str());
  }
}

void printEvaluation(const search::MonitoringEvaluation& e, int block_level) {
  std::printf("\nRECALL BY CATEGORY (risky rows found in their own category)\n");
  for (const auto& [category, t] : e.recall_by_category) printTally(category, t);
  std::printf("\nRECALL BY LEVEL\n");
  for (int level = search::kMaxRiskLevel; level >= search::kMinRiskLevel; --level) {
    printTally(fmt::format("level {}", level), e.recall_by_level[level]);
  }
  printTally(fmt::format("level >= {}", search::kHighRiskLevel), e.recall_high);
  printTally("all levels", e.recall_all);
  std::printf("\nHARMLESS ROWS THAT MATCHED\n");
  for (const auto& [kind, t] : e.harmless_by_kind) printTally(kind, t);
  printTally("false positives", e.false_positives);
  printTally(fmt::format("over-blocked at level {}", block_level), e.overblocked);
  printOutcomes("MISSES", e.misses);
  printOutcomes("FALSE POSITIVES", e.false_positive_rows);
}

Result<search::MonitoringLists> loadLists(const MonitoringOptions& o) {
  RealFileSystem fs;
  if (o.lists.empty()) return search::builtinAndSchoolMonitoringLists(fs, o.school_lists);
  search::MonitoringLists lists = search::loadMonitoringLists(fs, o.lists);
  if (lists.entries.empty() && !lists.problems.empty()) {
    return invalidArgument(lists.problems.front().toString());
  }
  return lists;
}

int runEvaluate(const MonitoringOptions& o) {
  search::EvaluationOptions options;
  if (o.split == "tune") options.split = search::CorpusSplit::kTune;
  if (o.split == "all") options.split = search::CorpusSplit::kAll;
  options.block_level = o.block_level >= 0 ? o.block_level : demoKs2BlockLevel();
  RealFileSystem fs;
  auto text = fs.readFile(o.corpus);
  if (!text) return fail(text.status());
  search::MonitoringCorpus corpus = search::parseMonitoringCorpus(o.corpus, *text);
  for (const auto& p : corpus.problems) std::fprintf(stderr, "%s\n", p.toString().c_str());
  if (!corpus.problems.empty()) return fail(invalidArgument("the corpus has bad rows"));
  auto lists = loadLists(o);
  if (!lists) return fail(lists.status());
  for (const auto& p : lists->problems) {
    std::fprintf(stderr, "esafety: warning: %s\n", p.toString().c_str());
  }
  auto matcher = search::TermMatcher::build(lists->entries);
  if (!matcher) return fail(matcher.status());
  std::string source = !o.lists.empty()          ? o.lists
                       : o.school_lists.empty() ? std::string("built in")
                                                : "built in and " + o.school_lists;
  std::printf("Lists: %s (%zu entries); corpus: %s, split %s; KS2 blocks searches at level %d\n",
              source.c_str(), lists->entries.size(), o.corpus.c_str(), o.split.c_str(),
              options.block_level);
  search::MonitoringEvaluation e = search::evaluateMonitoring(corpus, *matcher, options);
  printEvaluation(e, options.block_level);
  std::vector<std::string> failures = search::thresholdFailures(e, o.thresholds);
  for (const std::string& f : failures) std::fprintf(stderr, "esafety: FAIL: %s\n", f.c_str());
  if (failures.empty()) std::printf("\nAll thresholds met.\n");
  return failures.empty() ? kExitOk : kExitFailure;
}

}  // namespace

void addMonitoringCommand(CLI::App& app, GlobalOptions& /*global*/, Runner& run) {
  auto* monitoring = app.add_subcommand("monitoring", "The monitoring lists: measure them");
  monitoring->require_subcommand(1);
  auto o = std::make_shared<MonitoringOptions>();
  auto* eval = monitoring->add_subcommand(
      "evaluate", "Recall, false positives and over-blocking on a labelled corpus (exit 1 below a "
                  "threshold)");
  eval->add_option("corpus", o->corpus, "The corpus (data/monitoring/corpus/searches.tsv)")
      ->required();
  eval->add_option("--split", o->split, "Which rows: holdout (default), tune or all")
      ->check(CLI::IsMember({"holdout", "tune", "all"}));
  auto* lists = eval->add_option("--lists", o->lists,
                                 "A folder of *.list files instead of the built-in lists");
  eval->add_option("--school-lists", o->school_lists,
                   "A school's own folder of *.list files, beside the built-in lists")
      ->excludes(lists);
  eval->add_option("--block-level", o->block_level,
                   "Search blocking level for over-blocking (default: the demo school's KS2)")
      ->check(CLI::Range(0, 5));
  auto& t = o->thresholds;
  eval->add_option("--min-recall-high", t.min_recall_high, "Least recall for level >= 4, %")
      ->capture_default_str();
  eval->add_option("--min-recall", t.min_recall, "Least recall for all levels, %")
      ->capture_default_str();
  eval->add_option("--max-fp", t.max_false_positives, "Most false positives on harmless rows, %")
      ->capture_default_str();
  eval->add_option("--max-overblock", t.max_overblock, "Most harmless rows blocked, %")
      ->capture_default_str();
  eval->callback([o, &run] { run = [o] { return runEvaluate(*o); }; });
}

}  // namespace esafety::app
