// What the console's routes work with: the school's store, the event log
// (read-only, opened on first use), sessions, the login throttle and the
// clock. One per console; used only from the console's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "alerts/alert_notifier.h"
#include "console/sessions.h"
#include "control/list_folders.h"
#include "core/clock.h"
#include "core/status.h"
#include "event_log/sqlite_event_store.h"
#include "identity/login_throttle.h"
#include "identity/session_policy.h"
#include "records/sealer.h"
#include "store/store.h"

namespace esafety::control {
class SelftestRunner;  // control/selftest_runner.h
class RestrictionPublisher;  // control/restriction_publisher.h
}

namespace esafety::console {

class ListJob;  // list_job.h
class ReportJob;  // report_job.h

struct ApiContext {
  ApiContext(store::Store& store_, const Clock& clock_, std::string events_path_)
      : store(store_), clock(clock_), events_path(std::move(events_path_)), sessions(clock_),
        throttle(clock_) {}

  store::Store& store;
  const Clock& clock;
  std::string events_path;  // <data>/events.db
  std::string index_path;   // <data>/index/categories.idx, for "check a URL"
  std::string data_dir;     // <data>, where uploaded lists are kept ("": no uploads)
  // Where lists may be read from (esafety.toml [lists]); with no folders set,
  // the defaults for data_dir when the routes are added.
  control::ListFolders list_folders;
  int64_t school = 1;
  bool secure_cookies = false;  // the console is reached over HTTPS
  int64_t idle_minutes = 30;    // a console session ends after this long unused
  identity::SessionLimits limits;
  ConsoleSessions sessions;
  // The LoginThrottle shared with the portal and proxy authentication
  // (SignInDesk::throttle()) when set; a console of its own otherwise.
  identity::LoginThrottle* shared_throttle = nullptr;
  identity::LoginThrottle& loginThrottle() { return shared_throttle ? *shared_throttle : throttle; }
  uint64_t accountsGeneration() const { return sessions.generation(); }
  // Re-check each session's account when the policy's generation moves
  // (ConsoleSessions::watchAccounts): still active, same role, same password.
  void watchAccounts(std::function<uint64_t()> generation);

  // Two-step sign-in being set up: the secret shown to a person who gave the
  // right password, kept until they give a code from it (or 10 minutes pass).
  struct PendingTotp {
    std::string secret;
    int64_t expires_at = 0;
  };
  std::map<int64_t, PendingTotp> totp_pending;  // by person id

  // Told of each triage, so that open alerts pages show it (null: no live
  // pages in this process).
  alerts::AlertNotifier* alert_notifier = nullptr;

  // The compile of the category lists (routes_lists.cc makes it when unset;
  // a test may set its own first).
  std::shared_ptr<ListJob> list_job;
  // The evidence pack in the background (routes_reports.cc makes it when unset).
  std::shared_ptr<ReportJob> report_job;
  // The filter self-test in the background (esafety serve's); null: "Run now" is refused.
  control::SelftestRunner* selftest = nullptr;
  // Publishes device restrictions to the proxy at once (esafety serve's);
  // null: they reach a running proxy by its poll.
  control::RestrictionPublisher* restrictions = nullptr;

  // The event log, read-only; opened on first use and kept.
  Result<events::SqliteEventStore*> events();
  // The sealer for the DSL's notes (records/sealer.h), with the key file in
  // data_dir; opened on first use and kept. kFailedPrecondition without a
  // data_dir.
  Result<const records::Sealer*> sealer();

 private:
  std::unique_ptr<records::Sealer> sealer_;
  identity::LoginThrottle throttle;
  std::unique_ptr<events::SqliteEventStore> events_;
};

}  // namespace esafety::console
