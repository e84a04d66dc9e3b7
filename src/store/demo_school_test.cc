// The demo school: what a fresh install shows, and its lists, which must use
// only fictional, reserved names.
#include "store/demo_school.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "store/embedded_files.h"
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

using ::testing::HasSubstr;

class DemoSchoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.setUnix(1772530200);
    auto opened = openSqliteStore(dir_.file("esafety.db"), clock_);
    ASSERT_TRUE(opened.isOk()) << opened.status().toString();
    store_ = std::move(*opened);
    lists_ = dir_.file("lists");
    ESAFETY_ASSERT_OK(writeDemoLists(lists_));
    ESAFETY_ASSERT_OK(seedDemoSchool(*store_, lists_, "setup"));
  }

  policy::Group group(const std::string& name) {
    auto g = store_->group(policy::kDefaultSchool, name);
    EXPECT_TRUE(g.isOk() && g->has_value()) << name;
    return g.isOk() && g->has_value() ? **g : policy::Group{};
  }

  TempDir dir_;
  FakeClock clock_{LocalTime{}};
  std::unique_ptr<Store> store_;
  std::string lists_;
};

TEST_F(DemoSchoolTest, CreatesSchoolOneWithItsCategoriesGroupsAndDevices) {
  auto school = store_->school(policy::kDefaultSchool);
  ESAFETY_ASSERT_OK(school);
  ASSERT_TRUE(school->has_value());
  EXPECT_EQ((*school)->name, "Demo Primary School");

  auto policy = store_->loadPolicy(policy::kDefaultSchool);
  ESAFETY_ASSERT_OK(policy);
  EXPECT_EQ(policy->categories.size(), 16u);
  EXPECT_EQ(policy->groups.size(), 6u);
  EXPECT_EQ(policy->local_entries.size(), 2u);
  auto devices = store_->devices(policy::kDefaultSchool);
  ESAFETY_ASSERT_OK(devices);
  EXPECT_EQ(devices->size(), 10u);
  auto sources = store_->listSources(policy::kDefaultSchool);
  ESAFETY_ASSERT_OK(sources);
  EXPECT_EQ(sources->size(), demoListFiles().size());
}

TEST_F(DemoSchoolTest, IllegalIsUnoverridableAndEducationalIsAnAllowList) {
  auto illegal = store_->category(policy::kDefaultSchool, "illegal");
  ESAFETY_ASSERT_OK(illegal);
  ASSERT_TRUE(illegal->has_value());
  EXPECT_TRUE((*illegal)->unoverridable);
  EXPECT_EQ((*illegal)->title, "Illegal content (IWF/CTIRU)");
  auto educational = store_->category(policy::kDefaultSchool, "educational");
  ESAFETY_ASSERT_OK(educational);
  EXPECT_TRUE((*educational)->allow_list);
  auto uncategorised = store_->category(policy::kDefaultSchool, "uncategorised");
  ESAFETY_ASSERT_OK(uncategorised);
  EXPECT_THAT((*uncategorised)->description, HasSubstr("no list knows about"));
  // And the demo cannot be talked out of it.
  policy::CategoryDef cleared = **illegal;
  cleared.unoverridable = false;
  EXPECT_EQ(store_->upsertCategory(policy::kDefaultSchool, cleared, "head", "r").code(),
            StatusCode::kPermissionDenied);
}

TEST_F(DemoSchoolTest, PupilGroupsAreStricterThanStaff) {
  const policy::Group ks1 = group("KS1");
  for (const char* c : {"pornography", "gambling", "self-harm", "circumvention", "games",
                        "social-networking", "illegal"}) {
    EXPECT_TRUE(ks1.blocked_categories.contains(c)) << c;
  }
  EXPECT_EQ(ks1.allowed_categories, std::set<std::string>{"educational"});
  EXPECT_EQ(ks1.uncategorised, policy::Action::kBlock);
  EXPECT_TRUE(ks1.safe_search);

  const policy::Group ks2 = group("KS2");
  EXPECT_TRUE(ks2.blocked_categories.contains("games"));
  EXPECT_EQ(ks2.uncategorised, policy::Action::kAllow);
  ASSERT_EQ(ks2.time_rules.size(), 1u);
  EXPECT_EQ(ks2.time_rules[0].category, "games");
  EXPECT_EQ(ks2.time_rules[0].days, 0x1F);
  EXPECT_EQ(ks2.time_rules[0].start_minute, 12 * 60);
  EXPECT_EQ(ks2.time_rules[0].end_minute, 13 * 60);
  EXPECT_EQ(ks2.time_rules[0].action, policy::Action::kAllow);

  const policy::Group staff = group("Staff");
  EXPECT_TRUE(staff.blocked_categories.contains("pornography"));
  EXPECT_FALSE(staff.blocked_categories.contains("games"));
  EXPECT_FALSE(staff.safe_search);
  EXPECT_TRUE(group("Visitor").blocked_categories.contains("circumvention"));
  EXPECT_TRUE(group("Visitor").safe_search);

  const policy::Group restricted = group("Restricted");
  EXPECT_TRUE(restricted.allow_list_only);
  EXPECT_EQ(restricted.allowed_categories, std::set<std::string>{"educational"});
  const policy::Group unknown = group("Unknown device");
  EXPECT_TRUE(unknown.allow_list_only);
  EXPECT_TRUE(unknown.allowed_categories.empty());
  EXPECT_THAT(unknown.description, HasSubstr("visitor login"));
}

