#include "control/data_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace esafety::control {

Result<DataDirLock> DataDirLock::take(const DataDir& dir, bool exclusive) {
  std::string file = path(dir);
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return ioError(fmt::format("cannot open {}: {}", file, std::strerror(errno)));
  if (::flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd);
    if (err != EWOULDBLOCK) {
      return ioError(fmt::format("cannot lock {}: {}", file, std::strerror(err)));
    }
    if (exclusive) {
      return failedPrecondition(fmt::format(
          "esafety serve is running on {}: stop it first (systemctl stop esafety), then restore",
          dir.root));
    }
    return failedPrecondition(
        fmt::format("{} is being restored from a backup: wait for it to finish", dir.root));
  }
  return DataDirLock(fd);
}

Result<DataDirLock> DataDirLock::shared(const DataDir& dir) { return take(dir, false); }
Result<DataDirLock> DataDirLock::exclusive(const DataDir& dir) { return take(dir, true); }

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace esafety::control
