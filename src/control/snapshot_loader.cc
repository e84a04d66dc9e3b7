#include "control/snapshot_loader.h"

#include <filesystem>

#include <fmt/format.h>

namespace esafety::control {

Result<std::shared_ptr<const policy::Snapshot>> loadSnapshot(
    store::Store& store, policy::SchoolId school, const std::string& index_path,
    std::shared_ptr<policy::StepCounters> counters) {
  auto data = store.loadPolicy(school);
  if (!data) return data.status();
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
  return policy::Snapshot::build(std::move(*data), std::move(index), std::move(counters));
}

}  // namespace esafety::control
