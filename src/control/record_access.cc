#include "control/record_access.h"

#include <algorithm>

#include "identity/permissions.h"

namespace esafety::control {

RecordAccess recordAccess(const RecordReader& reader, const RecordParties& parties) {
  const auto& named = parties.named_staff;
  if (reader.person != 0 && std::find(named.begin(), named.end(), reader.person) != named.end()) {
    return RecordAccess::kNamedInRecord;
  }
  if (reader.role == identity::Role::kGovernor) {
    return parties.head_is_instigator ? RecordAccess::kRead : RecordAccess::kNotPermitted;
  }
  if (reader.role == identity::Role::kHead && parties.head_is_instigator) {
    return RecordAccess::kHeadIsInstigator;
  }
  if (identity::allowed(reader.role, identity::Permission::kReadSafeguardingRecords)) {
    return RecordAccess::kRead;
  }
  if (reader.person != 0 && reader.person == parties.raised_by_person) return RecordAccess::kRaisedIt;
  return RecordAccess::kNotPermitted;
}

std::string_view refusal(RecordAccess access) {
  switch (access) {
    case RecordAccess::kRead: return "";
    case RecordAccess::kNamedInRecord:
      return "you are named in this record, so you cannot read it";
    case RecordAccess::kHeadIsInstigator:
      return "this record is an allegation against the head: the chair of governors leads it";
    case RecordAccess::kRaisedIt:
      return "you raised this concern and it has gone to the designated safeguarding lead; "
             "concerns are read only by those who must act on them";
    case RecordAccess::kNotPermitted:
      return "only the designated safeguarding lead, the deputy and the head read safeguarding "
             "records";
  }
  return "refused";
}

}  // namespace esafety::control
