#include "core/file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace esafety {
namespace fs = std::filesystem;

Result<std::string> RealFileSystem::readFile(const std::string& path) const {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return invalidArgument(fmt::format("{} is a directory", path));
  std::ifstream in(path, std::ios::binary);
  if (!in) return notFound(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return ioError(fmt::format("cannot read {}", path));
  return ss.str();
}

bool RealFileSystem::isDirectory(const std::string& path) const {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool RealFileSystem::exists(const std::string& path) const {
  std::error_code ec;
  return fs::exists(path, ec);
}

Result<std::vector<std::string>> RealFileSystem::listDirectory(const std::string& path) const {
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  if (ec) return notFound(fmt::format("cannot list {}: {}", path, ec.message()));
  std::sort(names.begin(), names.end());
  return names;
}

Result<uint64_t> RealFileSystem::fileSize(const std::string& path) const {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return notFound(fmt::format("cannot stat {}: {}", path, ec.message()));
  return static_cast<uint64_t>(size);
}

Result<std::string> FileSystem::canonicalPath(const std::string& path) const {
  if (!exists(path)) return notFound(fmt::format("{} does not exist", path));
  std::string normal = fs::path(path).lexically_normal().string();
  if (normal.size() > 1 && normal.ends_with('/')) normal.pop_back();
  return normal;
}

Result<std::string> FileSystem::readRegularFile(const std::string& path, uint64_t max_bytes) const {
  if (isDirectory(path)) return invalidArgument(fmt::format("{} is a folder, not a file", path));
  auto size = fileSize(path);
  if (size && *size > max_bytes) {
    return Status(StatusCode::kResourceExhausted,
                  fmt::format("{} is bigger than {} bytes, not read", path, max_bytes));
  }
  return readFile(path);
}

Result<std::string> RealFileSystem::canonicalPath(const std::string& path) const {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) {
    return notFound(fmt::format("cannot resolve {}: {}", path, std::strerror(errno)));
  }
  std::string out(resolved);
  std::free(resolved);
  return out;
}

Result<std::string> RealFileSystem::readRegularFile(const std::string& path,
                                                    uint64_t max_bytes) const {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat decides.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return notFound(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    bool folder = S_ISDIR(st.st_mode);
    ::close(fd);
    return invalidArgument(fmt::format("{} is {}, not read", path,
                                       folder ? "a folder, not a file"
                                              : "not a regular file (a device, FIFO or socket)"));
  }
  auto too_big = [&] {
    return Status(StatusCode::kResourceExhausted,
                  fmt::format("{} is bigger than {} bytes, not read", path, max_bytes));
  };
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return too_big();
  }
  std::string out;
  out.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  // The file may grow while it is read: read to its end, but never past max_bytes + 1.
  while (true) {
    if (got == out.size()) {
      if (got > max_bytes) break;
      out.resize(std::min<uint64_t>(max_bytes + 1, std::max<uint64_t>(got * 2, 4096)));
    }
    ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return ioError(fmt::format("cannot read {}: {}", path, std::strerror(err)));
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  if (got > max_bytes) return too_big();
  out.resize(got);
  return out;
}

Result<std::string> MemoryFileSystem::readFile(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return notFound(fmt::format("cannot open {}: no such file", path));
  return it->second;
}

bool MemoryFileSystem::isDirectory(const std::string& path) const {
  std::string prefix = path.ends_with('/') ? path : path + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.starts_with(prefix);
}

bool MemoryFileSystem::exists(const std::string& path) const {
  return files_.count(path) > 0 || isDirectory(path);
}

Result<std::vector<std::string>> MemoryFileSystem::listDirectory(const std::string& path) const {
  std::string prefix = path.ends_with('/') ? path : path + "/";
  std::vector<std::string> names;
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.starts_with(prefix);
       ++it) {
    std::string rest = it->first.substr(prefix.size());
    std::string name = rest.substr(0, rest.find('/'));
    if (names.empty() || names.back() != name) names.push_back(name);
  }
  if (names.empty()) return notFound(fmt::format("cannot list {}: no such directory", path));
  return names;
}

Result<uint64_t> MemoryFileSystem::fileSize(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return notFound(fmt::format("cannot stat {}: no such file", path));
  return static_cast<uint64_t>(it->second.size());
}

Status writeFileAtomically(const std::string& path, std::string_view contents) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ioError(fmt::format("cannot create {}: {}", tmp, std::strerror(errno)));
  const char* p = contents.data();
  size_t left = contents.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return ioError(fmt::format("cannot write {}: {}", tmp, std::strerror(err)));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return ioError(fmt::format("cannot flush {}: {}", tmp, std::strerror(errno)));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return ioError(fmt::format("cannot rename {} to {}: {}", tmp, path, std::strerror(err)));
  }
  return Status::ok();
}

std::string joinPath(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.starts_with('/')) return std::string(b);
  std::string out(a);
  if (!out.ends_with('/')) out += '/';
  out += b;
  return out;
}

std::string parentPath(std::string_view path) {
  auto slash = path.rfind('/');
  if (slash == std::string_view::npos) return "";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

}  // namespace esafety
