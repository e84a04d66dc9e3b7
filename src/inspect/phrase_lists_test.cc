#include "inspect/phrase_lists.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classify/importers.h"

namespace esafety::inspect {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Loaded {
  PhraseLists lists;
  classify::ProblemList problems;
  PhraseLoadStats stats;

  std::vector<std::string> problemTexts() const {
    std::vector<std::string> out;
    for (const auto& p : problems.problems()) out.push_back(p.toString());
    return out;
  }
  // "kind category weight terms..." per entry.
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : lists.entries) {
      std::string s = std::string(phraseKindName(e.kind)) + " " + lists.categories[e.category].name +
                      " " + std::to_string(e.weight) + (e.percent ? "%" : "");
      for (uint32_t t : e.terms) s += " [" + lists.terms[t] + "]";
      out.push_back(s);
    }
    return out;
  }
};

Loaded load(const MemoryFileSystem& fs, std::vector<PhraseListFile> files) {
  Loaded out;
  out.stats = loadPhraseLists(fs, files, out.lists, out.problems);
  return out;
}

TEST(PhraseLists, EveryFormOfLine) {
  MemoryFileSystem fs;
  fs.put("/l/weighted",
         "# comment\n"
         "#listcategory: \"Pornography\"\n"
         "<sex><10>\n"
         "< anal ><20>\n"
         "< porn><5>\n"
         "<XXX ><5>\n"
         "<hot  sex><40>\n"
         "<breast>,<cancer><-30>\n"
         "<slut><10%>\n"
         "\n"
         "#listcategory: \"GoodPhrases (News)\"\n"
         "<education><-25>\n");
  Loaded r = load(fs, {{"/l/weighted", PhraseKind::kWeighted}});
  EXPECT_THAT(r.problemTexts(), IsEmpty());
  EXPECT_THAT(r.entries(), ElementsAre("weighted pornography 10 [sex]",
                                       "weighted pornography 20 [ anal ]",
                                       "weighted pornography 5 [ porn]",
                                       "weighted pornography 5 [xxx ]",
                                       "weighted pornography 40 [hot sex]",
                                       "weighted pornography -30 [breast] [cancer]",
                                       "weighted pornography 10% [slut]",
                                       "weighted good-phrases -25 [education]"));
  EXPECT_EQ(r.lists.entries[5].text, "<breast>,<cancer><-30>");
  EXPECT_EQ(r.lists.entries[5].where.file, "/l/weighted");
  EXPECT_EQ(r.lists.entries[5].where.line, 8u);
  EXPECT_EQ(r.lists.categories[1].label, "GoodPhrases (News)");
  EXPECT_EQ(r.stats.entries, 8u);
  EXPECT_EQ(r.stats.lines, 12u);
}

TEST(PhraseLists, BannedAndExceptionListsNeedNoWeight) {
  MemoryFileSystem fs;
  fs.put("/l/banned", "<sex>,<fetish>\n< rape >\n<cp><10>\n");
  fs.put("/l/exception", "<virgin rain forest>\n");
  Loaded r = load(fs, {{"/l/banned", PhraseKind::kBanned}, {"/l/exception", PhraseKind::kException}});
  EXPECT_THAT(r.entries(), ElementsAre("banned uncategorised 0 [sex] [fetish]",
                                       "banned uncategorised 0 [ rape ]",
                                       "banned uncategorised 0 [cp]",
                                       "exception uncategorised 0 [virgin rain forest]"));
  EXPECT_THAT(r.problemTexts(),
              ElementsAre("/l/banned:3: warning: weight ignored: banned phrases have none"));
}

