#include "identity/pupil_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace esafety::identity {
namespace {

using ::testing::HasSubstr;

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(ESAFETY_SOURCE_DIR) + "/tests/data/people/" + name,
                   std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const LocalTime kToday = LocalTime::parse("2026-03-03 09:00").value();

std::vector<std::string> issueTexts(const ImportPreview& p) {
  std::vector<std::string> out;
  for (const auto& i : p.issues) out.push_back(i.toString());
  return out;
}

TEST(PupilImportTest, AGoodExportWithBomCrlfAndSplitNames) {
  auto p = previewPupilImport(fixture("pupils_good.csv"), {}, kToday);
  ASSERT_TRUE(p.isOk()) << p.status().toString();
  EXPECT_EQ(p->errors(), 0u) << ::testing::PrintToString(issueTexts(*p));
  ASSERT_EQ(p->rows.size(), 4u);
  const Person& amira = p->rows[0].pupil;
  EXPECT_EQ(amira.name, "Amira Khan");
  EXPECT_EQ(amira.upn, "G801200026001");
  EXPECT_EQ(amira.date_of_birth, "2017-05-04");  // DD/MM/YYYY read the UK way
  EXPECT_EQ(amira.year, 3);
  EXPECT_EQ(amira.class_name, "Oak");
  EXPECT_EQ(p->rows[1].pupil.class_name, "Robins, Reception");  // quoted comma
  EXPECT_EQ(p->rows[1].pupil.year, kReception);
  EXPECT_EQ(p->rows[2].pupil.name, "Cara O'Neill");
  EXPECT_EQ(p->rows[2].pupil.date_of_birth, "2016-02-29");  // a leap day
  EXPECT_EQ(p->rows[3].pupil.name, "Zo\xC3\xAB Novak");     // UTF-8 kept as is
  EXPECT_FALSE(p->converted_from_latin1);
}

TEST(PupilImportTest, EveryErrorNamesItsRowAndField) {
  auto p = previewPupilImport(fixture("pupils_bad.csv"), {}, kToday);
  ASSERT_TRUE(p.isOk());
  auto texts = issueTexts(*p);
  EXPECT_THAT(texts, ::testing::Contains(
                         "row 1, column 6: warning: the column 'Notes' is not used by the import"));
  EXPECT_THAT(texts, ::testing::Contains(
                         "row 3, UPN: G801200026001 is already on row 2: a pupil appears twice"));
  EXPECT_THAT(texts, ::testing::Contains("row 4, date of birth: '31/02/2016' is not a real date"));
  EXPECT_THAT(texts,
              ::testing::Contains(HasSubstr("row 5, UPN: UPN 'ZX01200026004' must have digits in "
                                            "characters 2 to 12 (character 2 is 'X')")));
  EXPECT_THAT(
      texts, ::testing::Contains(HasSubstr(
                 "row 6, UPN: UPN 'A801200026005' has the check letter A, but its digits give N")));
  EXPECT_THAT(texts, ::testing::Contains(
                         "row 6, year group: 'Year 9' is not Reception or Year 1 to Year 6"));
  EXPECT_THAT(texts, ::testing::Contains("row 7, name: warning: was Latin-1 text, converted to "
                                         "UTF-8 as 'Jos\xC3\xA9 N\xC3\xBA\xC3\xB1"
                                         "ez'"));
  EXPECT_EQ(p->errors(), 5u);
  EXPECT_EQ(p->warnings(), 2u);
  EXPECT_TRUE(p->converted_from_latin1);
  EXPECT_TRUE(p->rows[0].ok);
  EXPECT_FALSE(p->rows[1].ok);
  EXPECT_TRUE(p->rows[5].ok);  // a warning does not stop a row
}

TEST(PupilImportTest, MissingColumnsAreNamedWithWhatTheHeaderHas) {
  auto p = previewPupilImport(fixture("pupils_wrong_columns.csv"), {}, kToday);
  ASSERT_TRUE(p.isOk());
  auto texts = issueTexts(*p);
  EXPECT_THAT(texts, ::testing::Contains("row 1, forename: the required column 'forename' is "
                                         "missing (the header has: Surname, UPN, "
                                         "Birthday, Year, Class)"));
  EXPECT_THAT(texts,
              ::testing::Contains(HasSubstr("the required column 'date of birth' is missing")));
  EXPECT_TRUE(p->rows.empty());  // rows are not read without their columns
}

TEST(PupilImportTest, PupilsAlreadyStoredAreDuplicates) {
  auto p = previewPupilImport(fixture("pupils_good.csv"), {"W801200026002"}, kToday);
  ASSERT_TRUE(p.isOk());
  EXPECT_THAT(issueTexts(*p), ::testing::ElementsAre(
                                  "row 3, UPN: W801200026002 belongs to a pupil already imported"));
}

TEST(PupilImportTest, DatesInTheFutureOrLongAgoAndOtherShapes) {
  std::string csv =
      "Name,UPN,DOB,Year,Class\n"
      "A,G801200026001,01/01/2027,1,X\n"
      "B,W801200026002,01/01/1990,1,X\n"
      "C,K801200026003,2017/01/01,1,X\n"
      "D,Z801200026004,,1,X\n";
  auto p = previewPupilImport(csv, {}, kToday);
  ASSERT_TRUE(p.isOk());
  EXPECT_THAT(issueTexts(*p),
              ::testing::ElementsAre(
                  "row 2, date of birth: '01/01/2027' is in the future",
                  "row 3, date of birth: '01/01/1990' is too long ago for a primary pupil",
                  "row 4, date of birth: '2017/01/01' is not a date: use DD/MM/YYYY",
                  "row 5, date of birth: is empty"));
}

TEST(PupilImportTest, BytesThatAreNeitherUtf8NorLatin1AreErrors) {
  // 0x93 and 0x94 are Windows-1252 curly quotes: not Latin-1 text.
  std::string csv = "Name,UPN,DOB,Year,Class\n\x93Zed\x94,G801200026001,01/01/2018,1,X\n";
  auto p = previewPupilImport(csv, {}, kToday);
  ASSERT_TRUE(p.isOk());
  EXPECT_THAT(issueTexts(*p),
              ::testing::ElementsAre("row 2, name: holds bytes that are neither UTF-8 nor Latin-1 "
                                     "text; export the file as UTF-8"));
}

TEST(PupilImportTest, ControlCharactersInANameAreErrors) {
  std::string csv = "Name,UPN,DOB,Year,Class\n\"Amira\nKhan\",G801200026001,01/01/2018,1,X\n";
  auto p = previewPupilImport(csv, {}, kToday);
  ASSERT_TRUE(p.isOk());
  EXPECT_THAT(issueTexts(*p),
              ::testing::ElementsAre(
                  "row 2, name: holds a tab, a line break or another control character"));
}

TEST(PupilImportTest, RowsWithTheWrongNumberOfFieldsAndEmptyFiles) {
  auto p =
      previewPupilImport("Name,UPN,DOB,Year,Class\nA,G801200026001,01/01/2018,1\n", {}, kToday);
  ASSERT_TRUE(p.isOk());
  EXPECT_THAT(issueTexts(*p), ::testing::Contains("row 2: has 4 fields; the header has 5"));
  auto empty = previewPupilImport("", {}, kToday);
  ASSERT_TRUE(empty.isOk());
  EXPECT_EQ(empty->errors(), 1u);
  auto header_only = previewPupilImport("Name,UPN,DOB,Year,Class\n", {}, kToday);
  ASSERT_TRUE(header_only.isOk());
  EXPECT_THAT(issueTexts(*header_only),
              ::testing::ElementsAre("file: the file has a header but no pupils"));
}

TEST(PupilImportTest, UkDates) {
  EXPECT_EQ(parseUkDate("4/5/2017").value(), "2017-05-04");
  EXPECT_EQ(parseUkDate("2017-05-04").value(), "2017-05-04");
  EXPECT_FALSE(parseUkDate("29/02/2017").isOk());
  EXPECT_FALSE(parseUkDate("05/13/2017").isOk());  // a US date
}

}  // namespace
}  // namespace esafety::identity
