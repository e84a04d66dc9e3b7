// ReportJob over a real store: the pack is made in the background into
// <data>/reports/<from>-to-<to>/ with its progress run to the end and audited
// as the person who asked; a console without a data folder refuses; a pack
// that cannot be made says why.
#include "console/report_job.h"

#include <filesystem>
#include <fstream>
#include <thread>

#include <gmock/gmock.h>

#include "store/sqlite/test_store.h"

namespace esafety::console {
namespace {

class ReportJobTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clock_.setUnix(kStartTime);
    range_ = control::parseReportRange(clock_, "2026-03-01", "2026-03-03").value();
  }
  // Polls until the job is no longer running (at most 30 s).
  static ReportJobState finished(const ReportJob& job) {
    for (int i = 0; i < 3000 && job.state().phase == ReportJobPhase::kRunning; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return job.state();
  }
  control::ReportRange range_;
};

TEST_F(ReportJobTest, ThePackIsMadeInTheBackgroundAndAuditedAsThePersonWhoAsked) {
  ReportJob job(*store_, school_, dir_.path(), dir_.file("events.db"), clock_);
  EXPECT_EQ(job.state().phase, ReportJobPhase::kIdle);
  ESAFETY_ASSERT_OK(job.start(range_, "dsl@school.example"));
  ReportJobState done = finished(job);
  ASSERT_EQ(done.phase, ReportJobPhase::kDone) << done.error;
  EXPECT_EQ(done.started_by, "dsl@school.example");
  EXPECT_EQ(done.done, done.total);
  EXPECT_EQ(done.zip_path,
            dir_.path() + "/reports/2026-03-01-to-2026-03-03/evidence-pack-2026-03-01-to-2026-03-03.zip");
  EXPECT_TRUE(std::filesystem::exists(done.zip_path));
  EXPECT_TRUE(std::filesystem::exists(done.html_path));
  auto audit = store_->audit(school_, 1);
  ESAFETY_ASSERT_OK(audit);
  EXPECT_EQ(audit->front().action, "report.pack");
  EXPECT_EQ(audit->front().actor, "dsl@school.example");
  // Another may follow once it is done.
  ESAFETY_ASSERT_OK(job.start(range_, "head@school.example"));
  EXPECT_EQ(finished(job).phase, ReportJobPhase::kDone);
}

TEST_F(ReportJobTest, WithoutADataFolderItRefuses) {
  ReportJob job(*store_, school_, "", "", clock_);
  EXPECT_EQ(job.start(range_, "dsl@school.example").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(job.state().phase, ReportJobPhase::kIdle);
}

TEST_F(ReportJobTest, APackThatCannotBeMadeSaysWhy) {
  // The data folder is a file: nothing can be written under it.
  const std::string not_a_folder = dir_.file("plain-file");
  std::ofstream(not_a_folder) << "x";
  ReportJob job(*store_, school_, not_a_folder, dir_.file("events.db"), clock_);
  ESAFETY_ASSERT_OK(job.start(range_, "dsl@school.example"));
  ReportJobState failed = finished(job);
  EXPECT_EQ(failed.phase, ReportJobPhase::kFailed);
  EXPECT_THAT(failed.error, ::testing::HasSubstr("cannot make"));
}

}  // namespace
}  // namespace esafety::console
