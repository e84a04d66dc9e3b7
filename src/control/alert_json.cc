#include "control/alert_json.h"

#include <map>

#include "event_log/event_json.h"

namespace esafety::control {

nlohmann::json alertJson(const alerts::Alert& a) {
  return {{"id", a.id},
          {"level", a.level},
          {"state", alerts::alertStateName(a.state)},
          {"category", a.category},
          {"rule", a.rule},
          {"why", a.why},
          {"person",
           {{"user_id", a.subject.user_id},
            {"user", a.subject.user_name},
            {"device_id", a.subject.device_id},
            {"device", a.subject.device_name},
            {"client_ip", a.subject.client_ip},
            {"group", a.subject.group}}},
          {"first_seen_ms", a.first_seen_ms},
          {"last_seen_ms", a.last_seen_ms},
          {"evidence_count", a.evidence_count},
          {"created_ms", a.created_at * 1000}};
}

nlohmann::json alertDetailJson(const AlertView& view) {
  nlohmann::json out = alertJson(view.alert);
  std::map<int64_t, const events::StoredEvent*> by_id;
  for (const auto& e : view.events) by_id[e.id] = &e;
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& e : view.evidence) {
    auto found = by_id.find(e.event_id);
    evidence.push_back(
        {{"source", e.source == alerts::Evidence::Source::kInbox ? "inbox" : "event"},
         {"source_id", e.source_id},
         {"event_id", e.event_id},
         {"time_ms", e.time_ms},
         {"rule", e.rule},
         {"why", e.why},
         {"event", found != by_id.end() ? events::eventJson(*found->second) : nlohmann::json()}});
  }
  out["evidence"] = std::move(evidence);
  out["evidence_kept"] = view.evidence.size();
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : view.actions) {
    actions.push_back({{"id", a.record.id},
                       {"at_ms", a.record.at * 1000},
                       {"by", a.record.actor},
                       {"action", alerts::triageActionName(a.record.action)},
                       {"note", a.note},
                       {"note_error", a.note_error}});
  }
  out["actions"] = std::move(actions);
  nlohmann::json escalations = nlohmann::json::array();
  for (const auto& s : view.escalations) {
    escalations.push_back({{"rung", s.rung},
                           {"rota", s.rota},
                           {"target", s.target},
                           {"addresses", s.addresses},
                           {"outcome", alerts::outcomeName(s.outcome)},
                           {"mail_id", s.mail_id},
                           {"at_ms", s.at * 1000}});
  }
  out["escalations"] = std::move(escalations);
  return out;
}

}  // namespace esafety::control
