// blockForFinding (request_stages.h): the block for what the proxy found
// itself, after the decision had allowed the request.
#include <fmt/format.h>

#include "proxy/request_stages.h"

namespace esafety::proxy {

Outcome blockForFinding(RequestContext& request, policy::InspectionFinding finding) {
  events::Event& event = request.record.event();
  event.verdict = policy::Verdict::kBlock;
  event.step = finding.step;
  event.truncated |= !event.category.assign(finding.category);
  if (request.connect()) {
    // A browser shows its own error for a refused tunnel, not this text.
    std::string_view reason = finding.reason;
    if (reason.ends_with('.')) reason.remove_suffix(1);
    return Outcome::respond(
        plainResponse(http::status::forbidden,
                      fmt::format("esafety blocked {}: {} (reference {})", request.url->host, reason,
                                  request.record.reference()),
                      request.client_version),
        Tally::kBlocked);
  }
  // The worker's decision scratch may have served other requests since this
  // one was decided (a page is scanned after the site answers); the page
  // shows only the finding's category and reason, which do not depend on it.
  const bool keep = request.keepAfterOwnPage();
  InspectionBlock block{request.access.who.group, std::string(event.url.view()),
                        policy::explainFinding(*request.snapshot, *request.access.who.group,
                                               request.decide_target, request.now,
                                               request.decision, request.scratch, finding),
                        request.now, request.record.reference(),
                        request.shared.config.console.public_url,
                        blockFormToken(request.shared, request.record.reference(), request.client_address)};
  return Outcome::respond(inspectionBlockResponse(block, request.client_version, keep),
                          Tally::kBlocked, keep);
}

}  // namespace esafety::proxy
