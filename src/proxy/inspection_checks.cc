#include "proxy/inspection_checks.h"

#include "inspect/search/circumvention.h"
#include "inspect/search/term_matcher.h"

namespace esafety::proxy {

bool checkCircumvention(RequestRecord& record, const classify::NormalizedUrl& url, bool connect,
                        const policy::GroupPolicy& group) {
  search::CircumventionInput input;
  input.host = url.host;
  input.host_kind = url.host_kind;
  input.connect = connect;
  input.ip_literal = search::IpLiteralPolicy::kMonitor;
  input.safe_search = group.config.safe_search;
  input.circumvention_blocked = group.config.blocked_categories.contains("circumvention");
  search::CircumventionSignal signal = search::isCircumventionSignal(input);
  if (signal.tag == search::CircumventionTag::kNone) return false;
  record.addTag("circumvention");
  record.addTag(search::circumventionTagName(signal.tag));
  return signal.action == search::CircumventionAction::kBlock;
}

SearchCheck checkSearchTerm(RequestRecord& record, const search::TermMatcher* matcher,
                            std::string_view term, const policy::Group& group) {
  SearchCheck out;
  if (matcher == nullptr || term.empty()) return out;
  std::vector<search::TermHit> hits = matcher->match(term);
  if (hits.empty()) return out;
  // Highest risk first (TermMatcher's order).
  out.category = hits.front().entry->category;
  out.phrase = hits.front().entry->phrase;
  out.level = hits.front().level;
  for (const auto& hit : hits) record.addTag(hit.entry->category);
  // A child disclosing harm must reach help (Childline, the school's own
  // pages): a search with a disclosure in it is tagged, never blocked here.
  out.block = group.block_search_level > 0 && out.level >= group.block_search_level &&
              !search::TermMatcher::hasDisclosure(hits);
  return out;
}

}  // namespace esafety::proxy
