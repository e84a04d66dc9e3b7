// PolicyAdmin against the demo school in a real data directory: removing a
// time rule (by its place and its wording, so a rule that moved is never
// removed by mistake), audited with who and why.
#include "control/policy_admin.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "control/school_setup.h"

namespace esafety::control {
namespace {

class PolicyAdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("esafety-policy-admin-" + std::to_string(getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    dir_.root = root_.string();
    SetupOptions options;
    options.demo = true;
    classify::ProblemList problems;
    auto report = initDataDir(dir_, options, clock_, nullptr, problems);
    ASSERT_TRUE(report) << report.status().toString();
    auto store = openStore(dir_, clock_);
    ASSERT_TRUE(store) << store.status().toString();
    store_ = std::move(*store);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  std::vector<policy::TimeRule> rulesOf(const char* group) {
    auto g = store_->group(policy::kDefaultSchool, group);
    EXPECT_TRUE(g && *g);
    return g && *g ? (**g).time_rules : std::vector<policy::TimeRule>{};
  }

  std::filesystem::path root_;
  DataDir dir_;
  FakeClock clock_{*LocalTime::parse("2026-03-03 10:00")};
  std::unique_ptr<store::Store> store_;
};

TEST_F(PolicyAdminTest, RemovesATimeRuleByPlaceAndWordingAndAuditsIt) {
  PolicyAdmin admin(*store_, policy::kDefaultSchool, dir_.indexPath());
  policy::TimeRule reading{"social-networking", 0x1F, 15 * 60, 16 * 60, policy::Action::kAllow, ""};
  ASSERT_TRUE(admin.addTimeRule("KS2", reading, "head@school.example", "Class blog").isOk());
  std::vector<policy::TimeRule> before = rulesOf("KS2");
  ASSERT_GE(before.size(), 2u);
  const size_t last = before.size() - 1;
  EXPECT_EQ(before[last].describe(), reading.describe());

  // The wrong wording for the place: refused, nothing changed.
  auto wrong = admin.removeTimeRule("KS2", last, before[0].describe(), "head@school.example", "x");
  EXPECT_EQ(wrong.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(wrong.status().message().find("may have changed"), std::string::npos);
  EXPECT_EQ(admin.removeTimeRule("KS2", 99, reading.describe(), "head@school.example", "x")
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(admin.removeTimeRule("Nobody", 0, reading.describe(), "head@school.example", "x")
                .status()
                .code(),
            StatusCode::kNotFound);
  // A reason is required, as for every change.
  EXPECT_EQ(admin.removeTimeRule("KS2", last, reading.describe(), "head@school.example", "")
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(rulesOf("KS2").size(), before.size());

  auto removed = admin.removeTimeRule("KS2", last, reading.describe(), "head@school.example",
                                      "The blog project has ended");
  ASSERT_TRUE(removed) << removed.status().toString();
  EXPECT_EQ(removed->category, "social-networking");
  std::vector<policy::TimeRule> after = rulesOf("KS2");
  ASSERT_EQ(after.size(), before.size() - 1);
  EXPECT_EQ(after[0].describe(), before[0].describe()) << "the other rules stay";

  auto audit = store_->audit(policy::kDefaultSchool, 1);
  ASSERT_TRUE(audit && !audit->empty());
  EXPECT_EQ(audit->front().actor, "head@school.example");
  EXPECT_EQ(audit->front().action, "group.update");
  EXPECT_EQ(audit->front().target, "KS2");
  EXPECT_EQ(audit->front().reason, "The blog project has ended");
}

}  // namespace
}  // namespace esafety::control
