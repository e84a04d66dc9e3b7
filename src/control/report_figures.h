// The figures a termly report computes from its alerts (control/school_report.h),
// as plain functions over plain values so that a unit test can check them on
// known data.
//
//   auto ack = acknowledgeTimes(report_alerts);   // median and worst, in seconds
//   auto fp = falsePositiveRates(report_alerts);  // per rule, most alerts first
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "store/store.h"

namespace esafety::control {

// How long alerts waited for someone to act on them (the first triage action
// is the acknowledgement). Alerts nobody has acted on are counted apart, not
// in the median.
struct AckTimes {
  int64_t alerts = 0;
  int64_t acknowledged = 0;
  int64_t median_s = 0;  // of the acknowledged; for an even count, the lower middle
  int64_t worst_s = 0;
  int64_t waiting = 0;  // not yet acknowledged
};
AckTimes acknowledgeTimes(std::span<const store::ReportAlert> alerts);
// The same, for the alerts of one level only.
AckTimes acknowledgeTimes(std::span<const store::ReportAlert> alerts, int level);

// False positives over the alerts a rule raised in the range.
struct RuleFalsePositives {
  std::string rule;
  int64_t alerts = 0;
  int64_t false_positives = 0;
  double rate() const { return alerts == 0 ? 0.0 : static_cast<double>(false_positives) / alerts; }
};
// One row per rule, most alerts first (then by name).
std::vector<RuleFalsePositives> falsePositiveRates(std::span<const store::ReportAlert> alerts);

// "0 s", "45 s", "12 min", "3 h 05 min", "2 d 4 h".
std::string formatDuration(int64_t seconds);

}  // namespace esafety::control