TEST(PhraseLists, SyntaxErrorsAreReportedAtFileAndLineAndTheRestLoads) {
  MemoryFileSystem fs;
  fs.put("/l/w",
         "<good><5>\n"
         "<no weight>\n"
         "bare words<5>\n"
         "<open<5>\n"
         "<x><y>\n"
         "<?!><5>\n"
         "<\xe7\xbe\x8e><30>3 #beauty star\n"
         "<also good><7>\n");
  Loaded r = load(fs, {{"/l/w", PhraseKind::kWeighted}});
  EXPECT_THAT(
      r.problemTexts(),
      ElementsAre(
          "/l/w:2: error: no weight: a weighted phrase needs one, such as <phrase><10>",
          "/l/w:3: error: expected a phrase in angle brackets, such as <word><10>",
          "/l/w:4: error: '<' inside the phrase <open<5>: is a '>' missing?",
          "/l/w:5: error: expected a weight such as <10> or <-5> after the phrase, found <y>",
          "/l/w:6: error: phrase <?!> has no letters or digits to match",
          "/l/w:7: warning: text after the phrase ignored: \"3 #beauty star\""));
  EXPECT_THAT(r.entries(), ElementsAre("weighted uncategorised 5 [good]",
                                       "weighted uncategorised 30 [\xe7\xbe\x8e]",
                                       "weighted uncategorised 7 [also good]"));
  EXPECT_EQ(r.stats.rejected, 5u);
}

TEST(PhraseLists, IncludesInheritKindAndCategory) {
  MemoryFileSystem fs;
  fs.put("/e2/lists/weightedphraselist",
         "#listcategory: \"Weighted Phrases\"\n"
         ".Include</e2/lists/phraselists/drugs/weighted> #BETA#\n"
         "#.Include</e2/lists/phraselists/off/weighted>\n"
         ".Include<phraselists/plain>\n");
  fs.put("/e2/lists/phraselists/drugs/weighted",
         "#listcategory: \"IllegalDrugs\"\n<cocaine><30>\n");
  fs.put("/e2/lists/phraselists/plain", "<plain><1>\n");
  fs.put("/e2/lists/bannedphraselist", ".Include</e2/lists/phraselists/b>\n");
  fs.put("/e2/lists/phraselists/b", "#listcategory: \"Adult\"\n<banned words>\n");
  fs.put("/e2/lists/exceptionphraselist", "");
  Loaded r = load(fs, e2guardianPhraseRoots("/e2/lists"));
  EXPECT_THAT(r.problemTexts(), IsEmpty());
  EXPECT_THAT(r.entries(), ElementsAre("weighted drugs 30 [cocaine]",
                                       "weighted uncategorised 1 [plain]",
                                       "banned pornography 0 [banned words]"));
  EXPECT_EQ(r.lists.entries[0].where.file, "/e2/lists/phraselists/drugs/weighted");
  EXPECT_EQ(r.stats.files, 6u);
}

TEST(PhraseLists, IncludeProblemsAreErrorsAtTheIncludeLine) {
  MemoryFileSystem fs;
  fs.put("/l/a", "<a><1>\n.Include</l/b>\n.Include</l/missing>\n.Include<broken\n.Include</l>\n");
  fs.put("/l/b", ".Include</l/./a>\n<b><2>\n");
  Loaded r = load(fs, {{"/l/a", PhraseKind::kWeighted}});
  EXPECT_THAT(r.problemTexts(),
              ElementsAre("/l/b:1: error: include loop: /l/a is already being read",
                          "/l/a:3: error: included file not read: " +
                              fs.readFile("/l/missing").status().message(),
                          "/l/a:4: error: malformed .Include: expected .Include</path/to/list>",
                          "/l/a:5: error: included path /l is a folder, not a list"));
  EXPECT_THAT(r.entries(), ElementsAre("weighted uncategorised 1 [a]", "weighted uncategorised 2 [b]"));
}

TEST(PhraseLists, DeepIncludeChainsAreCut) {
  MemoryFileSystem fs;
  for (int i = 0; i < 30; ++i) {
    fs.put("/l/" + std::to_string(i), ".Include</l/" + std::to_string(i + 1) + ">\n<w" +
                                          std::to_string(i) + "><1>\n");
  }
  Loaded r = load(fs, {{"/l/0", PhraseKind::kWeighted}});
  ASSERT_EQ(r.problems.problems().size(), 1u);
  EXPECT_THAT(r.problems.problems()[0].reason, ::testing::StartsWith(".Include chain deeper than"));
  EXPECT_EQ(r.lists.entries.size(), static_cast<size_t>(classify::kMaxIncludeDepth));
}

