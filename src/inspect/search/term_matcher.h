// TermMatcher: finds monitoring-list phrases in a search term, with every
// list compiled into one Vectorscan literal database (block mode).
//
//   MonitoringLists lists = builtinMonitoringLists();
//   auto matcher = TermMatcher::build(lists.entries);
//   if (!matcher) return matcher.status();
//   for (const TermHit& hit : matcher->match("how to k1ll myself")) {
//     hit.entry->category;  // "self-harm"
//     hit.entry->phrase;    // "kill myself": what the alert shows as the reason
//     hit.level;            // 5: the entry's level, or lower when a context
//                           // line ("!suicide squad 0") covers the match
//     describeHit(hit);     // "self-harm.list:7 \"kill myself\" level 5"
//   }
//
// The term and the phrases are both normalised (match_text.h) and matched as
// whole words: the term is padded to " how to kill myself " and a phrase is
// the literal " kill myself " (or " suicid" for "suicid*"), so "kill" inside
// "skills" or "sex" inside "essex" can never match. Proximity entries ("A ~N
// B") and context lines ('!') are worked out from the words each phrase was
// found at (monitoring_list.h says what they mean); context lines are never
// hits themselves.
//
// Ownership: the matcher copies the entries it is built from. Hits point into
// the matcher and live as long as it does.
// Thread safety: match() may be called from any number of threads at once;
// each thread keeps its own Vectorscan scratch space.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "inspect/search/monitoring_list.h"

namespace esafety::search {

struct TermHit {
  const MonitoringEntry* entry = nullptr;
  uint8_t level = 0;                        // 1..5, after context
  const MonitoringEntry* lowered_by = nullptr;  // the context line, when it lowered the level
};

// "monitoring/self-harm.list:7 \"kill myself\" level 5", with ", lowered
// from 4 by monitoring/self-harm.list:60 \"!suicide squad\"" when a context
// line lowered it: the file:line a DSL or a list author can go to.
std::string describeHit(const TermHit& hit);

class TermMatcher {
 public:
  // An empty list gives a matcher that matches nothing. Fails only when
  // Vectorscan cannot compile or allocate (the error says which).
  static Result<TermMatcher> build(std::span<const MonitoringEntry> entries);

  TermMatcher(TermMatcher&&) noexcept;
  TermMatcher& operator=(TermMatcher&&) noexcept;
  ~TermMatcher();

  // Every entry found in `term`, each once, highest risk level first (then by
  // category and phrase, so the order is stable). Terms longer than
  // kMaxMatchedTermBytes are matched on their first kMaxMatchedTermBytes bytes.
  std::vector<TermHit> match(std::string_view term) const;
  // The highest level among `hits`, 0 when there are none.
  static int maxLevel(std::span<const TermHit> hits);
  // True when a hit is in kDisclosureCategory (the search must not be blocked).
  static bool hasDisclosure(std::span<const TermHit> hits);

  size_t size() const;

 private:
  class Impl;
  explicit TermMatcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

inline constexpr size_t kMaxMatchedTermBytes = 4096;

}  // namespace esafety::search
