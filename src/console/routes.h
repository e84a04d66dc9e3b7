// The console API's routes, one file per area (docs/api/openapi.yaml
// describes them). Each add*Routes registers its routes, with the
// permission each needs, on the router.
//
//   ApiContext ctx(store, clock, events::eventsDatabasePath(dir.root));
//   ApiRouter router(ctx.sessions);
//   addAllRoutes(router, ctx);
#pragma once

#include <nlohmann/json.hpp>

#include "console/api_context.h"
#include "console/api_router.h"

namespace esafety::console {

void addSessionRoutes(ApiRouter& router, ApiContext& ctx);   // routes_session.cc
void addActivityRoutes(ApiRouter& router, ApiContext& ctx);  // routes_activity.cc
void addInboxRoutes(ApiRouter& router, ApiContext& ctx);     // routes_inbox.cc
void addAlertRoutes(ApiRouter& router, ApiContext& ctx);     // routes_alerts.cc
void addPeopleRoutes(ApiRouter& router, ApiContext& ctx);    // routes_people.cc
void addSanctionRoutes(ApiRouter& router, ApiContext& ctx);  // routes_sanctions.cc
void addListRoutes(ApiRouter& router, ApiContext& ctx);      // routes_lists.cc
void addDeviceRoutes(ApiRouter& router, ApiContext& ctx);    // routes_devices.cc
void addPolicyRoutes(ApiRouter& router, ApiContext& ctx);    // routes_policy.cc
void addSettingsRoutes(ApiRouter& router, ApiContext& ctx);  // routes_settings.cc
void addMailRoutes(ApiRouter& router, ApiContext& ctx);      // routes_mail.cc
void addSelftestRoutes(ApiRouter& router, ApiContext& ctx);  // routes_selftest.cc
void addAlertRotaRoutes(ApiRouter& router, ApiContext& ctx); // routes_alert_rota.cc
void addClassAlertRoutes(ApiRouter& router, ApiContext& ctx);  // routes_class_alerts.cc
void addRestrictionRoutes(ApiRouter& router, ApiContext& ctx);  // routes_restrictions.cc
void addReportRoutes(ApiRouter& router, ApiContext& ctx);    // routes_reports.cc
void addRecordRoutes(ApiRouter& router, ApiContext& ctx);    // routes_records.cc
// Changing the policy; addPolicyRoutes adds these too.
void addPolicyEditRoutes(ApiRouter& router, ApiContext& ctx);  // routes_policy_edit.cc

inline void addAllRoutes(ApiRouter& router, ApiContext& ctx) {
  addSessionRoutes(router, ctx);
  addActivityRoutes(router, ctx);
  addInboxRoutes(router, ctx);
  addAlertRoutes(router, ctx);
  addPeopleRoutes(router, ctx);
  addSanctionRoutes(router, ctx);
  addDeviceRoutes(router, ctx);
  addPolicyRoutes(router, ctx);
  addListRoutes(router, ctx);
  addSettingsRoutes(router, ctx);
  addMailRoutes(router, ctx);
  addSelftestRoutes(router, ctx);
  addAlertRotaRoutes(router, ctx);
  addClassAlertRoutes(router, ctx);
  addRestrictionRoutes(router, ctx);
  addReportRoutes(router, ctx);
  addRecordRoutes(router, ctx);
}

// {"name", "email", "role", "permissions": [names the role has]}
nlohmann::json userJson(const ConsoleSession& session);

}  // namespace esafety::console
