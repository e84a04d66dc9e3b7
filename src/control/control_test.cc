// The control plane against a real data directory: init, compile, check,
// and the refusals that protect illegal-content categories.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "control/device_admin.h"
#include "control/policy_admin.h"
#include "control/school_setup.h"
#include "control/snapshot_loader.h"
#include "control/people_admin.h"

namespace esafety::control {
namespace {

class ControlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("esafety-control-" + std::to_string(getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    dir_.root = root_.string();
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  void initDemo() {
    SetupOptions options;
    options.demo = true;
    classify::ProblemList problems;
    auto report = initDataDir(dir_, options, clock_, nullptr, problems);
    ASSERT_TRUE(report) << report.status().toString();
    EXPECT_EQ(problems.errors(), 0u);
    EXPECT_GT(report->entries, 50u);
    auto store = openStore(dir_, clock_);
    ASSERT_TRUE(store) << store.status().toString();
    store_ = std::move(*store);
  }

  policy::Decision decide(const char* group, const char* url_text, policy::DecisionScratch& s,
                          std::shared_ptr<const policy::Snapshot>& snap) {
    auto loaded = loadSnapshot(*store_, policy::kDefaultSchool, dir_.indexPath());
    EXPECT_TRUE(loaded) << loaded.status().toString();
    snap = *loaded;
    url_ = *classify::normalizeUrl(url_text);
    return snap->decide(*snap->group(group), policy::Target::forUrl(url_),
                        *LocalTime::parse("2026-03-03 10:00"), {}, s);
  }

  std::filesystem::path root_;
  DataDir dir_;
  FakeClock clock_{*LocalTime::parse("2026-03-03 10:00")};
  std::unique_ptr<store::Store> store_;
  classify::NormalizedUrl url_;
};

TEST_F(ControlTest, DemoSchoolBlocksAdultSitesForKs1AndExplains) {
  initDemo();
  policy::DecisionScratch s;
  std::shared_ptr<const policy::Snapshot> snap;
  auto d = decide("KS1", "http://adult-demo.example/", s, snap);
  EXPECT_EQ(d.verdict, policy::Verdict::kBlock);
  EXPECT_EQ(d.step, policy::StepId::kCategory);
  auto m = s.categories.matchFor(*snap->index().categoryId("pornography"));
  ASSERT_TRUE(m);
  EXPECT_EQ(snap->index().sourceName(m->source), dir_.listsDir() + "/demo/pornography/domains");
  EXPECT_EQ(m->line, 3u);
  d = decide("Staff", "http://adult-demo.example/", s, snap);
  EXPECT_EQ(d.verdict, policy::Verdict::kBlock);
  d = decide("KS1", "http://iwf-test.esafety-demo.invalid/", s, snap);
  EXPECT_EQ(d.step, policy::StepId::kIllegal);
}

TEST_F(ControlTest, InitRefusesToOverwriteWithoutForce) {
  initDemo();
  store_.reset();
  SetupOptions options;
  classify::ProblemList problems;
  auto again = initDataDir(dir_, options, clock_, nullptr, problems);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  options.force = true;
  EXPECT_TRUE(initDataDir(dir_, options, clock_, nullptr, problems));
}

TEST_F(ControlTest, AllowingIllegalContentIsRefusedAtEveryDoor) {
  initDemo();
  PolicyAdmin admin(*store_, policy::kDefaultSchool, dir_.indexPath());
  policy::LocalEntry entry;
  entry.pattern = "iwf-test.esafety-demo.invalid";
  entry.action = policy::Action::kAllow;
  entry.added_by = "it.technician";
  entry.reason = "testing";
  EXPECT_EQ(admin.addLocalEntry(entry).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(admin.setGroupCategory("Staff", "illegal", policy::Action::kAllow, "head", "x").code(),
            StatusCode::kPermissionDenied);
  policy::TimeRule rule{"illegal", 0x7F, 0, 1440, policy::Action::kAllow, ""};
  EXPECT_EQ(admin.addTimeRule("Staff", rule, "head", "x").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(admin.setCategoryFlags("illegal", false, false, "head", "x").code(),
            StatusCode::kPermissionDenied);
  // Nothing of it reached the store.
  auto entries = store_->localEntries(policy::kDefaultSchool);
  for (const auto& e : *entries) EXPECT_NE(e.pattern, "iwf-test.esafety-demo.invalid");
}

TEST_F(ControlTest, ImportedListWithANewCategoryCreatesItAndCompiles) {
  initDemo();
  std::filesystem::create_directories(root_ / "ut1" / "dating");
  std::ofstream(root_ / "ut1" / "dating" / "domains") << "meet-demo.example\nbad line here\n";
  policy::ListSource source;
  source.path = (root_ / "ut1").string();
  source.format = "squidguard";
  source.added_by = "it.technician";
  ASSERT_TRUE(store_->addListSource(policy::kDefaultSchool, source, "r"));
  classify::ProblemList problems;
  RealFileSystem fs;
  auto report = compileLists(*store_, policy::kDefaultSchool, fs, dir_.indexPath(), nullptr, problems);
  ASSERT_TRUE(report) << report.status().toString();
  EXPECT_EQ(report->new_categories, std::vector<std::string>{"dating"});
  ASSERT_EQ(problems.errors(), 1u);
  EXPECT_NE(problems.problems()[0].toString().find("ut1/dating/domains:2"), std::string::npos)
      << problems.problems()[0].toString();
  auto category = store_->category(policy::kDefaultSchool, "dating");
  ASSERT_TRUE(category && *category);
  PolicyAdmin admin(*store_, policy::kDefaultSchool, dir_.indexPath());
  ASSERT_TRUE(admin.setGroupCategory("KS2", "dating", policy::Action::kBlock, "head", "Not for pupils").isOk());
  policy::DecisionScratch s;
  std::shared_ptr<const policy::Snapshot> snap;
  EXPECT_EQ(decide("KS2", "http://www.meet-demo.example/", s, snap).verdict, policy::Verdict::kBlock);
  EXPECT_EQ(decide("Staff", "http://www.meet-demo.example/", s, snap).verdict, policy::Verdict::kAllow);
}

TEST_F(ControlTest, CorruptIndexIsReportedWithTheFix) {
  initDemo();
  std::ofstream(dir_.indexPath(), std::ios::trunc) << "garbage";
  auto snap = loadSnapshot(*store_, policy::kDefaultSchool, dir_.indexPath());
  ASSERT_FALSE(snap);
  EXPECT_EQ(snap.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(snap.status().message().find("esafety lists compile"), std::string::npos);
}

TEST_F(ControlTest, UninitialisedDirectorySaysHowToInitialise) {
  auto store = openStore(dir_, clock_);
  ASSERT_FALSE(store);
  EXPECT_NE(store.status().message().find("esafety init"), std::string::npos);
}

TEST_F(ControlTest, TheSnapshotIdentifiesACheckedOutDeviceAndItsPupil) {
  initDemo();
  clock_.setUnix(1772532000);  // 2026-03-03 10:00 UTC
  control::PeopleAdmin admin(*store_, policy::kDefaultSchool, clock_);
  ASSERT_TRUE(admin.commitImport("Name,UPN,DOB,Year,Class\nAmira Khan,G801200026001,04/05/2017,3,Oak\n",
                                 "office"));
  ASSERT_TRUE(DeviceAdmin(*store_, policy::kDefaultSchool, clock_)
                  .checkOut("127.0.0.12", "G801200026001", clock_.nowUnix() + 3600, "teacher"));
  auto snap = loadSnapshot(*store_, policy::kDefaultSchool, dir_.indexPath(), nullptr, &clock_);
  ASSERT_TRUE(snap) << snap.status().toString();
  uint8_t ipad[4] = {127, 0, 0, 12};
  policy::ClientIdentity who = (*snap)->identify(ipad);
  ASSERT_NE(who.device, nullptr);
  EXPECT_EQ(who.device->name, "Year 1 iPad 02");
  EXPECT_EQ(who.user_name, "Amira Khan");
  EXPECT_EQ(who.user_name, "Amira Khan");
  EXPECT_EQ(who.group->config.name, "KS2");
  clock_.setUnix(clock_.nowUnix() + 3600);  // the lesson is over
  EXPECT_EQ((*snap)->identify(ipad).group->config.name, "KS1");
}

}  // namespace
}  // namespace esafety::control
