#include "control/alert_mail.h"

#include <fmt/format.h>

namespace esafety::control {
namespace {

std::string oneLine(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) out += c;
  }
  return out.empty() ? std::string("your school") : out;
}

}  // namespace

AlertMailText renderAlertMail(std::string_view school_name, std::string_view public_url, int level,
                              int64_t alert_id) {
  const int n = level < 1 ? 1 : (level > 5 ? 5 : level);
  const std::string school = oneLine(school_name);
  std::string url(public_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  const std::string where =
      url.empty() ? fmt::format("Open it on the esafety console: Alerts, alert {}.", alert_id)
                  : fmt::format("Open it on the esafety console:\n{}/alerts/{}", oneLine(url), alert_id);
  AlertMailText text;
  text.subject = fmt::format("esafety: an alert of level {} for {}", n, school);
  text.body = fmt::format(
      "There is an alert of level {} for {}.\n\n{}\n\n"
      "This mail says no more on purpose: who and what are on the console, after you sign in.\n",
      n, school, where);
  return text;
}

}  // namespace esafety::control
