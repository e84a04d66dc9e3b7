// SqliteStore: the device registry (client address -> device -> default group).
// Addresses are stored in canonical form (validation.h) so "::1" and "0::1"
// find the same device.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

namespace {

std::string describeDevice(const policy::Device& d) {
  return fmt::format("{} in '{}', IP {}{}, MAC {}, group {}", d.type.empty() ? "device" : d.type,
                     d.room, d.ip.empty() ? "none" : d.ip, d.dhcp_reservation ? " (DHCP reservation)" : "", d.mac.empty() ? "none" : d.mac,
                     d.group.empty() ? "none (unknown-device policy)" : "'" + d.group + "'");
}

Status uniqueClash(const Status& status, const policy::Device& d) {
  if (status.code() != StatusCode::kAlreadyExists) return status;
  return alreadyExists(fmt::format(
      "another device already has the name '{}', the IP address {} or the MAC address {}", d.name,
      d.ip.empty() ? "-" : d.ip, d.mac.empty() ? "-" : d.mac));
}

policy::Device canonical(const policy::Device& device) {
  policy::Device d = device;
  d.ip = canonicalIpAddress(device.ip);
  d.mac = canonicalMacAddress(device.mac);
  return d;
}

}  // namespace

Result<int64_t> SqliteStore::addDevice(SchoolId school, const policy::Device& device,
                                       std::string_view actor) {
  ESAFETY_RETURN_IF_ERROR(validateDevice(device));
  const policy::Device d = canonical(device);
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
    ESAFETY_RETURN_IF_ERROR(requireGroupLocked(school, d.group));
    auto st = db_->prepare(
        "INSERT INTO devices (school_id, name, type, room, mac, ip, group_name, updated_at,"
        " address_kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st) return st.status();
    st->bind(1, school).bind(2, d.name).bind(3, d.type).bind(4, d.room).bindTextOrNull(5, d.mac);
    st->bindTextOrNull(6, d.ip).bindTextOrNull(7, d.group).bind(8, clock_.nowUnix());
    st->bind(9, d.dhcp_reservation ? "dhcp" : "static");
    ESAFETY_RETURN_IF_ERROR(uniqueClash(st->run(), d));
    return Made<int64_t>{db_->lastInsertId(), {"device.add", d.name, describeDevice(d)}};
  });
}

Status SqliteStore::updateDevice(SchoolId school, const policy::Device& device,
                                 std::string_view actor) {
  ESAFETY_RETURN_IF_ERROR(validateDevice(device));
  const policy::Device d = canonical(device);
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    ESAFETY_RETURN_IF_ERROR(requireGroupLocked(school, d.group));
    auto st = db_->prepare(
        "UPDATE devices SET name = ?3, type = ?4, room = ?5, mac = ?6, ip = ?7, group_name = ?8,"
        " updated_at = ?9, address_kind = ?10 WHERE school_id = ?1 AND id = ?2");
    if (!st) return st.status();
    st->bind(1, school).bind(2, d.id).bind(3, d.name).bind(4, d.type).bind(5, d.room);
    st->bindTextOrNull(6, d.mac).bindTextOrNull(7, d.ip).bindTextOrNull(8, d.group);
    st->bind(9, clock_.nowUnix()).bind(10, d.dhcp_reservation ? "dhcp" : "static");
    ESAFETY_RETURN_IF_ERROR(uniqueClash(st->run(), d));
    if (db_->changes() == 0) return notFound(fmt::format("there is no device {}", d.id));
    return AuditNote{"device.update", d.name, describeDevice(d)};
  });
}

Status SqliteStore::removeDevice(SchoolId school, int64_t id, std::string_view actor) {
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto st = db_->prepare("DELETE FROM devices WHERE school_id = ?1 AND id = ?2 RETURNING name");
    if (!st) return st.status();
    st->bind(1, school).bind(2, id);
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return notFound(fmt::format("there is no device {}", id));
    std::string name = st->textAt(0);
    ESAFETY_RETURN_IF_ERROR(st->run());
    return AuditNote{"device.remove", std::move(name), fmt::format("device {}", id)};
  });
}

Result<std::vector<policy::Device>> SqliteStore::devices(SchoolId school) {
  MutexLock lock(mutex_);
  return readDevicesLocked(school, "");
}

Result<std::optional<policy::Device>> SqliteStore::deviceByIp(SchoolId school,
                                                              std::string_view ip) {
  const std::string canonical_ip = canonicalIpAddress(ip);
  if (canonical_ip.empty()) return std::optional<policy::Device>();
  MutexLock lock(mutex_);
  auto found = readDevicesLocked(school, canonical_ip);
  if (!found) return found.status();
  if (found->empty()) return std::optional<policy::Device>();
  return std::optional<policy::Device>(std::move(found->front()));
}

Result<std::vector<policy::Device>> SqliteStore::readDevicesLocked(SchoolId school,
                                                                   std::string_view only_ip) {
  auto st = db_->prepare(
      only_ip.empty()
          ? "SELECT id, name, type, room, mac, ip, group_name, address_kind FROM devices"
            " WHERE school_id = ?1 ORDER BY name"
          : "SELECT id, name, type, room, mac, ip, group_name, address_kind FROM devices"
            " WHERE school_id = ?1 AND ip = ?2");
  if (!st) return st.status();
  st->bind(1, school);
  if (!only_ip.empty()) st->bind(2, only_ip);
  return st->rows([](const sqlite::Statement& r) {
    return policy::Device{.id = r.int64At(0),
                          .name = r.textAt(1),
                          .type = r.textAt(2),
                          .room = r.textAt(3),
                          .mac = r.textAt(4),
                          .ip = r.textAt(5),
                          .group = r.textAt(6),
                          .dhcp_reservation = r.textAt(7) == "dhcp"};
  });
}

}  // namespace esafety::store
