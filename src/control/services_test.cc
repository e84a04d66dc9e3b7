// The services every front door calls (ListAdmin, PolicyAdmin, DeviceAdmin,
// PeopleAdmin, SettingsAdmin), over a real SQLite store in a temporary
// folder. For each change: bad input is refused, naming the field, and
// stores nothing; a change that needs a reason is refused without one; a
// change lands with exactly one audit row (who, what, why); and when the
// audit row cannot be written, the change does not land either, because the
// two are one transaction.
#include <gtest/gtest.h>

#include "control/device_admin.h"
#include "control/list_admin.h"
#include "control/people_admin.h"
#include "control/policy_admin.h"
#include "control/reason.h"
#include "control/settings_admin.h"
#include "store/sqlite/test_store.h"

namespace esafety::control {
namespace {

using policy::Action;
using store::AuditEntry;
using store::testing::RawDb;
using store::testing::StoreTest;

class ServicesTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clock_.set(LocalTime::parse("2026-03-03 09:30").value());
    addCategory("gambling");
    addCategory("games");
    addCategory("uncategorised");
    addCategory("illegal", /*unoverridable=*/true);
    for (const char* g : {"KS1", "KS2", "Staff"}) {
      ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = g, .blocked_categories = {"gambling"}},
                                          "setup", "setup"));
    }
    ESAFETY_ASSERT_OK(store_->importPupils(
        school_,
        {{.name = "Amira Khan", .upn = "G801200026001", .date_of_birth = "2017-05-04", .year = 3}},
        "setup"));
    fs_.put("/srv/lists/casinos.txt", "casino.example\n");
    fs_.put("/srv/lists/ut1/gambling/domains", "bet.example\n");
    fs_.put("/srv/lists/iwf.txt", "abuse.example\n");
    rows_before_ = auditRows().size();
  }

  std::vector<AuditEntry> auditRows() {
    auto rows = store_->audit(school_, 1000);
    EXPECT_TRUE(rows) << rows.status().toString();
    return rows ? *rows : std::vector<AuditEntry>{};
  }
  // The audit rows written since SetUp (or the last call), newest first.
  std::vector<AuditEntry> newAuditRows() {
    auto rows = auditRows();
    rows.resize(rows.size() - rows_before_);
    rows_before_ += rows.size();
    return rows;
  }
  // From now on the audit trail refuses rows for `action`: a change that
  // writes one must fail, and leave nothing behind.
  void refuseAudit(const std::string& action) {
    RawDb raw(dbPath());
    ASSERT_EQ(raw.exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.action = '" +
                       action + "' BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"),
              0)
        << raw.lastError();
  }
  policy::Group group(const char* name) { return store_->group(school_, name).value().value(); }

  PolicyAdmin policyAdmin() { return PolicyAdmin(*store_, school_, dir_.file("categories.idx")); }
  ListAdmin lists() { return ListAdmin(*store_, school_, fs_); }
  DeviceAdmin devices() { return DeviceAdmin(*store_, school_, clock_); }
  PeopleAdmin people() { return PeopleAdmin(*store_, school_, clock_); }
  SettingsAdmin settings() { return SettingsAdmin(*store_, school_); }

  MemoryFileSystem fs_;
  size_t rows_before_ = 0;
};

void expectField(const Status& s, std::string_view field) {
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.toString();
  EXPECT_EQ(s.message().rfind(std::string(field) + ": ", 0), 0u) << s.message();
}
template <typename T>
void expectField(const Result<T>& r, std::string_view field) {
  expectField(r.status(), field);
}

// --- ListAdmin -------------------------------------------------------------------

TEST_F(ServicesTest, AddingAListNeedsAReasonAndIsAuditedOnceWithIt) {
  const NewList casinos{.path = "/srv/lists/casinos.txt",
                        .format = classify::ListFormat::kPlainDomains,
                        .category = "gambling"};
  expectField(lists().addList(casinos, "it", ""), "reason");
  expectField(lists().addList(casinos, "it", "   "), "reason");
  EXPECT_TRUE(store_->listSources(school_)->empty());
  EXPECT_TRUE(newAuditRows().empty());

  auto added = lists().addList(casinos, "it.technician", "The trust's casino list");
  ESAFETY_ASSERT_OK(added);
  EXPECT_EQ(added->path, "/srv/lists/casinos.txt");
  EXPECT_EQ(added->format, "plain");
  EXPECT_EQ(added->added_by, "it.technician");
  auto rows = newAuditRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].action, "list_source.add");
  EXPECT_EQ(rows[0].actor, "it.technician");
  EXPECT_EQ(rows[0].target, "/srv/lists/casinos.txt");
  EXPECT_EQ(rows[0].reason, "The trust's casino list");

  EXPECT_EQ(lists().addList(casinos, "it", "again").status().code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(newAuditRows().empty());
}

