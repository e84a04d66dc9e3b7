// Which rooms a person may watch in the class view (issue 14, item 4), and
// which one they asked for. Teachers see their own class's room (their
// class name set with `people add-staff --class`); the DSL, deputy, head
// and IT admin see every room with devices (control::mayRestrictDevice).
// Shared by GET /api/v1/classview and its live stream
// (GET /api/v1/classview/stream, serve/class_streams.h).
//
//   auto rooms = classRooms(ctx, session, registry, req.param("room"));
//   if (!rooms) return errorResponse(403, rooms.status().message());
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "console/api_context.h"
#include "console/sessions.h"
#include "control/device_admin.h"
#include "core/status.h"

namespace esafety::console {

struct ClassRooms {
  std::set<std::string> rooms;  // those the person may pick
  std::string room;             // the one asked for, or the first; "" when none
};

// The caller's class ("" for staff without one, and for roles that see every room).
std::string classOf(ApiContext& ctx, const ConsoleSession& session);

// kPermissionDenied when `requested` is a room the person may not watch.
Result<ClassRooms> classRooms(ApiContext& ctx, const ConsoleSession& session,
                              const std::vector<control::DeviceRecord>& registry, std::string_view requested);

// The same, reading the devices itself: for the live stream, which needs
// only the room's name.
Result<ClassRooms> classRooms(ApiContext& ctx, const ConsoleSession& session, std::string_view requested);

}  // namespace esafety::console
