// The thank-you page: what the console sends after a block page's button is
// pressed, so the person knows it worked and what happens next.
//
//   // in the console's POST /blocked/tell-teacher handler, once recorded:
//   send(200, renderThanksPage(ThanksKind::kToldTeacher, Audience::kChild));
//
// No user text appears on it, so it needs no escaping. Pure function; safe
// from any thread.
#pragma once

#include <string>

#include "pages/audience.h"

namespace esafety::pages {

enum class ThanksKind {
  kToldTeacher,  // after "Tell a teacher"
  kAskedCheck,   // after "Ask for this site to be checked"
};

std::string renderThanksPage(ThanksKind kind, Audience audience);

}  // namespace esafety::pages
