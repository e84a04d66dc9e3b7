// People: the list (staff, pupils, year-group and visitor logins, each with
// the sanctions on them), the pupil import from a MIS CSV export in two
// steps (preview, then import; nothing is stored until the import, and a
// file with any error imports nothing), the year-group logins and the
// visitor password. The logic is PeopleAdmin's, shared with `esafety people`;
// a person's JSON is control/entity_json.h's, shared with `people list --format json`.
#include <nlohmann/json.hpp>

#include "console/json_body.h"
#include "console/routes.h"
#include "control/entity_json.h"
#include "control/people_admin.h"

namespace esafety::console {
namespace {

using control::PeopleAdmin;
using nlohmann::json;

ApiResponse people(ApiContext& ctx) {
  PeopleAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto roster = admin.roster();
  if (!roster) return statusResponse(roster.status(), "The people list cannot be read");
  json out = json::array();
  for (const auto& r : *roster) out.push_back(control::personJson(r));
  return jsonResponse(200, {{"people", out}});
}

// Pupils only, with what a teacher needs to pick one: for lending a device.
ApiResponse pupils(ApiContext& ctx) {
  auto all = ctx.store.people(ctx.school);
  if (!all) return statusResponse(all.status(), "The pupils cannot be read");
  json out = json::array();
  for (const identity::Person& p : *all) {
    if (p.kind != identity::PersonKind::kPupil) continue;
    out.push_back({{"id", p.id},
                   {"name", p.name},
                   {"upn", p.upn},
                   {"year_name", control::yearName(p.year)},
                   {"class", p.class_name}});
  }
  return jsonResponse(200, {{"pupils", out}});
}

// The file as sent: "csv_base64" keeps its bytes exactly (a Latin-1 export
// is not UTF-8, and the preview says so); "csv" is plain text.
Result<std::string> csvFrom(const ApiRequest& req) {
  auto body = jsonBody(req);
  if (!body) return invalidArgument("Send the file as {\"csv_base64\": \"...\"}.");
  if (auto it = body->find("csv_base64"); it != body->end() && it->is_string()) {
    auto bytes = decodeBase64(it->get_ref<const std::string&>());
    if (!bytes) return invalidArgument("csv_base64: not base64");
    return bytes;
  }
  if (auto it = body->find("csv"); it != body->end() && it->is_string()) return it->get<std::string>();
  return invalidArgument("Choose a CSV file to import.");
}

json previewJson(const identity::ImportPreview& preview) {
  json rows = json::array();
  for (const identity::ImportRow& r : preview.rows) {
    const identity::Person& p = r.pupil;
    rows.push_back({{"row", r.row},
                    {"ok", r.ok},
                    {"name", p.name},
                    {"upn", p.upn},
                    {"date_of_birth", p.date_of_birth},
                    {"year", p.year},
                    {"year_name", control::yearName(p.year)},
                    {"class", p.class_name}});
  }
  json issues = json::array();
  for (const identity::ImportIssue& i : preview.issues) {
    issues.push_back({{"row", i.row},
                      {"field", i.field},
                      {"severity", i.isError() ? "error" : "warning"},
                      {"message", i.message},
                      {"text", i.toString()}});
  }
  return {{"columns", preview.columns},
          {"rows", rows},
          {"issues", issues},
          {"errors", preview.errors()},
          {"warnings", preview.warnings()},
          {"converted_from_latin1", preview.converted_from_latin1}};
}

ApiResponse previewImport(ApiContext& ctx, const ApiRequest& req) {
  auto csv = csvFrom(req);
  if (!csv) return errorResponse(400, csv.status().message());
  PeopleAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto preview = admin.previewImport(*csv);
  if (!preview) return statusResponse(preview.status(), "The file cannot be checked");
  return jsonResponse(200, previewJson(*preview));
}

// Imports only a file with no error, all in one transaction; otherwise 400
// with the preview, so the page can show every problem again.
ApiResponse commitImport(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto csv = csvFrom(req);
  if (!csv) return errorResponse(400, csv.status().message());
  PeopleAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto preview = admin.previewImport(*csv);
  if (!preview) return statusResponse(preview.status(), "The file cannot be checked");
  if (size_t errors = preview->errors(); errors > 0) {
    json out = previewJson(*preview);
    out["error"] = "The file has " + std::to_string(errors) + (errors == 1 ? " error" : " errors") +
                   "; nothing was imported.";
    return jsonResponse(400, out);
  }
  auto added = admin.commitImport(*csv, session.email);
  if (!added) return statusResponse(added.status(), "The pupils cannot be imported");
  return jsonResponse(200, {{"imported", *added}});
}

json loginsJson(const std::vector<control::AddedLogin>& logins) {
  json out = json::array();
  for (const auto& l : logins) out.push_back({{"login", l.login}, {"password", l.generated_password}});
  return out;
}

}  // namespace

void addPeopleRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/people", Permission::kManagePeople,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return people(ctx); });
  router.add("GET", "/api/v1/pupils", Permission::kCheckOutDevices,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return pupils(ctx); });
  router.add("POST", "/api/v1/people/import/preview", Permission::kManagePeople,
             [&ctx](const ApiRequest& req, const ConsoleSession*) { return previewImport(ctx, req); });
  router.add("POST", "/api/v1/people/import", Permission::kManagePeople,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return commitImport(ctx, req, *s); });
  router.add("POST", "/api/v1/people/year-logins", Permission::kManagePeople,
             [&ctx](const ApiRequest&, const ConsoleSession* s) {
               PeopleAdmin admin(ctx.store, ctx.school, ctx.clock);
               auto created = admin.ensureYearGroupLogins(s->email);
               if (!created) return statusResponse(created.status(), "The logins cannot be made");
               return jsonResponse(200, {{"created", loginsJson(*created)}});
             });
  router.add("POST", "/api/v1/visitor-password", Permission::kRotateVisitorPassword,
             [&ctx](const ApiRequest&, const ConsoleSession* s) {
               PeopleAdmin admin(ctx.store, ctx.school, ctx.clock);
               auto rotated = admin.rotateVisitorPassword(s->email);
               if (!rotated) return statusResponse(rotated.status(), "The password cannot be changed");
               return jsonResponse(200, {{"login", rotated->login}, {"password", rotated->generated_password}});
             });
}

}  // namespace esafety::console
