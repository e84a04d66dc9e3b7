// RestrictionBoard: the device restrictions in force, as the proxy reads
// them on every request (issue 14, item 4). The service that changes them
// (control/device_restrictions.h) publishes a whole new set after each
// change; a request takes the set once (an atomic shared_ptr load) and looks
// its device up, so a pause reaches the device's NEXT request, without
// waiting for the policy watch.
//
//   RestrictionBoard board;
//   board.publish(RestrictionSet::of({pause_of_device_7}));
//   auto set = board.current();
//   checkRestriction(set->find(7), now, host, path);   // kPaused
//
// Expiry needs no publish: checkRestriction() compares `until` with the time.
//
// Thread safety: publish() and current() from any threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "policy/device_restriction.h"

namespace esafety::policy {

class RestrictionSet {
 public:
  static std::shared_ptr<const RestrictionSet> of(std::vector<DeviceRestriction> restrictions) {
    auto set = std::make_shared<RestrictionSet>();
    for (auto& r : restrictions) set->by_device_[r.device_id] = std::move(r);
    return set;
  }
  // The device's restriction, or null.
  const DeviceRestriction* find(int64_t device_id) const {
    auto it = by_device_.find(device_id);
    return it == by_device_.end() ? nullptr : &it->second;
  }
  size_t size() const { return by_device_.size(); }

 private:
  std::unordered_map<int64_t, DeviceRestriction> by_device_;
};

class RestrictionBoard {
 public:
  RestrictionBoard() : set_(std::make_shared<const RestrictionSet>()) {}
  void publish(std::shared_ptr<const RestrictionSet> set) { set_.store(std::move(set), std::memory_order_release); }
  std::shared_ptr<const RestrictionSet> current() const { return set_.load(std::memory_order_acquire); }

 private:
  std::atomic<std::shared_ptr<const RestrictionSet>> set_;
};

}  // namespace esafety::policy
