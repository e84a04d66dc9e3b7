// The entries that list importers produce and the category index consumes,
// and the sinks that connect them. Importers never see the index, and the
// index never parses a file format.
//
//   struct Collect : EntrySink { ... };
//   importPlainDomains(fs, "/lists/adult/domains", "pornography", sink, problems);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace esafety::classify {

enum class EntryKind : uint8_t {
  kDomain,      // a host and all its subdomains ("example.com")
  kUrl,         // a host (and subdomains) plus a path prefix ("example.com/games")
  kCidr,        // an IP address or network ("192.0.2.0/24", "2001:db8::/32")
  kExpression,  // a regular expression matched against "host/path?query"
};

std::string_view entryKindName(EntryKind kind);

// Where an entry came from, for the explanation "lists/adult/domains:1234".
struct SourceLocation {
  std::string file;
  uint32_t line = 0;
};

struct ListEntry {
  EntryKind kind = EntryKind::kDomain;
  std::string category;   // category name, e.g. "pornography"
  std::string value;      // as written in the file, trimmed
  bool exception = false; // Adblock "@@": this name is NOT in the category
  SourceLocation where;
};

// Receives entries from an importer. Returns a non-OK status to reject one
// entry (for example a malformed host); the importer reports it as a problem
// at the entry's file:line and carries on.
class EntrySink {
 public:
  virtual ~EntrySink() = default;
  virtual Status add(const ListEntry& entry) = 0;
};

enum class Severity : uint8_t { kWarning, kError };

// One rejected or questionable line. A list may be any file a technician
// points at by mistake (a .env file, a key), and problems are printed and
// shown on the console: a line's text is only ever shown cut, as excerpt().
struct ImportProblem {
  Severity severity = Severity::kError;
  SourceLocation where;   // line 0 when it is about the whole file
  std::string reason;     // "label longer than 63 bytes"; never a whole line
  std::string excerpt;    // the line's start, from excerpt(); "" for a whole file

  // "lists/adult/domains:12: error: label longer than 63 bytes (line: "ab…")"
  std::string toString() const;
};

// How much of a line a problem shows.
inline constexpr size_t kExcerptChars = 24;

// The first kExcerptChars characters of `text`, with "…" when it goes on;
// control bytes, bytes of 0x80 and over, '\' and '"' are escaped (\xNN, \\,
// \"), each counting as one character.
std::string excerpt(std::string_view text);
// `message` with each '...'-quoted part longer than kExcerptChars cut as by
// excerpt(): a sink's reason quotes the value it rejects.
std::string cutQuoted(std::string_view message);

// Collects problems; importers never stop for one.
class ProblemSink {
 public:
  virtual ~ProblemSink() = default;
  virtual void report(ImportProblem problem) = 0;
};

class ProblemList final : public ProblemSink {
 public:
  void report(ImportProblem problem) override { problems_.push_back(std::move(problem)); }
  const std::vector<ImportProblem>& problems() const { return problems_; }
  size_t errors() const;

 private:
  std::vector<ImportProblem> problems_;
};

// Progress on long imports: bytes done of bytes total, across all files.
class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void progress(std::string_view file, uint64_t bytes_done, uint64_t bytes_total) = 0;
};

}  // namespace esafety::classify