TEST(PhraseLists, DuplicatesAreDroppedAndTermsShared) {
  MemoryFileSystem fs;
  fs.put("/l/a", "<sex><10>\n< SEX ><5>\n<Sex><20>\n<fetish>,<sex><30>\n<sex>,<fetish><9>\n");
  fs.put("/l/b", "<sex>\n");
  Loaded r = load(fs, {{"/l/a", PhraseKind::kWeighted}, {"/l/b", PhraseKind::kBanned}});
  EXPECT_THAT(r.entries(), ElementsAre("weighted uncategorised 10 [sex]",
                                       "weighted uncategorised 5 [ sex ]",
                                       "weighted uncategorised 30 [sex] [fetish]",
                                       "banned uncategorised 0 [sex]"));
  EXPECT_EQ(r.stats.duplicates, 2u);
  EXPECT_EQ(r.lists.terms.size(), 3u);
}

TEST(PhraseLists, Latin1PhrasesMatchBothWays) {
  MemoryFileSystem fs;
  fs.put("/l/pt", "<ra\xe7""a branca><10>\n<caf\xc3\xa9><5>\n");
  Loaded r = load(fs, {{"/l/pt", PhraseKind::kWeighted}});
  ASSERT_EQ(r.lists.terms.size(), 2u);
  EXPECT_EQ(r.lists.terms[0], "raça branca");
  ASSERT_EQ(r.lists.patterns.size(), 3u);  // the Latin-1 phrase twice, the UTF-8 one once
  EXPECT_EQ(r.lists.patterns[1].bytes, "ra\xe7""a branca");
  EXPECT_EQ(r.lists.patterns[1].term, 0u);
}

TEST(PhraseLists, ListCategoryForms) {
  MemoryFileSystem fs;
  fs.put("/l/a",
         "\xEF\xBB\xBF#listcategory: \"Pornography (Polish)\n<a><1>\n"
         "#listcategory:\"'SafeLabel' tag\"\n<b><1>\n"
         "#time: 9 0 17 0 01234\n<c><1>\n");
  Loaded r = load(fs, {{"/l/a", PhraseKind::kWeighted}});
  EXPECT_THAT(r.problemTexts(),
              ElementsAre("/l/a:1: warning: #listcategory has no closing '\"': the rest of the "
                          "line is the name",
                          "/l/a:5: warning: list time limits (#time:) are not applied: use a "
                          "group's time rules instead"));
  EXPECT_THAT(r.entries(), ElementsAre("weighted pornography 1 [a]", "weighted safelabel-tag 1 [b]",
                                       "weighted safelabel-tag 1 [c]"));
}

TEST(PhraseLists, CategoryNames) {
  EXPECT_EQ(phraseCategoryName("Pornography"), "pornography");
  EXPECT_EQ(phraseCategoryName("Pornography (Russian UTF-8)"), "pornography");
  EXPECT_EQ(phraseCategoryName("IllegalDrugs (Portuguese)"), "drugs");
  EXPECT_EQ(phraseCategoryName("Intolerance"), "discrimination");
  EXPECT_EQ(phraseCategoryName("Bad words (French)"), "bad-language");
  EXPECT_EQ(phraseCategoryName("Proxies"), "circumvention");
  EXPECT_EQ(phraseCategoryName("(Blocked by OpenDNS)"), "blocked-by-opendns");
  EXPECT_EQ(phraseCategoryName(""), "uncategorised");
  EXPECT_EQ(phraseKindForFileName("banned_portuguese"), PhraseKind::kBanned);
  EXPECT_EQ(phraseKindForFileName("exception_email"), PhraseKind::kException);
  EXPECT_EQ(phraseKindForFileName("weighted_dutch"), PhraseKind::kWeighted);
}

TEST(PhraseLists, BinaryFilesAndControlBytes) {
  MemoryFileSystem fs;
  fs.put("/l/bin", std::string("\x1f\x8b\x08\x00\x00", 5));
  fs.put("/l/ctl", "<a\x01><1>\n<b><1>\n");
  Loaded r = load(fs, {{"/l/bin", PhraseKind::kWeighted}, {"/l/ctl", PhraseKind::kWeighted}});
  EXPECT_THAT(r.problemTexts(),
              ElementsAre("/l/bin: error: binary or compressed file, not a phrase list",
                          "/l/ctl:1: error: line holds control bytes"));
  EXPECT_THAT(r.entries(), ElementsAre("weighted uncategorised 1 [b]"));
}

}  // namespace
}  // namespace esafety::inspect
