#include "inspect/phrase_lists.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "classify/importers.h"
#include "core/text.h"
#include "inspect/phrase_line.h"
#include "inspect/text_normalizer.h"

namespace esafety::inspect {
namespace {

using classify::ImportProblem;
using classify::Severity;

// Names e2guardian's phrase lists use, after canonicalCategory().
constexpr std::pair<std::string_view, std::string_view> kPhraseCategoryAliases[] = {
    {"illegaldrugs", "drugs"},       {"illegal-drugs", "drugs"},
    {"legal-drugs", "drugs"},        {"drug-advocacy", "drugs"},
    {"drugadvocacy", "drugs"},       {"intolerance", "discrimination"},
    {"gore", "violence"},            {"goodphrases", "good-phrases"},
    {"badwords", "bad-language"},    {"bad-words", "bad-language"},
    {"proxies", "circumvention"},    {"pornografia", "pornography"},
    {"personals", "dating"},         {"weighted-phrases", "uncategorised"},
    {"banned-phrases", "uncategorised"},
};

// State of one loadPhraseLists() call.
class Loader {
 public:
  Loader(const FileSystem& fs, PhraseLists& lists, classify::ProblemSink& problems)
      : fs_(fs), lists_(lists), problems_(problems) {
    for (uint32_t i = 0; i < lists_.terms.size(); ++i) term_ids_.emplace(lists_.terms[i], i);
    for (const auto& pattern : lists_.patterns) pattern_bytes_.insert(pattern.bytes);
    for (uint32_t i = 0; i < lists_.entries.size(); ++i) {
      entry_keys_.emplace(entryKey(lists_.entries[i].kind, lists_.entries[i].terms), i);
    }
    for (uint32_t i = 0; i < lists_.categories.size(); ++i) {
      category_ids_.emplace(lists_.categories[i].name, i);
    }
  }

  void readRoot(const PhraseListFile& file) {
    std::string path = normalPath(file.path);
    auto text = fs_.readFile(path);
    if (!text) {
      problem(Severity::kError, path, 0, text.status().message());
      return;
    }
    readFile(path, *text, file.kind, "", 0);
  }

  PhraseLoadStats stats() const { return stats_; }

 private:
  static std::string normalPath(std::string_view path) {
    return std::filesystem::path(path).lexically_normal().string();
  }

  static std::string entryKey(PhraseKind kind, const std::vector<uint32_t>& terms) {
    std::string key(1, static_cast<char>(kind));
    for (uint32_t term : terms) key.append(reinterpret_cast<const char*>(&term), sizeof(term));
    return key;
  }

  void problem(Severity severity, const std::string& file, uint32_t line, std::string reason) {
    if (severity == Severity::kError && line > 0) ++stats_.rejected;
    problems_.report(ImportProblem{severity, {file, line}, std::move(reason), {}});
  }

  void readFile(const std::string& path, std::string_view text, PhraseKind kind,
                std::string_view inherited_label, int depth) {
    ++stats_.files;
    chain_.push_back(path);
    if (text.substr(0, 4096).find('\0') != std::string_view::npos) {
      problem(Severity::kError, path, 0, "binary or compressed file, not a phrase list");
      chain_.pop_back();
      return;
    }
    std::string label(inherited_label);
    LineReader reader(text);
    std::string_view raw;
    while (reader.next(raw)) {
      ++stats_.lines;
      auto line_number = static_cast<uint32_t>(reader.lineNumber());
      std::string_view line = trim(raw);
      if (line.empty()) continue;
      if (line.size() > classify::kMaxListLineLength) {
        problem(Severity::kError, path, line_number,
                fmt::format("line longer than {} bytes", classify::kMaxListLineLength));
        continue;
      }
      if (looksBinary(line)) {
        problem(Severity::kError, path, line_number, "line holds control bytes");
        continue;
      }
      if (line.starts_with("#listcategory")) {
        label = readListCategory(path, line_number, line);
        continue;
      }
      if (line.starts_with("#time:")) {
        problem(Severity::kWarning, path, line_number,
                "list time limits (#time:) are not applied: use a group's time rules instead");
        continue;
      }
      if (line.front() == '#') continue;
      if (line.size() >= 9 && asciiLower(line.substr(0, 9)) == ".include<") {
        include(path, line_number, line, kind, label, depth);
        continue;
      }
      addLine(path, line_number, line, kind, label);
    }
    chain_.pop_back();
  }

