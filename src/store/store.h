// Store: where a school's policy, devices, lists, settings, people and audit
// trail live. It is every area's own store interface in one (the policy's in
// policy/policy_store.h, the people's in identity/people_store.h) with the
// audit trail and the inbox; an area's code takes the narrowest of these it
// needs. A domain-level interface: callers speak in policy::Group and
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
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alerts/alert_store.h"
#include "alerts/escalation_store.h"
#include "core/status.h"
#include "identity/people_store.h"
#include "policy/policy_store.h"
#include "records/key_vault.h"
#include "records/record_store.h"
#include "store/mail_store.h"
#include "store/restriction_store.h"
#include "store/selftest_store.h"

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

// An alert as a report counts it: the alert, when it was first acted on
// (acknowledged: triage begins there) and its escalation steps.
struct ReportAlert {
  alerts::Alert alert;
  int64_t first_action_at = 0;  // Unix seconds; 0: nobody has acted on it
  int64_t escalation_steps = 0;
  int highest_rung = -1;  // -1: never escalated
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

// Every area's store in one: the policy's (policy/policy_store.h), the
// people's (identity/people_store.h), the alerts' (alerts/alert_store.h and
// alerts/escalation_store.h), the sealed records' key (records/key_vault.h)
// the safeguarding records and their log (records/record_store.h) and the
// mail outbox (mail_store.h), with the audit trail and the inbox.
class Store : public policy::PolicyStore,
              public identity::PeopleStore,
              public alerts::AlertStore,
              public alerts::EscalationStore,
              public records::KeyVault,
              public records::RecordStore,
              public MailStore,
              public SelftestStore,
              public RestrictionStore {
 public:
  ~Store() override = default;

  // --- Audit -----------------------------------------------------------------
  // For events the store does not see itself (a sign-in, an export). The
  // mutating methods of every area write their own rows.
  virtual Status appendAudit(SchoolId school, std::string_view actor, std::string_view action,
                             std::string_view target, std::string_view detail,
                             std::string_view reason) = 0;
  // The newest `limit` rows (1..10000), newest first.
  virtual Result<std::vector<AuditEntry>> audit(SchoolId school, int limit) = 0;
  // The id of the newest audit row that may change the policy: any but the
  // inbox's ("inbox.*"), the alerts' ("alert.*", "alert_rules.*", "alert_rota.*"),
  // the mail outbox's ("mail.*"), the self-test's ("selftest.*"), the device
  // restrictions' ("restriction.*"), a report's ("report.*") or the
  // safeguarding records' ("record.*"); 0 when there
  // is none. `esafety serve` reloads the policy when it changes.
  virtual Result<int64_t> newestPolicyAuditId(SchoolId school) = 0;

  // --- Reports (control/school_report.h) --------------------------------------
  // Audit rows with at in [from, to) (Unix seconds), oldest first, each
  // handed to `fn` as it is read (a term's audit is never held whole).
  virtual Status forEachAuditBetween(SchoolId school, int64_t from, int64_t to,
                                     const std::function<void(const AuditEntry&)>& fn) = 0;
  // Alerts created in [from, to), oldest first, with when each was first
  // acted on and how far it escalated.
  virtual Result<std::vector<ReportAlert>> alertsCreatedBetween(SchoolId school, int64_t from,
                                                                int64_t to) = 0;

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

  // The highest migration applied to this database.
  virtual Result<int> schemaVersion() = 0;
};

}  // namespace esafety::store
