// Alert rules: the data that turns events into alerts (issue 14). A school
// tunes them as text (TOML); default_rules.cc holds the text a school starts
// with. parseRules() refuses text with a mistake, naming the line and the
// reason, so the rules in force are never replaced by broken ones.
//
//   episode_minutes = 30        # an open alert this recent takes new evidence
//   evidence_cap = 50           # evidence rows kept per alert (all are counted)
//
//   [bands]                     # filter group -> age band; others are "other"
//   KS1 = "ks1"
//   Staff = "staff"
//
//   [[rule]]
//   name = "self-harm search"   # unique; shown as the alert's "why"
//   match = "tag"               # tag | blocked-category | repeated-blocks | score | tell-teacher
//   tags = ["self-harm"]        # tag: any of these in the event's tags
//   category = "self-harm"      # the alert's category (default: the matched tag or category)
//   level = 4                   # 1-5 for every band, or per band:
//   levels = { ks1 = 5, ks2 = 5, staff = 3 }   # bands not named take `level`
//
//   blocked-category: categories = [...] (a blocked request in one of them)
//   repeated-blocks:  count = 10, window_minutes = 5 (that many blocks by one
//                     person within the window; each one after is evidence)
//   score:            categories = [...] (optional), threshold = 100
//                     (optional: the group's phrase limit when absent)
//
//   auto rules = parseRules(text);
//   if (!rules) show(rules.status().message());   // "line 12: level must be 1 to 5"
//
// Thread safety: a RuleSet is an immutable value once parsed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace esafety::alerts {

enum class MatchKind : uint8_t {
  kTag,              // a monitoring-list or circumvention tag on the event
  kBlockedCategory,  // a blocked request in a risky category
  kRepeatedBlocks,   // many blocked requests by one person in a short window
  kScore,            // a phrase score over the threshold
  kTellTeacher,      // "Tell a teacher" pressed on the block page
};
std::string_view matchKindName(MatchKind kind);  // "tag", "blocked-category", ...

struct Rule {
  std::string name;
  MatchKind match = MatchKind::kTag;
  std::vector<std::string> tags;
  std::vector<std::string> categories;
  std::string category;  // the alert's category; empty: the matched tag or category
  int level = 3;
  std::map<std::string, int> levels;  // band -> level
  int count = 0;                      // repeated-blocks
  int64_t window_ms = 0;              // repeated-blocks
  std::optional<int> threshold;       // score
  int line = 0;                       // where it starts in the text

  int levelFor(std::string_view band) const;
};

struct RuleSet {
  std::vector<Rule> rules;
  std::map<std::string, std::string> bands;  // group name -> band
  int64_t episode_ms = 30 * 60 * 1000;
  int64_t evidence_cap = 50;

  // The band of a filter group: bands[group], else "other".
  std::string bandOf(std::string_view group) const;
};

inline constexpr size_t kMaxRulesText = 256 * 1024;
inline constexpr size_t kMaxRules = 200;

// kInvalidArgument "line N: <reason>" for text that is not valid rules.
Result<RuleSet> parseRules(std::string_view text);

// The rules a school starts with (default_rules.cc).
std::string_view defaultRulesText();

}  // namespace esafety::alerts