  std::string readListCategory(const std::string& path, uint32_t line_number,
                               std::string_view line) {
    std::string_view rest = trim(line.substr(13));
    if (rest.starts_with(':')) rest = trim(rest.substr(1));
    if (rest.starts_with('"')) {
      size_t close = rest.find('"', 1);
      if (close == std::string_view::npos) {
        problem(Severity::kWarning, path, line_number,
                "#listcategory has no closing '\"': the rest of the line is the name");
        rest = rest.substr(1);
      } else {
        rest = rest.substr(1, close - 1);
      }
    }
    return toUtf8(trim(rest));
  }

  void include(const std::string& path, uint32_t line_number, std::string_view line,
               PhraseKind kind, std::string_view label, int depth) {
    size_t close = line.find('>');
    if (close == std::string_view::npos || close <= 9) {
      problem(Severity::kError, path, line_number,
              "malformed .Include: expected .Include</path/to/list>");
      return;
    }
    std::string target = normalPath(joinPath(parentPath(path), line.substr(9, close - 9)));
    if (std::find(chain_.begin(), chain_.end(), target) != chain_.end()) {
      problem(Severity::kError, path, line_number,
              fmt::format("include loop: {} is already being read", target));
      return;
    }
    if (depth + 1 >= classify::kMaxIncludeDepth) {
      problem(Severity::kError, path, line_number,
              fmt::format(".Include chain deeper than {} files: {} not read",
                          classify::kMaxIncludeDepth, target));
      return;
    }
    if (fs_.isDirectory(target)) {
      problem(Severity::kError, path, line_number,
              fmt::format("included path {} is a folder, not a list", target));
      return;
    }
    auto text = fs_.readFile(target);
    if (!text) {
      problem(Severity::kError, path, line_number,
              fmt::format("included file not read: {}", text.status().message()));
      return;
    }
    readFile(target, *text, kind, label, depth + 1);
  }

  void addLine(const std::string& path, uint32_t line_number, std::string_view line,
               PhraseKind kind, std::string_view label) {
    auto parsed = parsePhraseLine(line);
    if (!parsed) {
      problem(Severity::kError, path, line_number, parsed.status().message());
      return;
    }
    if (kind == PhraseKind::kWeighted && !parsed->has_weight) {
      problem(Severity::kError, path, line_number,
              "no weight: a weighted phrase needs one, such as <phrase><10>");
      return;
    }
    if (kind != PhraseKind::kWeighted && parsed->has_weight) {
      problem(Severity::kWarning, path, line_number,
              fmt::format("weight ignored: {} phrases have none", phraseKindName(kind)));
    }
    if (!parsed->trailing.empty()) {
      problem(Severity::kWarning, path, line_number,
              fmt::format("text after the phrase ignored: \"{}\"", toUtf8(parsed->trailing)));
    }
    PhraseEntry entry;
    entry.kind = kind;
    for (std::string_view phrase : parsed->phrases) {
      auto term = termFor(phrase);
      if (!term) {
        problem(Severity::kError, path, line_number,
                fmt::format("phrase <{}> has no letters or digits to match", toUtf8(phrase)));
        return;
      }
      entry.terms.push_back(*term);
    }
    std::sort(entry.terms.begin(), entry.terms.end());
    entry.terms.erase(std::unique(entry.terms.begin(), entry.terms.end()), entry.terms.end());
    auto [it, added] = entry_keys_.emplace(entryKey(kind, entry.terms),
                                           static_cast<uint32_t>(lists_.entries.size()));
    if (!added) {
      ++stats_.duplicates;
      return;
    }
    if (kind == PhraseKind::kWeighted) {
      entry.weight = parsed->weight;
      entry.percent = parsed->percent;
    }
    entry.category = categoryFor(label);
    entry.text = toUtf8(line.substr(0, line.size() - parsed->trailing.size()));
    while (!entry.text.empty() && (entry.text.back() == ' ' || entry.text.back() == '\t')) {
      entry.text.pop_back();
    }
    entry.where = {path, line_number};
    lists_.entries.push_back(std::move(entry));
    ++stats_.entries;
  }

