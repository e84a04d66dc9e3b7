// The live class view's routes (issue 14, item 4): a class's or room's
// devices with their pauses and allow-lists, and the buttons: pause,
// restrict to an allow-list, end. The changes are control::DeviceRestrictions'
// (shared with `esafety devices pause|restrict|release`), published to the
// proxy at once, so the device's next request meets them; the store audits
// who and why. Teachers act on the devices of their own class's room only
// (control::mayRestrictDevice); the DSL, deputy, head and IT admin on any.
#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "console/class_rooms.h"
#include "console/json_body.h"
#include "console/routes.h"
#include "control/device_admin.h"
#include "control/device_restrictions.h"
#include "control/entity_json.h"
#include "control/restriction_json.h"
#include "core/text.h"
#include "event_log/event_json.h"

namespace esafety::console {
namespace {

using control::DeviceRestrictions;
using nlohmann::json;

// What the class's devices visited lately: the newest kRecentPerDevice events
// of each device in the last kRecentMinutes, from one bounded query of the
// event log (by time, newest first), so an idle device costs nothing.
constexpr size_t kRecentPerDevice = 5;
constexpr int64_t kRecentMinutes = 10;
constexpr int64_t kRecentScan = 2000;

std::map<int64_t, json> recentByDevice(ApiContext& ctx) {
  std::map<int64_t, json> out;
  auto events = ctx.events();
  if (!events) return out;  // no event log yet: nothing visited
  events::EventQuery q;
  q.school = ctx.school;
  q.from_ms = ctx.clock.nowUnixMs() - kRecentMinutes * 60 * 1000;
  q.limit = kRecentScan;
  auto rows = (*events)->query(q);
  if (!rows) return out;
  for (const auto& row : *rows) {
    json& list = out[row.event.device_id];
    if (list.is_null()) list = json::array();
    if (list.size() < kRecentPerDevice) list.push_back(events::eventJson(row));
  }
  return out;
}

DeviceRestrictions service(ApiContext& ctx) {
  return DeviceRestrictions(ctx.store, ctx.school, ctx.clock, ctx.restrictions);
}

// GET /api/v1/classview?room=Oak: the rooms the caller may pick, and the
// room's devices, each with who has it, its restriction (or null) and what
// it visited lately.
ApiResponse classView(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto registry = control::DeviceAdmin(ctx.store, ctx.school, ctx.clock).registry();
  if (!registry) return statusResponse(registry.status(), "The devices cannot be read");
  auto active = service(ctx).active();
  if (!active) return statusResponse(active.status(), "The restrictions cannot be read");
  auto rooms = classRooms(ctx, session, *registry, req.param("room"));
  if (!rooms) return errorResponse(403, rooms.status().message());
  const std::string& room = rooms->room;
  std::map<int64_t, json> recent = recentByDevice(ctx);
  json devices = json::array();
  for (const auto& r : *registry) {
    if (room.empty() || asciiLower(r.device.room) != asciiLower(room)) continue;
    json d = control::deviceJson(r);
    d["restriction"] = nullptr;
    auto visited = recent.find(r.device.id);
    d["recent"] = visited == recent.end() ? json::array() : visited->second;
    for (const auto& a : *active) {
      if (a.rule.device_id == r.device.id) d["restriction"] = control::restrictionJson(a);
    }
    devices.push_back(std::move(d));
  }
  return jsonResponse(200, {{"room", room}, {"rooms", json(rooms->rooms)}, {"devices", std::move(devices)}});
}

// The device a change names, if the caller may change it.
Result<policy::Device> deviceFor(ApiContext& ctx, const ConsoleSession& session, const std::string& name) {
  auto device = control::DeviceAdmin(ctx.store, ctx.school, ctx.clock).findDevice(name);
  if (!device) return device.status();
  if (!control::mayRestrictDevice(session.role, classOf(ctx, session), *device)) {
    return permissionDenied("You can pause or restrict only your own class's devices.");
  }
  return device;
}

ApiResponse changeError(const Status& s) {
  if (s.code() == StatusCode::kPermissionDenied) return errorResponse(403, s.message());
  return statusResponse(s, "The restriction cannot be saved");
}

// POST /api/v1/restrictions {"device", "kind": "pause"|"allow_list",
// "allow": "bbc.co.uk/bitesize ...", "minutes": 60, "reason"}
ApiResponse add(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Say which device, pause or allow_list, and why.");
  const std::string kind = stringField(*body, "kind");
  if (kind != "pause" && kind != "allow_list") return errorResponse(400, "kind: choose pause or allow_list.");
  control::RestrictionChange change{.device = stringField(*body, "device"),
                                    .allow = stringField(*body, "allow"),
                                    .minutes = intField(*body, "minutes").value_or(policy::kDefaultRestrictionMinutes),
                                    .actor = session.email,
                                    .reason = stringField(*body, "reason")};
  auto device = deviceFor(ctx, session, change.device);
  if (!device) return changeError(device.status());
  change.device = device->name;
  auto made = kind == "pause" ? service(ctx).pause(change) : service(ctx).restrict(change);
  if (!made) return changeError(made.status());
  return jsonResponse(200, control::restrictionJson(*made));
}

// POST /api/v1/restrictions/release {"device", "reason"}
ApiResponse release(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Say which device, and why.");
  auto device = deviceFor(ctx, session, stringField(*body, "device"));
  if (!device) return changeError(device.status());
  Status s = service(ctx).release(device->name, session.email, stringField(*body, "reason"));
  if (!s.isOk()) return changeError(s);
  return jsonResponse(200, {{"device", device->name}, {"released", true}});
}

// GET /api/v1/restrictions: those in force the caller may see.
ApiResponse list(ApiContext& ctx, const ConsoleSession& session) {
  auto active = service(ctx).active();
  if (!active) return statusResponse(active.status(), "The restrictions cannot be read");
  const std::string mine = classOf(ctx, session);
  json out = json::array();
  for (const auto& r : *active) {
    policy::Device d{.name = r.device_name, .room = r.room};
    if (control::mayRestrictDevice(session.role, mine, d)) out.push_back(control::restrictionJson(r));
  }
  return jsonResponse(200, {{"restrictions", std::move(out)}});
}

}  // namespace

void addRestrictionRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  // Lending a device for a lesson and holding it for a lesson: the same people.
  constexpr Permission kNeeds = Permission::kCheckOutDevices;
  router.add("GET", "/api/v1/classview", kNeeds,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return classView(ctx, req, *s); });
  // The listener streams it after the router's admission and classRooms();
  // reached here only where nothing streams (a test's router).
  router.add("GET", "/api/v1/classview/stream", kNeeds, [](const ApiRequest&, const ConsoleSession*) {
    return errorResponse(503, "The live class view is not available here: the page reads the room again instead.");
  });
  router.add("GET", "/api/v1/restrictions", kNeeds,
             [&ctx](const ApiRequest&, const ConsoleSession* s) { return list(ctx, *s); });
  router.add("POST", "/api/v1/restrictions", kNeeds,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return add(ctx, req, *s); });
  router.add("POST", "/api/v1/restrictions/release", kNeeds,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return release(ctx, req, *s); });
}

}  // namespace esafety::console
