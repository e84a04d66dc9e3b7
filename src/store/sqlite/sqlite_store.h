// SqliteStore: the embedded Store backend, one SQLite file (var/esafety.db by
// default) in WAL mode. See store.h for the contract every backend keeps.
//
// Opening creates the file if needed and applies the numbered migrations
// (migrator.h). Failures are values, never crashes:
//   - a file that is not SQLite          -> kDataLoss "<path> is not an esafety database ..."
//   - a database from a newer esafety    -> kFailedPrecondition
//   - another process holding the write
//     lock longer than busy_timeout_ms   -> kUnavailable on the write that waited
//   - a database opened read-only        -> kFailedPrecondition on any write
//
// The methods are split by area across sqlite_store_<area>.cc. Every write
// runs through mutate() (mutation.h): one transaction (transaction.h) holds
// the change and its audit row, opened and closed the same way each time.
//
// Ownership and threads: the store owns its connection and borrows the Clock,
// which must outlive it. Every public method takes mutex_, so one store may be
// shared between threads; calls are serialised. Separate processes (or stores)
// may open the same file: WAL lets readers run alongside one writer.
//
// Usage:
//   SystemClock clock;
//   auto store = openSqliteStore("var/esafety.db", clock);
//   if (!store) { log(store.status().toString()); return 1; }
//   auto groups = (*store)->groups(policy::kDefaultSchool);
#pragma once

#include <map>
#include <memory>
#include <string>
#include <type_traits>

#include "core/clock.h"
#include "core/mutex.h"
#include "sqlite/database.h"
#include "sqlite/transaction.h"
#include "store/sqlite/mutation.h"
#include "store/store.h"
#include "store/validation.h"

namespace esafety::store {

struct SqliteStoreOptions {
  int busy_timeout_ms = 5000;
  bool read_only = false;
};

Result<std::unique_ptr<Store>> openSqliteStore(const std::string& path, Clock& clock);
Result<std::unique_ptr<Store>> openSqliteStore(const std::string& path, Clock& clock,
                                               const SqliteStoreOptions& options);

class SqliteStore final : public Store {
 public:
  // Use openSqliteStore(); this takes a Database that is already migrated.
  SqliteStore(std::unique_ptr<sqlite::Database> db, Clock& clock)
      : db_(std::move(db)), clock_(clock) {}

  Result<SchoolId> createSchool(std::string_view name, std::string_view urn,
                                std::string_view actor) override;
  Result<std::vector<policy::School>> schools() override;
  Result<std::optional<policy::School>> school(SchoolId id) override;

  Status upsertCategory(SchoolId school, const policy::CategoryDef& category,
                        std::string_view actor, std::string_view reason) override;
  Status deleteCategory(SchoolId school, std::string_view name, std::string_view actor,
                        std::string_view reason) override;
  Result<std::vector<policy::CategoryDef>> categories(SchoolId school) override;
  Result<std::optional<policy::CategoryDef>> category(SchoolId school,
                                                      std::string_view name) override;

  Status saveGroup(SchoolId school, const policy::Group& group, std::string_view actor,
                   std::string_view reason) override;
  Status deleteGroup(SchoolId school, std::string_view name, std::string_view actor,
                     std::string_view reason) override;
  Result<std::vector<policy::Group>> groups(SchoolId school) override;
  Result<std::optional<policy::Group>> group(SchoolId school, std::string_view name) override;

  Result<int64_t> addLocalEntry(SchoolId school, const policy::LocalEntry& entry) override;
  Status removeLocalEntry(SchoolId school, int64_t id, std::string_view removed_by,
                          std::string_view reason) override;
  Result<std::vector<policy::LocalEntry>> localEntries(SchoolId school) override;

  Result<int64_t> addDevice(SchoolId school, const policy::Device& device,
                            std::string_view actor) override;
  Status updateDevice(SchoolId school, const policy::Device& device,
                      std::string_view actor) override;
  Status removeDevice(SchoolId school, int64_t id, std::string_view actor) override;
  Result<std::vector<policy::Device>> devices(SchoolId school) override;
  Result<std::optional<policy::Device>> deviceByIp(SchoolId school, std::string_view ip) override;

  Result<int64_t> addPerson(SchoolId school, const identity::Person& person,
                            std::string_view actor) override;
  Result<size_t> importPupils(SchoolId school, const std::vector<identity::Person>& pupils,
                              std::string_view actor) override;
  Result<std::vector<identity::Person>> people(SchoolId school) override;
  Result<std::optional<identity::Person>> person(SchoolId school, int64_t id) override;
  Result<std::optional<identity::Person>> personByUpn(SchoolId school,
                                                      std::string_view upn) override;
  Result<std::optional<identity::Person>> personByLogin(SchoolId school,
                                                        std::string_view login) override;
  Result<bool> sealPlainTotpSecret(SchoolId school, int64_t person, std::string_view sealed,
                                   std::string_view actor) override;
  Status setSealedTotpSecret(SchoolId school, int64_t person, std::string_view sealed,
                             std::string_view actor) override;
  Result<bool> claimTotpStep(SchoolId school, int64_t person, int64_t step) override;
  Status setStaffRole(SchoolId school, int64_t person, identity::Role role,
                      std::string_view actor) override;
  Status setPasswordHash(SchoolId school, int64_t person, std::string_view hash,
                         std::string_view actor) override;

