// Snapshot::identify with device check-outs and sanctions: client address ->
// device -> the pupil it is lent to now -> the pupil's group, with their
// sanctions applied by decide().
#include <gtest/gtest.h>

#include "core/test_allocations.h"
#include "policy/explanation.h"
#include "policy/policy_test_fixture.h"
#include "policy/snapshot.h"

namespace esafety::policy {
namespace {

using namespace esafety::policy::testing;

constexpr int64_t kNine = 1772528400;  // 2026-03-03 09:00 UTC
constexpr int64_t kTen = kNine + 3600;

class IdentifyTest : public ::testing::Test {
 protected:
  void SetUp() override { clock_.setUnix(kNine); }

  PolicyData policy() {
    PolicyData data = testPolicy();
    Group unknown;
    unknown.name = "Unknown device";
    unknown.allow_list_only = true;
    data.groups.push_back(unknown);
    data.devices.push_back(
        {.id = 7, .name = "iPad 07", .type = "ipad", .ip = "127.0.0.12", .group = "KS1"});
    data.checkouts.push_back({.device_id = 7,
                              .user_id = 42,
                              .user_name = "Amira Khan",
                              .group = "KS2",
                              .from = kNine,
                              .until = kTen});
    return data;
  }
  void build(PolicyData data) {
    auto snap = Snapshot::build(std::move(data), testIndex(), nullptr, &clock_);
    ASSERT_TRUE(snap) << snap.status().toString();
    snap_ = *snap;
  }
  Decision decideFor(const ClientIdentity& who, const char* url_text) {
    url_ = *classify::normalizeUrl(url_text);
    return snap_->decide(*who.group, Target::forUrl(url_), at("2026-03-03 09:30"), {}, scratch_);
  }

