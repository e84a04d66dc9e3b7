// PeopleAdmin over a real SQLite store: the two-phase import, logins and
// passwords, sanctions, check-outs and what the policy snapshot is fed.
#include "control/people_admin.h"

#include "control/device_admin.h"

#include <fstream>
#include <sstream>

#include "identity/local_times.h"
#include "identity/policy_feed.h"
#include "store/sqlite/test_store.h"

namespace esafety::control {

using namespace identity;  // the people model, throughout
namespace {

using store::testing::StoreTest;

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(ESAFETY_SOURCE_DIR) + "/tests/data/people/" + name,
                   std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class PeopleAdminTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clock_.set(LocalTime::parse("2026-03-03 09:30").value());
    for (const char* g : {"KS1", "KS2"}) {
      ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = g}, "a", "r"));
    }
    ESAFETY_ASSERT_OK(store_->addDevice(
        school_, {.name = "iPad 07", .type = "ipad", .ip = "127.0.0.12", .group = "KS1"}, "it"));
  }
  PeopleAdmin admin() { return PeopleAdmin(*store_, school_, clock_); }
  DeviceAdmin devices() { return DeviceAdmin(*store_, school_, clock_); }
};

TEST_F(PeopleAdminTest, ABadFileImportsNothingAndTheFixedOneImportsAll) {
  auto bad = admin().commitImport(fixture("pupils_bad.csv"), "office");
  ASSERT_FALSE(bad.isOk());
  EXPECT_EQ(bad.status().message(), "the file has 5 errors; nothing was imported");
  EXPECT_TRUE(store_->people(school_)->empty());

  auto preview = admin().previewImport(fixture("pupils_fixed.csv"));
  ESAFETY_ASSERT_OK(preview);
  EXPECT_EQ(preview->errors(), 0u);
  EXPECT_TRUE(store_->people(school_)->empty());  // a preview changes nothing

  auto added = admin().commitImport(fixture("pupils_fixed.csv"), "office");
  ESAFETY_ASSERT_OK(added);
  EXPECT_EQ(*added, 6u);
  auto jose = store_->personByUpn(school_, "C801200026006");
  ESAFETY_ASSERT_OK(jose);
  ASSERT_TRUE(jose->has_value());
  EXPECT_EQ((*jose)->name,
            "Jos\xC3\xA9 N\xC3\xBA\xC3\xB1"
            "ez");  // stored as UTF-8

  // Importing the same file again: every pupil is a duplicate now.
  auto again = admin().previewImport(fixture("pupils_fixed.csv"));
  ESAFETY_ASSERT_OK(again);
  EXPECT_EQ(again->errors(), 6u);
}

TEST_F(PeopleAdminTest, StaffPasswordsAndDeactivation) {
  auto added = admin().addStaff(
      {.name = "Sam Lee", .email = "s.lee@school.example", .role = Role::kDsl}, "", "head");
  ESAFETY_ASSERT_OK(added);
  ASSERT_FALSE(added->generated_password.empty());
  auto signed_in = admin().authenticate("S.Lee@school.example", added->generated_password);
  ESAFETY_ASSERT_OK(signed_in);
  EXPECT_EQ(signed_in->role, Role::kDsl);
  EXPECT_EQ(admin().authenticate("s.lee@school.example", "wrong password!").status().message(),
            "wrong login or password");
  EXPECT_EQ(admin().authenticate("nobody@school.example", "x").status().message(),
            "wrong login or password");

  ESAFETY_ASSERT_OK(admin().setPassword("s.lee@school.example", "a new long password", "s.lee"));
  EXPECT_FALSE(admin().authenticate("s.lee@school.example", added->generated_password).isOk());
  ESAFETY_ASSERT_OK(admin().authenticate("s.lee@school.example", "a new long password"));

  ESAFETY_ASSERT_OK(admin().sanction("s.lee@school.example", SanctionKind::kDeactivate, 0,
                                     "Left the school", "head"));
  auto refused = admin().authenticate("s.lee@school.example", "a new long password");
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(refused.status().message(), "this account is deactivated: Left the school");

  EXPECT_EQ(admin().addStaff({.name = "X", .email = "not-an-email"}, "", "head").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      admin().addStaff({.name = "Y", .email = "y@s.example"}, "short", "head").status().code(),
      StatusCode::kInvalidArgument);
}