TEST_F(DemoSchoolTest, DevicesAreOnLoopbackWithSensibleGroups) {
  auto ipad = store_->deviceByIp(policy::kDefaultSchool, "127.0.0.11");
  ESAFETY_ASSERT_OK(ipad);
  ASSERT_TRUE(ipad->has_value());
  EXPECT_EQ((*ipad)->group, "KS1");
  auto year5 = store_->deviceByIp(policy::kDefaultSchool, "127.0.0.21");
  ESAFETY_ASSERT_OK(year5);
  EXPECT_EQ((*year5)->group, "KS2");
  auto devices = store_->devices(policy::kDefaultSchool);
  ESAFETY_ASSERT_OK(devices);
  for (const auto& d : *devices) {
    EXPECT_TRUE(d.ip.starts_with("127.0.0.")) << d.name;
    EXPECT_FALSE(d.group.empty()) << d.name;
  }
}

TEST_F(DemoSchoolTest, LocalEntriesSayWhoAndWhy) {
  auto entries = store_->localEntries(policy::kDefaultSchool);
  ESAFETY_ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].action, policy::Action::kBlock);
  EXPECT_EQ((*entries)[0].added_by, "it.technician");
  EXPECT_EQ((*entries)[1].action, policy::Action::kAllow);
  for (const auto& e : *entries) {
    EXPECT_FALSE(e.reason.empty());
    EXPECT_EQ(e.added_at, 1772530200);
  }
}

TEST_F(DemoSchoolTest, ListSourcesPointAtTheWrittenFiles) {
  auto sources = store_->listSources(policy::kDefaultSchool);
  ESAFETY_ASSERT_OK(sources);
  for (const auto& s : *sources) {
    EXPECT_EQ(s.format, "squidguard");
    EXPECT_TRUE(std::filesystem::exists(s.path)) << s.path;
    EXPECT_EQ(s.path.substr(0, lists_.size() + 1), lists_ + "/");
    EXPECT_TRUE(s.path.ends_with("/" + s.category + "/domains") ||
                s.path.ends_with("/" + s.category + "/urls")) << s.path;
  }
}

TEST_F(DemoSchoolTest, SeedingASecondTimeIsRefused) {
  Status s = seedDemoSchool(*store_, lists_, "setup");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  auto schools = store_->schools();
  ESAFETY_ASSERT_OK(schools);
  EXPECT_EQ(schools->size(), 1u);
}

TEST_F(DemoSchoolTest, WrittenListsMatchTheEmbeddedOnes) {
  for (const auto& [relative, contents] : demoListFiles()) {
    std::ifstream in(lists_ + "/" + std::string(relative));
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), contents) << relative;
  }
  ESAFETY_EXPECT_OK(writeDemoLists(lists_));  // again: files are replaced
}

TEST(DemoLists, EveryCategoryButUncategorisedHasAFolder) {
  std::set<std::string> folders;
  for (const auto& [relative, contents] : demoListFiles()) {
    folders.insert(std::string(relative.substr(0, relative.find('/'))));
  }
  EXPECT_EQ(folders.size(), 15u);
  EXPECT_FALSE(folders.contains("uncategorised"));
  for (const char* c : {"illegal", "educational", "circumvention", "pornography", "gambling"}) {
    EXPECT_TRUE(folders.contains(c)) << c;
  }
}

TEST(DemoLists, UseOnlyReservedFictionalNamesAndStaySmall) {
  for (const auto& [relative, contents] : demoListFiles()) {
    SCOPED_TRACE(std::string(relative));
    EXPECT_TRUE(contents.starts_with("# esafety demo list: fictional names only"));
    LineReader lines(contents);
    std::string_view line;
    int entries = 0;
    while (lines.next(line)) {
      line = trim(line);
      if (line.empty() || line.starts_with('#')) continue;
      ++entries;
      std::string_view host = line.substr(0, line.find('/'));
      EXPECT_TRUE(host.ends_with(".example") || host.ends_with(".invalid")) << line;
      EXPECT_EQ(line.find("://"), std::string_view::npos) << line;
    }
    EXPECT_GE(entries, 1);
    EXPECT_LE(lines.lineNumber(), 20);
  }
}

}  // namespace
}  // namespace esafety::store::testing
