// A school ready for signing in, for the tests of SignInDesk and
// IdentityResolver: a real SQLite store in a temporary folder
// (store::testing::StoreTest, FakeClock at kStartTime), the groups KS1, KS2,
// Staff and Visitor, the year-group logins with year3's password
// "tiger-lemon-42", the staff login s.lee@school.example
// ("staff-pass-1234", Sam Lee), a fresh visitor password, and a SignInDesk.
#pragma once

#include <memory>
#include <string>

#include "control/people_admin.h"
#include "identity/sign_in.h"
#include "store/sqlite/test_store.h"

namespace esafety::identity::testing {

class SignInFixture : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clock_.setUnix(kStartTime);
    for (const char* g : {"KS1", "KS2", "Staff", "Visitor"}) {
      ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = g}, "a", "r"));
    }
    control::PeopleAdmin admin(*store_, school_, clock_);
    ESAFETY_ASSERT_OK(admin.ensureYearGroupLogins("office"));
    ESAFETY_ASSERT_OK(admin.setPassword("year3", "tiger-lemon-42", "office"));
    ESAFETY_ASSERT_OK(admin.addStaff({.name = "Sam Lee", .email = "s.lee@school.example"},
                                     "staff-pass-1234", "head"));
    auto visitor = admin.rotateVisitorPassword("office");
    ESAFETY_ASSERT_OK(visitor);
    visitor_password_ = visitor->generated_password;
    desk_ = std::make_unique<SignInDesk>(*store_, *store_, school_, clock_);
  }

  // Stores a sign-in setting and has the desk read the settings again.
  void setSetting(std::string_view key, std::string_view value) {
    ESAFETY_ASSERT_OK(store_->setSetting(school_, std::string(key), std::string(value), "it"));
    std::vector<std::string> warnings;
    ESAFETY_ASSERT_OK(desk_->reloadSettings(warnings));
    ASSERT_TRUE(warnings.empty()) << warnings.front();
  }

  std::string visitor_password_;
  std::unique_ptr<SignInDesk> desk_;
};

}  // namespace esafety::identity::testing
