// AlertRotaAdmin: the school's alert rota and hours (control/rota.h), shared
// by `esafety alerts rota` and the console's Alerts page, which only
// translate arguments and results.
//
//   - view(): the rota in force (the policy's defaults until a school sets
//     one), who set it and why, and warnings a DSL must see: a rung with
//     nobody who has an email address, a rota that reaches nobody at all,
//     mail that is not set up.
//   - change(changes, actor, reason): applies each field change to the rota
//     in force, refusing the first bad one by its field ("hours: ..."),
//     and stores the whole as a new version, audited with the reason.
//
// Who may call it is the front door's business: the console lets roles
// with Permission::kHandleAlerts change it (the DSL owns who is told), the
// CLI is the server's operator.
//
//   AlertRotaAdmin admin(store, kDefaultSchool, clock);
//   auto version = admin.change({{"ack_minutes_in_hours", "10"}}, "dsl.login", "Ofsted advice");
//
// Thread safety: as the Store it borrows; make one per request or command.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "control/rota.h"
#include "control/settings_admin.h"
#include "core/clock.h"
#include "store/store.h"

namespace esafety::control {

struct RotaView {
  Rota rota;
  int64_t version = 0;  // 0: the defaults
  int64_t set_at = 0;
  std::string set_by;
  std::string reason;
  std::vector<std::string> warnings;
};

// The rota in force: the newest stored version, or the defaults. A stored
// text that does not parse (only a hand-edited database) gives the defaults
// and a warning.
Result<Rota> loadRota(alerts::EscalationStore& store, policy::SchoolId school,
                      std::vector<std::string>& warnings);

class AlertRotaAdmin {
 public:
  AlertRotaAdmin(store::Store& store, policy::SchoolId school, const Clock& clock)
      : store_(store), school_(school), clock_(clock) {}

  Result<RotaView> view();
  // kInvalidArgument naming the field, or "reason: ..." / "Nothing to change".
  Result<int64_t> change(const std::vector<SettingChange>& changes, std::string_view actor,
                         std::string_view reason);

 private:
  store::Store& store_;
  policy::SchoolId school_;
  const Clock& clock_;
};

}  // namespace esafety::control
