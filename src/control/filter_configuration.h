// The filter configuration as the evidence pack shows it: every decision a
// school's filter makes by group (the categories it blocks or allows, what
// happens to uncategorised sites, safe search, phrase limits, time rules)
// and every local allow or deny entry, each with who decided and why. A
// group's settings carry the reason given at its newest change (from the
// audit trail); a local entry its own.
//
//   auto t = filterConfigurationTable(store, school, clock);  // ReportTable
#pragma once

#include "control/report_table.h"
#include "core/clock.h"
#include "store/store.h"

namespace esafety::control {

Result<ReportTable> filterConfigurationTable(store::Store& store, policy::SchoolId school,
                                             const Clock& clock);

}  // namespace esafety::control
