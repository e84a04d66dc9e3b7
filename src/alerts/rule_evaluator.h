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
// With a TermMatcher (the monitoring lists), an event's search words are
// matched again here: a search the filter blocked before it looked at the
// words (a KS1 group that blocks uncategorised sites) carries the words but
// no tags, and must still reach the DSL. The matched list entry goes into
// the evidence's "why".
//
// A search tagged "disclosure" (a child telling of harm) always reaches the
// DSL: when no rule of the school's raised it (rules set before the
// disclosure list existed), a level-5 hit by kBuiltInDisclosureRule is added.
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
#include "inspect/search/term_matcher.h"

namespace esafety::alerts {

inline constexpr std::string_view kBuiltInDisclosureRule = "disclosure (always raised)";

// group name -> phrase limit, for score rules without their own threshold.
using PhraseLimits = std::map<std::string, int, std::less<>>;

class RuleEvaluator {
 public:
  // `matcher` may be null (then only the event's own tags count); it must
  // outlive the evaluator.
  RuleEvaluator(std::shared_ptr<const RuleSet> rules, PhraseLimits phrase_limits,
                const search::TermMatcher* matcher = nullptr);

  void evaluate(int64_t event_id, const events::Event& event, std::vector<Hit>& out);
  // A "Tell a teacher" press, with the blocked request it was about when the
  // event log has it (its subject and its event id go on the evidence).
  void evaluatePress(const TellTeacherPress& press, const events::Event* blocked,
                     int64_t blocked_event_id, std::vector<Hit>& out);

  const RuleSet& rules() const { return *rules_; }
  const std::shared_ptr<const RuleSet>& rulesPtr() const { return rules_; }
  const PhraseLimits& phraseLimits() const { return phrase_limits_; }
  const search::TermMatcher* matcher() const { return matcher_; }

  // People whose repeated-blocks windows are kept at most; the oldest window
  // is dropped past this (a flood of addresses cannot grow memory).
  static constexpr size_t kMaxWindows = 20000;

 private:
  // Why `rule` matches the event ("" when it does not).
  std::string matchEvent(const Rule& rule, size_t index, const events::Event& event,
                         const std::string& subject_key, std::string& category);
  std::string matchTag(const Rule& rule, const events::Event& event, std::string& category) const;
  // The event's tags with the monitoring-list categories its search words
  // match added, and the matched entry per category (for the "why").
  void collectTags(const events::Event& event);
  std::string matchScore(const Rule& rule, const events::Event& event, std::string& category) const;
  std::string matchRepeated(const Rule& rule, size_t index, const events::Event& event,
                            const std::string& subject_key);
  void addHit(Hit hit, std::vector<Hit>& out, size_t first_of_event) const;
  void addDisclosure(int64_t event_id, const events::Event& event, std::vector<Hit>& out,
                     size_t first) const;

  std::shared_ptr<const RuleSet> rules_;
  PhraseLimits phrase_limits_;
  const search::TermMatcher* matcher_;
  // The current event's tags and list entries (collectTags), reused.
  std::string tags_;
  std::vector<std::pair<std::string, std::string>> entries_;  // category -> "phrase" (level N)
  // (rule index, subject) -> times of blocked requests within the window.
  std::unordered_map<std::string, std::deque<int64_t>> windows_;
  std::deque<std::string> window_order_;  // oldest-made first, for eviction
};

// The subject of an event.
Subject subjectOf(const events::Event& event);

}  // namespace esafety::alerts
