// Who reads a safeguarding record, across the whole role matrix.
#include "control/record_access.h"

#include <gtest/gtest.h>

namespace esafety::control {
namespace {

using identity::Role;

constexpr int64_t kReader = 10;

bool readsAsDsl(Role role) { return role == Role::kDsl || role == Role::kDeputyDsl || role == Role::kHead; }

TEST(RecordAccessTest, TheDslTheDeputyAndTheHeadReadAndNobodyElse) {
  for (Role role : identity::kAllRoles) {
    RecordAccess access = recordAccess({.person = kReader, .role = role}, {.raised_by_person = 99});
    EXPECT_EQ(access == RecordAccess::kRead, readsAsDsl(role)) << identity::roleName(role);
    if (!readsAsDsl(role)) {
      EXPECT_EQ(access, RecordAccess::kNotPermitted) << identity::roleName(role);
    }
  }
}

TEST(RecordAccessTest, ANamedMemberOfStaffNeverReadsWhateverTheRole) {
  for (Role role : identity::kAllRoles) {
    for (bool head : {false, true}) {
      RecordParties parties{.raised_by_person = 99, .named_staff = {5, kReader}, .head_is_instigator = head};
      EXPECT_EQ(recordAccess({.person = kReader, .role = role}, parties), RecordAccess::kNamedInRecord)
          << identity::roleName(role);
    }
  }
}

TEST(RecordAccessTest, TheRaiserCannotReadItBackUnlessTheyAreTheDsl) {
  for (Role role : identity::kAllRoles) {
    RecordAccess access = recordAccess({.person = kReader, .role = role}, {.raised_by_person = kReader});
    if (readsAsDsl(role)) {
      EXPECT_EQ(access, RecordAccess::kRead) << identity::roleName(role);
    } else if (role == Role::kGovernor) {
      EXPECT_EQ(access, RecordAccess::kNotPermitted);
    } else {
      EXPECT_EQ(access, RecordAccess::kRaisedIt) << identity::roleName(role);
      EXPECT_NE(refusal(access).find("you raised this concern"), std::string::npos);
    }
  }
}

TEST(RecordAccessTest, AnAllegationAgainstTheHeadGoesToTheChairAndShutsOutTheHead) {
  RecordParties against_head{.raised_by_person = 99, .named_staff = {1}, .head_is_instigator = true};
  // Another account with the head role (an acting head) is shut out too.
  EXPECT_EQ(recordAccess({.person = kReader, .role = Role::kHead}, against_head),
            RecordAccess::kHeadIsInstigator);
  EXPECT_EQ(recordAccess({.person = 1, .role = Role::kHead}, against_head), RecordAccess::kNamedInRecord);
  EXPECT_EQ(recordAccess({.person = kReader, .role = Role::kGovernor}, against_head), RecordAccess::kRead);
  EXPECT_EQ(recordAccess({.person = kReader, .role = Role::kDsl}, against_head), RecordAccess::kRead);
  // Any other record: the chair does not read it.
  EXPECT_EQ(recordAccess({.person = kReader, .role = Role::kGovernor}, {.named_staff = {1}}),
            RecordAccess::kNotPermitted);
}

TEST(RecordAccessTest, APersonWithNoIdIsNeverTakenForTheRaiserOrANamedPerson) {
  EXPECT_EQ(recordAccess({.person = 0, .role = Role::kTeacher}, {.raised_by_person = 0, .named_staff = {0}}),
            RecordAccess::kNotPermitted);
}

}  // namespace
}  // namespace esafety::control
