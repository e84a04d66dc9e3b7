// ListFolders: where category lists may be read from, and how much. A list
// import names a path on the server, and an e2guardian list names more with
// `.Include<...>`; without a fence either could read any file the server can
// (a key, /etc/shadow) or a device that never ends (/dev/zero). This is the
// fence, as a FileSystem (core/file_system.h) that every list read goes
// through: the CLI's and the console's ListAdmin (list_admin.h) and the
// compile (list_compiler.h), so an import's file, each squidGuard folder
// entry and each `.Include` are checked alike, every time they are read.
//
// A path is read only when
//   - its real path (symbolic links and ".." resolved) lies in one of the
//     folders (themselves resolved at each check);
//   - it is a regular file: a device, FIFO or socket is refused unread;
//   - it is at most max_file_bytes, and all files read through this fence
//     so far stay within max_total_bytes (one compile makes one fence).
// Everything else is an error naming the path and the rule, never its text.
// Folders outside the fence are neither listed nor reported as existing.
//
//   ListFolders folders = ListFolders::forDataDir(dir, config.lists);
//   ConfinedListFiles files(RealFileSystem(), folders);
//   if (Status s = files.check("/srv/ut1"); !s.isOk()) ...   // "path: ... outside ..."
//   compileLists(store, school, files, dir.indexPath(), &progress, problems);
//
// Thread safety: ListFolders is a value. A ConfinedListFiles may be shared
// by threads (its byte count is atomic), as its inner FileSystem allows.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/file_system.h"

namespace esafety::control {

struct ListFolders {
  std::vector<std::string> folders;  // absolute, as configured
  uint64_t max_file_bytes = 0;
  uint64_t max_total_bytes = 0;

  // The configured `[lists]` folders, or when none are configured the
  // defaults: <data>/lists and the usual places of e2guardian's and
  // squidGuard's lists (ServeConfig::Lists::kDefaultFolders). <data>/lists
  // (where the console keeps uploads) is always one of them.
  static ListFolders forDataDir(const std::string& data_dir, const ServeConfig::Lists& config);
};

class ConfinedListFiles final : public FileSystem {
 public:
  // `inner` must outlive this. Folders that do not exist (yet) are left out.
  ConfinedListFiles(const FileSystem& inner, const ListFolders& folders);

  // Ok when `path` may be read (it need not be a file yet: a folder under
  // the fence passes); else kPermissionDenied, "path: <path> is outside the
  // list folders (...)", or kNotFound. The FileSystem calls' errors say the
  // same without the "path: " (they are about an .Include or a folder entry).
  Status check(const std::string& path) const;
  uint64_t bytesRead() const { return bytes_read_.load(); }
  // The folders that exist, with their links resolved.
  std::vector<std::string> resolvedFolders() const;

  Result<std::string> readFile(const std::string& path) const override;
  bool isDirectory(const std::string& path) const override;
  bool exists(const std::string& path) const override;
  Result<std::vector<std::string>> listDirectory(const std::string& path) const override;
  Result<uint64_t> fileSize(const std::string& path) const override;
  Result<std::string> canonicalPath(const std::string& path) const override;
  Result<std::string> readRegularFile(const std::string& path, uint64_t max_bytes) const override;

 private:
  // The resolved path when it lies inside the fence.
  Result<std::string> inside(const std::string& path) const;

  const FileSystem& inner_;
  std::vector<std::string> folders_;
  uint64_t max_file_bytes_;
  uint64_t max_total_bytes_;
  mutable std::atomic<uint64_t> bytes_read_{0};
};

}  // namespace esafety::control
