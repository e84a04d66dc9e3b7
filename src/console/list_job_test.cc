// ListJob over a real store and real files: a compile in the background
// that reports progress and names bad lines by file:line, one at a time
// (held open by a file system whose reads wait for the test), and the
// progress of several lists as one run from 0 to the total.
#include "console/list_job.h"

#include <filesystem>
#include <fstream>
#include <thread>

#include "console/gated_file_system.h"
#include "store/sqlite/test_store.h"

namespace esafety::console {
namespace {

class ListJobTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clock_.setUnix(kStartTime);
    addCategory("gambling");
    std::filesystem::create_directories(dir_.file("index"));
    index_ = dir_.file("index/categories.idx");
  }
  std::string writeList(const std::string& name, const std::string& text) {
    std::string path = dir_.file(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  void addList(const std::string& path, const std::string& format = "plain") {
    ESAFETY_ASSERT_OK(store_->addListSource(
        school_,
        {.path = path, .format = format, .category = "gambling", .added_by = "it@school.example"}, "r"));
  }
  // Polls until the job is no longer running (at most 30 s).
  ListJobState finished(const ListJob& job) {
    for (int i = 0; i < 3000 && job.running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return job.state();
  }

  // The test's folder is the one list folder (control/list_folders.h).
  control::ListFolders folders() const {
    return {.folders = {dir_.path()}, .max_file_bytes = 1 << 30, .max_total_bytes = 1 << 30};
  }

  GatedFileSystem gate_;
  RealFileSystem real_;
  std::string index_;
};

TEST_F(ListJobTest, CompilesInTheBackgroundAndNamesBadLinesByFileAndLine) {
  std::string path =
      writeList("casinos.txt", "casino-one.example\nnot a site at all\ncasino-two.example\n");
  addList(path);
  ListJob job(*store_, school_, index_, real_, clock_, folders());
  EXPECT_EQ(job.state().phase, ListJobPhase::kIdle);
  ESAFETY_ASSERT_OK(job.start("it@school.example"));
  ListJobState s = finished(job);
  ASSERT_EQ(s.phase, ListJobPhase::kDone) << s.error;
  EXPECT_EQ(s.started_by, "it@school.example");
  EXPECT_EQ(s.started_at, kStartTime);
  EXPECT_EQ(s.report.entries, 2u);
  EXPECT_EQ(s.report.rejected, 1u);
  EXPECT_EQ(s.report.sources, 1u);
  EXPECT_GT(s.report.index_bytes, 0u);
  EXPECT_GT(s.bytes_total, 0u);
  EXPECT_EQ(s.bytes_done, s.bytes_total);
  EXPECT_EQ(s.error_count, 1u);
  ASSERT_EQ(s.problems.size(), 1u);
  EXPECT_EQ(s.problems[0].where.file, path);
  EXPECT_EQ(s.problems[0].where.line, 2u);
  EXPECT_TRUE(std::filesystem::exists(index_));
  auto sources = store_->listSources(school_);
  ESAFETY_ASSERT_OK(sources);
  EXPECT_EQ((*sources)[0].entries, 2u) << "the counts are kept with the list";
}

TEST_F(ListJobTest, OneCompileAtATime) {
  addList(writeList("casinos.txt", "casino-one.example\n"));
  ListJob job(*store_, school_, index_, gate_, clock_, folders());
  OpenOnExit guard{gate_};
  ESAFETY_ASSERT_OK(job.start("first@school.example"));
  ASSERT_TRUE(gate_.waitForReader());
  EXPECT_TRUE(job.running());
  EXPECT_EQ(job.state().phase, ListJobPhase::kRunning);
  Status second = job.start("second@school.example");
  EXPECT_EQ(second.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(second.message().find("started by first@school.example"), std::string::npos)
      << second.message();
  gate_.open();
  ListJobState s = finished(job);
  ASSERT_EQ(s.phase, ListJobPhase::kDone) << s.error;
  EXPECT_EQ(s.report.entries, 1u);
  // Once it has ended, another may start, and it starts afresh.
  ESAFETY_ASSERT_OK(job.start("second@school.example"));
  s = finished(job);
  EXPECT_EQ(s.phase, ListJobPhase::kDone);
  EXPECT_EQ(s.started_by, "second@school.example");
}

TEST_F(ListJobTest, AFailedCompileSaysWhy) {
  addList(writeList("casinos.txt", "casino-one.example\n"));
  ListJob job(*store_, school_, dir_.file("no-such-folder/categories.idx"), real_, clock_, folders());
  ESAFETY_ASSERT_OK(job.start("it@school.example"));
  ListJobState s = finished(job);
  EXPECT_EQ(s.phase, ListJobPhase::kFailed);
  EXPECT_FALSE(s.error.empty());
}

TEST_F(ListJobTest, WithoutADataFolderNothingStarts) {
  ListJob job(*store_, school_, "", real_, clock_, folders());
  EXPECT_EQ(job.start("it@school.example").code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(job.running());
}

// Progress from several lists is one run: "done" never goes back, and the
// total is known from the start.
TEST_F(ListJobTest, ProgressRunsOnceAcrossEveryList) {
  std::string big;
  for (int i = 0; i < 120000; ++i) big += "site-" + std::to_string(i) + ".example\n";  // > 2 MB
  addList(writeList("a.txt", big));
  addList(writeList("b.txt", "casino-one.example\n"));
  addList(writeList("c.txt", big));
  struct Recorder final : classify::ProgressSink {
    std::vector<std::pair<uint64_t, uint64_t>> calls;
    void progress(std::string_view, uint64_t done, uint64_t total) override {
      calls.emplace_back(done, total);
    }
  } recorder;
  classify::ProblemList problems;
  auto report = control::compileLists(*store_, school_, real_, index_, &recorder, problems);
  ESAFETY_ASSERT_OK(report);
  const uint64_t all = 2 * big.size() + std::string("casino-one.example\n").size();
  ASSERT_GE(recorder.calls.size(), 4u);
  uint64_t last = 0;
  for (const auto& [done, total] : recorder.calls) {
    EXPECT_GE(done, last);
    EXPECT_EQ(total, all);
    last = done;
  }
  EXPECT_EQ(recorder.calls.back().first, all);
  EXPECT_LT(recorder.calls.front().first, all / 2) << "the first report comes early";
}

}  // namespace
}  // namespace esafety::console
