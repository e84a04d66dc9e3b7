// The list folders' fence on a real file system: a list is read only from
// inside the configured folders (links resolved), only as a regular file,
// and only within the byte limits; an e2guardian .Include and a squidGuard
// folder entry are held to the same rules; a line is never shown whole.
#include "control/list_folders.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "classify/importers.h"
#include "core/test_support.h"

namespace esafety::control {
namespace {

namespace fs = std::filesystem;
using esafety::testing::TempDir;

class Collect final : public classify::EntrySink {
 public:
  Status add(const classify::ListEntry& e) override {
    values.push_back(e.value);
    return Status::ok();
  }
  std::vector<std::string> values;
};

class ListFoldersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.file("lists"));
    fs::create_directories(dir_.file("outside"));
    folders_.folders = {dir_.file("lists")};
    folders_.max_file_bytes = 1024;
    folders_.max_total_bytes = 4096;
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_.file(name)) << text;
  }
  std::string problemsText(const classify::ProblemList& problems) {
    std::string all;
    for (const auto& p : problems.problems()) all += p.toString() + "\n";
    return all;
  }
  classify::ImportStats importWith(const FileSystem& files, const std::string& path,
                               classify::ListFormat format, classify::ProblemList& problems,
                               std::string category = "games") {
    classify::ImportRequest request;
    request.path = path;
    request.format = format;
    request.category = std::move(category);
    return classify::importList(files, request, sink_, problems, nullptr);
  }

  TempDir dir_;
  ListFolders folders_;
  RealFileSystem real_;
  Collect sink_;
};