TEST_F(ServicesTest, AListIsCheckedTheSameForEveryDoor) {
  auto list = [](std::string path, classify::ListFormat format, std::string category) {
    return NewList{.path = std::move(path), .format = format, .category = std::move(category)};
  };
  using F = classify::ListFormat;
  expectField(lists().addList(list("/srv/lists/casinos.txt", F::kPlainDomains, "nope"), "it", "r"),
              "category");
  expectField(
      lists().addList(list("/srv/lists/casinos.txt", F::kPlainDomains, "uncategorised"), "it", "r"),
      "category");
  // A plain list cannot say its category; a folder and an e2guardian list can.
  expectField(lists().addList(list("/srv/lists/casinos.txt", F::kPlainDomains, ""), "it", "r"),
              "category");
  expectField(lists().check(list("/srv/lists/new-upload.txt", F::kHosts, ""), "r"), "category");
  ESAFETY_EXPECT_OK(lists().check(list("/srv/lists/ut1", F::kSquidGuard, ""), "r"));
  ESAFETY_EXPECT_OK(lists().check(list("/srv/lists/x.txt", F::kE2Guardian, ""), "r"));
  expectField(lists().addList(list("lists/casinos.txt", F::kPlainDomains, "gambling"), "it", "r"),
              "path");
  expectField(lists().addList(list("/srv/lists/gone.txt", F::kPlainDomains, "gambling"), "it", "r"),
              "path");
  EXPECT_TRUE(store_->listSources(school_)->empty());
  EXPECT_TRUE(newAuditRows().empty());

  auto folder = lists().addList(list("/srv/lists/./ut1/", F::kSquidGuard, ""), "it", "UT1");
  ESAFETY_ASSERT_OK(folder);
  EXPECT_EQ(folder->path, "/srv/lists/ut1") << "normalised";
}

TEST_F(ServicesTest, AListWhoseAuditRowCannotBeWrittenIsNotAdded) {
  refuseAudit("list_source.add");
  auto added = lists().addList({.path = "/srv/lists/casinos.txt",
                                .format = classify::ListFormat::kPlainDomains,
                                .category = "gambling"},
                               "it", "The trust's list");
  EXPECT_FALSE(added.isOk());
  EXPECT_NE(added.status().message().find("the disk is full"), std::string::npos);
  EXPECT_TRUE(store_->listSources(school_)->empty()) << "the change went with its audit row";
  EXPECT_TRUE(newAuditRows().empty());
}

TEST_F(ServicesTest, RemovingAListNeedsAReasonAndNeverTakesIllegalContentOut) {
  auto casinos = lists().addList({.path = "/srv/lists/casinos.txt",
                                  .format = classify::ListFormat::kPlainDomains,
                                  .category = "gambling"},
                                 "it", "r");
  auto iwf = lists().addList({.path = "/srv/lists/iwf.txt",
                              .format = classify::ListFormat::kPlainDomains,
                              .category = "illegal"},
                             "it", "r");
  ESAFETY_ASSERT_OK(casinos);
  ESAFETY_ASSERT_OK(iwf);
  newAuditRows();
  expectField(lists().removeList(casinos->id, "it", " "), "reason");
  EXPECT_EQ(lists().removeList(999, "it", "r").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(lists().removeList(iwf->id, "it", "tidying").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->listSources(school_)->size(), 2u);
  EXPECT_TRUE(newAuditRows().empty());

  auto removed = lists().removeList(casinos->id, "head", "The trust withdrew it");
  ESAFETY_ASSERT_OK(removed);
  EXPECT_EQ(removed->path, "/srv/lists/casinos.txt");
  auto rows = newAuditRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].action, "list_source.remove");
  EXPECT_EQ(rows[0].reason, "The trust withdrew it");
}

// --- PolicyAdmin -----------------------------------------------------------------

TEST_F(ServicesTest, EveryPolicyChangeNeedsAReason) {
  PolicyAdmin admin = policyAdmin();
  for (std::string_view blank : {"", " \t "}) {
    expectField(admin.addLocalEntry({.pattern = "x.example", .added_by = "head",
                                     .reason = std::string(blank)}),
                "reason");
    expectField(admin.setGroupCategory("KS2", "games", Action::kBlock, "head", blank), "reason");
    expectField(admin.addTimeRule("KS2", {"games", 0x1F, 720, 780, Action::kAllow, ""}, "head",
                                  blank),
                "reason");
    expectField(admin.setUncategorised("KS2", Action::kAllow, "head", blank), "reason");
    expectField(admin.setTlsInspection("KS2", true, "head", blank), "reason");
    expectField(admin.setPageScanning("KS2", {.on = true}, "head", blank), "reason");
    expectField(admin.setCategoryFlags("games", false, true, "head", blank), "reason");
  }
  expectField(admin.setGroupCategory("KS2", "games", Action::kBlock, "head",
                                     std::string(kMaxReasonLength + 1, 'x')),
              "reason");
  EXPECT_TRUE(newAuditRows().empty());
  EXPECT_FALSE(group("KS2").inspect_tls);
  EXPECT_TRUE(store_->localEntries(school_)->empty());
}

