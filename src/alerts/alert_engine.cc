#include "alerts/alert_engine.h"

#include <spdlog/spdlog.h>

#include "core/file_system.h"
#include "policy/selftest_device.h"

namespace esafety::alerts {

AlertEngine::AlertEngine(AlertStore& alerts, policy::PolicyStore& policy, EventFeed& feed,
                         AlertEngineOptions options)
    : alerts_(alerts),
      policy_(policy),
      feed_(feed),
      options_(options),
      worker_("alert rules", options.interval, [this] { return workerPass(); }) {
  RealFileSystem fs;
  auto lists = search::builtinAndSchoolMonitoringLists(fs, options.monitoring_lists);
  for (const auto& p : lists.problems) spdlog::warn("alerts: monitoring lists: {}", p.toString());
  auto matcher = search::TermMatcher::build(lists.entries);
  if (matcher) {
    matcher_ = std::make_unique<search::TermMatcher>(std::move(*matcher));
  } else {
    spdlog::error("alerts: the monitoring lists did not compile ({}); only the filter's tags count",
                  matcher.status().message());
  }
}

AlertEngine::~AlertEngine() { stop(); }

Status AlertEngine::loadRules() {
  auto stored = alerts_.alertRules(options_.school);
  if (!stored) return stored.status();
  const int64_t version = stored->has_value() ? (*stored)->version : 0;
  if (evaluator_ != nullptr && version == rules_version_.load()) return Status::ok();
  auto parsed = parseRules(stored->has_value() ? std::string_view((*stored)->text)
                                               : defaultRulesText());
  if (!parsed) {
    // Refused when set (control/alert_admin.h), so only a hand-edited
    // database gets here: keep what runs, say so once per version.
    spdlog::error("alert rules version {} do not parse, the rules in force keep running: {}",
                  version, parsed.status().message());
    rules_version_ = version;
    if (evaluator_ != nullptr) return Status::ok();
    parsed = parseRules(defaultRulesText());
    if (!parsed) return parsed.status();
  }
  PhraseLimits limits;
  auto groups = policy_.groups(options_.school);
  if (groups) {
    for (const auto& g : *groups) limits[g.name] = policy::phraseLimitFor(g);
  }
  evaluator_ = std::make_unique<RuleEvaluator>(std::make_shared<const RuleSet>(std::move(*parsed)),
                                               std::move(limits), matcher_.get());
  if (rules_version_.load() != version) {
    spdlog::info("alert rules {} in force", version == 0 ? std::string("(the defaults)")
                                                         : "version " + std::to_string(version));
  }
  rules_version_ = version;
  return Status::ok();
}

Status AlertEngine::loadSelftestDevices() {
  const auto now = std::chrono::steady_clock::now();
  if (selftest_devices_read_ != std::chrono::steady_clock::time_point{} &&
      now - selftest_devices_read_ < std::chrono::seconds(2)) {
    return Status::ok();
  }
  auto devices = policy_.devices(options_.school);
  if (!devices) return devices.status();
  selftest_devices_.clear();
  for (const policy::Device& d : *devices) {
    if (policy::isSelftestDevice(d)) selftest_devices_.insert(d.id);
  }
  selftest_devices_read_ = now;
  return Status::ok();
}

Result<PassResult> AlertEngine::runOnce() {
  ESAFETY_RETURN_IF_ERROR(loadRules());
  auto cursor = alerts_.alertCursor(options_.school);
  if (!cursor) return cursor.status();
  auto events = feed_.after(cursor->events_through, options_.batch);
  if (!events) return events.status();
  auto presses = alerts_.tellTeacherPressesAfter(options_.school, cursor->inbox_through,
                                                 options_.batch);
  if (!presses) return presses.status();

  PassResult result;
  result.events_read = static_cast<int64_t>(events->size());
  result.presses_read = static_cast<int64_t>(presses->size());
  if (events->empty() && presses->empty()) return result;
  result.presses_read = 0;  // counted as they are taken below

  if (!events->empty()) ESAFETY_RETURN_IF_ERROR(loadSelftestDevices());
  AlertBatch batch;
  batch.cursor = *cursor;
  batch.episode_ms = evaluator_->rules().episode_ms;
  batch.evidence_cap = evaluator_->rules().evidence_cap;
  for (const FeedEvent& e : *events) {
    if (e.event.school == options_.school && !selftest_devices_.count(e.event.device_id)) {
      evaluator_->evaluate(e.id, e.event, batch.hits);
    }
    batch.cursor.events_through = e.id;
  }
  for (const TellTeacherPress& press : *presses) {
    auto blocked = feed_.byReference(options_.school, press.reference);
    if (!blocked) return blocked.status();
    const FeedEvent* found = blocked->has_value() ? &**blocked : nullptr;
    if (found == nullptr && options_.clock != nullptr &&
        options_.clock->nowUnix() - press.created_at < options_.press_wait_s) {
      break;  // its event is probably in the writer's next batch: next pass
    }
    evaluator_->evaluatePress(press, found != nullptr ? &found->event : nullptr,
                              found != nullptr ? found->id : 0, batch.hits);
    batch.cursor.inbox_through = press.inbox_id;
    ++result.presses_read;
  }
  result.hits = static_cast<int64_t>(batch.hits.size());
  if (batch.hits.empty() && batch.cursor.events_through == cursor->events_through &&
      batch.cursor.inbox_through == cursor->inbox_through) {
    return result;  // only a press waiting for its event: nothing to store
  }
  auto made = alerts_.applyAlertBatch(options_.school, batch);
  if (!made) {
    // The batch is read again from the old cursor: start the evaluator's
    // windows afresh so that its events are not counted in them twice.
    evaluator_ = std::make_unique<RuleEvaluator>(evaluator_->rulesPtr(), evaluator_->phraseLimits(),
                                                 matcher_.get());
    return made.status();
  }
  result.new_alerts = *made;
  if (options_.notifier != nullptr && !batch.hits.empty()) options_.notifier->notify({});
  if (options_.activity != nullptr && !events->empty() && !options_.activity->empty()) {
    std::erase_if(*events, [&](const FeedEvent& e) { return e.event.school != options_.school; });
    if (!events->empty()) options_.activity->notify(*events);
  }
  return result;
}

Result<bool> AlertEngine::workerPass() {
  auto pass = runOnce();
  if (!pass) return pass.status();
  if (pass->new_alerts > 0) spdlog::info("{} new alert(s)", pass->new_alerts);
  return pass->events_read >= options_.batch || pass->presses_read >= options_.batch;
}

}  // namespace esafety::alerts
