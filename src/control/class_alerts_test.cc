// ClassAlerts over a real SQLite store: off until the rota turns it on; a
// teacher sees only their class's alerts (its pupils, its room's devices),
// never the DSL's notes nor who was told; an alert outside the class is
// "not found".
#include "control/class_alerts.h"

#include "control/alert_rota.h"
#include "store/sqlite/test_store.h"

namespace esafety::control {
namespace {

using alerts::AlertBatch;
using alerts::Hit;
using identity::Person;
using identity::PersonKind;
using identity::Role;
using store::testing::StoreTest;

Hit hitFor(int64_t user, int64_t device, std::string category, int64_t event_id) {
  Hit h;
  h.subject.user_id = user;
  h.subject.device_id = device;
  h.category = std::move(category);
  h.level = 4;
  h.rule = "self-harm or suicide";
  h.evidence = {.source = alerts::Evidence::Source::kEvent,
                .source_id = event_id,
                .event_id = event_id,
                .time_ms = 1772530200000 + event_id,
                .rule = h.rule,
                .why = "search matched the self-harm list"};
  return h;
}

class ClassAlertsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto pupil = [](std::string name, std::string upn, std::string class_name) {
      return Person{.kind = PersonKind::kPupil, .name = std::move(name), .role = Role::kPupil,
                    .upn = std::move(upn), .date_of_birth = "2017-05-04", .year = 3,
                    .class_name = std::move(class_name)};
    };
    ESAFETY_ASSERT_OK(store_->importPupils(
        school_, {pupil("Amira Khan", "B801200005001", "Oak"), pupil("Ben Ode", "A801200005002", "Ash")},
        "office"));
    auto people = store_->people(school_);
    ASSERT_TRUE(people.isOk());
    for (const auto& p : *people) {
      if (p.kind == PersonKind::kPupil) (p.name == "Amira Khan" ? amira_ : ben_) = p.id;
    }
    oak_teacher_ = addTeacher("oak@school.example", "Oak");
    no_class_teacher_ = addTeacher("supply@school.example", "");
    ipad_ = *store_->addDevice(school_, {.name = "iPad 3", .room = "oak"}, "it");

    AlertBatch batch;
    batch.hits = {hitFor(amira_, 0, "self-harm", 1), hitFor(ben_, 0, "bullying", 2),
                  hitFor(0, ipad_, "violence", 3)};
    batch.cursor.events_through = 3;
    ESAFETY_ASSERT_OK(store_->applyAlertBatch(school_, batch));
    auto alerts = store_->alerts(school_, {});
    ASSERT_TRUE(alerts.isOk());
    for (const auto& a : *alerts) ids_[a.category] = a.id;
  }
  int64_t addTeacher(std::string login, std::string class_name) {
    auto id = store_->addPerson(school_,
                                {.kind = PersonKind::kStaff, .name = login, .role = Role::kTeacher,
                                 .login = login, .email = login, .class_name = std::move(class_name)},
                                "head");
    EXPECT_TRUE(id.isOk()) << id.status().toString();
    return id.isOk() ? *id : 0;
  }
  void turnOn() {
    ESAFETY_ASSERT_OK(AlertRotaAdmin(*store_, school_, clock_)
                          .change({{"teachers_see_own_class", "yes"}}, "dsl", "Class teachers act"));
  }
  ClassAlerts view() { return ClassAlerts(*store_, school_, nullptr); }

  int64_t amira_ = 0, ben_ = 0, oak_teacher_ = 0, no_class_teacher_ = 0, ipad_ = 0;
  std::map<std::string, int64_t> ids_;
};

TEST_F(ClassAlertsTest, OffUntilTheSchoolTurnsItOn) {
  auto off = view().list(oak_teacher_, {});
  EXPECT_EQ(off.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(off.status().message(), ::testing::HasSubstr("has not turned on class alerts"));
  EXPECT_EQ(view().show(oak_teacher_, ids_["self-harm"]).status().code(),
            StatusCode::kFailedPrecondition);
  turnOn();
  ESAFETY_ASSERT_OK(view().list(oak_teacher_, {}));
}

TEST_F(ClassAlertsTest, ATeacherSeesTheirPupilsAndRoomOnly) {
  turnOn();
  auto mine = view().list(oak_teacher_, {});
  ESAFETY_ASSERT_OK(mine);
  std::set<std::string> categories;
  for (const auto& a : *mine) categories.insert(a.category);
  EXPECT_EQ(categories, (std::set<std::string>{"self-harm", "violence"}));  // not Ash's bullying
  // A filter the teacher sends cannot widen the class.
  auto widened = view().list(oak_teacher_, {.class_name = "Ash"});
  ASSERT_EQ(widened->size(), 2u);
  EXPECT_EQ(view().list(no_class_teacher_, {}).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(ClassAlertsTest, TheDetailHasTheEvidenceButNotTheNotesNorWhoWasTold) {
  turnOn();
  auto sealer = records::openSealer(dir_.file("records.key"), *store_);
  ESAFETY_ASSERT_OK(sealer);
  ESAFETY_ASSERT_OK(AlertAdmin(*store_, school_, sealer->get(), nullptr)
                        .triage(ids_["self-harm"], "acknowledge", "Spoke to mum", "dsl"));
  auto seen = view().show(oak_teacher_, ids_["self-harm"]);
  ESAFETY_ASSERT_OK(seen);
  EXPECT_EQ(seen->alert.subject.user_id, amira_);
  ASSERT_EQ(seen->evidence.size(), 1u);
  EXPECT_EQ(seen->evidence[0].why, "search matched the self-harm list");
  EXPECT_TRUE(seen->actions.empty());
  EXPECT_TRUE(seen->escalations.empty());
  // Another class's alert is not found, as one that does not exist.
  auto other = view().show(oak_teacher_, ids_["bullying"]);
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(other.status().message(), fmt::format("there is no alert {}", ids_["bullying"]));
}

}  // namespace
}  // namespace esafety::control
