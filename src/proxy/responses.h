// Private to src/proxy: the responses the proxy makes itself (block pages,
// error pages, refusals), as Beast messages ready to write.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "policy/explanation.h"
#include "pages/upstream_error_page.h"
#include "pages/restriction_page.h"
#include "pages/upstream_refused_page.h"
#include "proxy/proxy_types.h"

namespace esafety::proxy {

using Response = http::response<http::string_body>;

struct BlockContext {
  const policy::Snapshot* snapshot = nullptr;
  const policy::GroupPolicy* group = nullptr;
  policy::Target target;
  LocalTime time;
  policy::Decision decision;
  const policy::DecisionScratch* scratch = nullptr;
  uint64_t reference = 0;
  std::string console_base;
  std::string form_token;  // blockFormToken(); "" for none
};

// The token the block page's buttons post (identity/block_button_token.h),
// for this reference from this client; "" without tokens.
std::string blockFormToken(const ProxyShared& shared, uint64_t reference,
                           std::span<const uint8_t> client_address);

// The block page (403): child-friendly for pupil groups (policy::isPupilGroup),
// plain for everyone else.
Response blockResponse(const BlockContext& context, unsigned version, bool keep_alive);
// The block page for what the proxy found itself rather than the policy's
// decision: a page whose words scored over the group's limit
// (BlockCause::kContent), or a search for words the group blocks.
struct InspectionBlock {
  const policy::GroupPolicy* group = nullptr;
  std::string site;
  // policy::explainFinding: the category (the top-scoring phrase category,
  // or the search's list, "self-harm") and the reason, one plain sentence.
  policy::Explanation explanation;
  LocalTime time;
  uint64_t reference = 0;
  std::string console_base;
  std::string form_token;  // blockFormToken(); "" for none
};
Response inspectionBlockResponse(const InspectionBlock& block, unsigned version, bool keep_alive);
// 502 or 504 with a page that says what failed.
Response upstreamErrorResponse(pages::UpstreamError kind, std::string_view host,
                               std::string_view detail, unsigned version);
// 403: the proxy will not go where the request asks (upstream_refused_page.h).
Response upstreamRefusedResponse(const pages::UpstreamRefusalInfo& info, unsigned version, bool keep_alive);
// 403: the device is paused, or the site is not on the lesson's allow-list
// (restriction_page.h; `paused` chooses which page).
Response restrictionResponse(const pages::RestrictionPageInfo& info, bool paused, unsigned version,
                             bool keep_alive);
// 400, 408 or 431 with the reason; always closes the connection.
Response badRequestResponse(http::status status, std::string_view reason);
// 403 for a client outside the school networks.
Response refusedResponse();
// A short plain-text answer, for CONNECT refusals the browser will not show.
Response plainResponse(http::status status, std::string_view text, unsigned version);

}  // namespace esafety::proxy
