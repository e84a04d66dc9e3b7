#include "identity/csv.h"

#include <gtest/gtest.h>

namespace esafety::identity {
namespace {

std::vector<std::vector<std::string>> fieldsOf(std::string_view text) {
  auto records = parseCsv(text);
  EXPECT_TRUE(records.isOk()) << records.status().toString();
  std::vector<std::vector<std::string>> out;
  if (records) {
    for (const auto& r : *records) out.push_back(r.fields);
  }
  return out;
}

TEST(CsvTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  auto rows = fieldsOf("a,\"b, c\",\"say \"\"hi\"\"\"\n\"two\nlines\",,end\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b, c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"two\nlines", "", "end"}));
}

TEST(CsvTest, CrlfBomBlankLinesAndNoFinalNewline) {
  auto records = parseCsv("\xEF\xBB\xBFName,UPN\r\n\r\nAmira,B1\r\nBen,B2");
  ASSERT_TRUE(records.isOk());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[0].fields[0], "Name");  // the BOM is gone
  EXPECT_EQ((*records)[1].fields, (std::vector<std::string>{"Amira", "B1"}));
  EXPECT_EQ((*records)[1].line, 3);  // the blank line still counts
  EXPECT_EQ((*records)[2].fields[1], "B2");
}

TEST(CsvTest, LineNumbersFollowLineBreaksInsideQuotes) {
  auto records = parseCsv("h\n\"a\nb\"\nc\n");
  ASSERT_TRUE(records.isOk());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[2].line, 4);
}

TEST(CsvTest, AnUnclosedQuoteNamesItsLine) {
  auto records = parseCsv("h\nok\n\"never closed\nmore\n");
  ASSERT_FALSE(records.isOk());
  EXPECT_EQ(records.status().message(), "line 3: a quoted field is never closed (a \" is missing)");
}

TEST(CsvTest, TextAfterAClosingQuoteIsAnErrorForThatRecordOnly) {
  auto records = parseCsv("\"a\"x,b\nc,d\n");
  ASSERT_TRUE(records.isOk());
  EXPECT_EQ((*records)[0].error, "text after a closing quote in field 1");
  EXPECT_TRUE((*records)[1].error.empty());
}

TEST(CsvTest, LimitsAndBinaryData) {
  CsvLimits limits;
  limits.max_records = 2;
  EXPECT_FALSE(parseCsv("a\nb\nc\n", limits).isOk());
  limits = {};
  limits.max_field_bytes = 3;
  EXPECT_EQ(parseCsv("ab\nabcd\n", limits).status().message(),
            "line 2: field 1 is longer than 3 bytes");
  EXPECT_NE(parseCsv(std::string_view("a\0b\n", 4)).status().message().find("binary"),
            std::string::npos);
}

TEST(CsvTest, LatinOneBytesPassThroughUnchanged) {
  auto rows = fieldsOf("Zo\xEB\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "Zo\xEB");
}

}  // namespace
}  // namespace esafety::identity
