// RecordsDesk over a real SQLite store and key file: raising a concern,
// who lists and reads it, every read logged and audited, the log verified,
// and the desk locked without its key file.
#include "control/records_desk.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "store/sqlite/test_store.h"

namespace esafety::control {
namespace {

using identity::Person;
using identity::PersonKind;
using identity::Role;
using store::testing::RawDb;
using store::testing::StoreTest;

constexpr const char* kSaw = "Zebra-crossing bruise on the left wrist, seen at lunch";
constexpr const char* kWords = "Uncle Fennimore said it is our secret";

class RecordsDeskTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ESAFETY_ASSERT_OK(store_->importPupils(
        school_, {{.kind = PersonKind::kPupil, .name = "Amira Khan", .role = Role::kPupil,
                   .upn = "B801200005001", .date_of_birth = "2017-05-04", .year = 3,
                   .class_name = "Oak"}},
        "office"));
    pupil_ = store_->personByUpn(school_, "B801200005001").value().value();
    teacher_ = staff("teacher@school.example", Role::kTeacher);
    dsl_ = staff("dsl@school.example", Role::kDsl);
    head_ = staff("head@school.example", Role::kHead);
    chair_ = staff("chair@school.example", Role::kGovernor);
    office_ = staff("office@school.example", Role::kOffice);
  }
  Person staff(const std::string& login, Role role) {
    Person p{.kind = PersonKind::kStaff, .name = login, .role = role, .login = login, .email = login};
    auto id = store_->addPerson(school_, p, "head");
    EXPECT_TRUE(id.isOk()) << id.status().toString();
    p.id = id ? *id : 0;
    return p;
  }
  RecordsDesk desk() { return RecordsDesk::open(DataDir{dir_.path()}, *store_, school_, clock_); }
  int64_t raise() {
    auto raised = desk().raiseConcern(
        teacher_, {.about = pupil_.id, .saw = kSaw, .child_words = kWords, .where = "the hall"});
    EXPECT_TRUE(raised.isOk()) << raised.status().toString();
    return raised ? raised->id : 0;
  }
  // A record naming `staff` in `role`, stored as the DSL's incident would be.
  int64_t incidentNaming(const Person& named, records::PartyRole role) {
    auto keys = records::openRecordKeys(dir_.file("records.key"), *store_);
    EXPECT_TRUE(keys.isOk());
    records::RecordRow row{.ref = records::newRecordRef(), .kind = "incident",
                           .created_at = clock_.nowUnix(), .raised_by = dsl_.login,
                           .raised_by_person = dsl_.id};
    row.wrapped_key = (*keys)->newRecordKey(row.ref).wrapped;
    row.parties = {{.person = named.id, .role = role},
                   {.person = pupil_.id, .role = records::PartyRole::kChildVictim}};
    auto id = store_->addRecord(school_, row, (*keys)->chainKey(), dsl_.login);
    EXPECT_TRUE(id.isOk()) << id.status().toString();
    return id ? *id : 0;
  }
  std::vector<int64_t> listed(const Person& reader) {
    std::vector<int64_t> ids;
    auto rows = desk().list(reader);
    EXPECT_TRUE(rows.isOk()) << rows.status().toString();
    if (!rows) return ids;
    for (const auto& r : *rows) ids.push_back(r.id);
    return ids;
  }
  bool bytesHave(const std::string& text) { return dbBytes().find(text) != std::string::npos; }
  std::string dbBytes() {
    std::string all;
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream in(dbPath() + suffix, std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return all;
  }

  Person pupil_, teacher_, dsl_, head_, chair_, office_;
};

TEST_F(RecordsDeskTest, TheDslReadsAConcernTheRaiserCannotAndTheWordsAreNotInTheFile) {
  int64_t id = raise();
  auto view = desk().show(dsl_, id);
  ESAFETY_ASSERT_OK(view);
  using Field = std::pair<std::string, std::string>;
  EXPECT_EQ(view->fields, (std::vector<Field>{{"child_words", kWords}, {"saw", kSaw}, {"where", "the hall"}}));
  EXPECT_EQ(view->raised_by, "teacher@school.example");
  EXPECT_EQ(view->summary.parties.at(0).person, pupil_.id);

  auto refused = desk().show(teacher_, id);
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(refused.status().message().find("you raised this concern"), std::string::npos);
  EXPECT_TRUE(listed(teacher_).empty());
  EXPECT_EQ(desk().show(office_, id).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(listed(dsl_), std::vector<int64_t>{id});
  EXPECT_EQ(listed(head_), std::vector<int64_t>{id});
  EXPECT_TRUE(listed(chair_).empty());

  std::string bytes = dbBytes();
  EXPECT_EQ(bytes.find("Zebra-crossing"), std::string::npos);
  EXPECT_EQ(bytes.find("Fennimore"), std::string::npos);
}

TEST_F(RecordsDeskTest, EveryReadIsLoggedAndAuditedAndRefusalsAreAudited) {
  int64_t id = raise();
  ESAFETY_ASSERT_OK(desk().show(dsl_, id));
  EXPECT_FALSE(desk().show(teacher_, id).isOk());
  auto log = store_->recordLog(school_).value();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].action, "raise");
  EXPECT_EQ(log[0].actor, "teacher@school.example");
  EXPECT_EQ(log[1].action, "read");
  EXPECT_EQ(log[1].actor, "dsl@school.example");
  auto audit = store_->audit(school_, 3).value();
  EXPECT_EQ(audit[0].action, "record.read_refused");
  EXPECT_EQ(audit[0].actor, "teacher@school.example");
  EXPECT_EQ(audit[1].action, "record.read");
  EXPECT_EQ(audit[2].action, "record.raise");
  auto verified = desk().verify();
  ESAFETY_ASSERT_OK(verified);
  EXPECT_EQ(verified->entries, 2u);
  EXPECT_EQ(verified->broken, std::nullopt);
}

