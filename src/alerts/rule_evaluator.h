// RuleEvaluator: runs a RuleSet (rules.h) over events one at a time and says
// what each one is evidence of. Pure apart from the repeated-blocks windows
// it keeps per person, so the engine (alert_engine.h) and the tests drive it
// the same way, and a benchmark can time it alone.
//
//   RuleEvaluator eval(rules, phrase_limits);
//   std::vector<Hit> hits;
//   eval.evaluate(event_id, event, hits);       // appends 0..n hits
//
// One event gives at most one hit per alert category (the highest level of
// the rules that matched it), so one search is one piece of evidence.
//
// Thread safety: one thread at a time (the engine's).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "alerts/alert.h"
#include "alerts/rules.h"
#include "events/event.h"

namespace esafety::alerts {

// group name -> phrase limit, for score rules without their own threshold.
using PhraseLimits = std::map<std::string, int, std::less<>>;

class RuleEvaluator {
 public:
  RuleEvaluator(std::shared_ptr<const RuleSet> rules, PhraseLimits phrase_limits);

  void evaluate(int64_t event_id, const events::Event& event, std::vector<Hit>& out);
  // A "Tell a teacher" press, with the blocked request it was about when the
  // event log has it (its subject and its event id go on the evidence).
  void evaluatePress(const TellTeacherPress& press, const events::Event* blocked,
                     int64_t blocked_event_id, std::vector<Hit>& out);

  const RuleSet& rules() const { return *rules_; }

  // People whose repeated-blocks windows are kept at most; the oldest window
  // is dropped past this (a flood of addresses cannot grow memory).
  static constexpr size_t kMaxWindows = 20000;

 private:
  // Why `rule` matches the event ("" when it does not).
  std::string matchEvent(const Rule& rule, size_t index, const events::Event& event,
                         const std::string& subject_key, std::string& category);
  std::string matchTag(const Rule& rule, const events::Event& event, std::string& category) const;
  std::string matchScore(const Rule& rule, const events::Event& event, std::string& category) const;
  std::string matchRepeated(const Rule& rule, size_t index, const events::Event& event,
                            const std::string& subject_key);
  void addHit(Hit hit, std::vector<Hit>& out, size_t first_of_event) const;

  std::shared_ptr<const RuleSet> rules_;
  PhraseLimits phrase_limits_;
  // (rule index, subject) -> times of blocked requests within the window.
  std::unordered_map<std::string, std::deque<int64_t>> windows_;
  std::deque<std::string> window_order_;  // oldest-made first, for eviction
};

// The subject of an event.
Subject subjectOf(const events::Event& event);

}  // namespace esafety::alerts
