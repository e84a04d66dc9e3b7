// Audience: who a page speaks to. The caller chooses from the group: pupils'
// groups (KS1, KS2, EYFS) see the child version, with big kind words, a
// picture and no free-text box; staff, visitors and anyone unknown see the
// adult version, plain and compact.
#pragma once

namespace esafety::pages {

enum class Audience {
  kChild,  // KS1 (5-7) and KS2 (7-11) pupils; words a teacher would read out
  kAdult,  // staff, visitors, governors, and any group not known to be pupils
};

}  // namespace esafety::pages
