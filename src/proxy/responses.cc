#include "proxy/responses.h"

#include <fmt/format.h>

#include "identity/block_button_token.h"
#include "identity/client_bindings.h"
#include "identity/form_token.h"
#include "pages/block_page.h"
#include "pages/client_error_pages.h"
#include "pages/page_headers.h"

namespace esafety::proxy {
namespace {

Response htmlResponse(int status, std::string html, unsigned version, bool keep_alive,
                      std::string_view console_base) {
  Response res{static_cast<http::status>(status), version};
  for (const auto& [name, value] : pages::pageHeaders(console_base)) res.set(name, value);
  res.set(http::field::content_type, "text/html; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  res.body() = std::move(html);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

pages::BlockCause causeOf(policy::StepId step) {
  switch (step) {
    case policy::StepId::kIllegal: return pages::BlockCause::kIllegal;
    case policy::StepId::kAccount: return pages::BlockCause::kAccount;
    case policy::StepId::kLocalDeny: return pages::BlockCause::kSchoolBlocked;
    case policy::StepId::kUncategorised: return pages::BlockCause::kNotChecked;
    default: return pages::BlockCause::kCategory;
  }
}

std::string readableTime(const LocalTime& t) {
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  return fmt::format("{} {} {} {}, {:02}:{:02}", weekdayName(t.weekday), t.day,
                     kMonths[(t.month - 1) % 12], t.year, t.hour, t.minute);
}

}  // namespace

std::string blockFormToken(const ProxyShared& shared, uint64_t reference,
                           std::span<const uint8_t> client_address) {
  if (shared.block_tokens == nullptr) return "";
  return shared.block_tokens->issue(
      identity::blockButtonSubject(reference, identity::addressText(client_address)), shared.clock.nowUnix());
}

Response blockResponse(const BlockContext& c, unsigned version, bool keep_alive) {
  policy::Explanation e =
      policy::explain(*c.snapshot, *c.group, c.target, c.time, c.decision, *c.scratch);
  pages::BlockPageInfo info;
  const std::string& name = c.group->config.name;
  info.audience = policy::isPupilGroup(name) ? pages::Audience::kChild : pages::Audience::kAdult;
  info.cause = causeOf(c.decision.step);
  if (c.decision.step == policy::StepId::kCategory && e.category &&
      !c.group->config.blocked_categories.count(e.category->name)) {
    info.cause = pages::BlockCause::kNotChecked;  // an allow-list-only group
  }
  info.site = e.target;
  info.category_title = e.category ? e.category->title : "";
  info.reason = e.reason;
  info.when = readableTime(c.time);
  info.group = name;
  info.event_id = c.reference;
  info.console_base = c.console_base;
  info.form_token = c.form_token;
  return htmlResponse(pages::kBlockPageStatus, pages::renderBlockPage(info), version, keep_alive,
                      c.console_base);
}

Response inspectionBlockResponse(const InspectionBlock& b, unsigned version, bool keep_alive) {
  pages::BlockPageInfo info;
  const std::string& name = b.group->config.name;
  info.audience = policy::isPupilGroup(name) ? pages::Audience::kChild : pages::Audience::kAdult;
  info.cause = pages::BlockCause::kContent;
  info.site = b.site;
  info.category_title = b.explanation.category ? b.explanation.category->title : "";
  info.reason = b.explanation.reason;
  info.when = readableTime(b.time);
  info.group = name;
  info.event_id = b.reference;
  info.console_base = b.console_base;
  info.form_token = b.form_token;
  return htmlResponse(pages::kBlockPageStatus, pages::renderBlockPage(info), version, keep_alive,
                      b.console_base);
}

Response upstreamErrorResponse(pages::UpstreamError kind, std::string_view host,
                               std::string_view detail, unsigned version) {
  pages::RenderedPage page = pages::renderUpstreamErrorPage(kind, host, detail);
  return htmlResponse(page.status, std::move(page.html), version, false, "");
}

Response upstreamRefusedResponse(const pages::UpstreamRefusalInfo& info, unsigned version, bool keep_alive) {
  pages::RenderedPage page = pages::renderUpstreamRefusedPage(info);
  return htmlResponse(page.status, std::move(page.html), version, keep_alive, "");
}

Response restrictionResponse(const pages::RestrictionPageInfo& info, bool paused, unsigned version,
                             bool keep_alive) {
  pages::RenderedPage page = paused ? pages::renderPausedPage(info) : pages::renderLessonOnlyPage(info);
  return htmlResponse(page.status, std::move(page.html), version, keep_alive, "");
}

Response badRequestResponse(http::status status, std::string_view reason) {
  pages::RenderedPage page = pages::renderBadRequestPage(static_cast<int>(status), reason);
  return htmlResponse(page.status, std::move(page.html), 11, false, "");
}

Response refusedResponse() {
  pages::RenderedPage page = pages::renderRefusedPage();
  return htmlResponse(page.status, std::move(page.html), 11, false, "");
}

Response plainResponse(http::status status, std::string_view text, unsigned version) {
  Response res{status, version};
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  res.body() = std::string(text) + "\n";
  res.keep_alive(false);
  res.prepare_payload();
  return res;
}

}  // namespace esafety::proxy
