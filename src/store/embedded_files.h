// Files compiled into the binary by cmake/Embed.cmake (see CMakeLists.txt), so
// that esafety needs no data directory at run time. Each function returns
// (path relative to its folder, contents), sorted by path; the data is static
// and safe to read from any thread.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace esafety::store {

using EmbeddedFiles = std::vector<std::pair<std::string_view, std::string_view>>;

// src/store/migrations/sqlite/*.sql: "0001_init.sql", ...
const EmbeddedFiles& sqliteMigrationFiles();
// data/demo/lists/<category>/{domains,urls}: "gambling/domains", ...
const EmbeddedFiles& demoListFiles();

}  // namespace esafety::store
