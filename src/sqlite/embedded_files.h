// Files compiled into the binary by cmake/Embed.cmake: each generated
// function returns (path relative to its folder, contents), sorted by path.
// The data is static and safe to read from any thread.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace esafety::sqlite {

using EmbeddedFiles = std::vector<std::pair<std::string_view, std::string_view>>;

}  // namespace esafety::sqlite
