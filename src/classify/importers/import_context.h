// ImportContext: the state one importList() call shares between the format
// parsers: where entries and problems go, the running ImportStats, and the
// byte counts behind progress reports.
//
//   ImportContext ctx(fs, sink, problems, progress);
//   ctx.error(path, 12, "line holds binary bytes");
//   ctx.add(entry);            // a sink rejection becomes an error at entry.where
//   return ctx.stats();
//
// Private to the importers. Not thread-safe: one import, one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "classify/importers.h"
#include "classify/list_entry.h"
#include "core/file_system.h"

namespace esafety::classify::importers {

// Progress is reported at least this often while a file is read.
inline constexpr uint64_t kProgressStep = 1 << 20;

class ImportContext {
 public:
  ImportContext(const FileSystem& fs, EntrySink& sink, ProblemSink& problems,
                ProgressSink* progress)
      : fs_(fs), sink_(sink), problems_(problems), progress_(progress) {}

  const FileSystem& fs() const { return fs_; }
  ImportStats& stats() { return stats_; }

  // `text`: the line's text, shown only as its excerpt() (list_entry.h);
  // `reason` must not quote the line.
  void warning(const std::string& file, uint32_t line, std::string reason,
               std::string_view text = {});
  // An error about a line (line > 0) counts that line as rejected.
  void error(const std::string& file, uint32_t line, std::string reason,
             std::string_view text = {});

  // Hands an entry to the sink; a rejection is reported at entry.where, its
  // quoted parts cut (cutQuoted), with `text`'s excerpt.
  void add(const ListEntry& entry, std::string_view text = {});

  // Fixes the progress total up front (squidGuard sums its files first);
  // otherwise each opened file adds its size to the total.
  void planBytes(uint64_t total);
  void openFile(uint64_t size);
  // Adds `delta` bytes read in `file`; reports when a step has passed or `force`.
  void advance(std::string_view file, uint64_t delta, bool force);

 private:
  const FileSystem& fs_;
  EntrySink& sink_;
  ProblemSink& problems_;
  ProgressSink* progress_;
  ImportStats stats_;
  bool planned_ = false;
  uint64_t bytes_total_ = 0;
  uint64_t bytes_done_ = 0;
  uint64_t bytes_reported_ = 0;
};

}  // namespace esafety::classify::importers
