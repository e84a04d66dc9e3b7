#include "control/mail_settings.h"

#include <arpa/inet.h>

#include <charconv>

#include <fmt/format.h>

#include "core/text.h"
#include "store/validation.h"

namespace esafety::control {
namespace {

constexpr size_t kMaxValue = 512;

Status refuse(std::string_view key, std::string_view what) {
  return invalidArgument(fmt::format("{}: {}", key, what));
}

bool hasControlOrSpace(std::string_view s) {
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return true;
  }
  return false;
}

// A host name or an address: it goes into the smtp:// URL as it is.
Status checkHost(std::string_view key, std::string_view host) {
  if (host.empty()) return Status::ok();  // not set yet
  in6_addr v6{};
  const std::string text(host);
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) return Status::ok();
  if (host.size() > 253 || hasControlOrSpace(host) || host.starts_with('-') ||
      host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") !=
          std::string_view::npos) {
    return refuse(key, fmt::format("'{}' is not a host name such as smtp.school.example", host));
  }
  return Status::ok();
}

Status checkPublicUrl(std::string_view key, std::string_view url) {
  if (url.empty()) return Status::ok();
  const bool scheme = url.starts_with("https://") || url.starts_with("http://");
  const size_t host_at = url.find("://") + 3;
  if (!scheme || url.size() <= host_at || hasControlOrSpace(url) ||
      url.find_first_of("\"<>\\`") != std::string_view::npos || url.find('?') != std::string_view::npos ||
      url.find('#') != std::string_view::npos) {
    return refuse(key, "give the console's address, such as https://esafety.school.example");
  }
  return Status::ok();
}

Result<int> parsePort(std::string_view key, std::string_view value) {
  int port = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), port);
  if (value.empty()) return 0;
  if (ec != std::errc() || end != value.data() + value.size() || port < 1 || port > 65535) {
    return refuse(key, "give a port from 1 to 65535");
  }
  return port;
}

Status applyText(MailSettings& s, std::string_view key, std::string_view v) {
  if (key == "mail.smtp_host") {
    ESAFETY_RETURN_IF_ERROR(checkHost(key, v));
    s.smtp_host = v;
  } else if (key == "mail.username") {
    if (hasControlOrSpace(v)) return refuse(key, "a user name has no spaces or line breaks");
    s.username = v;
  } else if (key == "mail.password") {
    for (unsigned char c : v) {
      if (c < 0x20 || c == 0x7f) return refuse(key, "a password has no line breaks");
    }
    s.password = v;
  } else if (key == "mail.from") {
    if (!v.empty()) {
      Status address = store::validateMailAddress(v);
      if (!address.isOk()) return refuse(key, address.message());
    }
    s.from = v;
  } else if (key == "mail.school_name") {
    for (unsigned char c : v) {
      if (c < 0x20 || c == 0x7f) return refuse(key, "the school's name is one line");
    }
    if (!isValidUtf8(v)) return refuse(key, "the school's name must be UTF-8 text");
    if (v.size() > 100) return refuse(key, "the school's name is at most 100 characters");
    if (!v.empty()) s.school_name = v;
  } else if (key == "mail.public_url") {
    ESAFETY_RETURN_IF_ERROR(checkPublicUrl(key, v));
    std::string_view url = v;
    while (url.ends_with('/')) url.remove_suffix(1);
    s.public_url = url;
  } else if (key == "mail.ca_file") {
    if (!v.empty() && !v.starts_with('/')) return refuse(key, "give the full path of a PEM file, or nothing");
    s.ca_file = v;
  } else {
    std::string keys;
    for (auto k : kMailSettingKeys) keys += fmt::format("{}{}", keys.empty() ? "" : ", ", k);
    return invalidArgument(fmt::format("'{}' is not a mail setting; they are {}", key, keys));
  }
  return Status::ok();
}

}  // namespace

std::string_view smtpSecurityName(SmtpSecurity security) {
  switch (security) {
    case SmtpSecurity::kStartTls: return "starttls";
    case SmtpSecurity::kImplicitTls: return "tls";
    case SmtpSecurity::kNone: return "none";
  }
  return "starttls";
}

int MailSettings::port() const {
  if (smtp_port != 0) return smtp_port;
  switch (security) {
    case SmtpSecurity::kStartTls: return 587;
    case SmtpSecurity::kImplicitTls: return 465;
    case SmtpSecurity::kNone: return 25;
  }
  return 587;
}

Status MailSettings::readyToSend() const {
  if (smtp_host.empty()) {
    return failedPrecondition("mail is not set up: give the school's SMTP relay (mail.smtp_host)");
  }
  if (from.empty()) {
    return failedPrecondition("mail is not set up: give the address mail comes from (mail.from)");
  }
  return checkMailSettings(*this);
}

Status applyMailSetting(MailSettings& settings, std::string_view key, std::string_view value) {
  if (value.size() > kMaxValue) return refuse(key, fmt::format("at most {} characters", kMaxValue));
  if (key == "mail.smtp_port") {
    auto port = parsePort(key, trim(value));
    if (!port) return port.status();
    settings.smtp_port = *port;
    return Status::ok();
  }
  if (key == "mail.security") {
    const std::string v = asciiLower(trim(value));
    if (v == "starttls" || v.empty()) {
      settings.security = SmtpSecurity::kStartTls;
    } else if (v == "tls") {
      settings.security = SmtpSecurity::kImplicitTls;
    } else if (v == "none") {
      settings.security = SmtpSecurity::kNone;
    } else {
      return refuse(key, "give starttls, tls or none (none only for a relay on this machine)");
    }
    return Status::ok();
  }
  return applyText(settings, key, key == "mail.password" ? value : trim(value));
}

bool isLoopbackHost(std::string_view host) {
  if (host == "localhost") return true;
  const std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, text.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

Status checkMailSettings(const MailSettings& settings) {
  if (settings.security == SmtpSecurity::kNone && !settings.smtp_host.empty() &&
      !isLoopbackHost(settings.smtp_host)) {
    return invalidArgument(fmt::format(
        "mail.security: none sends passwords and mail in the clear, so it is only for a relay on "
        "this machine (127.0.0.1); '{}' needs starttls or tls",
        settings.smtp_host));
  }
  return Status::ok();
}

Result<MailSettings> loadMailSettings(store::Store& store, policy::SchoolId school,
                                      std::vector<std::string>& warnings) {
  MailSettings settings;
  auto found = store.school(school);
  if (!found) return found.status();
  if (*found) settings.school_name = (*found)->name;
  for (auto key : kMailSettingKeys) {
    auto value = store.setting(school, key);
    if (!value) return value.status();
    if (!*value) continue;
    MailSettings candidate = settings;
    Status applied = applyMailSetting(candidate, key, **value);
    if (!applied.isOk()) {
      warnings.push_back(fmt::format("{} (the default is used)", applied.message()));
      continue;
    }
    settings = std::move(candidate);
  }
  if (Status whole = checkMailSettings(settings); !whole.isOk()) warnings.push_back(whole.message());
  return settings;
}

}  // namespace esafety::control
