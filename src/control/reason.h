// The reason a change needs. The DfE filtering standards ask a school to
// record why what is blocked or allowed changed, and a sanction says why it
// was applied; the services of this folder (policy_admin.h, list_admin.h,
// people_admin.h) check it the same way for every front door, before the
// store keeps it in the change's audit row.
//
//   ESAFETY_RETURN_IF_ERROR(requireReason(reason));  // "reason: a reason is required; ..."
//
// Thread safety: a pure function.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/status.h"

namespace esafety::control {

inline constexpr size_t kMaxReasonLength = 1000;

// kInvalidArgument, naming the field ("reason: ..."), for a reason that is
// empty or only spaces, or longer than kMaxReasonLength.
Status requireReason(std::string_view reason);

}  // namespace esafety::control
