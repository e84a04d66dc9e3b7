#include "records/incident_routes.h"

namespace esafety::records {
namespace {

RoutePlan police() {
  return {.route = Route::kPolice,
          .lead = "the DSL",
          .contacts = {"the police (say that it is a child-protection matter)",
                       "children's social care"},
          .deadline_working_days = 0,
          .advice_first = false};
}

RoutePlan allegations(bool head_is_instigator) {
  return {.route = Route::kAllegations,
          .lead = head_is_instigator ? "the chair of governors" : "the headteacher",
          .contacts = {"the Local Authority Designated Officer (LADO)", "the HR provider"},
          .deadline_working_days = 1,
          .advice_first = false};
}

RoutePlan staffVictim() {
  return {.route = Route::kStaffVictim,
          .lead = "the headteacher",
          .contacts = {"the HR provider", "the Education Child Protection Service"},
          .deadline_working_days = 0,
          .advice_first = false};
}

RoutePlan childProtection(bool not_sure) {
  return {.route = Route::kChildProtection,
          .lead = "the DSL",
          .contacts = {"children's social care or early help, if the DSL refers"},
          .deadline_working_days = 0,
          .advice_first = not_sure};
}

}  // namespace

std::string_view activityName(Activity activity) {
  switch (activity) {
    case Activity::kIllegal: return "illegal";
    case Activity::kInappropriate: return "inappropriate";
    case Activity::kNotSure: return "not-sure";
  }
  return "not-sure";
}

Result<Activity> parseActivity(std::string_view text) {
  for (Activity a : {Activity::kIllegal, Activity::kInappropriate, Activity::kNotSure}) {
    if (text == activityName(a)) return a;
  }
  return invalidArgument("the activity is one of illegal, inappropriate, not-sure");
}

std::string_view routeName(Route route) {
  switch (route) {
    case Route::kPolice: return "police";
    case Route::kAllegations: return "allegations";
    case Route::kStaffVictim: return "staff-victim";
    case Route::kChildProtection: return "child-protection";
  }
  return "child-protection";
}

Result<std::vector<RoutePlan>> routesFor(const Involvement& who, Activity activity) {
  const bool child = who.child_victim || who.child_instigator;
  if (!child && !who.staff_victim && !who.staff_instigator) {
    return invalidArgument("name at least one person involved: a child or a member of staff");
  }
  if (who.head_is_instigator && !who.staff_instigator) {
    return invalidArgument("the head is named as the instigator, but no staff instigator is");
  }
  std::vector<RoutePlan> routes;
  if (child && activity == Activity::kIllegal) routes.push_back(police());
  if (who.staff_instigator) routes.push_back(allegations(who.head_is_instigator));
  if (who.staff_victim) routes.push_back(staffVictim());
  if (child && activity != Activity::kIllegal) {
    routes.push_back(childProtection(activity == Activity::kNotSure));
  }
  return routes;
}

}  // namespace esafety::records
