#include "control/alert_admin.h"

#include <fmt/format.h>

#include "alerts/rules.h"
#include "control/data_dir.h"

namespace esafety::control {

Result<std::vector<alerts::Alert>> AlertAdmin::list(const alerts::AlertFilter& filter) {
  if (filter.min_level < 1 || filter.min_level > 5) {
    return invalidArgument("level: must be 1 to 5");
  }
  return store_.alerts(school_, filter);
}

Result<AlertView> AlertAdmin::show(int64_t id) {
  auto detail = store_.alert(school_, id);
  if (!detail) return detail.status();
  if (!detail->has_value()) return notFound(fmt::format("there is no alert {}", id));
  AlertView view;
  view.alert = std::move((*detail)->alert);
  view.evidence = std::move((*detail)->evidence);
  for (auto& record : (*detail)->actions) {
    AlertAction action;
    action.record = std::move(record);
    if (sealer_ != nullptr) {
      auto note = sealer_->open(action.record.sealed_note,
                                fmt::format("alert-action {}", action.record.id));
      if (note) {
        action.note = std::move(*note);
      } else {
        action.note_error = note.status().message();
      }
    } else {
      action.note_error = "the notes are sealed and the key file was not opened";
    }
    view.actions.push_back(std::move(action));
  }
  auto steps = store_.escalationSteps(school_, id);
  if (!steps) return steps.status();
  view.escalations = std::move(*steps);
  if (events_ != nullptr) {
    std::vector<int64_t> ids;
    for (const auto& e : view.evidence) {
      if (e.event_id != 0) ids.push_back(e.event_id);
    }
    auto rows = events_->byIds(ids);
    if (!rows) return rows.status();
    view.events = std::move(*rows);
  }
  return view;
}

Result<alerts::AlertState> AlertAdmin::triage(int64_t id, std::string_view action,
                                              std::string_view note, std::string_view actor) {
  auto parsed = alerts::parseTriageAction(action);
  if (!parsed) {
    return invalidArgument(fmt::format(
        "action: '{}' is not one of acknowledge, false-positive, no-concern, monitor, incident",
        action));
  }
  if (sealer_ == nullptr) return failedPrecondition("the key file for sealed notes is not open");
  return store_.triageAlert(school_, id, *parsed, note, *sealer_, actor);
}

Result<alerts::RulesVersion> AlertAdmin::rules() {
  auto stored = store_.alertRules(school_);
  if (!stored) return stored.status();
  if (stored->has_value()) return std::move(**stored);
  return alerts::RulesVersion{.version = 0,
                              .text = std::string(alerts::defaultRulesText()),
                              .set_by = "esafety",
                              .reason = "the defaults"};
}

Result<int64_t> AlertAdmin::setRules(std::string_view text, std::string_view actor,
                                     std::string_view reason) {
  auto parsed = alerts::parseRules(text);
  if (!parsed) return invalidArgument("rules: " + parsed.status().message());
  return store_.setAlertRules(school_, text, actor, reason);
}

Result<std::unique_ptr<records::Sealer>> openRecordsSealer(const DataDir& dir, store::Store& store) {
  return records::openSealer(dir.recordsKeyPath(), store);
}

}  // namespace esafety::control
