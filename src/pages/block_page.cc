#include "pages/block_page.h"

#include <string_view>

#include "pages/console_url.h"
#include "pages/display_text.h"
#include "pages/html_escape.h"
#include "pages/mascot_svg.h"
#include "pages/page_frame.h"
#include "pages/reference.h"

namespace esafety::pages {
namespace {

// Each field is cut before it is escaped, so a 64 KB URL makes a short page.
constexpr size_t kSiteMax = 100;
constexpr size_t kReasonMax = 400;
constexpr size_t kShortFieldMax = 80;

std::string shown(std::string_view text, size_t max) {
  return htmlEscape(shortenForDisplay(text, max));
}

// The pages' own words below are trusted literals and go in as they are;
// everything from BlockPageInfo goes through shown() or htmlEscape().
struct ChildWords {
  std::string_view heading, lead, reason;
  std::string_view next =
      "You can go back and choose something else, or press a button to get help.";
};

ChildWords childWordsFor(BlockCause cause) {
  constexpr std::string_view kHeading = "This website is not for school.";
  constexpr std::string_view kLead = "That's OK \xE2\x80\x94 you haven't done anything wrong.";
  switch (cause) {
    case BlockCause::kCategory:
      return {kHeading, kLead,
              "Your school chooses the websites that are right for your class, and this one "
              "isn't one of them."};
    case BlockCause::kSchoolBlocked:
      return {kHeading, kLead, "Your school has decided this website isn't right for your class."};
    case BlockCause::kIllegal:
      return {kHeading, kLead, "This website is not safe, so it is switched off for everyone."};
    case BlockCause::kNotChecked:
      return {kHeading, kLead,
              "Nobody at school has checked this website yet, so it is switched off for now."};
    case BlockCause::kContent:
      return {"This page is not for school.", kLead,
              "This page had words or pictures that aren't right for school."};
    case BlockCause::kAccount:
      return {"You can't use the internet just now.",
              "That's OK \xE2\x80\x94 your teacher can help.",
              "Please ask your teacher what to do next.",
              "Press \xE2\x80\x9CTell a teacher\xE2\x80\x9D and your teacher will come and help."};
  }
  return {kHeading, kLead, ""};
}

std::string_view adultHeadingFor(BlockCause cause) {
  switch (cause) {
    case BlockCause::kAccount:
      return "Browsing is paused for this account";
    case BlockCause::kContent:
      return "This page was blocked";
    default:
      return "This site is blocked";
  }
}

// Used when the caller has no reason sentence.
std::string_view adultFallbackReasonFor(BlockCause cause) {
  switch (cause) {
    case BlockCause::kCategory:
      return "The school's filter blocks this kind of site for your group.";
    case BlockCause::kSchoolBlocked:
      return "The school has blocked this site.";
    case BlockCause::kIllegal:
      return "This site is on an illegal-content list. Nobody can unblock it.";
    case BlockCause::kNotChecked:
      return "This site has not been checked for your group yet.";
    case BlockCause::kContent:
      return "The page's content is not allowed for your group.";
    case BlockCause::kAccount:
      return "This account cannot browse at the moment.";
  }
  return "";
}

std::string hiddenFields(const BlockPageInfo& info, const std::string& ref) {
  std::string out = "<input type=\"hidden\" name=\"ref\" value=\"" + htmlEscape(ref) + "\">";
  if (!info.form_token.empty()) {
    out += "<input type=\"hidden\" name=\"token\" value=\"" + htmlEscape(info.form_token) + "\">";
  }
  return out;
}

std::string tellTeacherForm(const BlockPageInfo& info, const std::string& ref, bool primary) {
  return "<form method=\"post\" action=\"" +
         htmlEscape(consoleUrl(info.console_base, "/blocked/tell-teacher")) + "\">" +
         hiddenFields(info, ref) + "<button type=\"submit\" class=\"button" +
         (primary ? "" : " secondary") + "\">Tell a teacher</button></form>\n";
}

std::string askCheckForm(const BlockPageInfo& info, const std::string& ref, bool primary) {
  std::string out = "<form method=\"post\" action=\"" +
                    htmlEscape(consoleUrl(info.console_base, "/blocked/ask-check")) + "\">" +
                    hiddenFields(info, ref);
  if (info.audience == Audience::kAdult) {
    out += "<label for=\"why\">Why do you need it? <span class=\"muted\">(optional)</span></label>";
    out += "<textarea id=\"why\" name=\"why\" rows=\"3\" maxlength=\"" +
           std::to_string(kWhyMaxLength) + "\"></textarea>";
  }
  out += std::string("<button type=\"submit\" class=\"button") + (primary ? "" : " secondary") +
         "\">Ask for this site to be checked</button></form>\n";
  return out;
}

std::string factRow(std::string_view term, const std::string& value_html) {
  if (value_html.empty()) return "";
  return "<dt>" + std::string(term) + "</dt><dd>" + value_html + "</dd>\n";
}

std::string facts(const BlockPageInfo& info, const std::string& ref, bool with_reason) {
  std::string out = "<dl class=\"facts\">\n";
  out += factRow(
      info.cause == BlockCause::kContent ? "Page" : "Site",
      info.site.empty() ? "" : "<span class=\"site\">" + shown(info.site, kSiteMax) + "</span>");
  if (with_reason) out += factRow("Why", shown(info.reason, kReasonMax));
  out += factRow("Category", shown(info.category_title, kShortFieldMax));
  out += factRow("Group", shown(info.group, kShortFieldMax));
  out += factRow("When", shown(info.when, kShortFieldMax));
  out += factRow("Reference", "<span class=\"ref\">" + htmlEscape(ref) + "</span>");
  out += "</dl>\n";
  return out;
}

std::string childBody(const BlockPageInfo& info, const std::string& ref) {
  ChildWords words = childWordsFor(info.cause);
  std::string out(mascotSvg(MascotMood::kWaving));
  out += "\n<h1>" + std::string(words.heading) + "</h1>\n";
  out += "<p class=\"lead\">" + std::string(words.lead) + "</p>\n";
  out += "<p>" + std::string(words.reason) + "</p>\n";
  out += "<p>" + std::string(words.next) + "</p>\n";
  out += "<div class=\"actions\">\n";
  out += tellTeacherForm(info, ref, /*primary=*/true);
  out += askCheckForm(info, ref, /*primary=*/false);
  out += "</div>\n";
  out +=
      "<section class=\"teacher\" aria-labelledby=\"for-teacher\">\n"
      "<h2 id=\"for-teacher\">For your teacher</h2>\n";
  out += facts(info, ref, /*with_reason=*/true);
  out += "</section>\n";
  return out;
}

std::string adultBody(const BlockPageInfo& info, const std::string& ref) {
  std::string out = "<h1>" + std::string(adultHeadingFor(info.cause)) + "</h1>\n";
  std::string reason = shown(info.reason, kReasonMax);
  out += "<p>" + (reason.empty() ? std::string(adultFallbackReasonFor(info.cause)) : reason) +
         "</p>\n";
  out += facts(info, ref, /*with_reason=*/false);
  out +=
      "<section class=\"section\" aria-labelledby=\"need-it\">\n"
      "<h2 id=\"need-it\">Think this is a mistake?</h2>\n";
  out += askCheckForm(info, ref, /*primary=*/true);
  out +=
      "</section>\n<section class=\"section\" aria-labelledby=\"worried\">\n"
      "<h2 id=\"worried\">Worried by something you saw?</h2>\n"
      "<p>Tell a teacher. They will see which page was blocked, and when.</p>\n";
  out += tellTeacherForm(info, ref, /*primary=*/false);
  out += "</section>\n";
  return out;
}

}  // namespace

std::string renderBlockPage(const BlockPageInfo& info) {
  const std::string ref = formatReference(info.event_id);
  const bool child = info.audience == Audience::kChild;
  const std::string body = child ? childBody(info, ref) : adultBody(info, ref);
  return renderPage({.title = child ? childWordsFor(info.cause).heading : "Site blocked",
                     .audience = info.audience,
                     .body = body,
                     .school_name = info.school_name});
}

}  // namespace esafety::pages
