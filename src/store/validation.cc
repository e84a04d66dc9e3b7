#include "store/validation.h"

#include <algorithm>

#include <arpa/inet.h>

#include <fmt/format.h>

#include "core/text.h"

namespace esafety::store {
namespace {

bool hasControlBytes(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A short, printable, non-empty name such as a group or device name.
Status checkName(std::string_view field, std::string_view value) {
  if (value.empty()) return invalidArgument(fmt::format("{} is required", field));
  if (value.size() > kMaxNameLength) {
    return invalidArgument(fmt::format("{} is longer than {} bytes", field, kMaxNameLength));
  }
  if (hasControlBytes(value)) {
    return invalidArgument(fmt::format("{} holds control characters", field));
  }
  return Status::ok();
}

Status checkText(std::string_view field, std::string_view value) {
  if (value.size() > kMaxTextLength) {
    return invalidArgument(fmt::format("{} is longer than {} bytes", field, kMaxTextLength));
  }
  return Status::ok();
}

bool isIpAddress(const std::string& ip) { return !canonicalIpAddress(ip).empty(); }

bool isMacAddress(std::string_view mac) {
  if (mac.size() != 17) return false;
  for (size_t i = 0; i < mac.size(); ++i) {
    if (i % 3 == 2 ? mac[i] != ':' : !isHexDigit(mac[i])) return false;
  }
  return true;
}

}  // namespace

std::string canonicalIpAddress(std::string_view ip) {
  if (ip.empty() || ip.size() >= INET6_ADDRSTRLEN) return {};
  const std::string text(ip);
  unsigned char buffer[16];
  char out[INET6_ADDRSTRLEN];
  for (int family : {AF_INET, AF_INET6}) {
    if (inet_pton(family, text.c_str(), buffer) == 1 &&
        inet_ntop(family, buffer, out, sizeof(out)) != nullptr) {
      return out;
    }
  }
  return {};
}

std::string canonicalMacAddress(std::string_view mac) { return asciiLower(mac); }

Status validateActor(std::string_view actor) {
  if (actor.empty()) return invalidArgument("an actor (who is making the change) is required");
  return checkName("actor", actor);
}

Status validateReason(std::string_view reason) {
  if (reason.empty()) return invalidArgument("a reason is required");
  return checkText("reason", reason);
}

Status validateSchoolName(std::string_view name) {
  if (name.empty()) return invalidArgument("school name is required");
  if (hasControlBytes(name)) return invalidArgument("school name holds control characters");
  return checkText("school name", name);
}

Status validateUrn(std::string_view urn) {
  if (urn.size() > 10) return invalidArgument(fmt::format("URN '{}' is too long", urn));
  for (char c : urn) {
    if (c < '0' || c > '9') return invalidArgument(fmt::format("URN '{}' must be digits only", urn));
  }
  return Status::ok();
}

Status validateCategoryName(std::string_view name) {
  if (name.empty()) return invalidArgument("category name is required");
  if (name.size() > kMaxNameLength) {
    return invalidArgument(fmt::format("category name is longer than {} bytes", kMaxNameLength));
  }
  bool ok = isLowerAlnum(name.front());
  for (char c : name) ok = ok && (isLowerAlnum(c) || c == '-');
  if (!ok) {
    return invalidArgument(fmt::format(
        "category name '{}' must be lower-case letters, digits and '-'", name));
  }
  return Status::ok();
}

Status validateCategory(const policy::CategoryDef& category) {
  ESAFETY_RETURN_IF_ERROR(validateCategoryName(category.name));
  ESAFETY_RETURN_IF_ERROR(checkName(fmt::format("title of '{}'", category.name), category.title));
  ESAFETY_RETURN_IF_ERROR(checkText("description", category.description));
  if (category.unoverridable && category.allow_list) {
    return invalidArgument(fmt::format(
        "'{}' cannot be both unoverridable (always blocked) and an allow-list category",
        category.name));
  }
  return Status::ok();
}

Status validateGroupName(std::string_view name) { return checkName("group name", name); }

Status validateTimeRule(const policy::TimeRule& rule) {
  ESAFETY_RETURN_IF_ERROR(validateCategoryName(rule.category));
  if (rule.days == 0 || rule.days > 0x7F) {
    return invalidArgument(fmt::format("time rule for '{}' must name at least one day", rule.category));
  }
  if (rule.start_minute < 0 || rule.start_minute >= 24 * 60 || rule.end_minute < 0 ||
      rule.end_minute > 24 * 60) {
    return invalidArgument(fmt::format("time rule for '{}' has a time outside 00:00-24:00",
                                       rule.category));
  }
  if (rule.start_minute == rule.end_minute) {
    return invalidArgument(fmt::format("time rule for '{}' starts and ends at the same time",
                                       rule.category));
  }
  return checkText("time rule note", rule.note);
}

Status validateGroup(const policy::Group& group) {
  ESAFETY_RETURN_IF_ERROR(validateGroupName(group.name));
  ESAFETY_RETURN_IF_ERROR(checkText("description", group.description));
  for (const auto& name : group.blocked_categories) ESAFETY_RETURN_IF_ERROR(validateCategoryName(name));
  for (const auto& name : group.allowed_categories) {
    ESAFETY_RETURN_IF_ERROR(validateCategoryName(name));
    if (group.blocked_categories.contains(name)) {
      return invalidArgument(fmt::format(
          "group '{}' both blocks and allows '{}'; choose one", group.name, name));
    }
  }
  for (const auto& rule : group.time_rules) ESAFETY_RETURN_IF_ERROR(validateTimeRule(rule));
  return Status::ok();
}

Status validateLocalEntry(const policy::LocalEntry& entry) {
  if (entry.pattern.empty()) return invalidArgument("a site (pattern) is required");
  if (entry.pattern.size() > 2048) return invalidArgument("the site (pattern) is too long");
  for (unsigned char c : entry.pattern) {
    if (c <= 0x20 || c == 0x7f) {
      return invalidArgument(fmt::format("site '{}' holds spaces or control characters",
                                         entry.pattern));
    }
  }
  if (!entry.group.empty()) ESAFETY_RETURN_IF_ERROR(validateGroupName(entry.group));
  if (entry.added_at < 0) return invalidArgument("added_at is before 1970");
  ESAFETY_RETURN_IF_ERROR(validateActor(entry.added_by));
  return validateReason(entry.reason);
}

Status validateDevice(const policy::Device& device) {
  ESAFETY_RETURN_IF_ERROR(checkName("device name", device.name));
  ESAFETY_RETURN_IF_ERROR(checkText("device type", device.type));
  if (!device.type.empty() &&
      std::find(std::begin(policy::kDeviceTypes), std::end(policy::kDeviceTypes), device.type) ==
          std::end(policy::kDeviceTypes)) {
    return invalidArgument(fmt::format(
        "device type '{}' is not one of ipad, laptop, desktop, camera, other", device.type));
  }
  if (device.dhcp_reservation && device.ip.empty()) {
    return invalidArgument("a DHCP reservation needs the reserved IP address");
  }
  ESAFETY_RETURN_IF_ERROR(checkText("room", device.room));
  if (!device.ip.empty() && !isIpAddress(device.ip)) {
    return invalidArgument(fmt::format("'{}' is not an IP address", device.ip));
  }
  if (!device.mac.empty() && !isMacAddress(device.mac)) {
    return invalidArgument(fmt::format("'{}' is not a MAC address like aa:bb:cc:dd:ee:ff",
                                       device.mac));
  }
  if (!device.group.empty()) ESAFETY_RETURN_IF_ERROR(validateGroupName(device.group));
  return Status::ok();
}

Status validateListSource(const policy::ListSource& source) {
  if (source.path.empty()) return invalidArgument("a list path is required");
  ESAFETY_RETURN_IF_ERROR(checkText("list path", source.path));
  if (hasControlBytes(source.path)) return invalidArgument("list path holds control characters");
  ESAFETY_RETURN_IF_ERROR(checkName("list format", source.format));
  if (!source.category.empty()) ESAFETY_RETURN_IF_ERROR(validateCategoryName(source.category));
  if (source.added_at < 0) return invalidArgument("added_at is before 1970");
  return validateActor(source.added_by);
}

Status validateSettingKey(std::string_view key) {
  if (key.empty()) return invalidArgument("setting key is required");
  if (key.size() > kMaxNameLength) return invalidArgument("setting key is too long");
  for (char c : key) {
    if (!isLowerAlnum(c) && c != '.' && c != '_' && c != '-') {
      return invalidArgument(fmt::format(
          "setting key '{}' must be lower-case letters, digits, '.', '_' and '-'", key));
    }
  }
  return Status::ok();
}

bool isSecretSettingKey(std::string_view key) {
  return key.ends_with(".password");
}

Status validateMailAddress(std::string_view address) {
  if (address.size() < 3 || address.size() > 254) {
    return invalidArgument(fmt::format("'{}' is not a mail address", address));
  }
  const size_t at = address.find('@');
  const bool one_at = at != std::string_view::npos && at > 0 && address.find('@', at + 1) == std::string_view::npos;
  const std::string_view domain = one_at ? address.substr(at + 1) : std::string_view();
  const bool dotted = domain.find('.') != std::string_view::npos && !domain.starts_with('.') &&
                      !domain.ends_with('.') && domain.find("..") == std::string_view::npos;
  const bool plain = !hasControlBytes(address) &&
                     address.find_first_of(" ,;<>\"()[]\\") == std::string_view::npos;
  if (!one_at || !dotted || !plain) {
    return invalidArgument(
        fmt::format("'{}' is not a mail address such as dsl@school.example", address));
  }
  return Status::ok();
}

Status validatePerson(const identity::Person& p) {
  using identity::PersonKind;
  using identity::Role;
  ESAFETY_RETURN_IF_ERROR(checkText("name", p.name));
  if (p.name.empty()) return invalidArgument("a name is required");
  if (p.name.size() > 128) return invalidArgument("the name is longer than 128 bytes");
  if (hasControlBytes(p.name)) return invalidArgument("the name holds control characters");
  ESAFETY_RETURN_IF_ERROR(checkText("e-mail", p.email));
  ESAFETY_RETURN_IF_ERROR(checkText("class", p.class_name));
  if (p.year < identity::kNoYear || p.year > 6) {
    return invalidArgument("the year group must be Reception (0) to Year 6");
  }
  if (!p.password_hash.empty() && !p.password_hash.starts_with("$argon2id$")) {
    return invalidArgument("a password hash must be argon2id");
  }
  if (p.kind == PersonKind::kPupil) {
    if (p.role != Role::kPupil) return invalidArgument("a pupil has the pupil role");
    if (p.upn.size() != 13) {
      return invalidArgument(fmt::format("pupil {}: the UPN must be 13 characters", p.name));
    }
    for (char c : p.upn) {
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return invalidArgument(fmt::format("pupil {}: UPN '{}' is not upper-case letters and digits",
                                           p.name, p.upn));
      }
    }
    if (p.year == identity::kNoYear) {
      return invalidArgument(fmt::format("pupil {}: a year group is required", p.name));
    }
    if (!p.login.empty()) return invalidArgument("pupils sign in with their year group's login");
    return Status::ok();
  }
  if (!p.upn.empty()) return invalidArgument("only pupils have a UPN");
  if (p.login.empty()) return invalidArgument("a login name is required");
  if (p.login.size() > 128) return invalidArgument("the login name is longer than 128 bytes");
  for (unsigned char c : p.login) {
    if (c <= 0x20 || c == 0x7f) {
      return invalidArgument(fmt::format("login '{}' holds spaces or control characters", p.login));
    }
  }
  switch (p.kind) {
    case PersonKind::kYearGroup:
      if (p.role != Role::kPupil) return invalidArgument("a year-group login has the pupil role");
      if (p.year == identity::kNoYear) return invalidArgument("a year-group login needs its year");
      break;
    case PersonKind::kVisitor:
      if (p.role != Role::kVisitor) return invalidArgument("the visitor login has the visitor role");
      break;
    case PersonKind::kStaff:
      if (p.role == Role::kPupil || p.role == Role::kVisitor) {
        return invalidArgument(fmt::format("staff cannot have the {} role", identity::roleName(p.role)));
      }
      break;
    case PersonKind::kPupil: break;
  }
  return Status::ok();
}

Status validateContact(const identity::Contact& c) {
  if (c.name.empty()) return invalidArgument("a contact's name is required");
  ESAFETY_RETURN_IF_ERROR(checkText("contact name", c.name));
  if (hasControlBytes(c.name)) return invalidArgument("the contact's name holds control characters");
  ESAFETY_RETURN_IF_ERROR(checkText("relationship", c.relationship));
  ESAFETY_RETURN_IF_ERROR(checkText("e-mail", c.email));
  ESAFETY_RETURN_IF_ERROR(checkText("phone", c.phone));
  if (c.pupils.empty()) return invalidArgument("a contact is linked to at least one pupil");
  return Status::ok();
}

Status validateSanction(const identity::Sanction& s) {
  ESAFETY_RETURN_IF_ERROR(validateActor(s.by));
  ESAFETY_RETURN_IF_ERROR(validateReason(s.reason));
  if (s.reason.size() > kMaxTextLength) return invalidArgument("the reason is too long");
  if (s.person <= 0) return invalidArgument("a sanction names a person");
  if (s.at < 0 || s.until < 0) return invalidArgument("sanction times are before 1970");
  if (s.until != 0 && s.at != 0 && s.until <= s.at) {
    return invalidArgument("a sanction's end must be after its start");
  }
  return Status::ok();
}

Status validateCheckout(const identity::Checkout& c) {
  ESAFETY_RETURN_IF_ERROR(validateActor(c.by));
  if (c.device <= 0) return invalidArgument("a check-out names a device");
  if (c.person <= 0) return invalidArgument("a check-out names a pupil");
  if (c.until <= 0) return invalidArgument("a check-out needs the time it ends");
  if (c.from != 0 && c.until <= c.from) {
    return invalidArgument("a check-out must end after it starts");
  }
  return Status::ok();
}

}  // namespace esafety::store
