#include "policy/model.h"

#include <fmt/format.h>

#include "core/clock.h"

namespace esafety::policy {

std::string_view actionName(Action action) {
  return action == Action::kAllow ? "allow" : "block";
}

std::optional<Action> parseAction(std::string_view text) {
  if (text == "allow") return Action::kAllow;
  if (text == "block") return Action::kBlock;
  return std::nullopt;
}

bool TimeRule::appliesAt(int weekday, int minute_of_day) const {
  if (start_minute <= end_minute) {
    return (days >> weekday & 1) && minute_of_day >= start_minute && minute_of_day < end_minute;
  }
  // Past midnight: 22:00-06:00 on Friday covers Friday 22:00 to Saturday 06:00.
  if (minute_of_day >= start_minute) return days >> weekday & 1;
  int yesterday = (weekday + 6) % 7;
  return (days >> yesterday & 1) && minute_of_day < end_minute;
}

std::string TimeRule::describe() const {
  std::string day_text;
  if (days == 0x1F) {
    day_text = "Mon-Fri";
  } else if (days == 0x7F) {
    day_text = "every day";
  } else if (days == 0x60) {
    day_text = "Sat-Sun";
  } else {
    for (int d = 0; d < 7; ++d) {
      if (days >> d & 1) {
        if (!day_text.empty()) day_text += ",";
        day_text += weekdayName(d);
      }
    }
  }
  return fmt::format("{} {:02}:{:02}-{:02}:{:02} {} {}", day_text, start_minute / 60,
                     start_minute % 60, end_minute / 60, end_minute % 60, actionName(action),
                     category);
}

}  // namespace esafety::policy
