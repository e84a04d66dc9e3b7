#include "records/incident_routes.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace esafety::records {
namespace {

std::vector<Route> routesOf(const Involvement& who, Activity activity) {
  auto plans = routesFor(who, activity);
  EXPECT_TRUE(plans.isOk()) << plans.status().toString();
  std::vector<Route> out;
  if (plans) {
    for (const auto& p : *plans) out.push_back(p.route);
  }
  return out;
}

bool has(const std::vector<Route>& routes, Route r) {
  return std::find(routes.begin(), routes.end(), r) != routes.end();
}

const RoutePlan* planFor(const std::vector<RoutePlan>& plans, Route r) {
  for (const auto& p : plans) {
    if (p.route == r) return &p;
  }
  return nullptr;
}

// Every mix of the four roles (with and without the head as the
// instigator) and every activity: each route appears exactly when the
// policy says, and never twice.
TEST(IncidentRoutesTest, EveryCombinationOfRolesActivityAndTheHead) {
  int checked = 0;
  for (int mask = 1; mask < 16; ++mask) {
    for (bool head : {false, true}) {
      Involvement who{.child_victim = (mask & 1) != 0,
                      .child_instigator = (mask & 2) != 0,
                      .staff_victim = (mask & 4) != 0,
                      .staff_instigator = (mask & 8) != 0,
                      .head_is_instigator = head};
      if (head && !who.staff_instigator) continue;  // refused: see below
      for (Activity activity : {Activity::kIllegal, Activity::kInappropriate, Activity::kNotSure}) {
        SCOPED_TRACE(::testing::Message() << "mask " << mask << " head " << head << " "
                                          << activityName(activity));
        auto plans = routesFor(who, activity);
        ASSERT_TRUE(plans.isOk()) << plans.status().toString();
        auto routes = routesOf(who, activity);
        const bool child = who.child_victim || who.child_instigator;
        EXPECT_EQ(has(routes, Route::kPolice), child && activity == Activity::kIllegal);
        EXPECT_EQ(has(routes, Route::kChildProtection), child && activity != Activity::kIllegal);
        EXPECT_EQ(has(routes, Route::kAllegations), who.staff_instigator);
        EXPECT_EQ(has(routes, Route::kStaffVictim), who.staff_victim);
        EXPECT_FALSE(routes.empty());
        std::vector<Route> unique = routes;
        std::sort(unique.begin(), unique.end());
        EXPECT_EQ(std::unique(unique.begin(), unique.end()), unique.end());
        if (const RoutePlan* a = planFor(*plans, Route::kAllegations)) {
          EXPECT_EQ(a->lead, head ? "the chair of governors" : "the headteacher");
          EXPECT_EQ(a->deadline_working_days, 1);
          EXPECT_EQ(a->contacts.at(0), "the Local Authority Designated Officer (LADO)");
          EXPECT_EQ(a->contacts.at(1), "the HR provider");
        }
        if (const RoutePlan* cp = planFor(*plans, Route::kChildProtection)) {
          EXPECT_EQ(cp->advice_first, activity == Activity::kNotSure);
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, (15 + 8) * 3);  // 15 mixes, 8 of them with a staff instigator
}

TEST(IncidentRoutesTest, ThePolicysFourRoutesOneByOne) {
  EXPECT_EQ(routesOf({.child_victim = true}, Activity::kIllegal), std::vector<Route>{Route::kPolice});
  EXPECT_EQ(routesOf({.child_instigator = true}, Activity::kInappropriate),
            std::vector<Route>{Route::kChildProtection});
  EXPECT_EQ(routesOf({.staff_instigator = true}, Activity::kInappropriate),
            std::vector<Route>{Route::kAllegations});
  EXPECT_EQ(routesOf({.staff_victim = true}, Activity::kIllegal),
            std::vector<Route>{Route::kStaffVictim});
  // A member of staff sharing illegal images with a pupil: both procedures.
  EXPECT_EQ(routesOf({.child_victim = true, .staff_instigator = true}, Activity::kIllegal),
            (std::vector<Route>{Route::kPolice, Route::kAllegations}));
}

TEST(IncidentRoutesTest, PoliceContactsSayItIsAChildProtectionMatter) {
  auto plans = routesFor({.child_victim = true}, Activity::kIllegal);
  ASSERT_TRUE(plans.isOk());
  EXPECT_NE(plans->at(0).contacts.at(0).find("child-protection matter"), std::string::npos);
  EXPECT_EQ(plans->at(0).lead, "the DSL");
}

TEST(IncidentRoutesTest, RefusesNobodyInvolvedAndAHeadWhoIsNotAnInstigator) {
  auto none = routesFor({}, Activity::kIllegal);
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(none.status().message().find("at least one person"), std::string::npos);
  auto head = routesFor({.child_victim = true, .head_is_instigator = true}, Activity::kIllegal);
  EXPECT_EQ(head.status().code(), StatusCode::kInvalidArgument);
}

TEST(IncidentRoutesTest, ActivityNamesRoundTripAndBadOnesAreRefused) {
  for (Activity a : {Activity::kIllegal, Activity::kInappropriate, Activity::kNotSure}) {
    auto parsed = parseActivity(activityName(a));
    ASSERT_TRUE(parsed.isOk());
    EXPECT_EQ(*parsed, a);
  }
  EXPECT_EQ(parseActivity("bad").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(routeName(Route::kStaffVictim), "staff-victim");
}

}  // namespace
}  // namespace esafety::records
