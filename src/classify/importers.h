// List importers: read category lists in the formats the field uses and hand
// each entry to an EntrySink. A bad line is reported as file:line and reason;
// it never stops the import.
//
//   ImportRequest req{.path = "/srv/ut1/blacklists", .format = ListFormat::kSquidGuard};
//   ImportStats stats = importList(RealFileSystem(), req, builder, problems, &progress);
//
// Formats (see ../shared/STANDARDS.md "List formats to read"):
//   kSquidGuard   a folder of category folders, each with `domains`, `urls` and
//                 `expressions`; or one such category folder. Folder names are
//                 mapped to esafety categories by canonicalCategory().
//   kE2Guardian   an e2guardian site, URL or IP list, following `.Include<path>`
//                 chains (loops and missing files are reported, not fatal).
//                 `#listcategory: "Name"` names the category when the request
//                 names none.
//   kHosts        "0.0.0.0 ads.example.com" lines; several names per line allowed.
//   kPlainDomains one name per line.
//   kAdblock      "||example.org^" and the exception "@@||example.org^"; cosmetic
//                 and other rules are reported as unsupported.
//   kAuto         guesses from the path and the first lines.
//
// Thread safety: the functions keep no state; the sinks decide.
#pragma once

#include <string>
#include <string_view>

#include "classify/list_entry.h"
#include "core/file_system.h"

namespace esafety::classify {

enum class ListFormat : uint8_t { kAuto, kSquidGuard, kE2Guardian, kHosts, kPlainDomains, kAdblock };

std::string_view listFormatName(ListFormat format);  // "squidguard", "e2guardian", ...
Result<ListFormat> parseListFormat(std::string_view name);

struct ImportRequest {
  std::string path;
  ListFormat format = ListFormat::kAuto;
  // The category for every entry. Empty means: from the folder name
  // (squidGuard) or `#listcategory` (e2guardian); required for other formats.
  std::string category;
};

struct ImportStats {
  uint64_t files = 0;
  uint64_t lines = 0;     // lines read, including comments and blanks
  uint64_t entries = 0;   // entries the sink accepted
  uint64_t rejected = 0;  // lines reported as errors
};

// Lines longer than this are rejected without being parsed.
inline constexpr size_t kMaxListLineLength = 4096;
// .Include chains deeper than this are reported and cut.
inline constexpr int kMaxIncludeDepth = 16;

ImportStats importList(const FileSystem& fs, const ImportRequest& request, EntrySink& sink,
                       ProblemSink& problems, ProgressSink* progress = nullptr);

// Maps a list's own category name (UT1 "adult", "drogue", "agressif"; e2guardian
// "Pornography") to an esafety category name ("pornography", "drugs",
// "discrimination"). Unknown names are lower-cased, with spaces as '-'.
std::string canonicalCategory(std::string_view name);

}  // namespace esafety::classify
