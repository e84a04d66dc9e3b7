#include "inspect/search/monitoring_list.h"

#include <fmt/format.h>

#include <map>

#include "core/text.h"
#include "inspect/search/match_text.h"

namespace esafety::search {

// Generated from data/monitoring/*.list by cmake/Embed.cmake.
const std::vector<std::pair<std::string_view, std::string_view>>& monitoringListFiles();

namespace {

bool isSpaceOrTab(char c) {
  return c == ' ' || c == '\t';
}

class FileParser {
 public:
  FileParser(std::string_view file, std::string_view category, MonitoringLists& out)
      : file_(file), category_(category), out_(out) {}

  void parse(std::string_view text) {
    if (text.size() > kMaxMonitoringFileBytes) {
      problem(0, fmt::format("file is {} bytes; the limit is {}", text.size(),
                             kMaxMonitoringFileBytes));
      return;
    }
    LineReader lines(text);
    std::string_view line;
    while (lines.next(line)) parseLine(lines.lineNumber(), line);
  }

 private:
  void problem(int line, std::string reason) {
    out_.problems.push_back({std::string(file_), line, std::move(reason)});
  }

  void parseLine(int number, std::string_view raw) {
    if (raw.size() > kMaxMonitoringLineBytes) {
      problem(number, fmt::format("line is {} bytes; the limit is {}", raw.size(),
                                  kMaxMonitoringLineBytes));
      return;
    }
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') return;
    if (looksBinary(line)) {
      problem(number, "control characters in the line; is this a text file?");
      return;
    }
    // "<phrase> <level>": the level is the last word on the line.
    size_t gap = line.size();
    while (gap > 0 && !isSpaceOrTab(line[gap - 1])) --gap;
    if (gap == 0) {
      problem(number, fmt::format("expected '<phrase><TAB><risk level 1-5>', got '{}'", line));
      return;
    }
    std::string_view level_text = line.substr(gap);
    std::string_view phrase = trim(line.substr(0, gap));
    MonitoringEntry entry;
    entry.context = phrase.starts_with('!');
    const int lowest = entry.context ? 0 : kMinRiskLevel;
    if (level_text.size() != 1 || level_text[0] < '0' + lowest ||
        level_text[0] > '0' + kMaxRiskLevel) {
      problem(number, fmt::format("risk level must be {} to {}, not '{}'", lowest, kMaxRiskLevel,
                                  level_text));
      return;
    }
    entry.level = static_cast<uint8_t>(level_text[0] - '0');
    std::string_view body = entry.context ? trim(phrase.substr(1)) : phrase;
    if (!parseBody(number, phrase, body, entry)) return;
    std::string key = std::string(entry.context ? "!" : "") + entry.pattern +
                      (entry.prefix ? "*" : "");
    if (entry.near_words >= 0) {
      key += fmt::format(" ~{} {}{}", entry.near_words, entry.near_pattern,
                         entry.near_prefix ? "*" : "");
    }
    auto [it, inserted] = seen_.emplace(key, number);
    if (!inserted) {
      problem(number, fmt::format("'{}' is the same phrase as line {} once normalised", phrase,
                                  it->second));
      return;
    }
    entry.category = std::string(category_);
    entry.phrase = std::string(phrase);
    entry.file = std::string(file_);
    entry.line = number;
    out_.entries.push_back(std::move(entry));
  }

  // "A" or "A ~N B" into the entry's patterns; false (with a problem) when bad.
  bool parseBody(int number, std::string_view phrase, std::string_view body,
                 MonitoringEntry& entry) {
    size_t tilde = body.find(" ~");
    if (tilde == std::string_view::npos) tilde = body.find("\t~");
    if (tilde != std::string_view::npos) {
      std::string_view rest = trim(body.substr(tilde + 2));
      size_t digits = 0;
      while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
      if (digits != 1 || rest.size() == 1 || !isSpaceOrTab(rest[1])) {
        problem(number, fmt::format("'~' must be followed by a number of words 0 to {} and a "
                                    "phrase, as in 'teacher ~3 touched me'",
                                    kMaxProximityWords));
        return false;
      }
      entry.near_words = rest[0] - '0';
      if (!parsePart(number, phrase, trim(rest.substr(1)), entry.near_pattern, entry.near_prefix,
                     1)) {
        return false;
      }
      body = trim(body.substr(0, tilde));
    }
    const size_t min_bytes = entry.near_words >= 0 ? 1 : kMinMonitoringPhraseBytes;
    return parsePart(number, phrase, body, entry.pattern, entry.prefix, min_bytes);
  }

