// Fuzzes the e2guardian .Include resolution behind the list folders' fence
// (src/control/list_folders.h): the input is split at lines "@@ <path>" into
// files of a MemoryFileSystem (the first part is /lists/root), beside a
// secret outside the list folder. Whatever the includes say (absolute,
// relative, "..", loops, deep chains), nothing outside /lists is read: no
// entry comes from outside, the secret never shows in an entry or a problem,
// the byte caps hold, and every problem names a file.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "classify/importers.h"
#include "control/list_folders.h"

namespace {

constexpr std::string_view kSecret = "SECRET-7f3a9c-DO-NOT-SHOW-ME.example";

class Checking final : public esafety::classify::EntrySink,
                       public esafety::classify::ProblemSink {
 public:
  esafety::Status add(const esafety::classify::ListEntry& entry) override {
    if (!entry.where.file.starts_with("/lists/")) std::abort();
    if (entry.where.file.find("/../") != std::string::npos) std::abort();
    if (entry.value.find(kSecret) != std::string::npos) std::abort();
    return esafety::Status::ok();
  }
  void report(esafety::classify::ImportProblem problem) override {
    if (problem.where.file.empty()) std::abort();
    if (problem.toString().find(kSecret) != std::string::npos) std::abort();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esafety;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  MemoryFileSystem files;
  files.put("/secret/key", std::string(kSecret) + "\n");
  files.put("/lists-not/x", std::string(kSecret) + "\n");  // a prefix, not the folder
  std::string path = "/lists/root";
  size_t pos = 0;
  while (pos <= input.size()) {
    size_t next = input.find("\n@@ ", pos);
    std::string_view part = input.substr(pos, next == std::string_view::npos ? next : next - pos);
    files.put(path, std::string(part));
    if (next == std::string_view::npos) break;
    size_t end = input.find('\n', next + 4);
    path = std::string(input.substr(next + 4, end == std::string_view::npos ? end : end - next - 4));
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  control::ListFolders folders{{"/lists"}, 4096, 16384};
  control::ConfinedListFiles fence(files, folders);
  Checking checking;
  classify::importList(fence, {"/lists/root", classify::ListFormat::kE2Guardian, "fuzz"}, checking,
                       checking, nullptr);
  if (fence.bytesRead() > folders.max_total_bytes) std::abort();
  return 0;
}