  // The term for a phrase as written, or nothing when it normalises to no
  // word characters at all.
  std::optional<uint32_t> termFor(std::string_view phrase) {
    std::string normal = normalizeText(phrase, Charset::kUtf8);
    if (normal.find_first_not_of(' ') == std::string::npos) return std::nullopt;
    auto [it, added] = term_ids_.emplace(normal, static_cast<uint32_t>(lists_.terms.size()));
    uint32_t term = it->second;
    if (added) lists_.terms.push_back(normal);
    addPattern(normal, term);
    if (!isValidUtf8(phrase)) {
      // Also as raw bytes, for pages in the list's own 8-bit charset.
      addPattern(normalizeText(phrase, Charset::kPassthrough), term);
    }
    return term;
  }

  void addPattern(const std::string& bytes, uint32_t term) {
    if (pattern_bytes_.insert(bytes).second) lists_.patterns.push_back({bytes, term});
  }

  uint32_t categoryFor(std::string_view label) {
    std::string name = phraseCategoryName(label);
    auto [it, added] = category_ids_.emplace(name, static_cast<uint32_t>(lists_.categories.size()));
    if (added) lists_.categories.push_back({name, std::string(label)});
    return it->second;
  }

  const FileSystem& fs_;
  PhraseLists& lists_;
  classify::ProblemSink& problems_;
  PhraseLoadStats stats_;
  std::vector<std::string> chain_;  // files being read, outermost first
  std::unordered_map<std::string, uint32_t> term_ids_;
  std::unordered_set<std::string> pattern_bytes_;
  std::unordered_map<std::string, uint32_t> entry_keys_;
  std::unordered_map<std::string, uint32_t> category_ids_;
};

}  // namespace

std::string_view phraseKindName(PhraseKind kind) {
  switch (kind) {
    case PhraseKind::kWeighted: return "weighted";
    case PhraseKind::kBanned: return "banned";
    case PhraseKind::kException: return "exception";
  }
  return "?";
}

PhraseLoadStats loadPhraseLists(const FileSystem& fs, const std::vector<PhraseListFile>& files,
                                PhraseLists& lists, classify::ProblemSink& problems) {
  Loader loader(fs, lists, problems);
  for (const auto& file : files) loader.readRoot(file);
  return loader.stats();
}

std::vector<PhraseListFile> e2guardianPhraseRoots(const std::string& lists_dir) {
  return {{joinPath(lists_dir, "weightedphraselist"), PhraseKind::kWeighted},
          {joinPath(lists_dir, "bannedphraselist"), PhraseKind::kBanned},
          {joinPath(lists_dir, "exceptionphraselist"), PhraseKind::kException}};
}

std::vector<PhraseListFile> phraseListsUnder(const FileSystem& fs, const std::string& dir) {
  std::vector<PhraseListFile> files;
  auto names = fs.listDirectory(dir);
  if (!names) return files;
  for (const auto& name : *names) {
    std::string path = dir + "/" + name;
    if (fs.isDirectory(path)) {
      auto inner = phraseListsUnder(fs, path);
      files.insert(files.end(), inner.begin(), inner.end());
    } else {
      files.push_back({path, phraseKindForFileName(name)});
    }
  }
  return files;
}

PhraseKind phraseKindForFileName(std::string_view name) {
  if (name.starts_with("banned")) return PhraseKind::kBanned;
  if (name.starts_with("exception")) return PhraseKind::kException;
  return PhraseKind::kWeighted;
}

std::string phraseCategoryName(std::string_view label) {
  std::string_view name = trim(label);
  if (name.ends_with(')')) {
    size_t open = name.rfind('(');
    if (open != std::string_view::npos && !trim(name.substr(0, open)).empty()) {
      name = trim(name.substr(0, open));
    }
  }
  if (name.empty()) return "uncategorised";
  std::string canonical = classify::canonicalCategory(name);
  for (auto [from, to] : kPhraseCategoryAliases) {
    if (canonical == from) return std::string(to);
  }
  return canonical;
}

}  // namespace esafety::inspect
