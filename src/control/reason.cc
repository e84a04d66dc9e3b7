#include "control/reason.h"

#include <fmt/format.h>

namespace esafety::control {

Status requireReason(std::string_view reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return invalidArgument(
        "reason: a reason is required; say why, for the record (the DfE standards ask schools to "
        "keep one).");
  }
  if (reason.size() > kMaxReasonLength) {
    return invalidArgument(
        fmt::format("reason: keep it under {} characters.", kMaxReasonLength));
  }
  return Status::ok();
}

}  // namespace esafety::control
