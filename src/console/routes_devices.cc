// Devices: the registry (name, type, room, MAC, IP or DHCP reservation,
// default group), and lending a device to a pupil for a lesson. While it is
// lent, the filter names the pupil on every event from the device. The
// changes are DeviceAdmin's (shared with `esafety devices`), a device's JSON
// control/entity_json.h's; this file reads the request and answers. The store
// audits each change with who made it.
#include <nlohmann/json.hpp>

#include "console/json_body.h"
#include "console/routes.h"
#include "control/device_admin.h"
#include "control/entity_json.h"
#include "identity/local_times.h"

namespace esafety::console {
namespace {

using control::DeviceAdmin;
using nlohmann::json;

ApiResponse list(ApiContext& ctx) {
  DeviceAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto registry = admin.registry();
  if (!registry) return statusResponse(registry.status(), "The devices cannot be read");
  json devices = json::array();
  for (const control::DeviceRecord& r : *registry) devices.push_back(control::deviceJson(r));
  json groups = json::array();
  if (auto all = ctx.store.groups(ctx.school)) {
    for (const policy::Group& g : *all) groups.push_back(g.name);
  }
  json types = json::array();
  for (std::string_view t : policy::kDeviceTypes) types.push_back(t);
  return jsonResponse(200, {{"devices", devices}, {"groups", groups}, {"types", types}});
}

ApiResponse add(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Give the device's name and details.");
  policy::Device d{.name = stringField(*body, "name"),
                   .type = stringField(*body, "type"),
                   .room = stringField(*body, "room"),
                   .mac = stringField(*body, "mac"),
                   .ip = stringField(*body, "ip"),
                   .group = stringField(*body, "group"),
                   .dhcp_reservation = boolField(*body, "dhcp_reservation")};
  auto id = DeviceAdmin(ctx.store, ctx.school, ctx.clock).addDevice(d, session.email);
  if (!id) return statusResponse(id.status(), "The device cannot be saved");
  return jsonResponse(201, {{"id", *id}});
}

// The body's "device": its name or IP address ("" when absent).
std::string deviceFrom(const std::optional<json>& body) {
  return body ? stringField(*body, "device") : std::string();
}

ApiResponse remove(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  DeviceAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto removed = admin.removeDevice(deviceFrom(jsonBody(req)), session.email);
  if (!removed) return statusResponse(removed.status(), "The device cannot be removed");
  return jsonResponse(200, {{"id", removed->id}, {"removed", true}});
}

// {"device": name or IP, "upn": the pupil's UPN, "until": "HH:MM" today}
ApiResponse checkOut(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Give the device, the pupil and when the lesson ends.");
  auto until = identity::todayAt(ctx.clock, stringField(*body, "until"));
  if (!until) return errorResponse(400, "until: " + until.status().message());
  DeviceAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto id = admin.checkOut(deviceFrom(body), stringField(*body, "upn"), *until, session.email);
  if (!id) return statusResponse(id.status(), "The device cannot be checked out");
  return jsonResponse(200, {{"id", *id}, {"until_ms", *until * 1000}});
}

ApiResponse checkIn(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  DeviceAdmin admin(ctx.store, ctx.school, ctx.clock);
  Status s = admin.checkIn(deviceFrom(jsonBody(req)), session.email);
  if (!s.isOk()) return statusResponse(s, "The device cannot be checked in");
  return jsonResponse(200, {{"checked_in", true}});
}

}  // namespace

void addDeviceRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/devices", Permission::kCheckOutDevices,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return list(ctx); });
  router.add("POST", "/api/v1/devices", Permission::kManageDevices,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return add(ctx, req, *s); });
  router.add("POST", "/api/v1/devices/remove", Permission::kManageDevices,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return remove(ctx, req, *s); });
  router.add("POST", "/api/v1/devices/checkout", Permission::kCheckOutDevices,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return checkOut(ctx, req, *s); });
  router.add("POST", "/api/v1/devices/checkin", Permission::kCheckOutDevices,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return checkIn(ctx, req, *s); });
}

}  // namespace esafety::console
