// The incident routes (issue 15, the school's e-safety policy): from who is
// involved (step 1) and the kind of activity (step 2), the route or routes
// an incident must follow. Pure rules, no I/O.
//
//   Involvement who{.child_victim = true};
//   auto routes = routesFor(who, Activity::kIllegal);   // {kPolice}
//
// The rules, as the policy and KCSIE give them:
//   - a child involved (victim or instigator) and the activity illegal:
//     the police, told that it is a child-protection matter;
//   - a child involved and the activity inappropriate: the child-protection
//     procedures (the DSL's decision, a referral to children's social care
//     or early help);
//   - a child involved and "not sure": the child-protection procedures, with
//     advice taken first (the DSL or the Education Child Protection Service
//     helpline) and recorded; the police follow only once it is judged illegal;
//   - a staff instigator: the procedure for allegations against staff: the
//     LADO within one working day, and the HR provider; when the instigator
//     is the head, the chair of governors leads it instead of the head;
//   - a staff victim: HR and the Education Child Protection Service.
// Several can apply at once (a staff instigator and a child victim of
// something illegal: the allegations procedure and the police).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace esafety::records {

// Step 1: who is involved. Any mix; at least one.
struct Involvement {
  bool child_victim = false;
  bool child_instigator = false;
  bool staff_victim = false;
  bool staff_instigator = false;
  // The headteacher is (one of) the staff instigators.
  bool head_is_instigator = false;
};

// Step 2: the activity.
enum class Activity : uint8_t { kIllegal, kInappropriate, kNotSure };

enum class Route : uint8_t {
  kPolice,           // illegal activity involving a child
  kAllegations,      // a staff instigator: LADO and HR
  kStaffVictim,      // HR and the child-protection service
  kChildProtection,  // inappropriate (or not yet judged) activity involving a child
};

// One route as a checklist: who leads it, whom to contact and by when.
struct RoutePlan {
  Route route = Route::kChildProtection;
  std::string lead;                   // "the DSL", "the chair of governors"
  std::vector<std::string> contacts;  // in the order to contact them
  int deadline_working_days = 0;      // 0: at once, as the policy says
  bool advice_first = false;          // "not sure": take and record advice first
};

// "illegal", "inappropriate", "not-sure"; and back (nullopt-like: kInvalidArgument).
std::string_view activityName(Activity activity);
Result<Activity> parseActivity(std::string_view text);
// "police", "allegations", "staff-victim", "child-protection".
std::string_view routeName(Route route);

// The routes, in the order above (police, allegations, staff victim, child
// protection). kInvalidArgument when nobody is involved, or when the head is
// named as the instigator without a staff instigator.
Result<std::vector<RoutePlan>> routesFor(const Involvement& who, Activity activity);

}  // namespace esafety::records
