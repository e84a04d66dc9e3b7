// DataDirLock: who is using a data folder. `esafety serve` holds a shared
// lock on <data>/serve.lock for as long as it runs; `esafety restore` takes
// the exclusive lock, so it cannot replace the files under a running server
// (nor can a server start while a restore is replacing them). The lock is
// flock(2) on an open file, so it ends with the process, even a crashed one.
//
//   auto lock = DataDirLock::exclusive(dir);   // kFailedPrecondition: serve runs
//   ... replace the files ...
//   // released when `lock` goes
//
// Thread safety: a value owned by one thread.
#pragma once

#include <memory>
#include <string>

#include "control/data_dir.h"
#include "core/status.h"

namespace esafety::control {

class DataDirLock {
 public:
  // For `esafety serve`: many may hold it; fails while a restore runs.
  static Result<DataDirLock> shared(const DataDir& dir);
  // For `esafety restore`: fails while a server runs on `dir`.
  static Result<DataDirLock> exclusive(const DataDir& dir);

  DataDirLock(DataDirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DataDirLock& operator=(DataDirLock&&) = delete;
  DataDirLock(const DataDirLock&) = delete;
  ~DataDirLock();

  static std::string path(const DataDir& dir) { return dir.root + "/serve.lock"; }

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  static Result<DataDirLock> take(const DataDir& dir, bool exclusive);
  int fd_;
};

}  // namespace esafety::control
