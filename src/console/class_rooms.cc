#include "console/class_rooms.h"

#include <algorithm>

#include "control/device_restrictions.h"
#include "core/text.h"

namespace esafety::console {

std::string classOf(ApiContext& ctx, const ConsoleSession& session) {
  if (session.role != identity::Role::kTeacher) return "";
  auto person = ctx.store.person(ctx.school, session.person);
  return person && *person ? (*person)->class_name : "";
}

Result<ClassRooms> classRooms(ApiContext& ctx, const ConsoleSession& session,
                              const std::vector<control::DeviceRecord>& registry, std::string_view requested) {
  const std::string mine = classOf(ctx, session);
  ClassRooms out;
  for (const auto& r : registry) {
    if (!r.device.room.empty() && control::mayRestrictDevice(session.role, mine, r.device)) {
      out.rooms.insert(r.device.room);
    }
  }
  out.room = std::string(requested);
  if (out.room.empty() && !out.rooms.empty()) out.room = *out.rooms.begin();
  if (!out.room.empty() && std::none_of(out.rooms.begin(), out.rooms.end(), [&](const std::string& r) {
        return asciiLower(r) == asciiLower(out.room);
      })) {
    return permissionDenied("You can see only your own class's devices.");
  }
  return out;
}

Result<ClassRooms> classRooms(ApiContext& ctx, const ConsoleSession& session, std::string_view requested) {
  auto registry = control::DeviceAdmin(ctx.store, ctx.school, ctx.clock).registry();
  if (!registry) return registry.status();
  return classRooms(ctx, session, *registry, requested);
}

}  // namespace esafety::console
