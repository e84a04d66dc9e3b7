// Each entity's JSON, as the console's API and the CLI's --format json both
// print it: the fields docs/api/openapi.yaml names, with the console's names
// ("sanctions", "checkout") and types (times in Unix ms), and no other
// spelling of the same thing.
#include "control/entity_json.h"

#include <gtest/gtest.h>

namespace esafety::control {
namespace {

using nlohmann::json;

std::vector<std::string> keysOf(const json& j) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  return keys;  // nlohmann::json keeps them sorted
}

TEST(EntityJson, APersonCarriesTheirSanctionsInForce) {
  PersonRecord r{.person = {.id = 7,
                            .kind = identity::PersonKind::kPupil,
                            .name = "Amira Khan",
                            .upn = "G801200026001",
                            .date_of_birth = "2017-05-04",
                            .year = 3,
                            .class_name = "Oak"},
                 .sanctions = {{.id = 2,
                                .person = 7,
                                .kind = identity::SanctionKind::kRestrict,
                                .until = 1772600000,
                                .reason = "Unkind messages",
                                .by = "dsl@school.example",
                                .at = 1772530200}}};
  json j = personJson(r);
  EXPECT_EQ(keysOf(j), (std::vector<std::string>{"class", "date_of_birth", "id", "kind", "login",
                                                 "name", "role", "sanctions", "upn", "year",
                                                 "year_name"}));
  EXPECT_EQ(j["kind"], "pupil");
  EXPECT_EQ(j["year_name"], "Year 3");
  ASSERT_EQ(j["sanctions"].size(), 1u);
  EXPECT_EQ(j["sanctions"][0],
            json({{"id", 2}, {"kind", "restrict"}, {"until_ms", 1772600000000}, {"reason", "Unkind messages"},
                  {"by", "dsl@school.example"}, {"at_ms", 1772530200000}}));
  EXPECT_EQ(personJson({.person = {.id = 1, .kind = identity::PersonKind::kStaff}})["year_name"], "");
}

TEST(EntityJson, ASanctionInTheListNamesItsPerson) {
  json j = sanctionJson({.id = 2, .kind = identity::SanctionKind::kDeactivate, .until = 0},
                        {.id = 7, .kind = identity::PersonKind::kYearGroup, .name = "Year 3 login",
                         .login = "year3"});
  EXPECT_EQ(j["kind"], "deactivate");
  EXPECT_EQ(j["until_ms"], 0) << "until lifted";
  EXPECT_EQ(j["person"], json({{"id", 7}, {"name", "Year 3 login"}, {"kind", "year-group"},
                               {"upn", ""}, {"login", "year3"}}));
}

TEST(EntityJson, ADeviceSaysWhoHasItOrNull) {
  DeviceRecord lent;
  lent.device.id = 3;
  lent.device.name = "iPad 12";
  lent.device.type = "ipad";
  lent.device.ip = "10.0.0.12";
  lent.device.group = "KS1";
  lent.device.dhcp_reservation = true;
  lent.checkout = identity::Checkout{.device = 3, .person = 7, .until = 1772535600,
                                     .by = "teacher@school.example"};
  lent.pupil_name = "Amira Khan";
  lent.pupil_upn = "G801200026001";
  json j = deviceJson(lent);
  EXPECT_EQ(keysOf(j), (std::vector<std::string>{"checkout", "dhcp_reservation", "group", "id",
                                                 "ip", "mac", "name", "room", "type"}));
  EXPECT_EQ(j["checkout"], json({{"pupil", "Amira Khan"}, {"upn", "G801200026001"},
                                 {"until_ms", 1772535600000}, {"by", "teacher@school.example"}}));
  EXPECT_EQ(j["dhcp_reservation"], true);
  DeviceRecord pc;
  pc.device.name = "PC";
  EXPECT_TRUE(deviceJson(pc)["checkout"].is_null());
}

}  // namespace
}  // namespace esafety::control
