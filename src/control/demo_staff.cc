#include "control/demo_staff.h"

#include "control/people_admin.h"

namespace esafety::control {

const DemoStaff kDemoStaff[6] = {
    {"Ms Amara Osei", "dsl@demo-school.example", "dsl"},
    {"Mr Tom Hughes", "head@demo-school.example", "head"},
    {"Miss Priya Shah", "teacher@demo-school.example", "teacher", "Year 5"},
    {"Mr Dan Evans", "it@demo-school.example", "it_admin"},
    {"Mrs Jo Clarke", "governor@demo-school.example", "governor"},
    {"Mrs Sue Patel", "office@demo-school.example", "office"},
};

Status seedDemoStaff(store::Store& store, const Clock& clock, std::string_view actor) {
  control::PeopleAdmin people(store, policy::kDefaultSchool, clock);
  for (const DemoStaff& s : kDemoStaff) {
    control::NewStaff staff{.name = std::string(s.name), .email = std::string(s.email),
                             .role = *identity::parseRole(s.role),
                             .class_name = std::string(s.class_name)};
    auto added = people.addStaff(staff, kDemoPassword, actor);
    if (!added) return added.status();
  }
  return Status::ok();
}

}  // namespace esafety::control
