// People, sanctions and device check-outs in the SQLite store.
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

using identity::Person;
using identity::PersonKind;
using identity::Role;

// A syntactically valid argon2id string (the store never verifies it).
constexpr const char* kHash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

Person pupil(std::string name, std::string upn, int year = 3) {
  return {.kind = PersonKind::kPupil,
          .name = std::move(name),
          .role = Role::kPupil,
          .upn = std::move(upn),
          .date_of_birth = "2017-05-04",
          .year = year,
          .class_name = "Oak"};
}

class PeopleTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = "KS2"}, "a", "r"));
    auto device = store_->addDevice(
        school_, {.name = "iPad 07", .type = "ipad", .ip = "127.0.0.12", .group = "KS2"}, "it");
    ESAFETY_ASSERT_OK(device);
    device_ = *device;
    auto n = store_->importPupils(school_, {pupil("Amira Khan", "B801200005001")}, "office");
    ESAFETY_ASSERT_OK(n);
    amira_ = (*store_->personByUpn(school_, "B801200005001"))->id;
  }
  int64_t newestAuditId() { return (*store_->audit(school_, 1)).front().id; }

  int64_t device_ = 0;
  int64_t amira_ = 0;
};

TEST_F(PeopleTest, ImportIsAllOrNothing) {
  // The second pupil's UPN is already stored: nothing of this batch lands.
  auto failed = store_->importPupils(
      school_, {pupil("Ben Ode", "A801200005002"), pupil("Amira Again", "B801200005001")},
      "office");
  ASSERT_FALSE(failed.isOk());
  EXPECT_EQ(failed.status().code(), StatusCode::kAlreadyExists);
  EXPECT_THAT(failed.status().message(), ::testing::HasSubstr("B801200005001"));
  auto none = store_->personByUpn(school_, "A801200005002");
  ESAFETY_ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(store_->people(school_)->size(), 1u);
}

TEST_F(PeopleTest, LoginsAreUniqueWhateverTheCaseAndHashesNeverAudited) {
  Person staff{.kind = PersonKind::kStaff,
               .name = "Sam Lee",
               .role = Role::kDsl,
               .login = "s.lee@school.example",
               .email = "s.lee@school.example",
               .password_hash = kHash};
  auto id = store_->addPerson(school_, staff, "head");
  ESAFETY_ASSERT_OK(id);
  staff.login = "S.Lee@School.Example";
  EXPECT_EQ(store_->addPerson(school_, staff, "head").status().code(), StatusCode::kAlreadyExists);
  auto found = store_->personByLogin(school_, "S.LEE@school.example");
  ESAFETY_ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->role, Role::kDsl);
  EXPECT_EQ((*found)->password_hash, kHash);
  ESAFETY_ASSERT_OK(store_->setPasswordHash(school_, *id, kHash, "s.lee"));
  auto rows = store_->audit(school_, 100);
  ESAFETY_ASSERT_OK(rows);
  for (const auto& row : *rows) {
    EXPECT_EQ(row.detail.find("argon2"), std::string::npos) << row.detail;
  }
  // Pupils have no password of their own.
  EXPECT_EQ(store_->setPasswordHash(school_, amira_, kHash, "x").code(), StatusCode::kNotFound);
  // Staff cannot be pupils or visitors by role.
  staff.login = "other";
  staff.role = Role::kVisitor;
  EXPECT_EQ(store_->addPerson(school_, staff, "head").status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(PeopleTest, ContactsLinkToPupils) {
  ESAFETY_ASSERT_OK(store_->addContact(
      school_, {.name = "Farah Khan", .relationship = "mother", .pupils = {amira_}}, "office"));
  EXPECT_EQ(
      store_->addContact(school_, {.name = "Nobody", .pupils = {9999}}, "office").status().code(),
      StatusCode::kInvalidArgument);
  auto all = store_->contacts(school_);
  ESAFETY_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().pupils, std::vector<int64_t>{amira_});
}

TEST_F(PeopleTest, SanctionsNeedAReasonAreAuditedAndEnd) {
  identity::Sanction s{.person = amira_,
                       .kind = identity::SanctionKind::kRestrict,
                       .until = kStartTime + 3600,
                       .by = "head"};
  EXPECT_EQ(store_->addSanction(school_, s).status().code(), StatusCode::kInvalidArgument);
  s.reason = "Searched for unsuitable games in a lesson";
  int64_t before = newestAuditId();
  auto id = store_->addSanction(school_, s);
  ESAFETY_ASSERT_OK(id);
  // A new audit row is what the serve reload watcher looks for.
  EXPECT_GT(newestAuditId(), before);
  auto newest = (*store_->audit(school_, 1)).front();
  EXPECT_EQ(newest.action, "sanction.restrict");
  EXPECT_EQ(newest.reason, s.reason);
  EXPECT_EQ(store_->activeSanctions(school_, kStartTime + 10)->size(), 1u);
  EXPECT_EQ(store_->activeSanctions(school_, kStartTime + 3600)->size(), 0u);
  ESAFETY_ASSERT_OK(store_->liftSanction(school_, *id, "head", "Talked it through"));
  EXPECT_EQ(store_->activeSanctions(school_, kStartTime + 10)->size(), 0u);
  EXPECT_EQ(store_->liftSanction(school_, *id, "head", "again").code(), StatusCode::kNotFound);
}

TEST_F(PeopleTest, ADeviceIsOutToOnePupilAtATime) {
  ESAFETY_ASSERT_OK(store_->importPupils(school_, {pupil("Ben Ode", "A801200005002")}, "office"));
  int64_t ben = (*store_->personByUpn(school_, "A801200005002"))->id;
  identity::Checkout c{
      .device = device_, .person = amira_, .until = kStartTime + 3600, .by = "teacher"};
  ESAFETY_ASSERT_OK(store_->checkOutDevice(school_, c));
  auto active = store_->activeCheckouts(school_, kStartTime);
  ESAFETY_ASSERT_OK(active);
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ(active->front().person, amira_);
  EXPECT_EQ(active->front().from, kStartTime);

  c.person = ben;
  auto busy = store_->checkOutDevice(school_, c);
  EXPECT_EQ(busy.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(busy.status().message(), ::testing::HasSubstr("Amira Khan"));

  // Once the lesson is over the device can go to someone else.
  clock_.setUnix(kStartTime + 3600);
  EXPECT_TRUE(store_->activeCheckouts(school_, kStartTime + 3600)->empty());
  c.until = kStartTime + 7200;
  ESAFETY_ASSERT_OK(store_->checkOutDevice(school_, c));
  ESAFETY_ASSERT_OK(store_->checkInDevice(school_, device_, "teacher"));
  EXPECT_TRUE(store_->activeCheckouts(school_, kStartTime + 3601)->empty());
  EXPECT_EQ(store_->checkInDevice(school_, device_, "teacher").code(), StatusCode::kNotFound);
  EXPECT_EQ((*store_->audit(school_, 1)).front().action, "device.checkin");
}

TEST_F(PeopleTest, DeviceTypesAndDhcpReservations) {
  policy::Device d{.name = "Laptop 3", .type = "toaster", .ip = "127.0.0.50"};
  EXPECT_EQ(store_->addDevice(school_, d, "it").status().code(), StatusCode::kInvalidArgument);
  d.type = "laptop";
  d.dhcp_reservation = true;
  ESAFETY_ASSERT_OK(store_->addDevice(school_, d, "it"));
  auto found = store_->deviceByIp(school_, "127.0.0.50");
  ESAFETY_ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_TRUE((*found)->dhcp_reservation);
}

}  // namespace
}  // namespace esafety::store::testing
