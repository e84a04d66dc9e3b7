#include "console/alert_filter_params.h"

#include <charconv>
#include <string>

namespace esafety::console {
namespace {

bool number(std::string_view text, int64_t& out) {
  if (text.empty()) return true;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace

Result<alerts::AlertFilter> alertFilterParams(const ApiRequest& req, const Clock& clock) {
  alerts::AlertFilter f;
  f.person = req.param("person");
  f.group = req.param("group");
  f.class_name = req.param("class");
  f.category = req.param("category");
  f.open_only = req.param("open") == "1" || req.param("open") == "true";
  if (auto state = req.param("state"); !state.empty()) {
    f.state = alerts::parseAlertState(state);
    if (!f.state) return invalidArgument("state: not a state of an alert");
  }
  int64_t level = 1, since_hours = 0, limit = 200;
  if (!number(req.param("level"), level) || !number(req.param("since_hours"), since_hours) ||
      !number(req.param("limit"), limit) || limit < 1 || limit > 10000) {
    return invalidArgument("level, since_hours and limit are whole numbers (limit 1 to 10000)");
  }
  f.min_level = static_cast<int>(level);
  f.limit = static_cast<int>(limit);
  if (since_hours > 0) f.since_ms = (clock.nowUnix() - since_hours * 3600) * 1000;
  return f;
}

Result<int64_t> alertIdParam(const ApiRequest& req) {
  int64_t id = 0;
  if (!number(req.param("id"), id) || id <= 0) return invalidArgument("id: give the alert's number");
  return id;
}

}  // namespace esafety::console
