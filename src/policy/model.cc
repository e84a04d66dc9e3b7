#include "policy/model.h"

#include <cctype>

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

bool isPupilGroup(std::string_view name) {
  auto starts = [&](std::string_view prefix) {
    if (name.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(name[i])) != prefix[i]) return false;
    }
    return true;
  };
  return starts("ks") || starts("year") || starts("reception") || starts("eyfs");
}

int32_t defaultPhraseLimit(std::string_view group_name) {
  return isPupilGroup(group_name) ? kPupilPhraseLimit : kAdultPhraseLimit;
}

int32_t phraseLimitFor(const Group& group) {
  return group.phrase_limit > 0 ? group.phrase_limit : defaultPhraseLimit(group.name);
}

std::optional<uint8_t> parseDays(std::string_view text) {
  static const char* kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "every day" || lower == "everyday" || lower == "all") return 0x7F;
  if (lower == "weekdays") return 0x1F;
  if (lower == "weekends") return 0x60;
  auto day = [&](std::string_view name) -> int {
    for (int i = 0; i < 7; ++i) {
      if (name.substr(0, 3) == kNames[i] && name.size() >= 3) return i;
    }
    return -1;
  };
  uint8_t bits = 0;
  std::string_view rest = lower;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view part = rest.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    size_t dash = part.find('-');
    if (dash == std::string_view::npos) {
      int d = day(part);
      if (d < 0) return std::nullopt;
      bits = static_cast<uint8_t>(bits | 1 << d);
    } else {
      int from = day(part.substr(0, dash)), to = day(part.substr(dash + 1));
      if (from < 0 || to < 0) return std::nullopt;
      for (int d = from;; d = (d + 1) % 7) {
        bits = static_cast<uint8_t>(bits | 1 << d);
        if (d == to) break;
      }
    }
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  if (bits == 0) return std::nullopt;
  return bits;
}

std::optional<int> parseClockTime(std::string_view text) {
  int h = 0, m = 0;
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() - colon != 3) {
    return std::nullopt;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == colon) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  for (size_t i = 0; i < colon; ++i) h = h * 10 + (text[i] - '0');
  m = (text[colon + 1] - '0') * 10 + (text[colon + 2] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
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
