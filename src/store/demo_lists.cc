// writeDemoLists(): unpacks the embedded demo list files into a folder.
#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "core/file_system.h"
#include "store/demo_school.h"
#include "store/embedded_files.h"

namespace esafety::store {

Status writeDemoLists(const std::string& lists_dir) {
  if (lists_dir.empty()) return invalidArgument("a folder for the demo lists is required");
  for (const auto& [relative, contents] : demoListFiles()) {
    const std::string path = joinPath(lists_dir, relative);
    std::error_code error;
    std::filesystem::create_directories(parentPath(path), error);
    if (error) {
      return ioError(fmt::format("cannot create folder {}: {}", parentPath(path), error.message()));
    }
    ESAFETY_RETURN_IF_ERROR(writeFileAtomically(path, contents));
  }
  return Status::ok();
}

}  // namespace esafety::store
