// response scan (request_stages.h): the verdict on a page the phrase scanner
// read as it was relayed.
#include <fmt/format.h>

#include "proxy/request_stages.h"

namespace esafety::proxy {
namespace {

// "pornography=160;violence=40": each category the scanner found, highest
// first; and the category the page is blocked under (the banned phrase's, or
// the top score's).
std::string scoresText(const inspect::PageInspector& page, int32_t limit, std::string& top) {
  std::string out;
  auto categories = page.score().categories(limit);
  for (const auto& c : categories) {
    if (!out.empty()) out += ';';
    out += fmt::format("{}={}", c.name, c.score);
  }
  top.clear();
  if (page.verdict(limit) == inspect::PageVerdict::kBanned) {
    auto phrases = page.score().topPhrases(1, limit);
    if (!phrases.empty()) top = std::string(phrases.front().category);
  } else if (!categories.empty()) {
    top = std::string(categories.front().name);
  }
  return out;
}

std::string overLimitReason(const inspect::PageInspector& page, int32_t limit, const std::string& top,
                            const std::string& group) {
  if (page.verdict(limit) == inspect::PageVerdict::kBanned) {
    return fmt::format("The page has a phrase on the banned list ({}).", top);
  }
  return fmt::format("The page's words scored {} ({} {}), over {}'s limit of {}.",
                     page.score().total(limit), top, page.score().categories(limit).front().score,
                     group, limit);
}

}  // namespace

Outcome judgeScan(RequestContext& request, const ScanReport& report) {
  const inspect::PageInspector& page = *report.page;
  ProxyStats& stats = request.shared.stats;
  stats.pages_scanned.fetch_add(1, std::memory_order_relaxed);
  stats.bytes_scanned.fetch_add(page.decodedBytes(), std::memory_order_relaxed);
  events::Event& event = request.record.event();
  std::string top;
  event.truncated |= !event.scores.assign(scoresText(page, report.limit, top));
  const uint64_t sent = report.relayed.bytes;
  switch (report.relayed.outcome) {
    case ScanOutcome::kBlocked:
      // The rest of the body is left unread: the site's connection closes.
      return blockForFinding(request, {policy::StepId::kContent, top,
                                       overLimitReason(page, report.limit, top,
                                                       request.access.who.group->config.name)});
    case ScanOutcome::kCut:
      // Part of the page has gone out: cutting the connection is all that is left.
      event.verdict = policy::Verdict::kBlock;
      event.step = policy::StepId::kContentCut;
      event.truncated |= !event.category.assign(top);
      return Outcome::done(report.status, report.bytes_in, sent, false, Tally::kBlocked);
    case ScanOutcome::kInputFailed:
      return Outcome::done(report.status, report.bytes_in, sent, false, Tally::kUpstreamError);
    case ScanOutcome::kOutputFailed:
      return Outcome::done(report.status, report.bytes_in, sent, false);
    case ScanOutcome::kPassed:
      break;
  }
  return Outcome::done(report.status, report.bytes_in, sent, report.keep_alive);
}

}  // namespace esafety::proxy
