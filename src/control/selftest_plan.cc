#include "control/selftest_plan.h"

#include <fmt/format.h>

#include <map>


namespace esafety::control {
namespace {

constexpr SelftestEntry kEntries[] = {
    {"illegal", "IWF test", "iwf-test.esafety-demo.invalid", false},
    {"illegal", "CTIRU test", "ctiru-test.esafety-demo.invalid", false},
    {"pornography", "adult content", "adult-demo.example", false},
    {"extremism", "extremism", "extremism-demo.example", false},
    {"gambling", "gambling", "casino-royale-demo.example", false},
    {"self-harm", "self-harm", "self-harm-demo.example", true},
    {"drugs", "drugs", "drugs-demo.example", true},
    {"hate-speech", "hate speech", "hate-speech-demo.example", true},
    {"discrimination", "discrimination", "discrimination-demo.example", true},
    {"violence", "violence", "violence-demo.example", true},
    {"malware-hacking", "malware and hacking", "malware-demo.example", true},
    {"piracy", "piracy", "piracy-demo.example", true},
    {"circumvention", "getting round the filter", "free-vpn-demo.example", true},
};

bool hasCategory(const policy::PolicyData& data, std::string_view name) {
  for (const auto& c : data.categories) {
    if (c.name == name) return true;
  }
  return false;
}

}  // namespace

std::span<const SelftestEntry> selftestEntries() { return kEntries; }

SelftestPlan planSelftest(const policy::PolicyData& data) {
  SelftestPlan plan;
  for (const policy::Group& group : data.groups) {
    const policy::Device* device = nullptr;
    for (const policy::Device& d : data.devices) {
      if (d.group == group.name && isSelftestDevice(d)) {
        device = &d;
        break;
      }
    }
    if (device == nullptr) {
      plan.untested_groups.push_back(group.name);
      continue;
    }
    const bool pupils = policy::isPupilGroup(group.name);
    for (const SelftestEntry& e : kEntries) {
      if (e.pupils_only && !pupils) continue;
      if (!hasCategory(data, e.category)) continue;
      plan.targets.push_back({.group = group.name,
                              .source_ip = device->ip,
                              .category = std::string(e.category),
                              .label = std::string(e.label),
                              .host = std::string(e.host),
                              .url = fmt::format("http://{}/", e.host)});
    }
  }
  return plan;
}

bool selftestPasses(bool expect_blocked, store::SelftestOutcome outcome) {
  if (outcome == store::SelftestOutcome::kError) return false;
  return (outcome == store::SelftestOutcome::kBlocked) == expect_blocked;
}

std::vector<store::SelftestAlert> selftestAlerts(const std::vector<store::SelftestCheck>& checks) {
  // (group, category) -> "proxy: allowed; dns: error", in the order first failed.
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>, std::string> failed;
  for (const store::SelftestCheck& c : checks) {
    if (c.passed) continue;
    auto key = std::make_pair(c.group, c.category);
    auto [it, fresh] = failed.try_emplace(key);
    if (fresh) order.push_back(key);
    if (!it->second.empty()) it->second += "; ";
    it->second += fmt::format("{} {}: {}", c.path, c.target, store::selftestOutcomeName(c.outcome));
  }
  std::vector<store::SelftestAlert> out;
  for (const auto& key : order) {
    out.push_back({.group = key.first,
                   .category = key.second,
                   .level = 4,
                   .why = fmt::format("the filter is not blocking {} for {} ({})", key.second,
                                      key.first, failed[key])});
  }
  return out;
}

}  // namespace esafety::control
