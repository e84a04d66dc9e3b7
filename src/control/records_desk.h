// RecordsDesk: safeguarding records (issue 15) for one school, shared by
// `esafety records` (app/cmd_records.cc) and, later, the console's routes,
// which only translate arguments and results.
//
//   - raiseConcern(by, input): any member of staff (Permission::kRaiseConcern)
//     records who they are worried about, what they saw or heard, the child's
//     own words and where. The words are sealed under the record's own data
//     key (records/record_keys.h); the raise is written to the record log and
//     the audit trail in one transaction.
//   - recordIncident(by, input): the DSL's steps 1-3 (who is involved, the
//     activity, the account), with the routes that follow kept on the record.
//   - list(reader): the records `reader` may read (record_access.h), newest
//     first, metadata only (nothing is opened, nothing logged).
//   - show(reader, id): opens the record's sealed fields, after writing the
//     read to the record log and the audit trail; a refusal is audited too.
//   - verify(): walks the record log (records/record_chain.h) and names the
//     first broken entry.
//
// Without the key file (or with another installation's) the desk is locked:
// every call is kFailedPrecondition "the records are locked: ...", and
// nothing is decrypted or written. The rest of esafety runs on.
//
// Thread safety: as the Store it borrows; make one per request or command.
//
//   auto desk = RecordsDesk::open(dir, store, kDefaultSchool, clock);
//   auto raised = desk.raiseConcern(teacher, {.about = pupil.id, .saw = "..."});
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "control/data_dir.h"
#include "control/record_access.h"
#include "identity/model.h"
#include "policy/model.h"
#include "records/incident_routes.h"
#include "records/record_chain.h"
#include "records/record_keys.h"
#include "store/store.h"

namespace esafety::control {

struct ConcernInput {
  int64_t about = 0;         // the pupil's person id
  std::string saw;           // what they saw or heard (required)
  std::string child_words;   // the child's own words, as said; may be empty
  std::string where;         // may be empty
  int64_t occurred_at = 0;   // Unix seconds; 0: now
};

// Steps 1-3 of the school's policy, as the DSL records an incident.
struct IncidentInput {
  // Step 1: who is involved, each with their role (not kAbout): pupils as
  // child victim or instigator, staff as staff victim or instigator.
  std::vector<records::RecordParty> parties;
  // Step 2: the activity; kNotSure needs the advice taken.
  records::Activity activity = records::Activity::kNotSure;
  std::string advice;       // who was consulted and what they said
  // Step 3: the account (required).
  std::string narrative;
  int64_t occurred_at = 0;  // Unix seconds; 0: now
};

struct RecordSummary {
  int64_t id = 0;
  std::string ref;
  std::string kind;
  int64_t created_at = 0;
  int64_t occurred_at = 0;
  std::vector<records::RecordParty> parties;
  std::string activity;
  std::string routes;
};

struct RecordView {
  RecordSummary summary;
  std::string raised_by;
  std::vector<std::pair<std::string, std::string>> fields;  // name, opened text; by name
};

struct RecordsVerification {
  size_t entries = 0;
  size_t records = 0;
  std::optional<records::LogBreak> broken;  // nullopt: the log is whole
};

class RecordsDesk {
 public:
  // Opens the key file <data>/records.key; never fails: a missing or wrong
  // key file leaves the desk locked, with the reason.
  static RecordsDesk open(const DataDir& dir, store::Store& store, policy::SchoolId school,
                          const Clock& clock);
  RecordsDesk(store::Store& store, policy::SchoolId school, const Clock& clock,
              Result<std::unique_ptr<records::RecordKeys>> keys);

  bool locked() const { return keys_ == nullptr; }
  // "" when open.
  const std::string& lockedReason() const { return locked_reason_; }

  // kPermissionDenied for someone who may not raise one; kInvalidArgument for
  // no pupil, or nothing said of what was seen.
  Result<RecordSummary> raiseConcern(const identity::Person& by, const ConcernInput& input);
  // records_desk_incidents.cc: the routes follow from steps 1 and 2
  // (records/incident_routes.h) and are kept with the incident.
  // kPermissionDenied unless `by` writes safeguarding records and is not
  // among the people; kInvalidArgument for a pupil in a staff role (or the
  // reverse), nobody involved, no account, or "not sure" with no advice.
  Result<RecordSummary> recordIncident(const identity::Person& by, const IncidentInput& input);
  Result<std::vector<RecordSummary>> list(const identity::Person& reader);
  // kNotFound for no such record, and for a record that names the reader
  // (or is an allegation against the head, for the head): they are not told
  // it exists; kPermissionDenied with the reason (record_access.h refusal)
  // for anyone else refused; kDataLoss when a sealed field does not open.
  // Every refusal is audited ("record.read_refused", with the true reason).
  Result<RecordView> show(const identity::Person& reader, int64_t id);
  Result<RecordsVerification> verify();

  // A pupil by UPN, else by exact name (kNotFound / kInvalidArgument when
  // two pupils share it).
  Result<identity::Person> findPupil(std::string_view upn_or_name);

 private:
  Status requireOpen() const;
  Result<RecordParties> partiesOf(const records::RecordRow& row);
  // Step 1 checked against the people: the involvement it describes.
  Result<records::Involvement> involvementOf(const std::vector<records::RecordParty>& parties);
  // Seals `fields` (name, text; empty texts skipped) into `row` under a new key,
  // stores it and returns its summary.
  Result<RecordSummary> sealAndStore(records::RecordRow row,
                                     const std::vector<std::pair<std::string, std::string>>& fields,
                                     std::string_view actor);

  store::Store& store_;
  policy::SchoolId school_;
  const Clock& clock_;
  std::unique_ptr<records::RecordKeys> keys_;
  std::string locked_reason_;
};

}  // namespace esafety::control
