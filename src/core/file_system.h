// FileSystem: the seam for reading files (STYLE.md §5), after LevelDB's Env.
// Importers and loaders take a FileSystem& so tests can run against an
// in-memory tree, including files that vanish or include loops.
//
//   MemoryFileSystem fs;
//   fs.put("/lists/a", ".Include</lists/b>\n");
//   auto text = fs.readFile("/lists/a");
//
// Thread safety: RealFileSystem is stateless and safe from any thread.
// MemoryFileSystem is not synchronised; fill it before sharing it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace esafety {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<std::string> readFile(const std::string& path) const = 0;
  virtual bool isDirectory(const std::string& path) const = 0;
  virtual bool exists(const std::string& path) const = 0;
  // Names (not paths) of the entries of a directory, sorted.
  virtual Result<std::vector<std::string>> listDirectory(const std::string& path) const = 0;
  // Size in bytes, for progress reporting.
  virtual Result<uint64_t> fileSize(const std::string& path) const = 0;

  // The path with symbolic links, "." and ".." resolved (realpath(3));
  // kNotFound when it does not exist. The default (for in-memory trees,
  // which have no links) only tidies the path lexically.
  virtual Result<std::string> canonicalPath(const std::string& path) const;
  // Reads a regular file of at most `max_bytes`: a folder, a device
  // (/dev/zero), a FIFO or a socket is kInvalidArgument without reading a
  // byte, and a bigger file kResourceExhausted. RealFileSystem checks the
  // opened file itself (fstat), so a path swapped after a check cannot slip
  // a device in, and never reads more than max_bytes + 1 bytes.
  virtual Result<std::string> readRegularFile(const std::string& path, uint64_t max_bytes) const;
};

class RealFileSystem final : public FileSystem {
 public:
  Result<std::string> readFile(const std::string& path) const override;
  bool isDirectory(const std::string& path) const override;
  bool exists(const std::string& path) const override;
  Result<std::vector<std::string>> listDirectory(const std::string& path) const override;
  Result<uint64_t> fileSize(const std::string& path) const override;
  Result<std::string> canonicalPath(const std::string& path) const override;
  Result<std::string> readRegularFile(const std::string& path, uint64_t max_bytes) const override;
};

// Paths are plain strings; a directory exists when some file lies under it.
class MemoryFileSystem final : public FileSystem {
 public:
  void put(const std::string& path, std::string contents) { files_[path] = std::move(contents); }
  Result<std::string> readFile(const std::string& path) const override;
  bool isDirectory(const std::string& path) const override;
  bool exists(const std::string& path) const override;
  Result<std::vector<std::string>> listDirectory(const std::string& path) const override;
  Result<uint64_t> fileSize(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

// Writes `contents` to `path` atomically: a temporary file in the same
// directory, fsync, then rename, so a crash leaves the old or the new file.
Status writeFileAtomically(const std::string& path, std::string_view contents);

// Joins two path parts with one '/'.
std::string joinPath(std::string_view a, std::string_view b);
// The directory part of a path ("" when there is none).
std::string parentPath(std::string_view path);

}  // namespace esafety
