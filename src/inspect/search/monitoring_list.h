// Monitoring lists: the phrases that make a search term worth a safeguarding
// lead's attention, one file per category.
//
// Format (data/monitoring/*.list; the category is the file name without
// ".list", e.g. "self-harm"):
//
//   # comment lines and blank lines are ignored
//   kill myself<TAB>5
//   suicid*<TAB>4
//   teacher ~3 touched me<TAB>5
//   !suicide squad<TAB>0
//
// Each line is a phrase, white space (tabs or spaces), and a risk level from
// 1 (worth a look) to 5 (critical: a child may be in danger now), the scale
// monitoring products use. A phrase matches whole words only: "kill myself"
// matches "how to kill myself" but not "skill myselfie". A '*' at the end
// matches any word that starts with the phrase's last word: "suicid*" matches
// "suicide" and "suicidal". Phrases are compared after normalizeForMatching()
// (match_text.h), so case, punctuation, look-alike digits ("k1ll") and
// stretched letters need no entries of their own; common misspellings
// ("suicde") do.
//
// Proximity: "A ~N B" matches when both phrases are in the search with at
// most N words between them, in either order: "teacher ~3 touched me" matches
// "my teacher touched me" and "touched me my teacher", not "teacher said it
// was fine then a dog touched me". N is 0 to 9; each side may end in '*'.
//
// Context: a line starting with '!' is not a risk but a reading of one. When
// its phrase (or proximity pair) is in the search, every match of the same
// list whose words lie inside the context's words is lowered to the context
// line's level; level 0 drops it. "!suicide squad 0" keeps the film from
// matching "suicide", "!romeo and juliet ~5 suicide 1" keeps the play at
// level 1 (logged, never blocked), and a search that also says "kill myself"
// outside those words still matches that at full level.
//
// The category "disclosure" (a child telling of harm done to them) is never
// blocked by the search-term step, whatever its level: see
// kDisclosureCategory and proxy/inspection_checks.h.
//
// A bad line is reported as "file:line: reason" and skipped; the rest of the
// file still loads.
//
//   MonitoringLists lists = builtinMonitoringLists();
//   for (const auto& p : lists.problems) log(p.toString());
//   auto matcher = TermMatcher::build(lists.entries);   // term_matcher.h
//
// Thread safety: pure functions; the results are plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/file_system.h"

namespace esafety::search {

inline constexpr int kMinRiskLevel = 1;
inline constexpr int kMaxRiskLevel = 5;
inline constexpr size_t kMaxMonitoringLineBytes = 1024;
inline constexpr size_t kMaxMonitoringPhraseBytes = 128;  // after normalisation
inline constexpr size_t kMinMonitoringPhraseBytes = 3;    // "kys"; shorter ones match too much
inline constexpr size_t kMaxMonitoringFileBytes = 4 << 20;
inline constexpr int kMaxProximityWords = 9;
// Searches in this category are tagged and alerted on, never blocked.
inline constexpr std::string_view kDisclosureCategory = "disclosure";

struct MonitoringEntry {
  std::string category;  // "self-harm"
  std::string phrase;    // as written in the file: "kill myself", "suicid*"
  std::string pattern;   // normalised, without the '*': "kill myself"
  bool prefix = false;   // the phrase ended in '*'
  // "A ~N B": the second phrase (normalised, without '*') and N; near_words
  // is -1 for a plain phrase.
  std::string near_pattern;
  bool near_prefix = false;
  int near_words = -1;
  bool context = false;  // a '!' line: lowers matches inside it to `level`
  uint8_t level = 1;     // 1..5; 0..5 for a context line
  std::string file;      // where it came from, for the alert's "why"
  int line = 0;
};

struct MonitoringProblem {
  std::string file;
  int line = 0;  // 0: the whole file
  std::string reason;
  std::string toString() const;  // "self-harm.list:12: risk level must be 1 to 5, not 9"
};

struct MonitoringLists {
  std::vector<MonitoringEntry> entries;
  std::vector<MonitoringProblem> problems;
};

// Parses one file's text into `out`. `file` names it in problems; `category`
// is given to every entry.
void parseMonitoringList(std::string_view file, std::string_view category, std::string_view text,
                         MonitoringLists& out);

// "self-harm" for ".../self-harm.list"; empty when the name is not
// <lower-case letters, digits and '-'>.list.
std::string monitoringCategoryOf(std::string_view file_name);

// Every *.list file in `dir` (other files are ignored). A folder that cannot
// be read is one problem with line 0.
MonitoringLists loadMonitoringLists(const FileSystem& fs, const std::string& dir);

// The lists shipped with esafety (data/monitoring/*.list), compiled into the
// binary; files are named "monitoring/<category>.list" in problems.
MonitoringLists builtinMonitoringLists();

// The built-in lists, then every *.list in `school_dir` (the school's own,
// [inspect] monitoring_lists) when it is not empty: a school list of an
// existing category adds to it, and its context lines apply to the built-in
// entries of that category too.
MonitoringLists builtinAndSchoolMonitoringLists(const FileSystem& fs,
                                                const std::string& school_dir);

}  // namespace esafety::search
