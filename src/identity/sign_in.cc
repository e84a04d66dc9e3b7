#include "identity/sign_in.h"

#include <fmt/format.h>

#include "core/text.h"
#include "identity/authenticate.h"
#include "identity/year_group.h"

namespace esafety::identity {

SignInDesk::SignInDesk(policy::PolicyStore& settings, PeopleStore& people, policy::SchoolId school,
                       const Clock& clock,
                       LoginThrottleOptions throttle, PasswordPoolOptions pool)
    : settings_store_(settings),
      people_(people),
      school_(school),
      clock_(clock),
      throttle_(clock, throttle),
      settings_(std::make_shared<SignInSettings>()),
      pool_(pool) {}

Status SignInDesk::restore() {
  auto live = people_.clientBindings(school_, clock_.nowUnix());
  if (!live) return live.status();
  bindings_.replaceAll(std::move(*live));
  return Status::ok();
}

Status SignInDesk::reloadSettings(std::vector<std::string>& warnings) {
  auto loaded = loadSignInSettings(settings_store_, school_, warnings);
  if (!loaded) return loaded.status();
  auto fresh = std::make_shared<const SignInSettings>(std::move(*loaded));
  {
    MutexLock lock(mutex_);
    settings_ = std::move(fresh);
  }
  settings_generation_.fetch_add(1, std::memory_order_release);
  return Status::ok();
}

std::shared_ptr<const SignInSettings> SignInDesk::settings() const {
  MutexLock lock(mutex_);
  return settings_;
}

std::string SignInDesk::groupFor(const Person& person, const SignInSettings& settings) {
  switch (person.kind) {
    case PersonKind::kYearGroup:
    case PersonKind::kPupil:
      return person.year == kNoYear ? settings.visitor_group : std::string(keyStageGroup(person.year));
    case PersonKind::kVisitor:
      return settings.visitor_group;
    case PersonKind::kStaff:
      return settings.staff_group;
  }
  return settings.visitor_group;
}

Result<Person> SignInDesk::verify(std::string_view login, std::string_view password,
                                  std::string_view client_ip, int64_t& retry_after_s) {
  std::string key = asciiLower(trim(login));
  Lockout lockout = throttle_.lockout(key, client_ip);
  retry_after_s = lockout.seconds;
  if (retry_after_s > 0) return Status(StatusCode::kResourceExhausted, lockoutMessage(lockout));
  auto person = authenticate(people_, school_, key, password, clock_.nowUnix());
  if (!person) {
    if (person.status().code() == StatusCode::kPermissionDenied) {
      throttle_.recordFailure(key, client_ip);
    }
    return person.status();
  }
  throttle_.recordSuccess(key, client_ip);
  return person;
}

SignInOutcome SignInDesk::signIn(const SignInRequest& request) {
  SignInOutcome out;
  if (trim(request.login).empty() || request.password.empty()) {
    out.status = invalidArgument("Please type your user name and your password.");
    return out;
  }
  auto person = verify(request.login, request.password, request.client_ip, out.retry_after_s);
  if (!person) {
    out.status = person.status().code() == StatusCode::kPermissionDenied &&
                         person.status().message() == "wrong login or password"
                     ? permissionDenied("That user name or password is not right. Please try again.")
                     : person.status();
    return out;
  }
  auto settings = this->settings();
  if (person->kind == PersonKind::kPupil) {
    out.status = permissionDenied("Pupils sign in with their year group's login.");
    return out;
  }
  if (person->kind == PersonKind::kYearGroup && !request.registered_device &&
      !settings->pupils_on_unknown_devices) {
    out.status = permissionDenied(
        "Year group logins only work on school devices. Please use a school iPad or computer.");
    return out;
  }
  const int64_t now = clock_.nowUnix();
  ClientBinding binding{.client_ip = request.client_ip,
                        .person = person->id,
                        .person_name = person->name,
                        .kind = person->kind,
                        .login = person->login,
                        .group = groupFor(*person, *settings),
                        .bound_at = now,
                        .expires_at = sessionExpiry(person->kind, now, settings->limits)};
  Status saved = people_.saveClientBinding(school_, binding, "portal at " + request.client_ip);
  if (!saved.isOk()) {
    out.status = saved;
    return out;
  }
  Status held = bindings_.put(binding);
  if (!held.isOk()) {
    (void)people_.removeClientBinding(school_, request.client_ip, "portal", "no room");
    out.status = held;
    return out;
  }
  out.binding = std::move(binding);
  return out;
}

Status SignInDesk::signOut(std::string_view client_ip, std::string_view why) {
  auto removed = bindings_.remove(client_ip);
  Status stored = people_.removeClientBinding(school_, client_ip, "portal at " + std::string(client_ip),
                                             why);
  if (!removed && stored.code() == StatusCode::kNotFound) return stored;
  if (stored.code() == StatusCode::kNotFound) return Status::ok();  // expired in the store already
  return stored;
}

size_t SignInDesk::expireBindings() {
  auto expired = bindings_.takeExpired(clock_.nowUnix());
  for (const ClientBinding& b : expired) {
    (void)people_.removeClientBinding(school_, b.client_ip, "system", "the session ended");
  }
  return expired.size();
}

ProxyAuthOutcome SignInDesk::proxyOutcome(VerifiedLogin who, bool registered_device) const {
  ProxyAuthOutcome out;
  if (who.kind != PersonKind::kStaff && who.kind != PersonKind::kYearGroup) {
    out.status = permissionDenied(
        "the proxy takes staff and year-group logins; visitors sign in at the portal");
    return out;
  }
  if (who.kind == PersonKind::kYearGroup && !registered_device &&
      !settings()->pupils_on_unknown_devices) {
    out.status = permissionDenied("year-group logins only work on school devices");
    return out;
  }
  out.who = std::move(who);
  return out;
}

std::optional<ProxyAuthOutcome> SignInDesk::cachedProxyCheck(const BasicCredentials& c,
                                                             bool registered_device) const {
  auto hit = proxy_cache_.find(c.login, c.password, clock_.nowUnix());
  if (!hit) return std::nullopt;
  return proxyOutcome(std::move(*hit), registered_device);
}

ProxyAuthOutcome SignInDesk::checkProxyCredentials(const BasicCredentials& c,
                                                   std::string_view client_ip,
                                                   bool registered_device) {
  if (auto cached = cachedProxyCheck(c, registered_device)) return std::move(*cached);
  ProxyAuthOutcome out;
  auto person = verify(c.login, c.password, client_ip, out.retry_after_s);
  if (!person) {
    out.status = person.status();
    return out;
  }
  VerifiedLogin who{.person = person->id,
                    .name = person->name,
                    .kind = person->kind,
                    .login = person->login,
                    .group = groupFor(*person, *settings())};
  // Cached whatever the device, so a year-group login refused here is not
  // checked with argon2id again on every request.
  proxy_cache_.put(c.login, c.password, who, clock_.nowUnix());
  return proxyOutcome(std::move(who), registered_device);
}

void SignInDesk::rememberProxyLogin(std::string_view client_ip, const VerifiedLogin& who) {
  const int64_t now = clock_.nowUnix();
  MutexLock lock(mutex_);
  if (recent_proxy_.size() >= 65536) {
    std::erase_if(recent_proxy_, [&](const auto& e) { return now >= e.second.until; });
    if (recent_proxy_.size() >= 65536) recent_proxy_.clear();
  }
  recent_proxy_[std::string(client_ip)] = {who, now + 300};
}

std::optional<VerifiedLogin> SignInDesk::recentProxyLogin(std::string_view client_ip) const {
  MutexLock lock(mutex_);
  auto it = recent_proxy_.find(std::string(client_ip));
  if (it == recent_proxy_.end() || clock_.nowUnix() >= it->second.until) return std::nullopt;
  return it->second.who;
}

}  // namespace esafety::identity
