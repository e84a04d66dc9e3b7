// The block page: what a pupil, a teacher or a visitor sees in place of a
// blocked site (DESIGN.md §3 step 5). Plain server-side HTML with no script,
// no external resources and its CSS inline, so it works the same in every
// browser, with scripts off, on a school iPad.
//
//   BlockPageInfo info;
//   info.audience = group_is_pupils ? Audience::kChild : Audience::kAdult;
//   info.cause = BlockCause::kCategory;
//   info.site = url.toString();
//   info.category_title = explanation.category->title;
//   info.reason = explanation.reason;
//   info.when = "Tue 3 March 2026, 12:15";
//   info.group = "KS1";
//   info.event_id = event_id;
//   info.console_base = config.console_base;
//   std::string html = renderBlockPage(info);   // send with kBlockPageStatus
//
// Both versions carry two buttons, each its own <form method="post">:
//   "Tell a teacher"                  -> {console_base}/blocked/tell-teacher
//   "Ask for this site to be checked" -> {console_base}/blocked/ask-check
// Fields posted (application/x-www-form-urlencoded):
//   ref    the reference code, formatReference(event_id)        (always)
//   token  form_token, when the caller gave one                 (optional)
//   why    "Why do you need it?", at most 500 characters       (adult ask-check only)
// Children get no free-text box. The console answers with renderThanksPage.
// The console cannot use its CSRF cookie here (the page sits on the blocked
// site's origin), so it must check the ref, and the token if used, against
// the client that posts it.
//
// Everything in BlockPageInfo except event_id is treated as untrusted text:
// it is cut to a readable length and HTML-escaped.
//
// Pure function; safe from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "pages/audience.h"

namespace esafety::pages {

// Why the site was blocked, in the words a child is told. The adult page
// shows `reason` instead. From the policy's deciding step:
//   kIllegal -> kIllegal, kLocalDeny -> kSchoolBlocked, kCategory -> kCategory
//   (or kNotChecked for an allow-list-only group), kUncategorised ->
//   kNotChecked, kAccount -> kAccount; a phrase-scanner block -> kContent.
enum class BlockCause {
  kCategory,       // the group blocks the site's category, perhaps at this time of day
  kSchoolBlocked,  // the school's own blocked-sites list
  kIllegal,        // the illegal-content lists (IWF, CTIRU)
  kNotChecked,     // in no category, or not on the group's allow-list
  kContent,        // the page's own words, found as it loaded
  kAccount,        // the account is paused (a sanction, or the AUP not yet accepted)
};

struct BlockPageInfo {
  Audience audience = Audience::kChild;
  BlockCause cause = BlockCause::kCategory;
  std::string site;            // host or URL as asked for; shown cut to 100 characters
  std::string category_title;  // "Games"; may be empty (uncategorised)
  std::string reason;          // policy::Explanation::reason, one plain sentence
  std::string when;            // local time, as people read it: "Tue 3 March 2026, 12:15"
  std::string group;           // "KS1"
  uint64_t event_id = 0;       // shown and posted as formatReference(event_id)
  std::string console_base;    // "https://esafety.school.internal:8080" (console_url.h)
  std::string form_token;      // optional; posted as "token" so the console can trust ref
  std::string school_name;     // optional; shown above the card
};

inline constexpr int kBlockPageStatus = 403;
inline constexpr size_t kWhyMaxLength = 500;

std::string renderBlockPage(const BlockPageInfo& info);

}  // namespace esafety::pages
