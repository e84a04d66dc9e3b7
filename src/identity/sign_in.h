// SignInDesk: signing in to browse. The captive portal (serve/portal_routes.cc)
// binds a client address to a person until they sign out or the session
// ends; proxy Basic authentication (proxy/client_identity.cc) checks
// credentials on requests. Both accept staff logins and year-group logins;
// the portal also takes the visitor login. The desk owns the one
// LoginThrottle (back-off after wrong passwords, per login, per address and
// per both) and the one PasswordCheckPool (the threads that run argon2id)
// that the portal, proxy authentication and the console's sign-in share.
//
//   SignInDesk desk(store, store, policy::kDefaultSchool, clock);  // settings, people
//   desk.restore();                               // bindings kept across a restart
//   auto out = desk.signIn({.login = "year3", .password = typed,
//                           .client_ip = "10.20.4.117", .registered_device = true});
//   if (out.retry_after_s > 0) showWait(out.retry_after_s);
//   else if (!out.binding) showError(out.status.message());
//   ... later, from any thread (the data plane asks IdentityResolver instead):
//   if (auto b = desk.bindings().find(ip, now)) identity = b->person_name, b->group
//
// Rules:
//   - Year-group logins sign in only from a registered device, unless
//     portal.pupils_on_unknown_devices is yes: pupils' own devices are not
//     allowed on the school network.
//   - The proxy does not take the visitor login (Basic credentials cannot
//     expire); visitors use the portal.
//   - A deactivated account cannot sign in (PeopleAdmin::authenticate); a
//     binding made before a sanction stays, and the policy applies the
//     sanction to its requests.
//
// Thread safety: every method is safe from any thread. signIn, signOut and
// checkProxyCredentials on a cache miss touch the store and run argon2id
// (~0.1 s): call them off the proxy's worker threads.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "core/mutex.h"
#include "identity/basic_credentials.h"
#include "identity/client_bindings.h"
#include "identity/login_throttle.h"
#include "identity/password_check_pool.h"
#include "identity/people_store.h"
#include "identity/sign_in_settings.h"
#include "policy/policy_store.h"

namespace esafety::identity {

struct SignInRequest {
  std::string login;
  std::string password;
  std::string client_ip;           // addressText()
  bool registered_device = false;  // a device in the registry has this address
};

struct SignInOutcome {
  std::optional<ClientBinding> binding;  // set on success
  Status status;                         // why not, in words for the person
  int64_t retry_after_s = 0;             // > 0: locked out for this long (back-off)
};

struct ProxyAuthOutcome {
  std::optional<VerifiedLogin> who;  // set on success
  Status status;
  int64_t retry_after_s = 0;
};

class SignInDesk {
 public:
  SignInDesk(policy::PolicyStore& settings, PeopleStore& people, policy::SchoolId school,
             const Clock& clock,
             LoginThrottleOptions throttle = {}, PasswordPoolOptions pool = {});

  // Loads the bindings that are still live from the store (start-up).
  Status restore();
  // Reads the settings from the store again (start-up and every policy
  // reload); bad values are logged as warnings and keep their defaults.
  Status reloadSettings(std::vector<std::string>& warnings);
  std::shared_ptr<const SignInSettings> settings() const;
  // Goes up by one after each reloadSettings(), so a reader that keeps its
  // own reference (IdentityResolver, per thread) knows when to take a new
  // one without the lock.
  uint64_t settingsGeneration() const { return settings_generation_.load(std::memory_order_acquire); }

  SignInOutcome signIn(const SignInRequest& request);
  // kNotFound when the address is not signed in.
  Status signOut(std::string_view client_ip, std::string_view why);
  // Ends the bindings that have expired, in the store too (audited).
  size_t expireBindings();

  // Proxy Basic credentials. Cached for a few minutes after a success, so
  // most requests need no argon2id; every failure counts in the throttle.
  // nullopt on a cache miss (then call checkProxyCredentials off the
  // worker's thread); otherwise the answer, with the device rule applied.
  std::optional<ProxyAuthOutcome> cachedProxyCheck(const BasicCredentials& credentials,
                                                   bool registered_device) const;
  ProxyAuthOutcome checkProxyCredentials(const BasicCredentials& credentials,
                                         std::string_view client_ip, bool registered_device);

  // Requests inside an inspected HTTPS tunnel carry no Proxy-Authorization
  // (the browser sent it on the CONNECT): the proxy remembers who opened a
  // tunnel from an address, for the credential cache's lifetime.
  void rememberProxyLogin(std::string_view client_ip, const VerifiedLogin& who);
  std::optional<VerifiedLogin> recentProxyLogin(std::string_view client_ip) const;

  const ClientBindings& bindings() const { return bindings_; }
  // Shared with the console's sign-in (both thread-safe).
  LoginThrottle& throttle() const { return throttle_; }
  PasswordCheckPool& passwordPool() const { return pool_; }
  policy::SchoolId school() const { return school_; }

  // The filter group a person browses under once signed in: the Key Stage
  // group of a year-group login, else the settings' staff or visitor group.
  static std::string groupFor(const Person& person, const SignInSettings& settings);

 private:
  // The rules for a verified login on this device, as an outcome.
  ProxyAuthOutcome proxyOutcome(VerifiedLogin who, bool registered_device) const;
  // Checks login and password with the throttle; on success the person.
  Result<Person> verify(std::string_view login, std::string_view password,
                        std::string_view client_ip, int64_t& retry_after_s);

  policy::PolicyStore& settings_store_;  // the sign-in settings
  PeopleStore& people_;                  // logins and bindings
  const policy::SchoolId school_;
  const Clock& clock_;
  ClientBindings bindings_;
  CredentialCache proxy_cache_;
  mutable Mutex mutex_;
  mutable LoginThrottle throttle_;   // thread-safe itself
  std::shared_ptr<const SignInSettings> settings_ GUARDED_BY(mutex_);
  std::atomic<uint64_t> settings_generation_{1};
  struct RecentLogin {
    VerifiedLogin who;
    int64_t until = 0;
  };
  std::unordered_map<std::string, RecentLogin> recent_proxy_ GUARDED_BY(mutex_);
  // Last, so it is destroyed first: its threads are joined while everything
  // a check touches is still there.
  mutable PasswordCheckPool pool_;
};

}  // namespace esafety::identity
