// Fuzzes the phrase-list loader (src/inspect/phrase_lists.h): the input is a
// weighted list and a banned list at once, and a file they may include, so
// include chains, loops and relative paths are reached. Small results are
// compiled and a page made of the input is scanned, so the database tables
// and the scorer see every shape of entry the parser lets through.
#include <cstdint>
#include <string>

#include "inspect/page_inspector.h"
#include "inspect/phrase_database.h"
#include "inspect/phrase_lists.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esafety;
  using namespace esafety::inspect;
  std::string text(reinterpret_cast<const char*>(data), size);
  MemoryFileSystem fs;
  fs.put("/fuzz/weighted", text);
  fs.put("/fuzz/a/banned", text);
  fs.put("/fuzz/a/inc", "<inc><1>\n.Include<../weighted>\n");
  PhraseLists lists;
  classify::ProblemList problems;
  loadPhraseLists(fs,
                  {{"/fuzz/weighted", PhraseKind::kWeighted},
                   {"/fuzz/a/banned", PhraseKind::kBanned},
                   {"/fuzz/a/inc", PhraseKind::kException}},
                  lists, problems);
  for (const auto& p : problems.problems()) {
    if (p.where.file.empty() || p.reason.empty()) __builtin_trap();
  }
  for (const auto& e : lists.entries) {
    if (e.terms.empty() || e.category >= lists.categories.size()) __builtin_trap();
  }
  if (lists.patterns.size() > 64) return 0;  // compiling is slow; small inputs cover it
  auto db = PhraseDatabase::compile(std::move(lists));
  if (!db) return 0;
  PageInspectorOptions options;
  options.content_type = "text/html";
  PageInspector page(*db, options);
  page.feed(text);
  page.finish();
  (void)page.score().categories(50);
  (void)page.score().topPhrases(5, 50);
  return 0;
}
