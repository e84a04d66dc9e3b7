#include "inspect/html_entities.h"

namespace esafety::inspect {
namespace {

// U+00A0 to U+00FF, in order.
constexpr std::string_view kLatin1Names[96] = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",
    "uml",    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",
    "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",  "para",   "middot",
    "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
    "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",
    "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",
    "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};

struct Named {
  std::string_view name;
  char32_t cp;
  bool legacy;  // also read without ';'
};

constexpr Named kOtherNames[] = {
    {"amp", '&', true},        {"lt", '<', true},         {"gt", '>', true},
    {"quot", '"', true},       {"apos", '\'', false},     {"AMP", '&', true},
    {"LT", '<', true},         {"GT", '>', true},         {"QUOT", '"', true},
    {"ndash", 0x2013, false},  {"mdash", 0x2014, false},  {"lsquo", 0x2018, false},
    {"rsquo", 0x2019, false},  {"sbquo", 0x201A, false},  {"ldquo", 0x201C, false},
    {"rdquo", 0x201D, false},  {"bdquo", 0x201E, false},  {"hellip", 0x2026, false},
    {"bull", 0x2022, false},   {"euro", 0x20AC, false},   {"trade", 0x2122, false},
    {"ensp", 0x2002, false},   {"emsp", 0x2003, false},   {"thinsp", 0x2009, false},
    {"zwnj", 0x200C, false},   {"zwj", 0x200D, false},    {"lrm", 0x200E, false},
    {"rlm", 0x200F, false},    {"OElig", 0x152, false},   {"oelig", 0x153, false},
    {"Scaron", 0x160, false},  {"scaron", 0x161, false},  {"Yuml", 0x178, false},
    {"dagger", 0x2020, false}, {"Dagger", 0x2021, false}, {"permil", 0x2030, false},
    {"lsaquo", 0x2039, false}, {"rsaquo", 0x203A, false}, {"Tab", '\t', false},
    {"NewLine", '\n', false},  {"colon", ':', false},     {"period", '.', false},
    {"comma", ',', false},     {"excl", '!', false},      {"quest", '?', false},
    {"sol", '/', false},       {"lpar", '(', false},      {"rpar", ')', false},
    {"hyphen", 0x2010, false}, {"dash", 0x2010, false},   {"NonBreakingSpace", 0xA0, false},
};

// Windows-1252's 0x80-0x9F, which HTML applies to numeric references too.
constexpr char16_t kC1Replacements[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

}  // namespace

char32_t namedEntity(std::string_view name, bool* needs_semicolon) {
  for (const Named& named : kOtherNames) {
    if (named.name == name) {
      if (needs_semicolon != nullptr) *needs_semicolon = !named.legacy;
      return named.cp;
    }
  }
  for (int i = 0; i < 96; ++i) {
    if (kLatin1Names[i] == name) {
      if (needs_semicolon != nullptr) *needs_semicolon = false;
      return static_cast<char32_t>(0xA0 + i);
    }
  }
  return 0;
}

char32_t numericEntity(unsigned long value) {
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0xFFFD;
  if (value >= 0x80 && value < 0xA0) return kC1Replacements[value - 0x80];
  return static_cast<char32_t>(value);
}

}  // namespace esafety::inspect
