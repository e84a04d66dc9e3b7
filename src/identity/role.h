// Role: what a person is to the school, which decides what they may do
// (permissions.h). The nine roles of DESIGN.md §6 and the deputy DSL (issue 14). Header-only, so the store
// can read and write roles as text without linking the identity library.
//
//   auto role = parseRole("dsl");             // std::optional<Role>
//   std::string_view text = roleName(Role::kItAdmin);  // "it_admin"
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace esafety::identity {

enum class Role : uint8_t {
  kPupil,
  kTeacher,
  kDsl,      // Designated Safeguarding Lead
  kHead,     // headteacher
  kItAdmin,  // computing lead or IT technician
  kGovernor,
  kOffice,  // school office: visitors, the MIS export
  kVisitor,
  kLaAdmin,  // local authority or trust, across schools
  kDeputyDsl,  // deputy Designated Safeguarding Lead: handles alerts as the DSL does
};
inline constexpr size_t kRoleCount = 10;

inline constexpr std::array<std::string_view, kRoleCount> kRoleNames = {
    "pupil",    "teacher", "dsl",     "head",    "it_admin",
    "governor", "office",  "visitor", "la_admin", "deputy_dsl"};

inline constexpr std::array<Role, kRoleCount> kAllRoles = {
    Role::kPupil,    Role::kTeacher, Role::kDsl,     Role::kHead,   Role::kItAdmin,
    Role::kGovernor, Role::kOffice,  Role::kVisitor, Role::kLaAdmin, Role::kDeputyDsl};

inline constexpr std::string_view roleName(Role role) {
  return kRoleNames[static_cast<size_t>(role)];
}

// Exact, lower-case names as roleName() spells them; also accepts "it-admin"
// and "la-admin" for people typing them.
inline std::optional<Role> parseRole(std::string_view text) {
  if (text == "it-admin") return Role::kItAdmin;
  if (text == "la-admin") return Role::kLaAdmin;
  if (text == "deputy-dsl") return Role::kDeputyDsl;
  for (size_t i = 0; i < kRoleCount; ++i) {
    if (kRoleNames[i] == text) return static_cast<Role>(i);
  }
  return std::nullopt;
}

}  // namespace esafety::identity