  Result<int64_t> addContact(SchoolId school, const identity::Contact& contact,
                             std::string_view actor) override;
  Result<std::vector<identity::Contact>> contacts(SchoolId school) override;

  Result<int64_t> addSanction(SchoolId school, const identity::Sanction& sanction) override;
  Status liftSanction(SchoolId school, int64_t id, std::string_view actor,
                      std::string_view reason) override;
  Result<std::vector<identity::Sanction>> activeSanctions(SchoolId school, int64_t now) override;

  Result<int64_t> checkOutDevice(SchoolId school, const identity::Checkout& checkout) override;
  Status checkInDevice(SchoolId school, int64_t device, std::string_view actor) override;
  Result<std::vector<identity::Checkout>> activeCheckouts(SchoolId school, int64_t now) override;

  Result<int64_t> addListSource(SchoolId school, const policy::ListSource& source,
                                std::string_view reason) override;
  Status updateListSourceCounts(SchoolId school, int64_t id, uint64_t entries, uint64_t rejected,
                                std::string_view actor) override;
  Status removeListSource(SchoolId school, int64_t id, std::string_view actor,
                          std::string_view reason) override;
  Result<std::vector<policy::ListSource>> listSources(SchoolId school) override;

  Status setSetting(SchoolId school, std::string_view key, std::string_view value,
                    std::string_view actor) override;
  Result<std::optional<std::string>> setting(SchoolId school, std::string_view key) override;

  Status appendAudit(SchoolId school, std::string_view actor, std::string_view action,
                     std::string_view target, std::string_view detail,
                     std::string_view reason) override;
  Result<std::vector<AuditEntry>> audit(SchoolId school, int limit) override;
  Result<int64_t> newestPolicyAuditId(SchoolId school) override;

  Status saveClientBinding(SchoolId school, const identity::ClientBinding& binding,
                           std::string_view actor) override;
  Status removeClientBinding(SchoolId school, std::string_view client_ip, std::string_view actor,
                             std::string_view why) override;
  Result<std::vector<identity::ClientBinding>> clientBindings(SchoolId school,
                                                              int64_t now) override;
  Result<int64_t> addInboxRequest(SchoolId school, const InboxRequest& request) override;
  Result<std::vector<InboxRequest>> inboxRequests(SchoolId school, int limit) override;
  Status setInboxStatus(SchoolId school, int64_t id, std::string_view status,
                        std::string_view actor) override;

  Result<alerts::AlertCursor> alertCursor(SchoolId school) override;
  Result<int64_t> applyAlertBatch(SchoolId school, const alerts::AlertBatch& batch) override;
  Result<std::vector<alerts::TellTeacherPress>> tellTeacherPressesAfter(SchoolId school,
                                                                       int64_t after_id,
                                                                       int limit) override;
  Result<std::vector<alerts::Alert>> alerts(SchoolId school,
                                            const alerts::AlertFilter& filter) override;
  Result<std::optional<alerts::AlertDetail>> alert(SchoolId school, int64_t id) override;
  Result<alerts::AlertState> triageAlert(SchoolId school, int64_t id,
                                         alerts::TriageAction action, std::string_view note,
                                         const records::Sealer& sealer,
                                         std::string_view actor) override;
  Result<std::optional<alerts::RulesVersion>> alertRules(SchoolId school) override;
  Result<int64_t> setAlertRules(SchoolId school, std::string_view text, std::string_view actor,
                                std::string_view reason) override;

  Result<std::optional<alerts::RotaVersion>> alertRota(SchoolId school) override;
  Result<int64_t> setAlertRota(SchoolId school, std::string_view text, std::string_view actor,
                               std::string_view reason) override;
  Result<std::vector<alerts::WaitingAlert>> alertsWaiting(SchoolId school, int min_level,
                                                          int limit) override;
  Status recordEscalationSteps(SchoolId school,
                               const std::vector<alerts::EscalationStep>& steps) override;
  Result<std::vector<alerts::EscalationStep>> escalationSteps(SchoolId school,
                                                              int64_t alert_id) override;

  Result<std::optional<std::string>> wrappedDataKey() override;
  Result<std::string> keepFirstWrappedDataKey(std::string_view wrapped) override;

