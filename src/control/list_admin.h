// ListAdmin: adding and removing the category lists the index is compiled
// from, one function per change, shared by `esafety lists import|remove`
// (app/cmd_lists.cc) and the console's Lists page (console/routes_lists.cc).
// Both doors then compile the lists again (list_compiler.h; the console on
// its own thread, console/list_job.h).
//
// Each change checks its input (messages name the field: "reason: ...",
// "category: ...", "path: ..."), needs a reason (reason.h: a list changes
// what is blocked), and is one store write that keeps the change and its one
// audit row in one transaction. A list of an unoverridable category (illegal
// content) is never removed.
//
// What stays with a door: where a file comes from. The CLI takes a path on
// this machine; the console also takes an upload, which it keeps under
// <data>/lists/uploaded before adding it here (check() first, so a file that
// would be refused is never written).
//
// Thread safety: as the Store it borrows; the FileSystem seam (core/
// file_system.h) is only read. Front doors pass a ConfinedListFiles
// (list_folders.h), so only the configured list folders can be named.
//
//   ConfinedListFiles files(RealFileSystem(), ListFolders::forDataDir(data, config.lists));
//   ListAdmin lists(store, kDefaultSchool, files);
//   auto added = lists.addList({.path = "/srv/lists/vpn-hosts.txt",
//                               .format = classify::ListFormat::kHosts,
//                               .category = "circumvention"},
//                              "it.technician", "The trust's VPN list");
//   auto removed = lists.removeList(added->id, "it.technician", "Replaced by UT1");
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "classify/importers.h"
#include "core/file_system.h"
#include "policy/model.h"
#include "store/store.h"

namespace esafety::control {

struct NewList {
  std::string path;  // absolute: a list file, or a squidGuard/UT1 folder
  classify::ListFormat format = classify::ListFormat::kAuto;
  std::string category;  // "": named by the list itself (its folder, #listcategory)
};

class ListAdmin {
 public:
  ListAdmin(store::Store& store, policy::SchoolId school, const FileSystem& fs)
      : store_(store), school_(school), fs_(fs) {}

  // The checks that need neither the store's write nor the file to exist
  // yet: the reason; the category, one the school has and never
  // "uncategorised" (a rule, not a list); and that a single file in a format
  // that cannot name its own category (plain, hosts, Adblock) comes with one.
  Status check(const NewList& list, std::string_view reason);
  // check(), then that the path is absolute and exists, and that the file
  // system lets it be read (a ConfinedListFiles refuses a path outside the
  // list folders: kPermissionDenied, "path: ..."); adds the list with
  // `actor` and `reason` in its audit row. Returns it as stored. A path that
  // is a list already is kAlreadyExists.
  Result<policy::ListSource> addList(NewList list, std::string_view actor,
                                     std::string_view reason);
  // Stops using a list (the file is left where it is). Returns the list as
  // it was; kNotFound for no such list; kFailedPrecondition for a list of an
  // unoverridable category.
  Result<policy::ListSource> removeList(int64_t id, std::string_view actor,
                                        std::string_view reason);

 private:
  store::Store& store_;
  policy::SchoolId school_;
  const FileSystem& fs_;
};

}  // namespace esafety::control
