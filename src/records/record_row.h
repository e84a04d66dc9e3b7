// A safeguarding record as the database keeps it (issue 15): a concern that
// a member of staff raised, or an incident the DSL records. Metadata (ids,
// times, kind, activity, routes, the people's ids and roles) is plain; every
// word anyone wrote (what was seen, the child's own words, where, notes) is
// a sealed field, under the record's own data key (record_keys.h).
//
// recordDigest() is the row's fingerprint, kept in the record log
// (record_chain.h) each time the record is written, so that a row changed
// outside esafety no longer matches its last log entry.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace esafety::records {

// How a person figures in a record. A concern names the pupil it is about;
// an incident names its people by their role in step 1.
enum class PartyRole : uint8_t { kAbout, kChildVictim, kChildInstigator, kStaffVictim, kStaffInstigator };
// "about", "child-victim", "child-instigator", "staff-victim", "staff-instigator".
std::string_view partyRoleName(PartyRole role);
// false when `text` names no role.
bool parsePartyRole(std::string_view text, PartyRole& out);

struct RecordParty {
  int64_t person = 0;
  PartyRole role = PartyRole::kAbout;
};

// One sealed field: "saw", "child_words", "where", "narrative", "note-3".
struct SealedField {
  std::string name;
  std::string sealed;  // aead form (aead.h), bound to "<ref> <name>"
};

struct RecordRow {
  int64_t id = 0;  // the store's; 0 until stored
  std::string ref;  // "R-..." (record_keys.h newRecordRef)
  std::string kind;  // "concern" or "incident"
  int64_t created_at = 0;  // Unix seconds
  int64_t occurred_at = 0;  // when it happened, as the raiser said; 0: not said
  std::string raised_by;  // the raiser's login
  int64_t raised_by_person = 0;
  std::string activity;  // incidents: incident_routes.h activityName; "" for a concern
  std::string routes;    // incidents: route names joined by ','; "" for a concern
  std::string wrapped_key;
  std::vector<RecordParty> parties;  // any order
  std::vector<SealedField> fields;   // any order; names unique
};

// The associated data a field of record `ref` is sealed with.
std::string fieldContext(std::string_view ref, std::string_view field);

// The row's fingerprint: BLAKE2b-256 (hex) over every stored column of the
// record, its parties and its sealed fields (not the store's id; parties
// and fields sorted first), each length-prefixed so no two rows share one.
std::string recordDigest(const RecordRow& row);

}  // namespace esafety::records