TEST_F(ServicesTest, TlsInspectionAndPageScanningAreOneAuditedGroupChange) {
  PolicyAdmin admin = policyAdmin();
  ESAFETY_ASSERT_OK(admin.setTlsInspection("KS2", true, "it.technician", "Phrase scanning"));
  EXPECT_TRUE(group("KS2").inspect_tls);
  auto scanned = admin.setPageScanning("KS2", {.on = true, .limit = 80, .block_search_level = 4},
                                       "it.technician", "Searches for self-harm");
  ESAFETY_ASSERT_OK(scanned);
  EXPECT_TRUE(group("KS2").inspect);
  EXPECT_EQ(group("KS2").phrase_limit, 80);
  EXPECT_EQ(group("KS2").block_search_level, 4);
  EXPECT_TRUE(group("KS2").inspect_tls) << "the other settings stay";
  auto rows = newAuditRows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "group.update");
  EXPECT_EQ(rows[0].reason, "Searches for self-harm");
  EXPECT_EQ(rows[1].reason, "Phrase scanning");
  EXPECT_EQ(admin.setTlsInspection("KS9", true, "it", "r").code(), StatusCode::kNotFound);
  EXPECT_EQ(admin.setPageScanning("KS2", {.on = true, .limit = -5}, "it", "r").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(group("KS2").phrase_limit, 80);

  refuseAudit("group.update");
  EXPECT_FALSE(admin.setTlsInspection("KS2", false, "it", "Off for the summer").isOk());
  EXPECT_TRUE(group("KS2").inspect_tls) << "no audit row, no change";
  EXPECT_TRUE(newAuditRows().empty());
}

TEST_F(ServicesTest, LocalEntriesNameTheirBadFieldAndComeBackWhenRemoved) {
  PolicyAdmin admin = policyAdmin();
  expectField(admin.addLocalEntry({.pattern = " ", .added_by = "head", .reason = "r"}), "pattern");
  expectField(admin.addLocalEntry({.pattern = "a b", .added_by = "head", .reason = "r"}),
              "pattern");
  expectField(admin.addLocalEntry({.group = "KS9", .pattern = "x.example", .added_by = "head",
                                   .reason = "r"}),
              "group");
  EXPECT_TRUE(newAuditRows().empty());

  auto added = admin.addLocalEntry({.group = "KS2", .pattern = "HTTP://Quiz.Example/",
                                    .action = Action::kBlock, .added_by = "head",
                                    .reason = "SATs answers"});
  ESAFETY_ASSERT_OK(added);
  EXPECT_EQ(added->pattern, "quiz.example");
  ASSERT_EQ(newAuditRows().size(), 1u);

  expectField(admin.removeLocalEntry(added->id, "head", ""), "reason");
  auto removed = admin.removeLocalEntry(added->id, "head", "SATs are over");
  ESAFETY_ASSERT_OK(removed);
  EXPECT_EQ(removed->pattern, "quiz.example");
  EXPECT_EQ(removed->group, "KS2");
  auto rows = newAuditRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].action, "local_entry.remove");
  EXPECT_EQ(rows[0].reason, "SATs are over");
  auto again = admin.removeLocalEntry(added->id, "head", "again");
  EXPECT_EQ(again.status().code(), StatusCode::kNotFound);
  EXPECT_NE(again.status().message().find("no entry"), std::string::npos);
}

// --- DeviceAdmin -----------------------------------------------------------------

