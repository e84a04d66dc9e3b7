// Two-step sign-in secrets at rest: sealed under the records key, never in
// esafety.db in plain text; a secret from before sealing is still read and
// is sealed at start-up, once, with an audit row.
#include "control/totp_keys.h"

#include <fstream>
#include <sstream>

#include "control/people_admin.h"
#include "identity/totp.h"
#include "store/sqlite/test_store.h"

namespace esafety::control {
namespace {

using store::testing::RawDb;

class TotpKeysTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    auto opened = records::openSealer(dir_.file("records.key"), *store_);
    ESAFETY_ASSERT_OK(opened);
    sealer_ = std::move(*opened);
    PeopleAdmin admin(*store_, school_, clock_);
    auto added = admin.addStaff({.name = "Dee Sl", .email = "dsl@school.example", .role = identity::Role::kDsl},
                                "correct horse battery", "head");
    ESAFETY_ASSERT_OK(added);
    dsl_ = added->id;
  }
  identity::Person dsl() { return store_->personByLogin(school_, "dsl@school.example").value().value(); }
  std::string databaseBytes() {
    std::ifstream in(dbPath(), std::ios::binary);
    std::stringstream all;
    all << in.rdbuf();
    std::ifstream wal(dbPath() + "-wal", std::ios::binary);
    all << wal.rdbuf();
    return all.str();
  }

  std::unique_ptr<records::Sealer> sealer_;
  int64_t dsl_ = 0;
};

TEST_F(TotpKeysTest, ASecretIsKeptSealedAndOpensOnlyForItsPerson) {
  const std::string secret = identity::generateTotpSecret();
  PeopleAdmin admin(*store_, school_, clock_);
  ESAFETY_ASSERT_OK(admin.setUpTotp(*sealer_, dsl_, secret, "dsl@school.example"));
  identity::Person kept = dsl();
  EXPECT_EQ(kept.totp_secret, "");
  EXPECT_FALSE(kept.totp_sealed.empty());
  EXPECT_EQ(databaseBytes().find(secret), std::string::npos) << "the secret is in esafety.db in plain text";
  EXPECT_EQ(openTotpSecret(*sealer_, kept).value(), secret);
  // Copied onto another person's row, it does not open there.
  identity::Person other = kept;
  other.id = kept.id + 1;
  EXPECT_EQ(openTotpSecret(*sealer_, other).status().code(), StatusCode::kDataLoss);
  // A reset forgets it.
  ESAFETY_ASSERT_OK(admin.resetTotp("dsl@school.example", "it.technician"));
  EXPECT_EQ(openTotpSecret(*sealer_, dsl()).value(), "");
  // Not base32: refused before anything is stored.
  EXPECT_EQ(admin.setUpTotp(*sealer_, dsl_, "not a secret at all!", "dsl").code(), StatusCode::kInvalidArgument);
}

TEST_F(TotpKeysTest, APlainSecretFromBeforeSealingIsReadThenSealedOnceAndAudited) {
  const std::string secret = identity::generateTotpSecret();
  {
    RawDb raw(dbPath());
    ASSERT_EQ(raw.exec("UPDATE people SET totp_secret = '" + secret + "' WHERE id = " + std::to_string(dsl_)), 0)
        << raw.lastError();
  }
  EXPECT_EQ(openTotpSecret(*sealer_, dsl()).value(), secret) << "still signs in before it is sealed";
  auto sealed = sealPlainTotpSecrets(*store_, school_, *sealer_);
  ESAFETY_ASSERT_OK(sealed);
  EXPECT_EQ(*sealed, 1);
  EXPECT_EQ(dsl().totp_secret, "");
  EXPECT_EQ(openTotpSecret(*sealer_, dsl()).value(), secret);
  EXPECT_EQ(sealPlainTotpSecrets(*store_, school_, *sealer_).value(), 0) << "nothing left to seal";
  int audited = 0;
  auto rows = store_->audit(school_, 50);
  ESAFETY_ASSERT_OK(rows);
  for (const auto& row : *rows) {
    audited += row.action == "person.totp_sealed" && row.actor == "esafety" ? 1 : 0;
  }
  EXPECT_EQ(audited, 1);
}

}  // namespace
}  // namespace esafety::control