  bool parsePart(int number, std::string_view phrase, std::string_view part, std::string& pattern,
                 bool& prefix, size_t min_bytes) {
    prefix = part.ends_with('*');
    std::string_view body = prefix ? part.substr(0, part.size() - 1) : part;
    if (body.find('*') != std::string_view::npos) {
      problem(number, "'*' is allowed only at the end of a phrase");
      return false;
    }
    if (body.find('~') != std::string_view::npos) {
      problem(number, "'~' is allowed once in a line, as in 'teacher ~3 touched me'");
      return false;
    }
    if (prefix && (body.empty() || isSpaceOrTab(body.back()))) {
      problem(number, "'*' must follow the start of a word, as in 'suicid*'");
      return false;
    }
    pattern = normalizeForMatching(body);
    if (pattern.size() < min_bytes) {
      problem(number, fmt::format("phrase '{}' is shorter than {} letters once normalised ('{}')",
                                  phrase, min_bytes, pattern));
      return false;
    }
    if (pattern.size() > kMaxMonitoringPhraseBytes) {
      problem(number, fmt::format("phrase is {} bytes once normalised; the limit is {}",
                                  pattern.size(), kMaxMonitoringPhraseBytes));
      return false;
    }
    return true;
  }

  std::string_view file_, category_;
  MonitoringLists& out_;
  std::map<std::string, int> seen_;  // normalised phrase -> first line
};

}  // namespace

std::string MonitoringProblem::toString() const {
  if (line == 0) return fmt::format("{}: {}", file, reason);
  return fmt::format("{}:{}: {}", file, line, reason);
}

void parseMonitoringList(std::string_view file, std::string_view category, std::string_view text,
                         MonitoringLists& out) {
  FileParser(file, category, out).parse(text);
}

std::string monitoringCategoryOf(std::string_view file_name) {
  size_t slash = file_name.rfind('/');
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  if (!file_name.ends_with(".list")) return {};
  std::string_view name = file_name.substr(0, file_name.size() - 5);
  if (name.empty() || name.size() > 48) return {};  // events::Event::category holds 48
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return {};
  }
  return std::string(name);
}

MonitoringLists loadMonitoringLists(const FileSystem& fs, const std::string& dir) {
  MonitoringLists out;
  auto names = fs.listDirectory(dir);
  if (!names) {
    out.problems.push_back({dir, 0, names.status().message()});
    return out;
  }
  for (const std::string& name : *names) {
    if (!name.ends_with(".list")) continue;
    const std::string path = joinPath(dir, name);
    std::string category = monitoringCategoryOf(name);
    if (category.empty()) {
      out.problems.push_back(
          {path, 0, "a list's name must be <category>.list, using a-z, 0-9 and '-'"});
      continue;
    }
    auto text = fs.readFile(path);
    if (!text) {
      out.problems.push_back({path, 0, text.status().message()});
      continue;
    }
    parseMonitoringList(path, category, *text, out);
  }
  return out;
}

MonitoringLists builtinMonitoringLists() {
  MonitoringLists out;
  for (const auto& [name, text] : monitoringListFiles()) {
    const std::string file = "monitoring/" + std::string(name);
    std::string category = monitoringCategoryOf(name);
    if (category.empty()) {
      out.problems.push_back({file, 0, "a list's name must be <category>.list"});
      continue;
    }
    parseMonitoringList(file, category, text, out);
  }
  return out;
}

MonitoringLists builtinAndSchoolMonitoringLists(const FileSystem& fs,
                                                const std::string& school_dir) {
  MonitoringLists out = builtinMonitoringLists();
  if (school_dir.empty()) return out;
  MonitoringLists school = loadMonitoringLists(fs, school_dir);
  for (auto& e : school.entries) out.entries.push_back(std::move(e));
  for (auto& p : school.problems) out.problems.push_back(std::move(p));
  return out;
}

}  // namespace esafety::search