TEST_F(PeopleAdminTest, OnlyTheChairOfGovernorsSanctionsTheHeadAndNobodyThemselves) {
  auto add = [&](const char* email, Role role) {
    ESAFETY_ASSERT_OK(admin().addStaff({.name = email, .email = email, .role = role}, "", "setup"));
  };
  add("head@school.example", Role::kHead);
  add("it@school.example", Role::kItAdmin);
  add("dsl@school.example", Role::kDsl);
  add("chair@school.example", Role::kGovernor);
  add("teacher@school.example", Role::kTeacher);
  auto deactivate = [&](const char* who, const char* actor) {
    return admin().sanction(who, SanctionKind::kDeactivate, 0, "Testing the rule", actor).status();
  };
  Status it_on_head = deactivate("head@school.example", "it@school.example");
  EXPECT_EQ(it_on_head.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(it_on_head.message(),
            "who: only the chair of governors can put a sanction on the head's account"
            " (from the command line, name them with --by)");
  EXPECT_EQ(deactivate("head@school.example", "dsl@school.example").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(deactivate("head@school.example", "root").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(admin().sanction("head@school.example", SanctionKind::kRestrict, 0, "r", "it@school.example")
                .status().code(),
            StatusCode::kPermissionDenied);
  Status self = deactivate("head@school.example", "head@school.example");
  EXPECT_EQ(self.message(), "who: you cannot deactivate your own account; ask the head or the DSL");
  EXPECT_EQ(deactivate("it@school.example", "IT@school.example").code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(admin().activeSanctions()->empty());  // none of those was stored

  ESAFETY_ASSERT_OK(deactivate("teacher@school.example", "it@school.example"));
  ESAFETY_ASSERT_OK(deactivate("head@school.example", "chair@school.example"));
  EXPECT_EQ(admin().activeSanctions()->size(), 2u);
  // The head's sessions are refused from now on.
  auto head = store_->personByLogin(school_, "head@school.example");
  EXPECT_EQ(admin().activeAccount((*head)->id).status().code(), StatusCode::kPermissionDenied);

  // Roles: the IT admin cannot demote the head or make someone head, nobody
  // changes their own, and the chair of governors can.
  Status demote = admin().setRole("head@school.example", Role::kTeacher, "it@school.example");
  EXPECT_EQ(demote.message(),
            "login: only the chair of governors can change the head's role or make someone head"
            " (from the command line, name them with --by)");
  EXPECT_EQ(admin().setRole("dsl@school.example", Role::kHead, "it@school.example").code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(admin().setRole("it@school.example", Role::kLaAdmin, "it@school.example").message(),
            "login: you cannot change your own role; ask the head");
  ESAFETY_ASSERT_OK(admin().setRole("dsl@school.example", Role::kTeacher, "it@school.example"));
  ESAFETY_ASSERT_OK(admin().setRole("head@school.example", Role::kTeacher, "chair@school.example"));
  EXPECT_EQ(store_->personByLogin(school_, "head@school.example").value()->role, Role::kTeacher);
  EXPECT_EQ(admin().setRole("nobody@school.example", Role::kTeacher, "chair@school.example").code(),
            StatusCode::kNotFound);
}

TEST_F(PeopleAdminTest, VisitorPasswordRotatesAndYearGroupLoginsExistOnce) {
  auto first = admin().rotateVisitorPassword("office");
  ESAFETY_ASSERT_OK(first);
  ESAFETY_ASSERT_OK(admin().authenticate("visitor", first->generated_password));
  auto second = admin().rotateVisitorPassword("office");
  ESAFETY_ASSERT_OK(second);
  EXPECT_EQ(second->id, first->id);
  EXPECT_FALSE(admin().authenticate("visitor", first->generated_password).isOk());
  auto visitor = admin().authenticate("visitor", second->generated_password);
  ESAFETY_ASSERT_OK(visitor);
  EXPECT_EQ(visitor->role, Role::kVisitor);

  auto logins = admin().ensureYearGroupLogins("it");
  ESAFETY_ASSERT_OK(logins);
  ASSERT_EQ(logins->size(), 7u);
  EXPECT_EQ(logins->front().login, "reception");
  EXPECT_EQ(logins->back().login, "year6");
  auto year3 = admin().authenticate("year3", (*logins)[3].generated_password);
  ESAFETY_ASSERT_OK(year3);
  EXPECT_EQ(year3->year, 3);
  EXPECT_TRUE(admin().ensureYearGroupLogins("it")->empty());
}

TEST_F(PeopleAdminTest, CheckOutFeedsTheSnapshotWithThePupilAndKeyStageGroup) {
  ESAFETY_ASSERT_OK(admin().commitImport(fixture("pupils_fixed.csv"), "office"));
  auto until = todayAt(clock_, "10:30");
  ESAFETY_ASSERT_OK(until);
  EXPECT_EQ(*until, kStartTime + 3600);
  EXPECT_FALSE(todayAt(clock_, "09:00").isOk());  // already passed
  // Amira is in Year 3: KS2, though the iPad's own group is KS1.
  ESAFETY_ASSERT_OK(devices().checkOut("ipad 07", "g801200026001", *until, "teacher"));
  ESAFETY_ASSERT_OK(
      admin().sanction("G801200026001", SanctionKind::kRestrict, 0, "Unkind messages", "head"));
  policy::PolicyData data = *store_->loadPolicy(school_);
  ESAFETY_ASSERT_OK(addIdentities(*store_, school_, clock_.nowUnix(), data));
  ASSERT_EQ(data.checkouts.size(), 1u);
  EXPECT_EQ(data.checkouts[0].user_name, "Amira Khan");
  EXPECT_EQ(data.checkouts[0].group, "KS2");
  EXPECT_EQ(data.checkouts[0].until, kStartTime + 3600);
  ASSERT_EQ(data.sanctions.size(), 1u);
  EXPECT_TRUE(data.sanctions[0].restricted);
  EXPECT_EQ(data.sanctions[0].user_id, data.checkouts[0].user_id);

  EXPECT_EQ(devices().checkOut("iPad 99", "G801200026001", *until, "t").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(devices().checkOut("127.0.0.12", "W801200026002", *until, "t").status().code(),
            StatusCode::kFailedPrecondition);  // found by address, but out already
  ESAFETY_ASSERT_OK(devices().checkIn("iPad 07", "teacher"));
  data = *store_->loadPolicy(school_);
  ESAFETY_ASSERT_OK(addIdentities(*store_, school_, clock_.nowUnix(), data));
  EXPECT_TRUE(data.checkouts.empty());
}

TEST_F(PeopleAdminTest, ContactsLinkByUpnAndSanctionsUntilADate) {
  ESAFETY_ASSERT_OK(admin().commitImport(fixture("pupils_fixed.csv"), "office"));
  ESAFETY_ASSERT_OK(admin().addContact({.name = "Farah Khan", .relationship = "mother"},
                                       {"G801200026001"}, "office"));
  EXPECT_EQ(admin().addContact({.name = "X"}, {"N801200026099"}, "office").status().code(),
            StatusCode::kNotFound);
  auto end = endOfDay(clock_, "2026-03-04");
  ESAFETY_ASSERT_OK(end);
  EXPECT_EQ(*end, kStartTime + 86400 + (24 * 60 - 570) * 60);  // midnight after the 4th
  EXPECT_FALSE(endOfDay(clock_, "2026-03-02").isOk());
  EXPECT_EQ(admin().sanction("nobody", SanctionKind::kRestrict, 0, "r", "head").status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace esafety::control
