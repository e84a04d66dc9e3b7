// The filter self-test on the console: the last runs with their results, the
// run going (with its progress), and "Run now", which starts a run in the
// background on `esafety serve`'s SelftestRunner (control/selftest_runner.h)
// and returns at once; the page polls GET until the run is done. The same
// check as `esafety selftest` and the daily run (control/filter_selftest.h).
#include <fmt/format.h>

#include "console/json_body.h"
#include "console/routes.h"
#include "control/selftest_json.h"
#include "control/selftest_runner.h"

namespace esafety::console {
namespace {

using nlohmann::json;

constexpr int kRunsShown = 10;

json progressJson(const control::SelftestProgress& p) {
  return {{"running", p.running},        {"trigger", p.trigger},
          {"done", p.done},              {"total", p.total},
          {"last_run_id", p.last_run_id}, {"last_error", p.last_error}};
}

ApiResponse selftestPage(ApiContext& ctx) {
  auto runs = ctx.store.selftestRuns(ctx.school, kRunsShown, true);
  if (!runs) return statusResponse(runs.status(), "The self-test runs cannot be read");
  json list = json::array();
  for (const auto& r : *runs) list.push_back(control::selftestRunJson(r));
  json progress = ctx.selftest != nullptr ? progressJson(ctx.selftest->state()) : json(nullptr);
  return jsonResponse(200, {{"runs", std::move(list)},
                            {"progress", std::move(progress)},
                            {"can_run", ctx.selftest != nullptr}});
}

ApiResponse runNow(ApiContext& ctx, const ConsoleSession& s) {
  if (ctx.selftest == nullptr) {
    return errorResponse(503, "The self-test runs only in esafety serve; use `esafety selftest`.");
  }
  Status started = ctx.selftest->start("console", s.email);
  if (started.code() == StatusCode::kFailedPrecondition) return errorResponse(409, started.message());
  if (!started.isOk()) return statusResponse(started, "The self-test cannot start");
  return jsonResponse(202, progressJson(ctx.selftest->state()));
}

}  // namespace

void addSelftestRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/selftest", Permission::kViewAuditLog,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return selftestPage(ctx); });
  router.add("POST", "/api/v1/selftest/run", Permission::kViewAuditLog,
             [&ctx](const ApiRequest&, const ConsoleSession* s) { return runNow(ctx, *s); });
}

}  // namespace esafety::console
