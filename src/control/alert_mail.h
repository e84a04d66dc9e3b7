// The alert mail's words (issue 14, "Reaching a person"): that there is an
// alert of level N for the school, and a link to it on the console. Nothing
// else, by construction: the function takes only the school's name, the
// console's address, the level and the alert's number, so no child's name,
// no evidence and no search term can reach a mail, whoever calls it. The DSL
// reads the rest on the console, after signing in.
//
//   AlertMailText text = renderAlertMail("Hillside Primary", "https://esafety.hillside.example", 4, 42);
//   // text.subject: "esafety: an alert of level 4 for Hillside Primary"
//   // text.body:    "There is an alert of level 4 for Hillside Primary.\n\n..."
//
// Thread safety: a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace esafety::control {

struct AlertMailText {
  std::string subject;
  std::string body;  // plain text, '\n' line ends
};

// `level` is clamped to 1..5. `school_name` loses any control character (a
// mail header must stay one line). With no `public_url` the body names the
// console's Alerts page and the alert's number instead of a link.
AlertMailText renderAlertMail(std::string_view school_name, std::string_view public_url, int level,
                              int64_t alert_id);

}  // namespace esafety::control
