// The alert rules a school starts with (issue 14's list). Levels follow the
// field's convention, 5 being immediate risk to a child, and are read by age
// band: a KS1 pupil's search for self-harm is more urgent than a member of
// staff's, which may well be lesson preparation.
#include "alerts/rules.h"

namespace esafety::alerts {

std::string_view defaultRulesText() {
  return R"(# esafety alert rules. `esafety alerts rules` shows them; set them from a
# file with `esafety alerts rules --set FILE --reason "..."`.
episode_minutes = 30
evidence_cap = 50

[bands]
KS1 = "ks1"
KS2 = "ks2"
Staff = "staff"
Visitor = "visitor"

[[rule]]
name = "self-harm or suicide"
match = "tag"
tags = ["self-harm", "suicide"]
category = "self-harm"
level = 4
levels = { ks1 = 5, ks2 = 5, staff = 3, visitor = 3 }

[[rule]]
name = "disclosure"
match = "tag"
tags = ["disclosure"]
category = "disclosure"
level = 5
levels = { ks1 = 5, ks2 = 5, staff = 5, visitor = 5 }

[[rule]]
name = "grooming or contact"
match = "tag"
tags = ["grooming"]
category = "grooming"
level = 4
levels = { ks1 = 5, ks2 = 5, staff = 3, visitor = 3 }

[[rule]]
name = "extremism"
match = "tag"
tags = ["extremism"]
category = "extremism"
level = 4
levels = { ks1 = 4, ks2 = 4, staff = 3, visitor = 3 }

[[rule]]
name = "sexual content"
match = "tag"
tags = ["sexual-content"]
category = "sexual-content"
level = 3
levels = { ks1 = 4, ks2 = 4, staff = 2, visitor = 2 }

[[rule]]
name = "bullying"
match = "tag"
tags = ["bullying"]
category = "bullying"
level = 3
levels = { ks1 = 3, ks2 = 3, staff = 2, visitor = 2 }

[[rule]]
name = "violence or weapons"
match = "tag"
tags = ["violence", "violence-weapons"]
category = "violence"
level = 3
levels = { ks1 = 3, ks2 = 3, staff = 2, visitor = 2 }

[[rule]]
name = "drugs"
match = "tag"
tags = ["drugs"]
category = "drugs"
level = 2
levels = { ks1 = 3, ks2 = 3, staff = 1, visitor = 1 }

[[rule]]
name = "hate"
match = "tag"
tags = ["hate", "hate-speech"]
category = "hate"
level = 3
levels = { ks1 = 3, ks2 = 3, staff = 2, visitor = 2 }

[[rule]]
name = "circumvention"
match = "tag"
tags = ["circumvention"]
category = "circumvention"
level = 2
levels = { ks1 = 2, ks2 = 2, staff = 1, visitor = 1 }

[[rule]]
name = "blocked risky site"
match = "blocked-category"
categories = ["pornography", "self-harm", "extremism", "violence", "drugs", "hate-speech",
              "discrimination", "illegal"]
level = 3
levels = { ks1 = 4, ks2 = 4, staff = 2, visitor = 2 }

[[rule]]
name = "repeated blocked attempts"
match = "repeated-blocks"
count = 10
window_minutes = 5
category = "repeated-blocks"
level = 2
levels = { ks1 = 3, ks2 = 3, staff = 1, visitor = 1 }

[[rule]]
name = "phrase score over the group's limit"
match = "score"
level = 3
levels = { ks1 = 4, ks2 = 4, staff = 2, visitor = 2 }

[[rule]]
name = "told a teacher"
match = "tell-teacher"
category = "tell-teacher"
level = 3
levels = { ks1 = 3, ks2 = 3, staff = 2, visitor = 2 }
)";
}

}  // namespace esafety::alerts
