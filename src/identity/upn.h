// The DfE Unique Pupil Number: 13 characters, a check letter then the LA
// number (3 digits), the establishment number (4), the year of issue (2) and
// a serial (3 digits; a temporary UPN ends in 2 digits and a letter).
//
//   if (Status s = checkUpn("B801200005001"); !s) print(s.message());
//
// The check letter is the weighted sum of characters 2-13 (weights 2..13,
// letters valued by their place in "ABCDEFGHJKLMNPQRTUVWXYZ") modulo 23, as
// the DfE's UPN guidance gives it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety::identity {

// The check letter for the last 12 characters of a UPN; nullopt when they
// are not 11 digits and a digit or letter.
std::optional<char> upnCheckLetter(std::string_view last12);

// Upper-cases and removes spaces: the one spelling stored.
std::string normalizeUpn(std::string_view upn);

// OK, or kInvalidArgument saying what is wrong ("is 12 characters, not 13",
// "check letter should be B, not A"). Expects normalizeUpn() output.
Status checkUpn(std::string_view upn);

}  // namespace esafety::identity
