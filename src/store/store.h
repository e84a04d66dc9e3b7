// Store: where a school's policy, devices, lists, settings and audit trail
// live. A domain-level interface: callers speak in policy::Group and
// policy::Device, never in SQL, and every method names the school it acts for,
// because every row belongs to a school (DESIGN.md §5). One school is just the
// smallest tenant; school 2 never sees school 1's rows.
//
// Backends: SqliteStore (sqlite/sqlite_store.h) is the embedded default; a
// PostgreSQL backend will implement the same interface and pass the same tests.
//
// The rules every backend keeps:
//   - Errors are values. Lookups of one thing return Result<std::optional<T>>:
//     absent is not an error. A busy database is kUnavailable (retry), a
//     corrupt one kDataLoss, bad input kInvalidArgument naming the field.
//   - Every change writes its own audit row (who, when, what, why) in the same
//     transaction as the change, so a caller cannot forget it and a failed
//     change leaves no audit row. Changing methods take the `actor` (a user
//     name, or "system" for jobs); an empty actor is kInvalidArgument.
//   - Changes to what is blocked or allowed (categories, groups, local entries,
//     removing a list) also take a `reason`, because the DfE standards ask
//     schools to document every such decision; empty is kInvalidArgument
//     "a reason is required".
//   - Unoverridable categories (illegal content) are one-way: once set, the
//     flag can never be cleared, the category can never be deleted, and no
//     group may allow it, even at certain times (kPermissionDenied).
//   - A group refers to categories by name, and those names are checked: an
//     unknown category is kInvalidArgument naming it, and nothing is saved.
//   - Timestamps come from the Clock the store was opened with.
//
// Ownership and threads: a Store owns its connection. Implementations are
// safe to call from any thread (SqliteStore serialises calls); the data plane
// never calls it, it reads the compiled Snapshot instead.
//
// Usage:
//   SystemClock clock;
//   auto store = openSqliteStore("var/esafety.db", clock);
//   if (!store) return store.status();
//   auto policy = (*store)->loadPolicy(policy::kDefaultSchool);
//   if (!policy) return policy.status();
//   Status s = (*store)->addLocalEntry(policy::kDefaultSchool,
//       {.pattern = "games-demo.example", .action = policy::Action::kBlock,
//        .added_by = "it.technician", .reason = "Distracting in lessons"}).status();
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "identity/model.h"
#include "policy/model.h"

namespace esafety::store {

using policy::SchoolId;

// One row of a school's audit trail: who did what to which thing, when and why.
struct AuditEntry {
  int64_t id = 0;        // increases with time within a database
  SchoolId school = 0;
  int64_t at = 0;        // Unix seconds, from the store's Clock
  std::string actor;     // "it.technician", "system"
  std::string action;    // "group.save", "local_entry.add", ...
  std::string target;    // the thing changed: "KS1", "local entry 12"
  std::string detail;    // what changed, in words
  std::string reason;    // why, as the person gave it; may be empty
};

// A request made from the block page, waiting in the console's inbox.
struct InboxRequest {
  int64_t id = 0;
  std::string kind;        // "tell-teacher" or "ask-check"
  uint64_t reference = 0;  // the blocked request's event reference
  std::string message;     // "Why do you need it?" (adults only); may be empty
  std::string client_ip;
  int64_t created_at = 0;  // set from the Clock when 0
  std::string status = "new";
};

class Store {
 public:
  virtual ~Store() = default;

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

  // --- People (identity/model.h) --------------------------------------------
  // Adds a member of staff, a year-group login or the visitor login (pupils
  // come in through importPupils). Logins are unique within a school, case
  // aside (kAlreadyExists). The password hash is never written to the audit.
  virtual Result<int64_t> addPerson(SchoolId school, const identity::Person& person,
                                    std::string_view actor) = 0;
  // Imports pupils all-or-nothing in one transaction: any invalid pupil or
  // UPN already stored fails the whole import (naming the UPN) and stores
  // nothing. One audit row records the count. Returns how many were added.
  virtual Result<size_t> importPupils(SchoolId school, const std::vector<identity::Person>& pupils,
                                      std::string_view actor) = 0;
  virtual Result<std::vector<identity::Person>> people(SchoolId school) = 0;  // by kind, name
  virtual Result<std::optional<identity::Person>> person(SchoolId school, int64_t id) = 0;
  virtual Result<std::optional<identity::Person>> personByUpn(SchoolId school,
                                                              std::string_view upn) = 0;
  // Case-insensitive.
  virtual Result<std::optional<identity::Person>> personByLogin(SchoolId school,
                                                                std::string_view login) = 0;
  // Replaces a login's password hash (argon2id, identity/password.h).
  virtual Status setPasswordHash(SchoolId school, int64_t person, std::string_view hash,
                                 std::string_view actor) = 0;