  // --- Safeguarding records (sqlite_store_safeguarding.cc) -------------------
  Result<int64_t> addRecord(int64_t school, const records::RecordRow& row,
                            const records::Secret& chain_key, std::string_view actor) override;
  Status logRecordRead(int64_t school, std::string_view ref, const records::Secret& chain_key,
                       std::string_view actor) override;
  Result<std::vector<records::RecordRow>> records(int64_t school) override;
  Result<std::optional<records::RecordRow>> record(int64_t school, int64_t id) override;
  Result<std::vector<records::LogEntry>> recordLog(int64_t school) override;
  Result<int64_t> enqueueMail(SchoolId school, const NewMail& mail) override;
  Result<std::optional<OutboxMail>> outboxMail(SchoolId school, int64_t id) override;
  Result<std::vector<OutboxMail>> outbox(SchoolId school, int64_t sent_since, int limit) override;
  Result<std::vector<OutboxMail>> claimDueMail(int64_t now, int limit) override;
  Status markMailSent(int64_t id, int64_t now) override;
  Status markMailFailed(int64_t id, std::string_view error, int64_t next_attempt_at) override;
  Result<int> requeueInFlightMail(int64_t now) override;
  Result<int> retryQueuedMailNow(SchoolId school, int64_t now) override;

  // --- Filter self-test (sqlite_store_selftest.cc) ---------------------------
  Result<RecordedSelftestRun> recordSelftestRun(SchoolId school, const SelftestRun& run,
                                                const std::vector<SelftestAlert>& alerts) override;
  Result<std::vector<SelftestRun>> selftestRuns(SchoolId school, int limit,
                                                bool with_results) override;

  // --- Device restrictions (sqlite_store_restrictions.cc) --------------------
  Result<int64_t> addRestriction(SchoolId school, const policy::DeviceRestriction& rule,
                                 std::string_view actor, std::string_view reason,
                                 int64_t now) override;
  Status endRestriction(SchoolId school, int64_t device, std::string_view actor,
                        std::string_view reason, int64_t now) override;
  Result<std::vector<RestrictionRecord>> activeRestrictions(SchoolId school, int64_t now) override;
  Result<int64_t> restrictionGeneration(SchoolId school) override;
  // --- Reports (sqlite_store_report.cc) --------------------------------------
  Status forEachAuditBetween(SchoolId school, int64_t from, int64_t to,
                             const std::function<void(const AuditEntry&)>& fn) override;
  Result<std::vector<ReportAlert>> alertsCreatedBetween(SchoolId school, int64_t from,
                                                        int64_t to) override;

  Result<policy::PolicyData> loadPolicy(SchoolId school) override;
  Result<int> schemaVersion() override;

 private:
  // Runs one change of `school`'s data: checks `actor` (and the reason, when
  // the change needs one), takes mutex_, begins a write transaction, checks
  // that the school exists, runs `change` (the write's own reads and writes,
  // returning its AuditNote, or Made<T> for something it made), writes the
  // audit row with `actor` and the reason in the same transaction, and
  // commits. Any failure rolls back the change and its audit row together.
  // Returns Status for an AuditNote, Result<T> for a Made<T>.
  template <typename Change>
  typename MutationTraits<std::invoke_result_t<Change&>>::Out mutate(SchoolId school,
                                                                     std::string_view actor,
                                                                     Reason reason,
                                                                     Change&& change);

