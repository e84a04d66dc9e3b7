#include "pages/thanks_page.h"

#include <string_view>

#include "pages/mascot_svg.h"
#include "pages/page_frame.h"

namespace esafety::pages {
namespace {

struct Words {
  std::string_view title, heading, first, second;
};

Words wordsFor(ThanksKind kind, Audience audience) {
  if (audience == Audience::kChild) {
    if (kind == ThanksKind::kToldTeacher) {
      return {"Your teacher has been told", "Thank you! Your teacher has been told.",
              "You did the right thing by pressing the button.",
              "You can go back and carry on with your work."};
    }
    return {"A grown-up will check this website", "Thank you! A grown-up will check this website.",
            "If it is OK for school, it will start working.",
            "You can go back and carry on with your work."};
  }
  if (kind == ThanksKind::kToldTeacher) {
    return {"A teacher has been told", "Thank you. A teacher has been told.",
            "They can see which page was blocked and when. You don't need to do anything else.",
            "Press Back to return to what you were doing."};
  }
  return {"Your request has been sent", "Thank you. Your request has been sent.",
          "The people who look after the school's filter will check the site. If they allow it, "
          "it will work without you doing anything.",
          "Press Back to return to what you were doing."};
}

}  // namespace

std::string renderThanksPage(ThanksKind kind, Audience audience) {
  Words words = wordsFor(kind, audience);
  std::string body;
  if (audience == Audience::kChild) body += mascotSvg(MascotMood::kHappy);
  body += "\n<h1>" + std::string(words.heading) + "</h1>\n";
  body += "<p" + std::string(audience == Audience::kChild ? " class=\"lead\"" : "") + ">" +
          std::string(words.first) + "</p>\n";
  body += "<p>" + std::string(words.second) + "</p>\n";
  return renderPage({.title = words.title, .audience = audience, .body = body});
}

}  // namespace esafety::pages
