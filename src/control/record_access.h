// Who may read a safeguarding record (issue 15): need-to-know, decided here
// and nowhere else. Pure rules over the reader and the record's parties.
//
//   auto access = recordAccess({.person = me.id, .role = me.role}, parties);
//   if (access != RecordAccess::kRead) return permissionDenied(refusal(access));
//
// In order:
//   1. a member of staff named in the record (staff victim or staff
//      instigator) never reads it, whatever their role;
//   2. the chair of governors (the governor role, as for sanctions on the
//      head: control/people_admin.h) reads only a record whose instigator is
//      the head, which the head then leads no longer;
//   3. the head is shut out of a record whose instigator is the head;
//   4. the DSL, the deputy DSL and the head read (kReadSafeguardingRecords);
//   5. anyone else, and the member of staff who raised the concern (unless
//      they hold one of those roles), does not: a concern goes to the DSL
//      once raised.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "identity/role.h"

namespace esafety::control {

struct RecordReader {
  int64_t person = 0;
  identity::Role role = identity::Role::kPupil;
};

struct RecordParties {
  int64_t raised_by_person = 0;
  std::vector<int64_t> named_staff;  // staff victims and instigators
  bool head_is_instigator = false;
};

enum class RecordAccess : uint8_t {
  kRead,
  kNamedInRecord,    // rule 1
  kHeadIsInstigator, // rule 3
  kRaisedIt,         // rule 5, the raiser
  kNotPermitted,     // rules 2 and 5
};

RecordAccess recordAccess(const RecordReader& reader, const RecordParties& parties);

// Why, in words for the person refused ("" for kRead).
std::string_view refusal(RecordAccess access);

}  // namespace esafety::control
