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
    if (level_text.size() != 1 || level_text[0] < '0' + kMinRiskLevel ||
        level_text[0] > '0' + kMaxRiskLevel) {
      problem(number, fmt::format("risk level must be {} to {}, not '{}'", kMinRiskLevel,
                                  kMaxRiskLevel, level_text));
      return;
    }
    MonitoringEntry entry;
    entry.level = static_cast<uint8_t>(level_text[0] - '0');
    entry.prefix = phrase.ends_with('*');
    std::string_view body = entry.prefix ? phrase.substr(0, phrase.size() - 1) : phrase;
    if (body.find('*') != std::string_view::npos) {
      problem(number, "'*' is allowed only at the end of a phrase");
      return;
    }
    if (entry.prefix && (body.empty() || isSpaceOrTab(body.back()))) {
      problem(number, "'*' must follow the start of a word, as in 'suicid*'");
      return;
    }
    entry.pattern = normalizeForMatching(body);
    if (entry.pattern.size() < kMinMonitoringPhraseBytes) {
      problem(number, fmt::format("phrase '{}' is shorter than {} letters once normalised ('{}')",
                                  phrase, kMinMonitoringPhraseBytes, entry.pattern));
      return;
    }
    if (entry.pattern.size() > kMaxMonitoringPhraseBytes) {
      problem(number, fmt::format("phrase is {} bytes once normalised; the limit is {}",
                                  entry.pattern.size(), kMaxMonitoringPhraseBytes));
      return;
    }
    std::string key = entry.pattern + (entry.prefix ? "*" : "");
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

}  // namespace esafety::search