TEST_F(ServicesTest, DevicesAreRegisteredLentAndReturnedWithOneAuditRowEach) {
  expectField(devices().addDevice({.name = "  "}, "it"), "name");
  auto id = devices().addDevice({.name = "Class iPad 12", .type = "ipad", .ip = "127.0.0.2",
                                 .group = "KS1"},
                                "it.technician");
  ESAFETY_ASSERT_OK(id);
  EXPECT_EQ(devices().addDevice({.name = "Class iPad 12"}, "it").status().code(),
            StatusCode::kAlreadyExists);
  ASSERT_EQ(newAuditRows().size(), 1u) << "the refused one left no row";

  const int64_t until = clock_.nowUnix() + 3600;
  expectField(devices().checkOut("", "G801200026001", until, "teacher"), "device");
  expectField(devices().checkOut("class ipad 12", " ", until, "teacher"), "upn");
  ESAFETY_ASSERT_OK(devices().checkOut("class ipad 12", "g801200026001", until, "teacher"));
  EXPECT_EQ(devices().checkOut("127.0.0.2", "G801200026001", until, "teacher").status().code(),
            StatusCode::kFailedPrecondition);
  auto registry = devices().registry();
  ESAFETY_ASSERT_OK(registry);
  ASSERT_EQ(registry->size(), 1u);
  EXPECT_EQ((*registry)[0].pupil_name, "Amira Khan");
  ESAFETY_ASSERT_OK(devices().checkIn("Class iPad 12", "teacher"));
  EXPECT_EQ(devices().checkIn("Class iPad 12", "teacher").code(), StatusCode::kNotFound);
  auto removed = devices().removeDevice("127.0.0.2", "it.technician");
  ESAFETY_ASSERT_OK(removed);
  EXPECT_EQ(removed->name, "Class iPad 12");

  auto rows = newAuditRows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].action, "device.checkout");
  EXPECT_EQ(rows[2].actor, "teacher");
  EXPECT_EQ(rows[1].action, "device.checkin");
  EXPECT_EQ(rows[0].action, "device.remove");
}

TEST_F(ServicesTest, ALoanWhoseAuditRowCannotBeWrittenDoesNotHappen) {
  ESAFETY_ASSERT_OK(devices().addDevice({.name = "iPad", .ip = "127.0.0.2"}, "it"));
  refuseAudit("device.checkout");
  EXPECT_FALSE(devices().checkOut("iPad", "G801200026001", clock_.nowUnix() + 600, "t").isOk());
  EXPECT_TRUE(store_->activeCheckouts(school_, clock_.nowUnix())->empty());
}

// --- PeopleAdmin: sanctions --------------------------------------------------------

TEST_F(ServicesTest, SanctionsNeedAReasonAndLandWithTheirAuditRow) {
  expectField(people().sanction("G801200026001", identity::SanctionKind::kRestrict, 0, " ", "dsl"),
              "reason");
  expectField(people().sanction(" ", identity::SanctionKind::kRestrict, 0, "Unkind", "dsl"), "who");
  EXPECT_TRUE(newAuditRows().empty());
  auto id = people().sanction("G801200026001", identity::SanctionKind::kRestrict, 0,
                              "Unkind messages", "dsl@school.example");
  ESAFETY_ASSERT_OK(id);
  auto rows = newAuditRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].action, "sanction.restrict");
  EXPECT_EQ(rows[0].reason, "Unkind messages");
  expectField(people().liftSanction(*id, "", "dsl"), "reason");
  ESAFETY_ASSERT_OK(people().liftSanction(*id, "Apologised", "dsl"));
  EXPECT_EQ(newAuditRows().size(), 1u);

  refuseAudit("sanction.deactivate");
  EXPECT_FALSE(people().sanction("G801200026001", identity::SanctionKind::kDeactivate, 0,
                                 "Shared a password", "dsl")
                   .isOk());
  EXPECT_TRUE(store_->activeSanctions(school_, clock_.nowUnix())->empty());
}

// --- SettingsAdmin -----------------------------------------------------------------

TEST_F(ServicesTest, SettingsAreCheckedTogetherAndStoredWithAnAuditRowEach) {
  SettingsAdmin admin = settings();
  // One wrong value: nothing is stored, not even the right one before it.
  Status refused = admin.changeSignInSettings(
      {{"portal.sign_in_networks", "10.20.8.0/24"}, {"portal.staff_group", "Teachers"}}, "it");
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("there is no group 'Teachers'"), std::string::npos);
  EXPECT_FALSE(store_->setting(school_, "portal.sign_in_networks")->has_value());
  EXPECT_EQ(admin.changeSignInSettings({{"portal.colour", "blue"}}, "it").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(admin.changeSignInSettings({}, "it").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(admin.checkSignInSetting("portal.sign_in_networks", "10.20.8.0/33").code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(newAuditRows().empty());

  ESAFETY_ASSERT_OK(admin.changeSignInSettings(
      {{"portal.sign_in_networks", "10.20.8.0/24"}, {"portal.staff_group", "Staff"}},
      "it.technician"));
  std::vector<std::string> warnings;
  auto now = admin.signInSettings(warnings);
  ESAFETY_ASSERT_OK(now);
  EXPECT_EQ(now->sign_in_networks, std::vector<std::string>{"10.20.8.0/24"});
  EXPECT_TRUE(warnings.empty());
  auto rows = newAuditRows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].target, "portal.sign_in_networks");
  EXPECT_EQ(rows[0].target, "portal.staff_group");
  EXPECT_EQ(rows[0].actor, "it.technician");
}

}  // namespace
}  // namespace esafety::control
