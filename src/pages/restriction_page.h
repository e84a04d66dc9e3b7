// The pages a device under a teacher's restriction sees (issue 14, item 4;
// policy/device_restriction.h): "paused by your teacher" while its internet
// is paused, and "only the lesson's sites now" for a site not on the
// lesson's allow-list, with links to the sites that are. Child-friendly for
// pupils' groups (the owl, big kind words), plain for everyone else.
//
//   RenderedPage page = renderPausedPage({.audience = Audience::kChild,
//                                         .until_text = "10:30"});
//   RenderedPage only = renderLessonOnlyPage({.audience = Audience::kChild,
//                                             .site = "youtube.com",
//                                             .allowed = {"bbc.co.uk/bitesize"}});
//   // status 403 for both: a browser never keeps them as the site's page
//
// Everything given is escaped. Pure functions; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "pages/audience.h"
#include "pages/rendered_page.h"

namespace esafety::pages {

inline constexpr int kRestrictionPageStatus = 403;

struct RestrictionPageInfo {
  Audience audience = Audience::kChild;
  std::string school_name = {};
  std::string until_text = {};          // "10:30": when it ends by itself; "" not shown
  std::string site = {};                // lesson-only: the site asked for
  std::vector<std::string> allowed = {};  // lesson-only: "bbc.co.uk/bitesize", ...
};

RenderedPage renderPausedPage(const RestrictionPageInfo& info);
RenderedPage renderLessonOnlyPage(const RestrictionPageInfo& info);

}  // namespace esafety::pages
