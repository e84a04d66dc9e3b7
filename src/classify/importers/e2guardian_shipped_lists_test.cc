// Imports the site, URL and IP lists that Debian's e2guardian package ships
// (scripts/bootstrap.sh unpacks them into .cache/e2guardian), and the
// fixtures under tests/data/lists, from the real filesystem.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "classify/importers/test_support.h"

namespace esafety::classify {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::runImport;

const std::string kSourceDir = ESAFETY_SOURCE_DIR;
const std::string kCache = kSourceDir + "/.cache/e2guardian";
const std::string kShippedLists = kCache + "/etc/e2guardian/lists";

// Reads /etc/e2guardian/... from the unpacked package, so that the lists'
// own absolute .Include paths work; every other path is read as it is.
class PackageFileSystem final : public FileSystem {
 public:
  Result<std::string> readFile(const std::string& path) const override {
    return real_.readFile(map(path));
  }
  bool isDirectory(const std::string& path) const override { return real_.isDirectory(map(path)); }
  bool exists(const std::string& path) const override { return real_.exists(map(path)); }
  Result<std::vector<std::string>> listDirectory(const std::string& path) const override {
    return real_.listDirectory(map(path));
  }
  Result<uint64_t> fileSize(const std::string& path) const override {
    return real_.fileSize(map(path));
  }

 private:
  static std::string map(const std::string& path) {
    return path.starts_with("/etc/e2guardian/") ? kCache + path : path;
  }
  RealFileSystem real_;
};

bool isSiteUrlOrIpList(const std::string& name) {
  if (name.find("regexp") != std::string::npos) return false;
  return name.ends_with("sitelist") || name.ends_with("urllist") || name.ends_with("iplist") ||
         name.ends_with("nobypass");
}

std::vector<std::string> shippedLists() {
  std::vector<std::string> names;
  auto all = RealFileSystem().listDirectory(kShippedLists);
  if (!all) return names;
  for (const auto& name : *all) {
    if (isSiteUrlOrIpList(name) && !RealFileSystem().isDirectory(kShippedLists + "/" + name)) {
      names.push_back(name);
    }
  }
  return names;
}

void requireCache() {
  ASSERT_TRUE(RealFileSystem().isDirectory(kShippedLists))
      << kShippedLists << " is missing: run scripts/bootstrap.sh from " << kSourceDir;
}

// The shipped lists with real entries; the rest are comments and examples.
const std::map<std::string, std::vector<std::string>> kExpectedEntries = {
    {"exceptionfilesitelist",
     {"windowsupdate.microsoft.com", "update.microsoft.com", "download.windowsupdate.com"}},
    {"exceptionsitelist", {"windowsupdate.microsoft.com"}},
};

TEST(importers_E2GuardianShippedLists, EveryListImportsWithoutErrors) {
  requireCache();
  std::vector<std::string> names = shippedLists();
  ASSERT_GE(names.size(), 40u) << "fewer site/URL/IP lists than Debian ships";
  PackageFileSystem fs;
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    std::string path = "/etc/e2guardian/lists/" + name;
    auto run = runImport(fs, testing::request(path, ListFormat::kE2Guardian, name));
    EXPECT_EQ(run.problem_list.errors(), 0u) << ::testing::PrintToString(run.reasons());
    EXPECT_THAT(run.reasons(), IsEmpty());  // no warnings either: no #time: lines are active
    std::vector<std::string> values;
    for (const auto& e : run.sink.entries) values.push_back(e.value);
    auto expected = kExpectedEntries.find(name);
    EXPECT_EQ(values,
              expected == kExpectedEntries.end() ? std::vector<std::string>{} : expected->second);
    EXPECT_EQ(run.stats.files, 1u);
    EXPECT_GT(run.stats.lines, 0u);
  }
}

TEST(importers_E2GuardianShippedLists, ListCategoryIsReadAndFilesWithoutOneAreReported) {
  requireCache();
  PackageFileSystem fs;
  auto banned = runImport(fs, testing::request("/etc/e2guardian/lists/bannedsitelist"));
  EXPECT_THAT(banned.reasons(), IsEmpty());
  EXPECT_THAT(banned.entries(), IsEmpty());  // every example in it is commented out
  // Without --category, the one entry of exceptionsitelist has no category:
  // the list has no #listcategory line.
  auto exception = runImport(
      fs, testing::request("/etc/e2guardian/lists/exceptionsitelist", ListFormat::kE2Guardian));
  ASSERT_EQ(exception.problem_list.problems().size(), 1u);
  EXPECT_EQ(exception.problem_list.problems()[0].reason,
            "no category: pass --category or add #listcategory");
}

TEST(importers_E2GuardianShippedLists, AbsoluteIncludeOfAShippedList) {
  requireCache();
  PackageFileSystem fs;
  std::string fixture = kSourceDir + "/tests/data/lists/e2guardian/include_shipped";
  auto run = runImport(fs, testing::request(fixture));
  std::string included = "/etc/e2guardian/lists/exceptionfilesitelist";
  EXPECT_THAT(run.reasons(), IsEmpty());
  ASSERT_EQ(run.entries().size(), 4u);
  EXPECT_EQ(run.sink.entries[0].value, "windowsupdate.microsoft.com");
  EXPECT_EQ(run.sink.entries[0].where.file, included);
  EXPECT_EQ(run.sink.entries[3].value, "local.example");
  EXPECT_THAT(run.categories(), ::testing::Each("windows-updates"));
}

TEST(importers_E2GuardianShippedLists, Ut1FixtureFromTheRealFileSystem) {
  std::string root = kSourceDir + "/tests/data/lists/ut1";
  auto run = runImport(RealFileSystem(), testing::request(root));
  EXPECT_THAT(run.entries(), ElementsAre("domain porn.example " + root + "/adult/domains:1",
                                         "domain xxx.example " + root + "/adult/domains:2",
                                         "cidr 192.0.2.66 " + root + "/adult/domains:3",
                                         "url example.com/adult " + root + "/adult/urls:1",
                                         "domain weed.example " + root + "/drogue/domains:1"));
  EXPECT_THAT(run.categories(),
              ElementsAre("pornography", "pornography", "pornography", "pornography", "drugs"));
  EXPECT_THAT(run.reasons(), IsEmpty());
}

}  // namespace
}  // namespace esafety::classify
