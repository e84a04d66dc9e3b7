// The policy-changing routes over a real store: each change says what it did
// in plain words and is audited with the signed-in person and their reason;
// bad fields are named; illegal content is refused with its sentence (422);
// a teacher may not change the policy.
#include "console/api_test_fixture.h"

namespace esafety::console {
namespace {

using identity::Role;
using nlohmann::json;

class PolicyRoutesTest : public ConsoleApiTest {
 protected:
  void SetUp() override {
    ConsoleApiTest::SetUp();
    for (const char* c : {"gambling", "games", "social-networking"}) addCategory(c);
    addCategory("illegal", /*unoverridable=*/true);
    policy::Group ks2{.name = "KS2", .blocked_categories = {"games", "illegal"}};
    ks2.time_rules.push_back({"games", 0x1F, 12 * 60, 13 * 60, policy::Action::kAllow, "Lunch"});
    ESAFETY_ASSERT_OK(store_->saveGroup(school_, ks2, "setup", "r"));
    ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = "Staff"}, "setup", "r"));
    ctx_->index_path = dir_.file("categories.idx");  // none yet: an empty index
  }

  policy::Group group(const char* name) {
    auto g = store_->group(school_, name);
    EXPECT_TRUE(g && *g);
    return g && *g ? **g : policy::Group{};
  }

  // The newest audit entry: "actor | action | target | reason".
  std::string lastAudit() {
    auto rows = store_->audit(school_, 1);
    EXPECT_TRUE(rows && !rows->empty());
    if (!rows || rows->empty()) return "";
    const auto& a = rows->front();
    return a.actor + " | " + a.action + " | " + a.target + " | " + a.reason;
  }

  static std::string error(const ApiResponse& r) { return json::parse(r.body).value("error", ""); }
  static std::string doneText(const ApiResponse& r) {
    return json::parse(r.body).value("done", "");
  }
};