TEST_F(RecordsDeskTest, NamedStaffNeverSeeTheRecordAndTheChairLeadsAnAllegationAgainstTheHead) {
  int64_t about_dsl = incidentNaming(dsl_, records::PartyRole::kStaffVictim);
  int64_t against_head = incidentNaming(head_, records::PartyRole::kStaffInstigator);
  // Refused as if there were no such record: a named person is not told it exists.
  auto refused = desk().show(dsl_, about_dsl);
  EXPECT_EQ(refused.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(refused.status().message(), fmt::format("no record {}", about_dsl));
  EXPECT_EQ(store_->audit(school_, 1).value().at(0).detail,
            "you are named in this record, so you cannot read it");
  EXPECT_EQ(listed(dsl_), std::vector<int64_t>{against_head});
  EXPECT_EQ(listed(head_), std::vector<int64_t>{about_dsl});
  EXPECT_EQ(desk().show(head_, against_head).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(listed(chair_), std::vector<int64_t>{against_head});
  ESAFETY_ASSERT_OK(desk().show(chair_, against_head));
}

TEST_F(RecordsDeskTest, RaisingIsForStaffAboutAPupilWithSomethingSaid) {
  EXPECT_EQ(desk().raiseConcern(chair_, {.about = pupil_.id, .saw = "x"}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(desk().raiseConcern(pupil_, {.about = pupil_.id, .saw = "x"}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(desk().raiseConcern(teacher_, {.about = pupil_.id, .saw = "  "}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(desk().raiseConcern(teacher_, {.about = dsl_.id, .saw = "x"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_->records(school_).value().empty());
  EXPECT_EQ(desk().findPupil("Amira Khan").value().id, pupil_.id);
  EXPECT_EQ(desk().findPupil("B801200005001").value().id, pupil_.id);
  EXPECT_EQ(desk().findPupil("Nobody").status().code(), StatusCode::kNotFound);
}

TEST_F(RecordsDeskTest, ARowChangedByHandIsCaughtByVerify) {
  int64_t id = raise();
  raise();
  {
    RawDb raw(dbPath());
    ASSERT_EQ(raw.exec("UPDATE safeguarding_records SET occurred_at = occurred_at + 60 WHERE id = " +
                       std::to_string(id)),
              0);
  }
  auto verified = desk().verify();
  ESAFETY_ASSERT_OK(verified);
  ASSERT_TRUE(verified->broken.has_value());
  EXPECT_EQ(verified->broken->seq, 1);
  EXPECT_NE(verified->broken->why.find("changed outside esafety"), std::string::npos);
}

TEST_F(RecordsDeskTest, WithoutTheKeyFileTheDeskIsLockedAndWritesNothing) {
  int64_t id = raise();
  std::filesystem::remove(dir_.file("records.key"));
  RecordsDesk locked = desk();
  EXPECT_TRUE(locked.locked());
  auto shown = locked.show(dsl_, id);
  EXPECT_EQ(shown.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(shown.status().message().find("the records are locked"), std::string::npos);
  EXPECT_EQ(locked.list(dsl_).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(locked.verify().status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(locked.raiseConcern(teacher_, {.about = pupil_.id, .saw = "x"}).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->recordLog(school_).value().size(), 1u);
  EXPECT_FALSE(std::filesystem::exists(dir_.file("records.key")));
}

TEST_F(RecordsDeskTest, AnIncidentKeepsTheRoutesThatFollowFromStepsOneAndTwo) {
  using records::PartyRole;
  auto police = desk().recordIncident(
      dsl_, {.parties = {{.person = pupil_.id, .role = PartyRole::kChildVictim}},
             .activity = records::Activity::kIllegal,
             .narrative = "Images shared in the Year 6 group chat"});
  ESAFETY_ASSERT_OK(police);
  EXPECT_EQ(police->kind, "incident");
  EXPECT_EQ(police->activity, "illegal");
  EXPECT_EQ(police->routes, "police");

  auto against_head = desk().recordIncident(
      dsl_, {.parties = {{.person = head_.id, .role = PartyRole::kStaffInstigator},
                         {.person = pupil_.id, .role = PartyRole::kChildVictim}},
             .activity = records::Activity::kInappropriate,
             .narrative = "Messages to a pupil on a personal account"});
  ESAFETY_ASSERT_OK(against_head);
  EXPECT_EQ(against_head->routes, "allegations,child-protection");
  EXPECT_EQ(desk().show(head_, against_head->id).status().code(), StatusCode::kNotFound);
  auto chair_reads = desk().show(chair_, against_head->id);
  ESAFETY_ASSERT_OK(chair_reads);
  EXPECT_EQ(chair_reads->fields.at(0),
            (std::pair<std::string, std::string>{"narrative", "Messages to a pupil on a personal account"}));
  EXPECT_EQ(bytesHave("personal account"), false);

  auto not_sure = desk().recordIncident(
      head_, {.parties = {{.person = dsl_.id, .role = PartyRole::kStaffVictim}},
              .activity = records::Activity::kNotSure,
              .advice = "Helpline: treat as staff welfare",
              .narrative = "Abusive posts about a member of staff"});
  ESAFETY_ASSERT_OK(not_sure);
  EXPECT_EQ(not_sure->routes, "staff-victim");
  EXPECT_EQ(desk().show(dsl_, not_sure->id).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(desk().verify().value().broken == std::nullopt);
}

TEST_F(RecordsDeskTest, AnIncidentIsRefusedForTheWrongPersonOrAMissingStep) {
  using records::PartyRole;
  const IncidentInput ok{.parties = {{.person = pupil_.id, .role = PartyRole::kChildInstigator}},
                         .activity = records::Activity::kInappropriate,
                         .narrative = "Unkind messages"};
  EXPECT_EQ(desk().recordIncident(teacher_, ok).status().code(), StatusCode::kPermissionDenied);
  IncidentInput self = ok;
  self.parties.push_back({.person = dsl_.id, .role = PartyRole::kStaffVictim});
  auto named = desk().recordIncident(dsl_, self);
  EXPECT_EQ(named.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(named.status().message().find("you are among the people involved"), std::string::npos);
  IncidentInput wrong_role = ok;
  wrong_role.parties = {{.person = pupil_.id, .role = PartyRole::kStaffVictim}};
  EXPECT_EQ(desk().recordIncident(dsl_, wrong_role).status().code(), StatusCode::kInvalidArgument);
  IncidentInput nobody = ok;
  nobody.parties.clear();
  auto none = desk().recordIncident(dsl_, nobody);
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(none.status().message().find("step 1"), std::string::npos);
  IncidentInput no_account = ok;
  no_account.narrative = " ";
  EXPECT_EQ(desk().recordIncident(dsl_, no_account).status().code(), StatusCode::kInvalidArgument);
  IncidentInput unsure = ok;
  unsure.activity = records::Activity::kNotSure;
  auto no_advice = desk().recordIncident(dsl_, unsure);
  EXPECT_EQ(no_advice.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(no_advice.status().message().find("advice"), std::string::npos);
  EXPECT_TRUE(store_->records(school_).value().empty());
}

}  // namespace
}  // namespace esafety::control