  // Helpers named *Locked need mutex_ held (the clang build checks) and, for
  // writes, a transaction open.
  Status requireSchoolLocked(SchoolId school) REQUIRES(mutex_);
  Status auditLocked(SchoolId school, std::string_view actor, std::string_view action,
                     std::string_view target, std::string_view detail, std::string_view reason)
      REQUIRES(mutex_);
  // name -> unoverridable, for checking a group's links.
  Result<std::map<std::string, bool>> categoryFlagsLocked(SchoolId school) REQUIRES(mutex_);
  Result<bool> groupExistsLocked(SchoolId school, std::string_view name) REQUIRES(mutex_);
  // OK for "" (no group) or a group the school has; kInvalidArgument otherwise.
  Status requireGroupLocked(SchoolId school, std::string_view name) REQUIRES(mutex_);
  Result<std::vector<policy::CategoryDef>> readCategoriesLocked(SchoolId school,
                                                                std::string_view only_name)
      REQUIRES(mutex_);
  // All groups of a school, or only the one named (when `only_name` is not empty).
  Result<std::vector<policy::Group>> readGroupsLocked(SchoolId school, std::string_view only_name)
      REQUIRES(mutex_);
  Result<std::vector<policy::LocalEntry>> readLocalEntriesLocked(SchoolId school) REQUIRES(mutex_);
  Result<std::vector<policy::Device>> readDevicesLocked(SchoolId school, std::string_view only_ip)
      REQUIRES(mutex_);
  Result<std::optional<std::string>> deviceNameLocked(SchoolId school, int64_t device)
      REQUIRES(mutex_);
  // Ends `device`'s restriction in force at `now`; its id, or 0 for none.
  Result<int64_t> endRestrictionLocked(SchoolId school, int64_t device, std::string_view actor,
                                       std::string_view reason, int64_t now) REQUIRES(mutex_);
  Status bumpRestrictionGenerationLocked(SchoolId school) REQUIRES(mutex_);
  Status closeEndedCheckoutLocked(SchoolId school, int64_t device, std::string_view device_name,
                                  int64_t now) REQUIRES(mutex_);
  Status writeGroupLocked(SchoolId school, const policy::Group& group) REQUIRES(mutex_);
  // People matching `where` (an SQL condition on people columns, ?1 = school,
  // ?2 = the bound value when `value` is not empty).
  Result<std::vector<identity::Person>> readPeopleLocked(SchoolId school, std::string_view where,
                                                         std::string_view value) REQUIRES(mutex_);
  Status insertPersonLocked(SchoolId school, const identity::Person& person) REQUIRES(mutex_);
  // Sets one column of a login (people of `kinds`, an SQL condition) and
  // returns the login's name; kNotFound for no such login.
  // Writes a staff login's sealed TOTP secret and empties the plain one;
  // with `only_plain`, only where a plain one is set. nullopt: no such row.
  Result<std::optional<std::string>> writeTotpLocked(SchoolId school, int64_t person,
                                                     std::string_view sealed, bool only_plain)
      REQUIRES(mutex_);
  Result<std::string> updateLoginLocked(SchoolId school, int64_t person, std::string_view column,
                                        std::string_view value, std::string_view kinds)
      REQUIRES(mutex_);

  // One hit of an engine batch: extends the open alert of its subject and
  // category (found once per batch, then kept in `open`) or makes one; the
  // new alert's id, or 0 when it extended one. The counts and times the hits
  // add are written once per alert at the end of the batch (flushOpenLocked).
  struct OpenAlert {
    int64_t id = 0;
    int64_t kept = 0;       // evidence rows it has
    int64_t added = 0;      // hits this batch, not yet in evidence_count
    int64_t last_seen = 0;
    int level = 0;
  };
  using OpenAlerts = std::map<std::pair<std::string, std::string>, OpenAlert>;
  Result<int64_t> applyHitLocked(SchoolId school, const alerts::Hit& hit,
                                 const alerts::AlertBatch& batch, OpenAlerts& open)
      REQUIRES(mutex_);
  Status flushOpenLocked(const OpenAlerts& open) REQUIRES(mutex_);
  Result<std::optional<alerts::Alert>> readAlertLocked(SchoolId school, int64_t id)
      REQUIRES(mutex_);

  // Safeguarding records: `only_id` 0 reads all of the school's.
  Result<std::vector<records::RecordRow>> readRecordsLocked(SchoolId school, int64_t only_id)
      REQUIRES(mutex_);
  Status readRecordPartsLocked(records::RecordRow& row) REQUIRES(mutex_);
  Status insertRecordPartsLocked(SchoolId school, int64_t id, const records::RecordRow& row)
      REQUIRES(mutex_);
  Result<std::vector<records::LogEntry>> readRecordLogLocked(SchoolId school) REQUIRES(mutex_);
  // Appends `entry` after the school's newest entry: sets its seq, time,
  // previous hash and hash. Needs a write transaction open.
  Status appendRecordLogLocked(SchoolId school, records::LogEntry entry,
                               const records::Secret& chain_key) REQUIRES(mutex_);

  Mutex mutex_;
  std::unique_ptr<sqlite::Database> db_ GUARDED_BY(mutex_);
  Clock& clock_;
};

template <typename Change>
typename MutationTraits<std::invoke_result_t<Change&>>::Out SqliteStore::mutate(
    SchoolId school, std::string_view actor, Reason reason, Change&& change) {
  using Traits = MutationTraits<std::invoke_result_t<Change&>>;
  ESAFETY_RETURN_IF_ERROR(validateActor(actor));
  if (reason.needed) ESAFETY_RETURN_IF_ERROR(validateReason(reason.text));
  MutexLock lock(mutex_);
  auto tx = sqlite::Transaction::begin(*db_, sqlite::Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  ESAFETY_RETURN_IF_ERROR(requireSchoolLocked(school));
  auto done = change();
  if (!done) return done.status();
  const AuditNote& note = Traits::note(*done);
  ESAFETY_RETURN_IF_ERROR(
      auditLocked(school, actor, note.action, note.target, note.detail, reason.text));
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  return Traits::value(std::move(*done));
}

}  // namespace esafety::store