  // Sets a member of staff's TOTP secret (base32, identity/totp.h), or clears
  // it (empty) so they set it up again. The secret is never audited.
  virtual Status setTotpSecret(SchoolId school, int64_t person, std::string_view secret,
                               std::string_view actor) = 0;

  // --- Parents and carers ----------------------------------------------------
  // Every linked pupil must exist (kInvalidArgument naming the id).
  virtual Result<int64_t> addContact(SchoolId school, const identity::Contact& contact,
                                     std::string_view actor) = 0;
  virtual Result<std::vector<identity::Contact>> contacts(SchoolId school) = 0;  // by name

  // --- Sanctions -------------------------------------------------------------
  // `sanction.by` is the actor and `sanction.reason` is required; `at` is set
  // from the Clock when 0; `until`, when set, must be after `at`. Audited,
  // so the running filter reloads and applies it on the next request.
  virtual Result<int64_t> addSanction(SchoolId school, const identity::Sanction& sanction) = 0;
  // Lifting keeps the row, with who lifted it. kNotFound if absent or lifted.
  virtual Status liftSanction(SchoolId school, int64_t id, std::string_view actor,
                              std::string_view reason) = 0;
  // Sanctions not lifted whose `until` is 0 or after `now`, by id.
  virtual Result<std::vector<identity::Sanction>> activeSanctions(SchoolId school,
                                                                  int64_t now) = 0;

  // --- Device check-outs -------------------------------------------------------
  // Lends a device to a pupil until `checkout.until`. kFailedPrecondition
  // when the device is already out to someone (naming them) until later;
  // an expired check-out is closed first. `checkout.by` is the actor.
  virtual Result<int64_t> checkOutDevice(SchoolId school, const identity::Checkout& checkout) = 0;
  // Ends the device's open check-out. kNotFound when it has none.
  virtual Status checkInDevice(SchoolId school, int64_t device, std::string_view actor) = 0;
  // Open check-outs that have not yet ended at `now`, by device.
  virtual Result<std::vector<identity::Checkout>> activeCheckouts(SchoolId school,
                                                                  int64_t now) = 0;

  // --- Sign-in bindings (the captive portal) ------------------------------------
  // Binds `binding.client_ip` to a person (replacing any binding the address
  // had), audited "portal.sign_in" with `actor`. `expires_at` must be after
  // `bound_at`; the person must exist (kNotFound).
  virtual Status saveClientBinding(SchoolId school, const identity::ClientBinding& binding,
                                   std::string_view actor) = 0;
  // Ends an address's binding, audited "portal.sign_out" with `why` ("signed
  // out", "expired"). kNotFound when the address has none.
  virtual Status removeClientBinding(SchoolId school, std::string_view client_ip,
                                     std::string_view actor, std::string_view why) = 0;
  // Bindings that have not expired at `now`, with the person's name, kind
  // and login, by address.
  virtual Result<std::vector<identity::ClientBinding>> clientBindings(SchoolId school,
                                                                     int64_t now) = 0;

  // --- List sources ----------------------------------------------------------
  // `source.added_by` is the actor; `added_at` is set from the Clock when 0.
  // A non-empty `source.category` must name a category.
  virtual Result<int64_t> addListSource(SchoolId school, const policy::ListSource& source) = 0;
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

  // --- Audit -----------------------------------------------------------------
  // For events the store does not see itself (a sign-in, an export). The
  // mutating methods above write their own rows.
  virtual Status appendAudit(SchoolId school, std::string_view actor, std::string_view action,
                             std::string_view target, std::string_view detail,
                             std::string_view reason) = 0;
  // The newest `limit` rows (1..10000), newest first.
  virtual Result<std::vector<AuditEntry>> audit(SchoolId school, int limit) = 0;

  // --- Inbox -----------------------------------------------------------------
  // Stores a block-page request; kind must be "tell-teacher" or "ask-check",
  // the message at most 2000 characters. Audited as made by the client address.
  virtual Result<int64_t> addInboxRequest(SchoolId school, const InboxRequest& request) = 0;
  // The newest `limit` requests (1..10000), newest first.
  virtual Result<std::vector<InboxRequest>> inboxRequests(SchoolId school, int limit) = 0;
  // Marks a request "new", "seen" or "done" (kInvalidArgument otherwise;
  // kNotFound for an id the school does not have). Audited with the actor.
  virtual Status setInboxStatus(SchoolId school, int64_t id, std::string_view status,
                                std::string_view actor) = 0;

  // --- Whole policy ----------------------------------------------------------
  // Categories, groups with their rules, and active local entries, read in one
  // consistent snapshot. kNotFound when the school does not exist.
  virtual Result<policy::PolicyData> loadPolicy(SchoolId school) = 0;

  // The highest migration applied to this database.
  virtual Result<int> schemaVersion() = 0;
};

}  // namespace esafety::store
