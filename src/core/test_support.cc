#include "core/test_support.h"

#include <stdlib.h>

#include <filesystem>

namespace esafety::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "esafety-test-XXXXXX").string();
  char* made = mkdtemp(pattern.data());
  EXPECT_NE(made, nullptr) << "mkdtemp failed";
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::file(std::string_view name) const { return path_ + "/" + std::string(name); }

}  // namespace esafety::testing
