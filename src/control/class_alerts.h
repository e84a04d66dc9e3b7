// ClassAlerts: a teacher's view of their own class's alerts (issue 14: "A
// teacher sees alerts for their own class only when the school turns that
// on"). The console's Class alerts page is its front door; the DSL's own
// `esafety alerts --class NAME` filter is the same store query.
//
//   - The school turns it on in the alert rota (control/rota.h,
//     teachers_see_own_class = yes), which the DSL owns: changed with a
//     reason, versioned and audited like the rest of who is told. Off, every
//     call is kFailedPrecondition saying so and who can change it.
//   - A teacher's class is their people.class_name (`esafety people
//     add-staff --class Oak`); its alerts are those of its pupils and of the
//     devices in the room of that name (alerts::AlertFilter::class_name).
//     A teacher with no class is kFailedPrecondition, saying so.
//   - Read only, and less than the DSL sees: the alert, its evidence and the
//     evidence's events. Never the DSL's triage notes (sealed safeguarding
//     records) nor who was told. An alert outside the class is kNotFound,
//     as one that does not exist, so its existence does not leak.
//
// Thread safety: as the Store it borrows; make one per request.
//
//   ClassAlerts view(store, kDefaultSchool, &events);
//   auto mine = view.list(session.person, {.open_only = true});
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "alerts/alert.h"
#include "control/alert_admin.h"
#include "event_log/sqlite_event_store.h"
#include "policy/model.h"
#include "store/store.h"

namespace esafety::control {

class ClassAlerts {
 public:
  // `events` may be null: then show() reads no events.
  ClassAlerts(store::Store& store, policy::SchoolId school, events::SqliteEventStore* events)
      : store_(store), school_(school), events_(events) {}

  // The class whose alerts `teacher` (a person id) may see, or
  // kFailedPrecondition with the reason (turned off; no class set).
  Result<std::string> classOf(int64_t teacher);
  // The class's alerts by `filter` (its class_name is the teacher's).
  Result<std::vector<alerts::Alert>> list(int64_t teacher, alerts::AlertFilter filter);
  // The alert with its evidence and events; no actions, no escalations.
  Result<AlertView> show(int64_t teacher, int64_t id);

 private:
  Result<bool> inClass(const alerts::Alert& alert, const std::string& class_name);

  store::Store& store_;
  policy::SchoolId school_;
  events::SqliteEventStore* events_;
};

}  // namespace esafety::control