TEST_F(PolicyRoutesTest, BlockingACategoryForAGroupIsAuditedAndSaidPlainly) {
  const ConsoleSession& head = sessionFor(Role::kHead);
  ApiResponse r = call("POST", "/api/v1/policy/group-category", head,
                       {{"group", "KS2"},
                        {"category", "gambling"},
                        {"action", "block"},
                        {"reason", "Betting adverts seen in class"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(doneText(r), "Blocked 'gambling' for KS2.");
  EXPECT_TRUE(group("KS2").blocked_categories.contains("gambling"));
  EXPECT_EQ(lastAudit(),
            "someone@school.example | group.update | KS2 | Betting adverts seen in class");

  r = call("POST", "/api/v1/policy/group-category", head,
           {{"group", "KS2"},
            {"category", "gambling"},
            {"action", "allow"},
            {"reason", "Maths project on odds"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(doneText(r), "Allowed 'gambling' for KS2.");
  EXPECT_FALSE(group("KS2").blocked_categories.contains("gambling"));
  EXPECT_TRUE(group("KS2").allowed_categories.contains("gambling"));

  r = call(
      "POST", "/api/v1/policy/group-category", head,
      {{"group", "KS2"}, {"category", "gambling"}, {"action", "none"}, {"reason", "Project over"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(doneText(r).find("the group's default applies"), std::string::npos) << r.body;
  EXPECT_FALSE(group("KS2").allowed_categories.contains("gambling"));

  // The policy view shows the time rules with their place, for removing one.
  r = call("GET", "/api/v1/policy", head);
  ASSERT_EQ(r.status, 200);
  const json view = json::parse(r.body);
  for (const auto& g : view["groups"]) {
    if (g["name"] != "KS2") continue;
    ASSERT_EQ(g["rules"].size(), 1u);
    EXPECT_EQ(g["rules"][0]["index"], 0);
    EXPECT_EQ(g["rules"][0]["text"], "Mon-Fri 12:00-13:00 allow games");
  }
}

TEST_F(PolicyRoutesTest, IllegalContentIsRefusedWithItsSentence) {
  const ConsoleSession& head = sessionFor(Role::kHead);
  ApiResponse r = call(
      "POST", "/api/v1/policy/group-category", head,
      {{"group", "Staff"}, {"category", "illegal"}, {"action", "allow"}, {"reason", "Testing"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(error(r).find("holds illegal content"), std::string::npos) << r.body;
  EXPECT_NE(error(r).find("nobody, including the system administrator, can allow it"),
            std::string::npos);
  EXPECT_FALSE(group("Staff").allowed_categories.contains("illegal"));

  r = call("POST", "/api/v1/policy/time-rules", head,
           {{"group", "KS2"},
            {"category", "illegal"},
            {"action", "allow"},
            {"days", "every day"},
            {"from", "00:00"},
            {"to", "24:00"},
            {"reason", "Testing"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(error(r).find("holds illegal content"), std::string::npos) << r.body;
  EXPECT_EQ(group("KS2").time_rules.size(), 1u);
  EXPECT_NE(lastAudit().find("setup"), std::string::npos) << "nothing was stored or audited";
}

TEST_F(PolicyRoutesTest, LocalEntriesAreAddedAndRemovedWithReasons) {
  const ConsoleSession& head = sessionFor(Role::kHead);
  ApiResponse r = call("POST", "/api/v1/policy/entries", head,
                       {{"pattern", "HTTP://Quiz-Site.example/"},
                        {"action", "block"},
                        {"group", "KS2"},
                        {"reason", "Answers to the SATs practice"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(doneText(r), "Blocked quiz-site.example for KS2.");
  int64_t id = json::parse(r.body)["id"];
  EXPECT_EQ(lastAudit(), "someone@school.example | local_entry.add | local entry " +
                             std::to_string(id) + " | Answers to the SATs practice");

  r = call("POST", "/api/v1/policy/entries", head,
           {{"pattern", "club.example"}, {"action", "allow"}, {"reason", "After-school club"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(doneText(r), "Allowed club.example for every group.");

  // Removing needs a reason, and names the entry removed.
  r = call("POST", "/api/v1/policy/entries/remove", head, {{"id", id}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error(r).rfind("reason: ", 0), 0u) << r.body;
  r = call("POST", "/api/v1/policy/entries/remove", head,
           {{"id", id}, {"reason", "SATs are over"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(doneText(r), "Removed the entry that blocked quiz-site.example for KS2.");
  EXPECT_EQ(lastAudit(), "someone@school.example | local_entry.remove | local entry " +
                             std::to_string(id) + " | SATs are over");
  r = call("POST", "/api/v1/policy/entries/remove", head, {{"id", id}, {"reason", "Again"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(error(r).find("no entry"), std::string::npos);
  auto entries = store_->localEntries(school_);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().pattern, "club.example");
}

TEST_F(PolicyRoutesTest, TimeRulesAreAddedAndRemoved) {
  const ConsoleSession& head = sessionFor(Role::kHead);
  ApiResponse r = call("POST", "/api/v1/policy/time-rules", head,
                       {{"group", "KS2"},
                        {"category", "social-networking"},
                        {"action", "allow"},
                        {"days", "Sat,Sun"},
                        {"from", "10:00"},
                        {"to", "11:30"},
                        {"reason", "Weekend blog club"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(doneText(r), "Added a time rule for KS2: Sat-Sun 10:00-11:30 allow social-networking.");
  ASSERT_EQ(group("KS2").time_rules.size(), 2u);
  EXPECT_EQ(lastAudit(), "someone@school.example | group.update | KS2 | Weekend blog club");

  // The wording must match the place, so a moved rule is not removed by mistake.
  r = call("POST", "/api/v1/policy/time-rules/remove", head,
           {{"group", "KS2"},
            {"index", 0},
            {"rule", "Sat-Sun 10:00-11:30 allow social-networking"},
            {"reason", "Club over"}});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(group("KS2").time_rules.size(), 2u);
  r = call("POST", "/api/v1/policy/time-rules/remove", head,
           {{"group", "KS2"},
            {"index", 1},
            {"rule", "Sat-Sun 10:00-11:30 allow social-networking"},
            {"reason", "Club over"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(doneText(r),
            "Removed the time rule for KS2: Sat-Sun 10:00-11:30 allow social-networking.");
  ASSERT_EQ(group("KS2").time_rules.size(), 1u);
  EXPECT_EQ(group("KS2").time_rules[0].category, "games");
  EXPECT_EQ(lastAudit(), "someone@school.example | group.update | KS2 | Club over");

  r = call("POST", "/api/v1/policy/uncategorised", head,
           {{"group", "KS2"}, {"action", "block"}, {"reason", "Only listed sites this term"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(doneText(r), "Blocked sites in no category for KS2.");
  EXPECT_EQ(group("KS2").uncategorised, policy::Action::kBlock);
}

TEST_F(PolicyRoutesTest, EveryBadFieldIsNamed) {
  const ConsoleSession& head = sessionFor(Role::kHead);
  struct Case {
    const char* path;
    json body;
    const char* field;
  };
  const json ok_rule = {{"group", "KS2"},    {"category", "games"}, {"action", "allow"},
                        {"days", "Mon-Fri"}, {"from", "12:00"},     {"to", "13:00"},
                        {"reason", "Lunch"}};
  auto with = [](json base, const char* key, json value) {
    base[key] = std::move(value);
    return base;
  };
  const std::vector<Case> cases = {
      {"/api/v1/policy/entries", {{"action", "block"}, {"reason", "r"}}, "pattern"},
      {"/api/v1/policy/entries",
       {{"pattern", "a b c"}, {"action", "block"}, {"reason", "r"}},
       "pattern"},
      {"/api/v1/policy/entries",
       {{"pattern", "x.example"}, {"action", "maybe"}, {"reason", "r"}},
       "action"},
      {"/api/v1/policy/entries",
       {{"pattern", "x.example"}, {"action", "block"}, {"group", "KS9"}, {"reason", "r"}},
       "group"},
      {"/api/v1/policy/entries",
       {{"pattern", "x.example"}, {"action", "block"}, {"reason", "  "}},
       "reason"},
      {"/api/v1/policy/entries/remove", {{"id", "seven"}, {"reason", "r"}}, "id"},
      {"/api/v1/policy/group-category",
       {{"group", "KS2"}, {"category", "nope"}, {"action", "block"}, {"reason", "r"}},
       "category"},
      {"/api/v1/policy/group-category",
       {{"category", "games"}, {"action", "block"}, {"reason", "r"}},
       "group"},
      {"/api/v1/policy/group-category",
       {{"group", "KS2"}, {"category", "games"}, {"action", "yes"}, {"reason", "r"}},
       "action"},
      {"/api/v1/policy/group-category",
       {{"group", "KS2"}, {"category", "games"}, {"action", "block"}},
       "reason"},
      {"/api/v1/policy/time-rules", with(ok_rule, "days", "Someday"), "days"},
      {"/api/v1/policy/time-rules", with(ok_rule, "from", "noon"), "from"},
      {"/api/v1/policy/time-rules", with(ok_rule, "to", "25:00"), "to"},
      {"/api/v1/policy/time-rules", with(ok_rule, "to", "12:00"), "to"},
      {"/api/v1/policy/time-rules", with(ok_rule, "action", "none"), "action"},
      {"/api/v1/policy/time-rules/remove",
       {{"group", "KS2"}, {"rule", "x"}, {"reason", "r"}},
       "index"},
      {"/api/v1/policy/time-rules/remove",
       {{"group", "KS2"}, {"index", 0}, {"reason", "r"}},
       "rule"},
      {"/api/v1/policy/uncategorised",
       {{"group", "KS2"}, {"action", "none"}, {"reason", "r"}},
       "action"},
  };
  for (const Case& c : cases) {
    ApiResponse r = call("POST", c.path, head, c.body);
    EXPECT_EQ(r.status, 400) << c.path << " " << c.body.dump() << ": " << r.body;
    EXPECT_EQ(error(r).rfind(std::string(c.field) + ": ", 0), 0u)
        << c.path << " " << c.body.dump() << ": " << r.body;
  }
  // Not JSON at all.
  ApiRequest raw = request("POST", "/api/v1/policy/entries", &head);
  raw.content_type = "application/json";
  raw.body = "{not json";
  EXPECT_EQ(router_->handle(raw).status, 400);
  // Nothing was changed by any of it.
  EXPECT_EQ(lastAudit().substr(0, 5), "setup");
}

TEST_F(PolicyRoutesTest, OnlyRolesThatEditThePolicyMayChangeIt) {
  const ConsoleSession& teacher = sessionFor(Role::kTeacher);
  ApiResponse r =
      call("POST", "/api/v1/policy/group-category", teacher,
           {{"group", "KS2"}, {"category", "games"}, {"action", "allow"}, {"reason", "Fun"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(group("KS2").blocked_categories.contains("games"));
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  r = call(
      "POST", "/api/v1/policy/group-category", it,
      {{"group", "KS2"}, {"category", "games"}, {"action", "allow"}, {"reason", "Games club"}});
  EXPECT_EQ(r.status, 200) << r.body;
}

}  // namespace
}  // namespace esafety::console
