// The people, sanctions and devices routes over a real store: the two-step
// pupil import (nothing stored until the import, a bad file imports
// nothing), sanctions with reasons, and registering and lending a device,
// each audited as the signed-in member of staff.
#include <sodium.h>

#include <fstream>
#include <sstream>

#include "console/api_test_fixture.h"
#include "control/people_admin.h"

namespace esafety::console {
namespace {

using identity::Role;
using nlohmann::json;

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(ESAFETY_SOURCE_DIR) + "/tests/data/people/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the NUL
  return out;
}

class AdminRoutesTest : public ConsoleApiTest {
 protected:
  void SetUp() override {
    ConsoleApiTest::SetUp();
    clock_.set(LocalTime::parse("2026-03-03 09:30").value());
    for (const char* g : {"KS1", "KS2"}) {
      ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = g}, "a", "r"));
    }
  }
  size_t pupilCount() {
    auto people = store_->people(school_);
    EXPECT_TRUE(people);
    size_t n = 0;
    if (people) {
      for (const auto& p : *people) n += p.kind == identity::PersonKind::kPupil;
    }
    return n;
  }
  std::string lastAudit(std::string_view action) {
    auto rows = store_->audit(school_, 50);
    EXPECT_TRUE(rows);
    if (!rows) return "";
    for (const auto& a : *rows) {
      if (a.action == action) return a.actor + " | " + a.detail + " | " + a.reason;
    }
    return "";
  }
};

