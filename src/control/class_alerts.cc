#include "control/class_alerts.h"

#include <fmt/format.h>

#include "control/alert_rota.h"
#include "core/text.h"

namespace esafety::control {
namespace {

bool sameClass(std::string_view a, std::string_view b) {
  return asciiLower(trim(a)) == asciiLower(trim(b));
}

}  // namespace

Result<std::string> ClassAlerts::classOf(int64_t teacher) {
  std::vector<std::string> warnings;
  auto rota = loadRota(store_, school_, warnings);
  if (!rota) return rota.status();
  if (!rota->teachers_see_own_class) {
    return failedPrecondition(
        "The school has not turned on class alerts for teachers. The DSL can, in the alert rota "
        "(Alerts page, \"Who is told, and when\": teachers_see_own_class).");
  }
  auto person = store_.person(school_, teacher);
  if (!person) return person.status();
  if (!*person || trim((*person)->class_name).empty()) {
    return failedPrecondition(
        "No class is set for you, so there are no class alerts to show. The school's office or "
        "IT technician can set your class.");
  }
  return std::string(trim((*person)->class_name));
}

Result<std::vector<alerts::Alert>> ClassAlerts::list(int64_t teacher, alerts::AlertFilter filter) {
  auto class_name = classOf(teacher);
  if (!class_name) return class_name.status();
  filter.class_name = *class_name;
  return store_.alerts(school_, filter);
}

Result<bool> ClassAlerts::inClass(const alerts::Alert& alert, const std::string& class_name) {
  if (alert.subject.user_id != 0) {
    auto pupil = store_.person(school_, alert.subject.user_id);
    if (!pupil) return pupil.status();
    if (*pupil && sameClass((*pupil)->class_name, class_name)) return true;
  }
  if (alert.subject.device_id != 0) {
    auto devices = store_.devices(school_);
    if (!devices) return devices.status();
    for (const auto& d : *devices) {
      if (d.id == alert.subject.device_id) return sameClass(d.room, class_name);
    }
  }
  return false;
}

Result<AlertView> ClassAlerts::show(int64_t teacher, int64_t id) {
  auto class_name = classOf(teacher);
  if (!class_name) return class_name.status();
  auto view = AlertAdmin(store_, school_, nullptr, events_).show(id);
  if (!view) return view.status();
  auto mine = inClass(view->alert, *class_name);
  if (!mine) return mine.status();
  if (!*mine) return notFound(fmt::format("there is no alert {}", id));
  view->actions.clear();
  view->escalations.clear();
  return view;
}

}  // namespace esafety::control
