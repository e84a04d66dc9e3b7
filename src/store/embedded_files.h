// The store's files compiled into the binary (src/store/CMakeLists.txt):
// its migrations and the demo school's lists.
#pragma once

#include "sqlite/embedded_files.h"
#include "sqlite/migrator.h"

namespace esafety::store {

// src/store/migrations/sqlite/*.sql: "0001_init.sql", ...
const sqlite::EmbeddedFiles& sqliteMigrationFiles();
// data/demo/lists/<category>/{domains,urls}: "gambling/domains", ...
const sqlite::EmbeddedFiles& demoListFiles();

// The policy store's migrations, for sqlite::migrate().
const sqlite::MigrationSet& storeMigrations();

}  // namespace esafety::store