TEST_F(AdminRoutesTest, TheImportPreviewNamesRowAndFieldAndStoresNothing) {
  const ConsoleSession& office = sessionFor(Role::kOffice);
  ApiResponse r = call("POST", "/api/v1/people/import/preview", office,
                       {{"csv_base64", base64(fixture("pupils_bad.csv"))}});
  ASSERT_EQ(r.status, 200) << r.body;
  json preview = json::parse(r.body);
  EXPECT_EQ(preview["errors"], 5);
  EXPECT_TRUE(preview["converted_from_latin1"]) << "the raw bytes reached the preview";
  bool found = false;
  for (const auto& i : preview["issues"]) {
    if (i["row"] == 4 && i["field"] == "date of birth" && i["severity"] == "error") {
      found = true;
      EXPECT_EQ(i["text"], "row 4, date of birth: '31/02/2016' is not a real date");
    }
  }
  EXPECT_TRUE(found) << preview["issues"].dump();
  EXPECT_EQ(preview["rows"].size(), 6u);
  EXPECT_EQ(pupilCount(), 0u);

  // Confirming a bad file: 400, the preview again, nothing imported.
  r = call("POST", "/api/v1/people/import", office, {{"csv_base64", base64(fixture("pupils_bad.csv"))}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["error"], "The file has 5 errors; nothing was imported.");
  EXPECT_EQ(json::parse(r.body)["issues"].size(), preview["issues"].size());
  EXPECT_EQ(pupilCount(), 0u);

  r = call("POST", "/api/v1/people/import/preview", office, {{"csv_base64", base64(fixture("pupils_fixed.csv"))}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["errors"], 0);
  EXPECT_EQ(pupilCount(), 0u) << "a clean preview stores nothing either";
  r = call("POST", "/api/v1/people/import", office, {{"csv_base64", base64(fixture("pupils_fixed.csv"))}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["imported"], 6);
  EXPECT_EQ(pupilCount(), 6u);
  EXPECT_EQ(lastAudit("people.import").substr(0, 22), "someone@school.example");

  r = call("GET", "/api/v1/people", office);
  ASSERT_EQ(r.status, 200);
  json people = json::parse(r.body)["people"];
  auto amira = std::find_if(people.begin(), people.end(), [](const json& p) { return p["upn"] == "G801200026001"; });
  ASSERT_NE(amira, people.end());
  EXPECT_EQ((*amira)["name"], "Amira Khan");
  EXPECT_EQ((*amira)["year_name"], "Year 3");
  EXPECT_EQ((*amira)["class"], "Oak");
}

TEST_F(AdminRoutesTest, ImportErrorsAreNamed) {
  const ConsoleSession& office = sessionFor(Role::kOffice);
  EXPECT_EQ(call("POST", "/api/v1/people/import/preview", office, json::object()).status, 400);
  ApiResponse r = call("POST", "/api/v1/people/import/preview", office, {{"csv_base64", "not*base64"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("csv_base64: not base64"), std::string::npos);
  r = call("POST", "/api/v1/people/import/preview", office, {{"csv", fixture("pupils_wrong_columns.csv")}});
  ASSERT_EQ(r.status, 200);
  EXPECT_GT(json::parse(r.body)["errors"].get<int>(), 0);
}

TEST_F(AdminRoutesTest, SanctionsNeedAReasonAndAreAuditedAndLifted) {
  ASSERT_TRUE(store_->importPupils(school_, {{.name = "Amira Khan", .upn = "G801200026001", .date_of_birth = "2017-05-04", .year = 3}}, "t"));
  const ConsoleSession& dsl = sessionFor(Role::kDsl);
  ApiResponse r = call("POST", "/api/v1/sanctions", dsl, {{"who", "G801200026001"}, {"kind", "restrict"}, {"reason", " "}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("reason"), std::string::npos);
  r = call("POST", "/api/v1/sanctions", dsl, {{"who", "G801200026001"}, {"kind", "ban"}, {"reason", "x"}});
  EXPECT_EQ(r.status, 400);
  r = call("POST", "/api/v1/sanctions", dsl, {{"who", "N801200026099"}, {"kind", "restrict"}, {"reason", "x"}});
  EXPECT_EQ(r.status, 404);
  r = call("POST", "/api/v1/sanctions", dsl,
           {{"who", "G801200026001"}, {"kind", "restrict"}, {"until", "2026-03-02"}, {"reason", "x"}});
  EXPECT_EQ(r.status, 400) << "a day already past";
  EXPECT_NE(r.body.find("until:"), std::string::npos);

  r = call("POST", "/api/v1/sanctions", dsl,
           {{"who", "G801200026001"}, {"kind", "restrict"}, {"until", "2026-03-10"}, {"reason", "Unkind messages"}});
  ASSERT_EQ(r.status, 200) << r.body;
  int64_t id = json::parse(r.body)["id"];
  EXPECT_NE(lastAudit("sanction.restrict").find("someone@school.example"), std::string::npos);
  EXPECT_NE(lastAudit("sanction.restrict").find("Unkind messages"), std::string::npos);

  r = call("GET", "/api/v1/sanctions", dsl);
  ASSERT_EQ(r.status, 200);
  json list = json::parse(r.body)["sanctions"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["person"]["name"], "Amira Khan");
  EXPECT_EQ(list[0]["kind"], "restrict");
  EXPECT_EQ(list[0]["reason"], "Unkind messages");
  EXPECT_GT(list[0]["until_ms"].get<int64_t>(), kStartTime * 1000);

  EXPECT_EQ(call("POST", "/api/v1/sanctions/lift", dsl, {{"id", id}}).status, 400) << "lifting needs a reason";
  EXPECT_EQ(call("POST", "/api/v1/sanctions/lift", dsl, {{"id", id}, {"reason", "Apologised"}}).status, 200);
  EXPECT_EQ(call("POST", "/api/v1/sanctions/lift", dsl, {{"id", id}, {"reason", "Again"}}).status, 404);
  EXPECT_TRUE(json::parse(call("GET", "/api/v1/sanctions", dsl).body)["sanctions"].empty());
}

TEST_F(AdminRoutesTest, RegisterADeviceLendItToAPupilAndTakeItBack) {
  ASSERT_TRUE(store_->importPupils(school_, {{.name = "Amira Khan", .upn = "G801200026001", .date_of_birth = "2017-05-04", .year = 3}}, "t"));
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  const ConsoleSession& teacher = sessionFor(Role::kTeacher);
  json ipad = {{"name", "Class iPad 12"}, {"type", "ipad"}, {"room", "Year 3"},
               {"mac", "02:e5:00:00:03:0c"}, {"ip", "127.0.0.2"}, {"group", "KS1"}};
  ApiResponse r = call("POST", "/api/v1/devices", it, ipad);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(call("POST", "/api/v1/devices", it, ipad).status, 409) << "the same name again";
  json bad = ipad;
  bad["name"] = "Another";
  bad["ip"] = "not an address";
  r = call("POST", "/api/v1/devices", it, bad);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("not an address"), std::string::npos) << r.body;
  bad = {{"name", "Toaster"}, {"type", "toaster"}};
  r = call("POST", "/api/v1/devices", it, bad);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("toaster"), std::string::npos) << r.body;
  EXPECT_EQ(call("POST", "/api/v1/devices", it, {{"name", " "}}).status, 400);

  r = call("POST", "/api/v1/devices/checkout", teacher, {{"device", "Class iPad 12"}, {"upn", "G801200026001"}, {"until", "09:00"}});
  EXPECT_EQ(r.status, 400) << "a time already past";
  r = call("POST", "/api/v1/devices/checkout", teacher, {{"device", "Class iPad 12"}, {"upn", "N801200026099"}, {"until", "10:30"}});
  EXPECT_EQ(r.status, 404);
  r = call("POST", "/api/v1/devices/checkout", teacher, {{"device", "127.0.0.2"}, {"upn", "G801200026001"}, {"until", "10:30"}});
  ASSERT_EQ(r.status, 200) << r.body;

  r = call("GET", "/api/v1/devices", teacher);
  ASSERT_EQ(r.status, 200);
  json body = json::parse(r.body);
  ASSERT_EQ(body["devices"].size(), 1u);
  EXPECT_EQ(body["devices"][0]["checkout"]["pupil"], "Amira Khan");
  EXPECT_EQ(body["devices"][0]["ip"], "127.0.0.2");
  EXPECT_EQ(body["groups"], json::array({"KS1", "KS2"}));
  EXPECT_NE(lastAudit("device.checkout").find("someone@school.example"), std::string::npos)
      << lastAudit("device.checkout");

  EXPECT_EQ(call("POST", "/api/v1/devices/checkin", teacher, {{"device", "Class iPad 12"}}).status, 200);
  EXPECT_EQ(call("POST", "/api/v1/devices/checkin", teacher, {{"device", "Class iPad 12"}}).status, 404);
  EXPECT_TRUE(json::parse(call("GET", "/api/v1/devices", teacher).body)["devices"][0]["checkout"].is_null());
  EXPECT_EQ(call("POST", "/api/v1/devices/remove", it, {{"device", "Class iPad 12"}}).status, 200);
  EXPECT_TRUE(json::parse(call("GET", "/api/v1/devices", teacher).body)["devices"].empty());
}

TEST_F(AdminRoutesTest, TheVisitorPasswordIsRotatedAndShownOnce) {
  const ConsoleSession& office = sessionFor(Role::kOffice);
  ApiResponse r = call("POST", "/api/v1/visitor-password", office);
  ASSERT_EQ(r.status, 200) << r.body;
  std::string first = json::parse(r.body)["password"];
  r = call("POST", "/api/v1/visitor-password", office);
  std::string second = json::parse(r.body)["password"];
  EXPECT_NE(first, second);
  EXPECT_FALSE(first.empty());
  control::PeopleAdmin admin(*store_, school_, clock_);
  EXPECT_FALSE(admin.authenticate("visitor", first));
  EXPECT_TRUE(admin.authenticate("visitor", second));
}

}  // namespace
}  // namespace esafety::console
