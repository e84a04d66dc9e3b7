// Phrase lists in the e2guardian/DansGuardian format, read into one
// PhraseLists value that PhraseDatabase compiles.
//
// Lines (see the shipped weightedphraselist for the authors' notes):
//   <sex><10>                  a substring, weight 10 ("sexy", "essex")
//   < sex ><10>                a whole word: a space inside the brackets is a
//                              word boundary; "< sex>" a word start, "<sex >" an end
//   <sex magazine><40>         a phrase: runs of spaces and punctuation in the text
//                              and in the phrase are one word break
//   <breast>,<cancer><-30>     a combination: counts when every part is on the
//                              page; weights may be negative
//   <slut><10%>                10% of the group's limit (e2guardian 5.2)
//   <sex>,<fetish>             in a banned list: the page is blocked outright;
//                              in an exception list: the page passes
//   #listcategory: "Pornography"   the category of the phrases below it, and of
//                              the files it includes that name none themselves
//   .Include</etc/e2guardian/lists/phraselists/pornography/weighted>
//   # comment; text after the last '>' that starts with '#' is a comment too
// Whether a file is weighted, banned or exception comes from how it is read
// (PhraseListFile::kind), and an included file is of its includer's kind.
//
// Errors are reported as "file:line: error: ..." through a classify
// ProblemSink (the same form as the category-list importers) and that line
// is skipped; the rest of the file is read. Include loops, missing files and
// chains deeper than kMaxIncludeDepth are errors at the .Include line.
//
// Matching form: phrases are normalised with normalizeText() (lower case,
// separators as one space); a phrase that is not valid UTF-8 is kept both read
// as Windows-1252 and as its raw bytes (for pages in the same legacy charset).
// An entry identical to an earlier one (same kind and phrases) is counted in
// PhraseLoadStats::duplicates and dropped, so loading overlapping lists never
// counts one phrase twice.
//
//   PhraseLists lists;
//   ProblemList problems;
//   loadPhraseLists(RealFileSystem(), e2guardianPhraseRoots("/etc/e2guardian/lists"),
//                   lists, problems);
//
// Thread safety: loading keeps no state outside its arguments.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classify/list_entry.h"
#include "core/file_system.h"

namespace esafety::inspect {

enum class PhraseKind : uint8_t { kWeighted, kBanned, kException };
std::string_view phraseKindName(PhraseKind kind);  // "weighted", "banned", "exception"

// One line of a list: a phrase or a combination of phrases.
struct PhraseEntry {
  PhraseKind kind = PhraseKind::kWeighted;
  std::vector<uint32_t> terms;  // indexes into PhraseLists::terms, distinct, sorted
  int32_t weight = 0;           // weighted entries only
  bool percent = false;         // weight is a percentage of the group's limit
  uint32_t category = 0;        // index into PhraseLists::categories
  std::string text;             // as written, e.g. "< anal >,<porn>"
  classify::SourceLocation where;
};

struct PhraseCategory {
  std::string name;   // esafety's name: "pornography", "drugs", "good-phrases"
  std::string label;  // as the list calls it: "Pornography (Polish)"
};

// A byte string the scanner looks for, and the term it stands for.
struct PhrasePattern {
  std::string bytes;
  uint32_t term = 0;
};

struct PhraseLists {
  std::vector<std::string> terms;         // normalised, e.g. " anal " or "porn"
  std::vector<PhrasePattern> patterns;    // at least one per term
  std::vector<PhraseEntry> entries;
  std::vector<PhraseCategory> categories;
};

struct PhraseListFile {
  std::string path;
  PhraseKind kind = PhraseKind::kWeighted;
};

struct PhraseLoadStats {
  uint64_t files = 0;
  uint64_t lines = 0;       // lines read, including comments and blanks
  uint64_t entries = 0;     // entries added
  uint64_t duplicates = 0;  // entries dropped as repeats of earlier ones
  uint64_t rejected = 0;    // lines reported as errors
};

// Reads each file (and what it includes) into `lists`; may be called again
// to add more files.
PhraseLoadStats loadPhraseLists(const FileSystem& fs, const std::vector<PhraseListFile>& files,
                                PhraseLists& lists, classify::ProblemSink& problems);

// The three root files of an e2guardian lists folder: weightedphraselist,
// bannedphraselist and exceptionphraselist (each includes the lists in use).
std::vector<PhraseListFile> e2guardianPhraseRoots(const std::string& lists_dir);

// The kind a phrase-list file name implies: "banned..." is banned,
// "exception..." is exception, anything else weighted.
PhraseKind phraseKindForFileName(std::string_view name);

// Every file under `dir`, recursively (e2guardian's phraselists/ folder), each
// with the kind its name gives; empty when `dir` cannot be read.
std::vector<PhraseListFile> phraseListsUnder(const FileSystem& fs, const std::string& dir);

// The esafety category for a list's #listcategory: a trailing qualifier in
// brackets ("(Polish)") is dropped, e2guardian's phrase-list names are mapped
// ("IllegalDrugs" -> "drugs", "Intolerance" -> "discrimination",
// "GoodPhrases" -> "good-phrases"), the rest goes through
// classify::canonicalCategory. Empty is "uncategorised".
std::string phraseCategoryName(std::string_view label);

}  // namespace esafety::inspect