TEST_F(ListFoldersTest, OnlyRegularFilesInsideTheFoldersAreRead) {
  write("lists/ok.txt", "ok.example\n");
  write("outside/secret.txt", "secret.example\n");
  ConfinedListFiles files(real_, folders_);
  ESAFETY_EXPECT_OK(files.check(dir_.file("lists/ok.txt")));
  ESAFETY_EXPECT_OK(files.check(dir_.file("lists")));
  auto text = files.readFile(dir_.file("lists/ok.txt"));
  ESAFETY_ASSERT_OK(text);
  EXPECT_EQ(*text, "ok.example\n");

  Status outside = files.check(dir_.file("outside/secret.txt"));
  EXPECT_EQ(outside.code(), StatusCode::kPermissionDenied);
  EXPECT_THAT(outside.message(), ::testing::StartsWith("path: "));
  EXPECT_THAT(outside.message(), ::testing::HasSubstr("outside the list folders"));
  EXPECT_EQ(files.readFile(dir_.file("outside/secret.txt")).status().code(),
            StatusCode::kPermissionDenied);
  // ".." cannot climb out, and a folder outside is neither listed nor seen.
  EXPECT_EQ(files.readFile(dir_.file("lists/../outside/secret.txt")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_FALSE(files.exists(dir_.file("outside")));
  EXPECT_FALSE(files.isDirectory(dir_.file("outside")));
  EXPECT_FALSE(files.listDirectory(dir_.file("outside")));
  EXPECT_EQ(files.check("/etc/passwd").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(files.check(dir_.file("lists/none.txt")).code(), StatusCode::kNotFound);
}

TEST_F(ListFoldersTest, ALinkInsideThatLeadsOutsideIsRefused) {
  write("outside/secret.txt", "secret.example\n");
  fs::create_symlink(dir_.file("outside/secret.txt"), dir_.file("lists/link.txt"));
  fs::create_directory_symlink(dir_.file("outside"), dir_.file("lists/linked-folder"));
  fs::create_symlink("/dev/zero", dir_.file("lists/zero"));
  ConfinedListFiles files(real_, folders_);
  auto read = files.readFile(dir_.file("lists/link.txt"));
  EXPECT_EQ(read.status().code(), StatusCode::kPermissionDenied);
  EXPECT_THAT(read.status().message(), ::testing::HasSubstr("(which is "));
  EXPECT_EQ(files.readFile(dir_.file("lists/linked-folder/secret.txt")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(files.readFile(dir_.file("lists/zero")).status().code(),
            StatusCode::kPermissionDenied);
  // A link that stays inside is followed.
  write("lists/real.txt", "real.example\n");
  fs::create_symlink(dir_.file("lists/real.txt"), dir_.file("lists/alias.txt"));
  ESAFETY_EXPECT_OK(files.readFile(dir_.file("lists/alias.txt")));
}

TEST_F(ListFoldersTest, DevicesAndFifosAreRefusedUnread) {
  ASSERT_EQ(::mkfifo(dir_.file("lists/fifo").c_str(), 0600), 0);
  ListFolders with_dev = folders_;
  with_dev.folders.push_back("/dev");
  ConfinedListFiles files(real_, with_dev);
  // A FIFO with no writer would block a plain open; a device never ends.
  auto fifo = files.readFile(dir_.file("lists/fifo"));
  EXPECT_EQ(fifo.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(fifo.status().message(), ::testing::HasSubstr("not a regular file"));
  auto zero = files.readFile("/dev/zero");
  EXPECT_EQ(zero.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(files.bytesRead(), 0u);
}

TEST_F(ListFoldersTest, FileAndTotalSizeCapsHold) {
  write("lists/big.txt", std::string(2000, 'a'));
  write("lists/a.txt", std::string(1000, 'a'));
  ConfinedListFiles files(real_, folders_);
  auto big = files.readFile(dir_.file("lists/big.txt"));
  EXPECT_EQ(big.status().code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(big.status().message(), ::testing::HasSubstr("max_file_mb"));
  for (int i = 0; i < 4; ++i) ESAFETY_EXPECT_OK(files.readFile(dir_.file("lists/a.txt")));
  auto over = files.readFile(dir_.file("lists/a.txt"));
  EXPECT_EQ(over.status().code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(over.status().message(), ::testing::HasSubstr("max_total_mb"));
  EXPECT_EQ(files.bytesRead(), 4000u);
}

TEST_F(ListFoldersTest, AnIncludeOutsideTheFoldersIsAnErrorAtItsLine) {
  write("outside/secret.txt", "DB_PASSWORD:hunter2-secret-long-value\nsecret.example\n");
  write("lists/banned",
        "#listcategory: \"Banned Sites\"\n.Include<" + dir_.file("outside/secret.txt") +
            ">\n.Include</dev/zero>\nbanned.example\n");
  ConfinedListFiles files(real_, folders_);
  classify::ProblemList problems;
  importWith(files, dir_.file("lists/banned"), classify::ListFormat::kE2Guardian, problems, "");
  std::string text = problemsText(problems);
  EXPECT_THAT(text, ::testing::HasSubstr(dir_.file("lists/banned") + ":2: error: included file "
                                                                     "not read: "));
  EXPECT_THAT(text, ::testing::HasSubstr("outside the list folders"));
  EXPECT_THAT(text, ::testing::HasSubstr(dir_.file("lists/banned") + ":3: error"));
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("hunter2")));
  EXPECT_EQ(sink_.values, std::vector<std::string>{"banned.example"});
}

TEST_F(ListFoldersTest, ASquidGuardFolderReadsOnlyWhatIsInside) {
  fs::create_directories(dir_.file("lists/ut1/adult"));
  write("lists/ut1/adult/domains", "adult.example\n");
  write("outside/domains", "secret.example\n");
  fs::create_directory_symlink(dir_.file("outside"), dir_.file("lists/ut1/sneaky"));
  ConfinedListFiles files(real_, folders_);
  classify::ProblemList problems;
  importWith(files, dir_.file("lists/ut1"), classify::ListFormat::kSquidGuard, problems, "");
  EXPECT_EQ(sink_.values, std::vector<std::string>{"adult.example"}) << problemsText(problems);
}

TEST_F(ListFoldersTest, ABadLineIsShownCutNeverWhole) {
  write("lists/env.txt", "DB_PASSWORD:hunter2-secret-long-value\nfine.example\n");
  ConfinedListFiles files(real_, folders_);
  classify::ProblemList problems;
  // As the index's checks do, the sink quotes the value it refuses.
  class Refuse final : public classify::EntrySink {
   public:
    Status add(const classify::ListEntry& e) override {
      return invalidArgument("host '" + e.value + "' holds a character not allowed");
    }
  } refuse;
  classify::ImportRequest request{dir_.file("lists/env.txt"), classify::ListFormat::kPlainDomains,
                                  "games"};
  classify::importList(files, request, refuse, problems, nullptr);
  std::string text = problemsText(problems);
  EXPECT_THAT(text, ::testing::HasSubstr(dir_.file("lists/env.txt") + ":1: error"));
  EXPECT_THAT(text, ::testing::HasSubstr("(line: \"DB_PASSWORD:hunter2-secr\xE2\x80\xA6\")"));
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("hunter2-secret-long-value")));
}

TEST(ExcerptTest, CutsAndEscapes) {
  EXPECT_EQ(classify::excerpt("short.example"), "short.example");
  EXPECT_EQ(classify::excerpt(std::string(30, 'a')), std::string(24, 'a') + "\xE2\x80\xA6");
  EXPECT_EQ(classify::excerpt("a\tb\x01\"\\"), "a\\x09b\\x01\\\"\\\\");
  EXPECT_EQ(classify::cutQuoted("host '" + std::string(40, 'x') + "' bad, 'ok'"),
            "host '" + std::string(24, 'x') + "\xE2\x80\xA6' bad, 'ok'");
}

TEST(ListFoldersDefaults, DataListsAndTheUsualPlaces) {
  ListFolders d = ListFolders::forDataDir("/srv/esafety", ServeConfig::Lists{});
  EXPECT_EQ(d.folders.front(), "/srv/esafety/lists");
  EXPECT_THAT(d.folders, ::testing::Contains("/etc/e2guardian/lists"));
  EXPECT_EQ(d.max_file_bytes, 256u << 20);
  ServeConfig::Lists own;
  own.folders = {"/srv/ut1"};
  ListFolders o = ListFolders::forDataDir("/srv/esafety", own);
  EXPECT_EQ(o.folders, (std::vector<std::string>{"/srv/esafety/lists", "/srv/ut1"}));
}

}  // namespace
}  // namespace esafety::control
