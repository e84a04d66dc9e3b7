// Safeguarding records (issue 15): any member of staff raises a concern;
// the DSL, the deputy and the head list and read what they may
// (control/record_access.h). Every call is control::RecordsDesk's, as
// `esafety records` is; every read is in the record log and the audit trail.
//
//   POST /api/v1/records/concerns {"about", "saw", "child_words", "where"}
//   GET  /api/v1/records
//   GET  /api/v1/records/detail?id=N
//
// Without the key file the records are locked: 409 with the reason.
#include <charconv>

#include <nlohmann/json.hpp>

#include "console/json_body.h"
#include "console/routes.h"
#include "control/records_desk.h"

namespace esafety::console {
namespace {

using nlohmann::json;

control::RecordsDesk openDesk(ApiContext& ctx) {
  return control::RecordsDesk::open(control::DataDir{ctx.data_dir}, ctx.store, ctx.school, ctx.clock);
}

Result<identity::Person> sessionPerson(ApiContext& ctx, const ConsoleSession& session) {
  auto person = ctx.store.person(ctx.school, session.person);
  if (!person) return person.status();
  if (!person->has_value()) return notFound("your account is no longer on the school's list");
  return **person;
}

json summaryJson(ApiContext& ctx, const control::RecordSummary& r) {
  json people = json::array();
  for (const auto& p : r.parties) {
    auto person = ctx.store.person(ctx.school, p.person);
    std::string name = person && person->has_value() ? (*person)->name : "";
    people.push_back({{"id", p.person}, {"name", name}, {"role", records::partyRoleName(p.role)}});
  }
  return {{"id", r.id},         {"ref", r.ref},           {"kind", r.kind},
          {"created_ms", r.created_at * 1000}, {"occurred_ms", r.occurred_at * 1000},
          {"people", people},   {"activity", r.activity}, {"routes", r.routes}};
}

ApiResponse raise(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body || !(*body)["about"].is_string() || !(*body)["saw"].is_string()) {
    return errorResponse(400, "Say who you are worried about and what you saw or heard.");
  }
  control::RecordsDesk desk = openDesk(ctx);
  if (desk.locked()) return errorResponse(409, "The records are locked: " + desk.lockedReason());
  auto by = sessionPerson(ctx, session);
  if (!by) return statusResponse(by.status(), "Your account cannot be read");
  auto pupil = desk.findPupil(stringField(*body, "about"));
  if (!pupil) return statusResponse(pupil.status(), "The pupils cannot be read");
  auto raised = desk.raiseConcern(*by, {.about = pupil->id,
                                        .saw = stringField(*body, "saw"),
                                        .child_words = stringField(*body, "child_words"),
                                        .where = stringField(*body, "where")});
  if (!raised) return statusResponse(raised.status(), "The concern cannot be saved");
  return jsonResponse(201, {{"id", raised->id}, {"ref", raised->ref}});
}

ApiResponse list(ApiContext& ctx, const ConsoleSession& session) {
  control::RecordsDesk desk = openDesk(ctx);
  auto reader = sessionPerson(ctx, session);
  if (!reader) return statusResponse(reader.status(), "Your account cannot be read");
  auto rows = desk.list(*reader);
  if (!rows) return statusResponse(rows.status(), "The records cannot be read");
  json items = json::array();
  for (const auto& r : *rows) items.push_back(summaryJson(ctx, r));
  return jsonResponse(200, {{"items", items}});
}

ApiResponse detail(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  std::string_view text = req.param("id");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return errorResponse(400, "id: give the record's number");
  }
  control::RecordsDesk desk = openDesk(ctx);
  auto reader = sessionPerson(ctx, session);
  if (!reader) return statusResponse(reader.status(), "Your account cannot be read");
  auto view = desk.show(*reader, id);
  if (!view) return statusResponse(view.status(), "The record cannot be read");
  json fields = json::array();
  for (const auto& [name, text] : view->fields) fields.push_back({{"name", name}, {"text", text}});
  return jsonResponse(200, {{"record", summaryJson(ctx, view->summary)},
                            {"raised_by", view->raised_by},
                            {"fields", fields}});
}

}  // namespace

void addRecordRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("POST", "/api/v1/records/concerns", Permission::kRaiseConcern,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return raise(ctx, req, *s); });
  router.add("GET", "/api/v1/records", Permission::kReadSafeguardingRecords,
             [&ctx](const ApiRequest&, const ConsoleSession* s) { return list(ctx, *s); });
  router.add("GET", "/api/v1/records/detail", Permission::kReadSafeguardingRecords,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return detail(ctx, req, *s); });
}

}  // namespace esafety::console
