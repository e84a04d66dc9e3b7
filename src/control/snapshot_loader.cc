#include "control/snapshot_loader.h"

#include <filesystem>

#include <fmt/format.h>

#include "identity/policy_feed.h"

namespace esafety::control {

Result<std::shared_ptr<const policy::Snapshot>> loadSnapshot(
    store::Store& store, policy::SchoolId school, const std::string& index_path,
    std::shared_ptr<policy::StepCounters> counters, const Clock* clock) {
  static const SystemClock kSystemClock;
  const Clock& now = clock ? *clock : static_cast<const Clock&>(kSystemClock);
  auto data = store.loadPolicy(school);
  if (!data) return data.status();
  auto devices = store.devices(school);
  if (!devices) return devices.status();
  data->devices = std::move(*devices);
  auto unknown_group = store.setting(school, "policy.unknown_device_group");
  if (!unknown_group) return unknown_group.status();
  if (*unknown_group) data->unknown_device_group = **unknown_group;
  ESAFETY_RETURN_IF_ERROR(identity::addIdentities(store, school, now.nowUnix(), *data));
  std::shared_ptr<const classify::CategoryIndex> index;
  std::error_code ec;
  if (std::filesystem::exists(index_path, ec)) {
    auto opened = classify::CategoryIndex::open(index_path);
    if (!opened) {
      return Status(opened.status().code(),
                    opened.status().message() + "; run `esafety lists compile` to rebuild it");
    }
    index = *opened;
  }
  return policy::Snapshot::build(std::move(*data), std::move(index), std::move(counters), &now);
}

}  // namespace esafety::control
