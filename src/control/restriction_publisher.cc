#include "control/restriction_publisher.h"

namespace esafety::control {

Status RestrictionPublisher::publishLocked() {
  // The generation first: a change landing while the set is read shows as
  // newer at the next check rather than being taken as published.
  auto generation = store_.restrictionGeneration(school_);
  if (!generation) return generation.status();
  auto active = store_.activeRestrictions(school_, clock_.nowUnix());
  if (!active) return active.status();
  std::vector<policy::DeviceRestriction> rules;
  rules.reserve(active->size());
  for (auto& record : *active) rules.push_back(std::move(record.rule));
  board_.publish(policy::RestrictionSet::of(std::move(rules)));
  published_generation_ = *generation;
  published_.notify(*generation);
  return Status::ok();
}

Status RestrictionPublisher::publish() {
  MutexLock lock(mutex_);
  return publishLocked();
}

Result<bool> RestrictionPublisher::publishIfChanged() {
  MutexLock lock(mutex_);
  auto generation = store_.restrictionGeneration(school_);
  if (!generation) return generation.status();
  if (*generation == published_generation_) return false;
  ESAFETY_RETURN_IF_ERROR(publishLocked());
  return true;
}

}  // namespace esafety::control