  FakeClock clock_{LocalTime{}};
  std::shared_ptr<const Snapshot> snap_;
  DecisionScratch scratch_;
  classify::NormalizedUrl url_;
  uint8_t ipad_[4] = {127, 0, 0, 12};
};

TEST_F(IdentifyTest, ACheckedOutDeviceIsThePupilsUntilTheLessonEnds) {
  build(policy());
  clock_.setUnix(kNine - 1);  // not yet lent
  ClientIdentity before = snap_->identify(ipad_);
  EXPECT_EQ(before.device->name, "iPad 07");
  EXPECT_EQ(before.user_id, 0);
  EXPECT_EQ(before.group->config.name, "KS1");

  clock_.setUnix(kNine + 60);
  ClientIdentity during = snap_->identify(ipad_);
  EXPECT_EQ(during.device->id, 7);
  EXPECT_EQ(during.device->name, "iPad 07") << "the device keeps its own name; the pupil is user_name";
  EXPECT_EQ(during.user_id, 42);
  EXPECT_EQ(during.user_name, "Amira Khan");
  EXPECT_EQ(during.group->config.name, "KS2");  // the pupil's group, not the iPad's
  EXPECT_FALSE(during.account.restricted);

  clock_.setUnix(kTen);  // the check-out has ended: back to the device's own group
  ClientIdentity after = snap_->identify(ipad_);
  EXPECT_EQ(after.device->name, "iPad 07");
  EXPECT_EQ(after.user_id, 0);
  EXPECT_EQ(after.group->config.name, "KS1");
  // The explicit-time overload agrees with the clock.
  EXPECT_EQ(snap_->identify(ipad_, kNine + 60).user_id, 42);
}

TEST_F(IdentifyTest, ARestrictedPupilGetsOnlyTheAllowListWhateverTheCallerPasses) {
  PolicyData data = policy();
  data.sanctions.push_back(
      {.user_id = 42, .restricted = true, .from = kNine, .until = kNine + 1800});
  build(std::move(data));
  clock_.setUnix(kNine + 60);
  ClientIdentity who = snap_->identify(ipad_);
  EXPECT_TRUE(who.account.restricted);
  EXPECT_EQ(who.group->config.name, "KS2");  // still the pupil's own pages and rules
  EXPECT_EQ(decideFor(who, "http://nothing-listed.example/").verdict, Verdict::kBlock);
  EXPECT_EQ(decideFor(who, "http://bitesize.example/").verdict, Verdict::kAllow);
  Decision d = decideFor(who, "http://nothing-listed.example/");
  Explanation e =
      explain(*snap_, *who.group, Target::forUrl(url_), at("2026-03-03 09:30"), d, scratch_);
  EXPECT_EQ(e.reason,
            "This account is restricted to the school's allowed sites until the sanction ends.");
  // The same group unsanctioned allows it.
  EXPECT_EQ(
      snap_
          ->decide(*snap_->group("KS2"), Target::forUrl(url_), at("2026-03-03 09:30"), {}, scratch_)
          .verdict,
      Verdict::kAllow);
  // The sanction ends at its date.
  clock_.setUnix(kNine + 1800);
  ClientIdentity later = snap_->identify(ipad_);
  EXPECT_FALSE(later.account.restricted);
  EXPECT_EQ(decideFor(later, "http://nothing-listed.example/").verdict, Verdict::kAllow);
}

TEST_F(IdentifyTest, ADeactivatedPupilIsBlockedAtTheAccountStep) {
  PolicyData data = policy();
  data.sanctions.push_back({.user_id = 42, .restricted = true, .from = kNine});
  data.sanctions.push_back({.user_id = 42, .deactivated = true, .from = kNine});
  data.sanctions.push_back({.user_id = 99, .deactivated = true, .from = kNine});  // someone else
  build(std::move(data));
  clock_.setUnix(kNine + 60);
  ClientIdentity who = snap_->identify(ipad_);
  EXPECT_TRUE(who.account.deactivated);
  Decision d = decideFor(who, "http://bitesize.example/");
  EXPECT_EQ(d.verdict, Verdict::kBlock);
  EXPECT_EQ(d.step, StepId::kAccount);
  // Illegal content still comes first.
  EXPECT_EQ(decideFor(who, "http://iwf-test.example/").step, StepId::kIllegal);
}

TEST_F(IdentifyTest, ACheckoutForAMissingGroupFallsBackToTheDevicesGroup) {
  PolicyData data = policy();
  data.checkouts[0].group = "Year 9";
  build(std::move(data));
  clock_.setUnix(kNine + 60);
  ClientIdentity who = snap_->identify(ipad_);
  EXPECT_EQ(who.user_name, "Amira Khan");
  EXPECT_EQ(who.group->config.name, "KS1");
}

// identify() is on every request's path: it must not allocate.
TEST_F(IdentifyTest, IdentifyAllocatesNothing) {
  PolicyData data = policy();
  data.sanctions.push_back({.user_id = 42, .restricted = true, .from = kNine});
  data.devices.push_back(
      {.id = 8, .name = "Laptop", .type = "laptop", .ip = "2001:db8::8", .group = "Staff"});
  build(std::move(data));
  clock_.setUnix(kNine + 60);
  uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8};
  uint8_t stranger[4] = {127, 0, 0, 99};
  size_t found = 0;
  esafety::testing::AllocationCounter counter;
  for (int i = 0; i < 1000; ++i) {
    found += snap_->identify(ipad_).user_id == 42;
    found += snap_->identify(v6).device != nullptr;
    found += snap_->identify(stranger).device == nullptr;
  }
  const size_t allocations = counter.stop();
  EXPECT_EQ(found, 3000u);
  EXPECT_EQ(allocations, 0u);
}

TEST_F(IdentifyTest, UnknownAndOddAddressesAreContained) {
  build(policy());
  uint8_t stranger[4] = {127, 0, 0, 99};
  EXPECT_EQ(snap_->identify(stranger).group->config.name, "Unknown device");
  uint8_t odd[3] = {1, 2, 3};
  ClientIdentity junk = snap_->identify(std::span<const uint8_t>(odd, 3));
  EXPECT_EQ(junk.device, nullptr);
  EXPECT_EQ(junk.group->config.name, "Unknown device");
}

}  // namespace
}  // namespace esafety::policy
