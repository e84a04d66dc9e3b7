// request checks (request_stages.h): what the proxy looks at beside the
// decision before anything goes to the site: circumvention signals, the
// search's words, and safe search on the request itself.
#include <fmt/format.h>

#include "inspect/search/safe_search_enforcement.h"
#include "proxy/inspection_checks.h"
#include "proxy/request_stages.h"

namespace esafety::proxy {
namespace {

// The path and query exactly as the client wrote them in an absolute-form
// target ("http://a.example:8080/x?y" -> "/x?y").
std::string originForm(std::string_view target) {
  auto scheme_end = target.find("://");
  std::string_view rest = target.substr(scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
  auto path = rest.find_first_of("/?#");
  if (path == std::string_view::npos) return "/";
  std::string out(rest.substr(path));
  if (auto hash = out.find('#'); hash != std::string::npos) out.resize(hash);
  if (out.empty() || out[0] != '/') out.insert(out.begin(), '/');
  return out;
}

// The decision's safe-search step matched an engine for this group: enforce
// it on the request itself too (STANDARDS.md), with the engine's own
// parameter replacing any the page sent, and YouTube's header.
void enforceSafeSearchOnRequest(RequestContext& request) {
  std::string& target = request.forward.origin_target;
  target = originForm(request.target);
  if (request.decision.verdict != policy::Verdict::kRewrite) return;
  std::string_view raw(target);
  size_t question = raw.find('?');
  std::string_view raw_path = raw.substr(0, question);
  std::string_view raw_query = question == std::string_view::npos ? std::string_view{} : raw.substr(question + 1);
  search::SafeSearchEdit edit = search::enforceSafeSearch(request.url->host, raw_path, raw_query, {});
  for (const auto& h : edit.headers) request.request.set(h.name, h.value);
  if (edit.query_changed) target = search::safeSearchTarget(raw_path, edit);
}

}  // namespace

Outcome checkRequest(RequestContext& request) {
  const policy::GroupPolicy& group = *request.access.who.group;
  const bool allowed = request.decision.verdict != policy::Verdict::kBlock;
  // CONNECT to an IP literal, a DoH resolver, a VPN or proxy provider:
  // tagged for monitoring, and blocked where the group's rules say.
  const bool circumvention_blocked =
      checkCircumvention(request.record, *request.url, request.connect(), group);
  if (!request.record.event().tags.empty()) {
    request.shared.stats.circumvention_tagged.fetch_add(1, std::memory_order_relaxed);
  }
  if (circumvention_blocked && allowed) {
    return blockForFinding(
        request, {policy::StepId::kCategory, "circumvention",
                  fmt::format("{} blocks services that get round the school's filter.", group.config.name)});
  }
  if (request.connect()) return Outcome::proceed();
  if (request.search_term) {
    // Matched even when the decision already blocked the site: the words
    // are tagged on the event, so the DSL hears of a KS1 self-harm search
    // that the site's own category (or "uncategorised") stopped first.
    SearchCheck found = checkSearchTerm(request.record, request.shared.terms.get(),
                                        request.search_term->term, group.config);
    if (found.block && allowed) {
      return blockForFinding(
          request, {policy::StepId::kSearchTerm, found.category,
                    fmt::format("This search was blocked: its words are on the school's {} list, "
                                "which {} blocks searches for.",
                                found.category, group.config.name)});
    }
  }
  enforceSafeSearchOnRequest(request);
  return Outcome::proceed();
}

}  // namespace esafety::proxy
