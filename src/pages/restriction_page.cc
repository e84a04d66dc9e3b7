#include "pages/restriction_page.h"

#include "pages/display_text.h"
#include "pages/html_escape.h"
#include "pages/mascot_svg.h"
#include "pages/page_frame.h"

namespace esafety::pages {
namespace {

std::string untilLine(const RestrictionPageInfo& info) {
  if (info.until_text.empty()) return "";
  return "<p>It ends by itself at <strong>" + htmlEscape(shortenForDisplay(info.until_text, 32)) +
         "</strong>, or when your teacher ends it.</p>\n";
}

RenderedPage framed(std::string_view title, const RestrictionPageInfo& info, std::string body) {
  std::string page;
  if (info.audience == Audience::kChild) page += std::string(mascotSvg(MascotMood::kWaving));
  page += "<h1>" + htmlEscape(title) + "</h1>\n" + body;
  return {kRestrictionPageStatus,
          renderPage({.title = title, .audience = info.audience, .body = page, .school_name = info.school_name})};
}

}  // namespace

RenderedPage renderPausedPage(const RestrictionPageInfo& info) {
  const bool child = info.audience == Audience::kChild;
  std::string body = child ? "<p>Your teacher has paused the internet on this device for now. You're not in "
                             "trouble \xE2\x80\x94 it's time to look up and listen.</p>\n"
                           : "<p>A teacher has paused the internet on this device.</p>\n";
  body += untilLine(info);
  if (child) body += "<p>If you need it for your work, put your hand up and ask your teacher.</p>\n";
  return framed(child ? "Paused by your teacher" : "Internet paused by a teacher", info, std::move(body));
}

RenderedPage renderLessonOnlyPage(const RestrictionPageInfo& info) {
  const bool child = info.audience == Audience::kChild;
  std::string body;
  if (!info.site.empty()) {
    body += "<p><span class=\"ref\">" + htmlEscape(shortenForDisplay(info.site, 80)) + "</span> " +
            (child ? "isn't one of this lesson's websites." : "is not on this lesson's list of sites.") +
            "</p>\n";
  }
  body += child ? "<p>Right now you can only use the websites your teacher chose for this lesson:</p>\n"
                : "<p>A teacher has restricted this device to these sites for the lesson:</p>\n";
  body += "<ul>\n";
  for (const auto& site : info.allowed) {
    const std::string shown = htmlEscape(shortenForDisplay(site, 80));
    body += "<li><a href=\"https://" + htmlEscape(site) + "\">" + shown + "</a></li>\n";
  }
  body += "</ul>\n" + untilLine(info);
  return framed(child ? "Only the lesson's sites now" : "Only the lesson's sites", info, std::move(body));
}

}  // namespace esafety::pages
