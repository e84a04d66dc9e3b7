// DataDir: where one esafety installation keeps its state (`--data DIR`,
// default `var/`).
//
//   var/esafety.db                 the SQLite store (WAL)
//   var/index/categories.idx       the compiled category index (memory-mapped)
//   var/lists/                     list files the installation owns (the demo lists)
//   var/records.key                the key file that wraps the sealed records' data
//                                  key (records/sealer.h): mode 0600, made on first
//                                  use, never copied into the database
//
// Lists imported from elsewhere (a UT1 download, /etc/e2guardian) stay where
// they are; the store records their paths and `esafety lists compile` reads
// them again.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace esafety::control {

struct DataDir {
  std::string root;

  std::string databasePath() const { return root + "/esafety.db"; }
  std::string indexPath() const { return root + "/index/categories.idx"; }
  std::string listsDir() const { return root + "/lists"; }
  std::string recordsKeyPath() const { return root + "/records.key"; }

  // Creates the folders (mode 0750: the store holds safeguarding data).
  Status create() const;
  bool exists() const;
};

// Opens the store of an initialised data directory; a directory that was never
// initialised is kFailedPrecondition with the command that fixes it.
Result<std::unique_ptr<store::Store>> openStore(const DataDir& dir, Clock& clock);

}  // namespace esafety::control
