#include "tls/secret_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include <fmt/format.h>

namespace esafety::tls {

Status writeSecretFile(const std::string& path, std::string_view contents, bool sync) {
  std::random_device rd;
  std::string temporary = fmt::format("{}.tmp-{:08x}", path, rd());
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return ioError(fmt::format("cannot create {}: {}", temporary, std::strerror(errno)));
  // The umask can only take bits away from 0600; fchmod makes the mode exact.
  bool ok = ::fchmod(fd, 0600) == 0;
  size_t done = 0;
  while (ok && done < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    else done += static_cast<size_t>(n);
  }
  ok = ok && (!sync || ::fsync(fd) == 0);
  int saved = errno;
  ::close(fd);
  if (!ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
    if (ok) saved = errno;
    ::unlink(temporary.c_str());
    return ioError(fmt::format("cannot write {}: {}", path, std::strerror(saved)));
  }
  return Status::ok();
}

Status makePrivateDirectory(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Status::ok();
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    return ioError(fmt::format("cannot create the folder {}: {}", path, std::strerror(errno)));
  }
  return Status::ok();
}

}  // namespace esafety::tls
