// Year groups as a primary school names them, and the filter group each
// maps to: Reception to Year 2 are Key Stage 1 ("KS1"), Years 3 to 6 Key
// Stage 2 ("KS2").
//
//   auto year = parseYearGroup("Year 3");   // 3; "R", "Reception", "Y3", "3" work too
//   keyStageGroup(*year);                   // "KS2"
//   yearGroupLogin(*year);                  // "year3"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace esafety::identity {

// 0 for Reception, 1..6 for Years 1 to 6; nullopt for anything else
// (nursery, secondary years, junk). Case and spaces do not matter.
std::optional<int> parseYearGroup(std::string_view text);
// "Reception", "Year 1" .. "Year 6".
std::string yearGroupName(int year);
// "KS1" for Reception..Year 2, "KS2" for Years 3..6.
std::string_view keyStageGroup(int year);
// The shared login's name: "reception", "year1" .. "year6".
std::string yearGroupLogin(int year);

}  // namespace esafety::identity
