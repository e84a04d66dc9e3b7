// PolicyStore: where a school's filtering setup lives: the school itself,
// categories, groups with their rules, local allow and deny entries, devices,
// list sources and settings. The policy area's own view of the store; the
// Store (store/store.h) implements it with the other areas' interfaces, so
// code that needs only the policy depends on this header and nothing above.
//
// The rules every backend keeps (store/store.h says them in full): errors
// are values (absent is not an error; busy is kUnavailable, corrupt kDataLoss,
// bad input kInvalidArgument naming the field); every change writes its own
// audit row in the same transaction, with a non-empty `actor`; changes to what
// is blocked or allowed need a `reason`.
//
// Illegal content is one-way: once a category is unoverridable the flag can
// never be cleared, the category never deleted, and no group may allow it,
// even at certain times (kPermissionDenied).
//
// Thread safety: implementations are safe to call from any thread; the data
// plane never calls them, it reads the compiled Snapshot.
//
//   policy::PolicyStore& store = ...;
//   auto data = store.loadPolicy(policy::kDefaultSchool);
//   if (!data) return data.status();
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/model.h"

namespace esafety::policy {

class PolicyStore {
 public:
  virtual ~PolicyStore() = default;

  // --- Schools ---------------------------------------------------------------
  // `urn` is the DfE unique reference number: digits, or empty.
  virtual Result<SchoolId> createSchool(std::string_view name, std::string_view urn,
                                        std::string_view actor) = 0;
  virtual Result<std::vector<policy::School>> schools() = 0;
  virtual Result<std::optional<policy::School>> school(SchoolId id) = 0;

  // --- Categories ------------------------------------------------------------
  // Inserts or updates by name. Clearing `unoverridable` on a category that has
  // it is kPermissionDenied. Setting it on a category some group allows is
  // kFailedPrecondition naming the group.
  virtual Status upsertCategory(SchoolId school, const policy::CategoryDef& category,
                                std::string_view actor, std::string_view reason) = 0;
  // kPermissionDenied for an unoverridable category; kFailedPrecondition while a
  // group, time rule or list source still names it; kNotFound if absent.
  virtual Status deleteCategory(SchoolId school, std::string_view name, std::string_view actor,
                                std::string_view reason) = 0;
  virtual Result<std::vector<policy::CategoryDef>> categories(SchoolId school) = 0;  // by name
  virtual Result<std::optional<policy::CategoryDef>> category(SchoolId school,
                                                              std::string_view name) = 0;

  // --- Groups ----------------------------------------------------------------
  // Inserts the group, or replaces the one with the same name, with its blocked
  // and allowed categories and its time rules, all in one transaction: on any
  // failure the old group is left exactly as it was.
  virtual Status saveGroup(SchoolId school, const policy::Group& group, std::string_view actor,
                           std::string_view reason) = 0;
  // kFailedPrecondition while a device or an active local entry uses the group.
  virtual Status deleteGroup(SchoolId school, std::string_view name, std::string_view actor,
                             std::string_view reason) = 0;
  virtual Result<std::vector<policy::Group>> groups(SchoolId school) = 0;  // by name
  virtual Result<std::optional<policy::Group>> group(SchoolId school, std::string_view name) = 0;

  // --- Local allow and deny entries --------------------------------------------
  // `entry.added_by` is the actor and `entry.reason` is required. `added_at` is
  // set from the Clock when 0. `entry.group` (empty: every group) must exist.
  // Returns the new entry's id.
  virtual Result<int64_t> addLocalEntry(SchoolId school, const policy::LocalEntry& entry) = 0;
  // Entries are never erased: a removed entry keeps who removed it and why, for
  // the record, and drops out of localEntries() and loadPolicy().
  virtual Status removeLocalEntry(SchoolId school, int64_t id, std::string_view removed_by,
                                  std::string_view reason) = 0;
  virtual Result<std::vector<policy::LocalEntry>> localEntries(SchoolId school) = 0;  // by id

  // --- Devices ---------------------------------------------------------------
  // Names, IP addresses and MAC addresses are unique within a school
  // (kAlreadyExists). `device.group` must name a group, or be empty.
  virtual Result<int64_t> addDevice(SchoolId school, const policy::Device& device,
                                    std::string_view actor) = 0;
  virtual Status updateDevice(SchoolId school, const policy::Device& device,
                              std::string_view actor) = 0;  // by device.id
  virtual Status removeDevice(SchoolId school, int64_t id, std::string_view actor) = 0;
  virtual Result<std::vector<policy::Device>> devices(SchoolId school) = 0;  // by name
  virtual Result<std::optional<policy::Device>> deviceByIp(SchoolId school,
                                                          std::string_view ip) = 0;

  // --- List sources ----------------------------------------------------------
  // `source.added_by` is the actor; `added_at` is set from the Clock when 0.
  // A non-empty `source.category` must name a category. A list changes what
  // is blocked, so it needs a `reason`, kept in its audit row.
  virtual Result<int64_t> addListSource(SchoolId school, const policy::ListSource& source,
                                        std::string_view reason) = 0;
  // Records the result of the last compile of a list.
  virtual Status updateListSourceCounts(SchoolId school, int64_t id, uint64_t entries,
                                        uint64_t rejected, std::string_view actor) = 0;
  // Needs a reason. kFailedPrecondition for a list of an unoverridable
  // category (illegal content stays blocked); kNotFound for no such list.
  virtual Status removeListSource(SchoolId school, int64_t id, std::string_view actor,
                                  std::string_view reason) = 0;
  virtual Result<std::vector<policy::ListSource>> listSources(SchoolId school) = 0;  // by id

  // --- Settings --------------------------------------------------------------
  // Keys are lower-case [a-z0-9._-]; values are free text.
  virtual Status setSetting(SchoolId school, std::string_view key, std::string_view value,
                            std::string_view actor) = 0;
  virtual Result<std::optional<std::string>> setting(SchoolId school, std::string_view key) = 0;

  // --- Whole policy ----------------------------------------------------------
  // Categories, groups with their rules, and active local entries, read in one
  // consistent snapshot. kNotFound when the school does not exist.
  virtual Result<policy::PolicyData> loadPolicy(SchoolId school) = 0;
};

}  // namespace esafety::policy
