// Explanation: a Decision in words, for `esafety check`, the console's
// "why was this blocked?" and the block page. Built off the hot path.
//
//   Explanation e = explain(*snapshot, *group, target, time, decision, scratch);
//   std::cout << e.toText();      // or e.toJson()
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "policy/snapshot.h"

namespace esafety::policy {

struct Explanation {
  std::string target;  // "adult-demo.example/page"
  std::string group;
  std::string time;    // "2026-03-03 12:15 (Tue)"
  Verdict verdict = Verdict::kAllow;
  StepId step = StepId::kDefault;
  std::string reason;  // one plain sentence

  struct CategoryInfo {
    std::string name, title;
    bool unoverridable = false;
  };
  std::optional<CategoryInfo> category;   // the deciding category
  std::vector<CategoryInfo> all_categories;  // every category the site is in

  struct EntryInfo {
    std::string entry;  // "adult-demo.example"
    std::string kind;   // "domain", "url", "cidr", "expression"
    std::string file;
    uint32_t line = 0;
  };
  std::optional<EntryInfo> match;  // the list entry behind the category
  std::optional<LocalEntry> local_entry;
  std::optional<std::string> time_rule;  // "Mon-Fri 12:00-13:00 allow games"
  std::optional<std::string> rewrite_host;

  // Every step in order with what it did: "decided", "passed", "not reached".
  std::vector<std::pair<StepId, std::string>> steps;

  std::string toText() const;
  std::string toJson() const;  // one JSON object
};

Explanation explain(const Snapshot& snapshot, const GroupPolicy& group, const Target& target,
                    const LocalTime& time, const Decision& decision,
                    const DecisionScratch& scratch);

// What one of the proxy's own checks found after the decision allowed a
// request: a search on a monitoring list the group blocks (step 11), a page
// whose words scored over the limit (9, 10), or a circumvention service the
// group blocks (step 5, category "circumvention").
struct InspectionFinding {
  StepId step = StepId::kContent;
  std::string category;  // "self-harm", "pornography", "circumvention"
  std::string reason;    // one plain sentence for adults; "" for the step's own
};

// The decision's explanation with the finding on top: the verdict is block,
// the step and reason are the finding's, and `steps` goes on past the chain
// with steps 11, 9 and 10 in the order the proxy runs them ("passed",
// "decided", "not reached").
//
//   Explanation e = explainFinding(snap, group, target, now, decision, scratch,
//                                  {StepId::kSearchTerm, "self-harm", ""});
//   e.steps.back();  // {kContentCut, "not reached"}
Explanation explainFinding(const Snapshot& snapshot, const GroupPolicy& group,
                           const Target& target, const LocalTime& time, const Decision& decision,
                           const DecisionScratch& scratch, const InspectionFinding& finding);

}  // namespace esafety::policy
