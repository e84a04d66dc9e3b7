#include "proxy/content_lists.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/file_system.h"
#include "core/text.h"
#include "inspect/page_inspector.h"
#include "inspect/phrase_database.h"
#include "inspect/phrase_lists.h"
#include "inspect/search/term_matcher.h"

namespace esafety::proxy {

Result<std::shared_ptr<const inspect::PhraseDatabase>> loadPhraseDatabase(
    const ServeConfig::Inspect& config) {
  using Db = std::shared_ptr<const inspect::PhraseDatabase>;
  if (config.phrase_lists.empty()) {
    spdlog::info("phrase scanning is off ([inspect] phrase_lists is empty)");
    return Db{};
  }
  RealFileSystem fs;
  const std::string& dir = config.phrase_lists;
  if (!fs.isDirectory(dir)) {
    spdlog::warn("phrase scanning is off: the phrase lists folder {} is missing "
                 "(install Debian's e2guardian package, or set [inspect] phrase_lists)", dir);
    return Db{};
  }
  auto started = std::chrono::steady_clock::now();
  // e2guardian's own layout: its three root files say which lists are in use.
  std::vector<inspect::PhraseListFile> files =
      fs.exists(dir + "/weightedphraselist") ? inspect::e2guardianPhraseRoots(dir)
                                             : inspect::phraseListsUnder(fs, dir);
  inspect::PhraseLists lists;
  classify::ProblemList problems;
  inspect::PhraseLoadStats stats = inspect::loadPhraseLists(fs, files, lists, problems);
  size_t shown = 0;
  for (const auto& p : problems.problems()) {
    if (++shown > 50) break;  // the count below says how many there were
    spdlog::warn("phrase lists: {}", p.toString());
  }
  auto db = inspect::PhraseDatabase::compile(std::move(lists));
  if (!db) return db.status();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("phrase scanning ready: {} entries from {} files in {} ({} lines refused), "
               "{} patterns, {:.2f} s",
               stats.entries, stats.files, dir, stats.rejected, (*db)->stats().patterns, seconds);
  return Db(*db);
}

Result<std::shared_ptr<const search::TermMatcher>> loadMonitoringMatcher(
    const std::string& school_lists) {
  RealFileSystem fs;
  search::MonitoringLists lists = search::builtinAndSchoolMonitoringLists(fs, school_lists);
  for (const auto& p : lists.problems) spdlog::warn("monitoring lists: {}", p.toString());
  auto matcher = search::TermMatcher::build(lists.entries);
  if (!matcher) return matcher.status();
  if (!school_lists.empty()) {
    spdlog::info("monitoring lists: {} entries, the built-in lists and {}", matcher->size(),
                 school_lists);
  }
  return std::shared_ptr<const search::TermMatcher>(
      std::make_shared<search::TermMatcher>(std::move(*matcher)));
}

bool isScannedContentType(std::string_view content_type) {
  if (inspect::bodyTypeFromContentType(content_type) == inspect::BodyType::kHtml) return true;
  std::string type = asciiLower(trim(content_type.substr(0, content_type.find(';'))));
  return type == "text/plain";
}

}  // namespace esafety::proxy
