// The termly report and the DfE evidence pack on the console (issue 14,
// item 5), for roles with Permission::kViewReports (the DSL and deputy, the
// head, the IT technician, governors, the local authority). Making the pack
// runs in the background (report_job.h) and is audited with who asked.
//
//   GET  /api/v1/reports        {"job": {...}}             progress, polled by the page
//   POST /api/v1/reports        {"from", "to"} -> 202 {"job"}; 400 naming the field; 409 one runs
//   GET  /api/v1/reports/pack   the zip of the last pack made (attachment)
//   GET  /api/v1/reports/html   its printable report (text/html, no script allowed)
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "console/json_body.h"
#include "console/report_job.h"
#include "console/routes.h"

namespace esafety::console {
namespace {

using nlohmann::json;

json jobJson(const ReportJobState& s) {
  return {{"phase", reportJobPhaseName(s.phase)},
          {"started_by", s.started_by},
          {"started_ms", s.started_at * 1000},
          {"from", s.range.from_date},
          {"to", s.range.to_date},
          {"step", s.step},
          {"done", s.done},
          {"total", s.total},
          {"error", s.error},
          {"zip_name", std::filesystem::path(s.zip_path).filename().string()}};
}

ApiResponse startPack(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body || !(*body)["from"].is_string() || !(*body)["to"].is_string()) {
    return errorResponse(400, "Give the first and the last day (from, to) as YYYY-MM-DD.");
  }
  auto range = control::parseReportRange(ctx.clock, stringField(*body, "from"),
                                         stringField(*body, "to"));
  if (!range) {
    // The flags' names are the CLI's; the page's fields are "from" and "to".
    std::string message = range.status().message();
    for (auto [flag, field] : {std::pair{"--from", "from"}, {"--to", "to"}}) {
      for (size_t at; (at = message.find(flag)) != std::string::npos;) {
        message.replace(at, std::string_view(flag).size(), field);
      }
    }
    return errorResponse(400, message);
  }
  Status started = ctx.report_job->start(*range, session.email);
  if (started.code() == StatusCode::kFailedPrecondition) return errorResponse(409, started.message());
  if (!started.isOk()) return statusResponse(started, "The report cannot start");
  return jsonResponse(202, {{"job", jobJson(ctx.report_job->state())}});
}

// The last pack's file at `path`, or 404 while there is none.
ApiResponse packFile(ApiContext& ctx, bool zip) {
  ReportJobState s = ctx.report_job->state();
  if (s.phase != ReportJobPhase::kDone) return errorResponse(404, "No report has been made yet.");
  std::ifstream in(zip ? s.zip_path : s.html_path, std::ios::binary);
  if (!in) return errorResponse(404, "The report's files are no longer there; make it again.");
  std::stringstream bytes;
  bytes << in.rdbuf();
  ApiResponse r{.status = 200, .body = bytes.str()};
  if (zip) {
    r.content_type = "application/zip";
    r.headers.emplace_back("Content-Disposition",
                           fmt::format("attachment; filename=\"{}\"",
                                       std::filesystem::path(s.zip_path).filename().string()));
  } else {
    r.content_type = "text/html; charset=utf-8";
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                           "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  }
  return r;
}

}  // namespace

void addReportRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  if (!ctx.report_job) {
    ctx.report_job = std::make_shared<ReportJob>(ctx.store, ctx.school, ctx.data_dir,
                                                 ctx.events_path, ctx.clock);
  }
  router.add("GET", "/api/v1/reports", Permission::kViewReports,
             [&ctx](const ApiRequest&, const ConsoleSession*) {
               return jsonResponse(200, {{"job", jobJson(ctx.report_job->state())}});
             });
  router.add("POST", "/api/v1/reports", Permission::kViewReports,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) {
               return startPack(ctx, req, *s);
             });
  router.add("GET", "/api/v1/reports/pack", Permission::kViewReports,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return packFile(ctx, true); });
  router.add("GET", "/api/v1/reports/html", Permission::kViewReports,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return packFile(ctx, false); });
}

}  // namespace esafety::console
