// The demo school's staff accounts, so that `scripts/demo.sh` gives a
// console someone can sign in to. Fictional people on the .example domain,
// all with the one published demo password; never used for a real school
// (`esafety init` without --demo creates no accounts).
//
//   ESAFETY_RETURN_IF_ERROR(seedDemoStaff(store, clock, "esafety init"));
#pragma once

#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace esafety::control {

inline constexpr std::string_view kDemoPassword = "esafety-demo";

struct DemoStaff {
  std::string_view name;
  std::string_view email;
  std::string_view role;  // identity::roleName
  std::string_view class_name = {};  // the teacher's: the demo's Year 5 room and its iPads
};
// The DSL, the head, a teacher (Year 5), the IT technician, a governor and
// the office.
extern const DemoStaff kDemoStaff[6];

Status seedDemoStaff(store::Store& store, const Clock& clock, std::string_view actor);

}  // namespace esafety::control
