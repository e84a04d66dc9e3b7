#include "store/validation.h"

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

}  // namespace esafety::store
