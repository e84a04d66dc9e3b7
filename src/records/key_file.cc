#include "records/key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace esafety::records {
namespace {

// Closes a descriptor on every path out.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Status writeAll(int fd, const uint8_t* bytes, size_t size, const std::string& path) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, bytes + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return ioError(fmt::format("cannot write the key file {}: {}", path, std::strerror(errno)));
    done += static_cast<size_t>(n);
  }
  return Status::ok();
}

// Makes the file whole or not at all: the bytes go to a temporary file
// (0600) that is then linked to `path`, which fails with EEXIST when another
// process made it first (kAlreadyExists). A crash leaves a stray temporary
// file, never a short key file.
Status createKeyFile(const std::string& path) {
  std::string temp = path + ".XXXXXX";
  Fd out{::mkostemp(temp.data(), O_CLOEXEC)};
  if (out.fd < 0) {
    return ioError(fmt::format("cannot create the key file {}: {}", path, std::strerror(errno)));
  }
  Secret key(kKeyFileBytes);
  randombytes_buf(key.data(), key.size());
  Status written = writeAll(out.fd, key.data(), key.size(), path);
  if (written.isOk() && (::fchmod(out.fd, 0600) != 0 || ::fsync(out.fd) != 0)) {
    written = ioError(fmt::format("cannot write the key file {}: {}", path, std::strerror(errno)));
  }
  int linked = written.isOk() ? ::link(temp.c_str(), path.c_str()) : 0;
  int link_errno = errno;
  ::unlink(temp.c_str());
  ESAFETY_RETURN_IF_ERROR(written);
  if (linked != 0) {
    if (link_errno == EEXIST) return alreadyExists(path);
    return ioError(fmt::format("cannot create the key file {}: {}", path, std::strerror(link_errno)));
  }
  return Status::ok();
}

Result<Secret> readKeyFile(const std::string& path) {
  Fd in{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)};
  if (in.fd < 0) {
    if (errno == ENOENT) return notFound(fmt::format("the key file {} is missing", path));
    return ioError(fmt::format("cannot open the key file {}: {}", path, std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(in.fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    return dataLoss(fmt::format("the key file {} is not a regular file", path));
  }
  if ((info.st_mode & 077) != 0) {
    return permissionDenied(fmt::format(
        "the key file {} may be read by others (mode {:o}); run `chmod 600 {}`", path,
        info.st_mode & 0777, path));
  }
  if (static_cast<size_t>(info.st_size) != kKeyFileBytes) {
    return dataLoss(fmt::format("the key file {} is {} bytes, not {}: it is not an esafety key file",
                                path, info.st_size, kKeyFileBytes));
  }
  Secret key(kKeyFileBytes);
  size_t done = 0;
  while (done < key.size()) {
    ssize_t n = ::read(in.fd, key.data() + done, key.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return ioError(fmt::format("cannot read the key file {}", path));
    done += static_cast<size_t>(n);
  }
  return key;
}

}  // namespace

Result<Secret> readOrCreateKeyFile(const std::string& path, bool may_create) {
  auto key = readKeyFile(path);
  if (key || key.status().code() != StatusCode::kNotFound || !may_create) return key;
  Status made = createKeyFile(path);
  if (!made.isOk() && made.code() != StatusCode::kAlreadyExists) return made;
  return readKeyFile(path);
}

}  // namespace esafety::records
