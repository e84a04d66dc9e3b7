// seedDemoSchool(): the demo school's categories, groups, devices, local
// entries and list sources. Words here are shown to teachers in the console,
// so they are plain ones.
#include "store/demo_school.h"

#include <fmt/format.h>

#include <array>

#include "core/file_system.h"
#include "store/embedded_files.h"

namespace esafety::store {
namespace {

using policy::Action;

// The UK Safer Internet Centre's "appropriate filtering" categories.
constexpr std::array<std::string_view, 10> kUksicCategories = {
    "discrimination", "hate-speech", "drugs",  "extremism", "gambling",
    "malware-hacking", "pornography", "piracy", "self-harm", "violence"};

constexpr std::string_view kReason = "Default set-up by esafety init";

struct DemoCategory {
  std::string_view name, title, description;
  bool unoverridable = false, allow_list = false;
};

constexpr DemoCategory kCategories[] = {
    {"discrimination", "Discrimination",
     "Sites that promote unfair treatment of people because of their race, religion, sex, "
     "disability, age or sexuality."},
    {"hate-speech", "Hate speech", "Sites that attack people or stir up hatred of them for who they are."},
    {"drugs", "Drugs and substance abuse",
     "Sites that show or encourage illegal drug use or the misuse of other substances."},
    {"extremism", "Extremism",
     "Sites that promote terrorism or extreme views and try to draw people in."},
    {"gambling", "Gambling", "Betting, casinos, lotteries and other games played for money."},
    {"malware-hacking", "Malware and hacking",
     "Sites that spread viruses or teach people to break into computers and accounts."},
    {"pornography", "Pornography", "Sexually explicit pictures, videos and stories."},
    {"piracy", "Piracy and copyright theft",
     "Sites that share films, music, games or software without the owner's permission."},
    {"self-harm", "Self-harm",
     "Sites that promote or show self-harm, suicide or eating disorders."},
    {"violence", "Violence", "Sites that show or encourage violence, gore or weapons."},
    {"uncategorised", "Sites in no category",
     "Not a list: this is the rule for sites that no list knows about. Each group chooses "
     "whether to allow or block them."},
    {"circumvention", "Getting round the filter",
     "VPNs, anonymising proxies and DNS over HTTPS services that would let people get round the "
     "school's filter."},
    {"educational", "Educational",
     "Sites for learning that the school has chosen. They are allowed even where a group blocks "
     "a category, and are the only sites the Restricted group can reach.",
     false, true},
    {"games", "Games", "Online games. Pupils can play them only when their group allows it, such "
                       "as at lunchtime."},
    {"social-networking", "Social networking",
     "Social media, chat and photo-sharing sites. Most ask users to be at least 13."},
    {"illegal", "Illegal content (IWF/CTIRU)",
     "Child sexual abuse images (Internet Watch Foundation list) and unlawful terrorist content "
     "(the police's CTIRU list). Always blocked for everyone: nobody can allow it, not even the "
     "system administrator.",
     true, false},
};

std::set<std::string> uksicPlus(std::initializer_list<std::string_view> more) {
  std::set<std::string> out(kUksicCategories.begin(), kUksicCategories.end());
  out.insert(more.begin(), more.end());
  return out;
}

}  // namespace

std::vector<policy::Group> demoGroups() {
  std::vector<policy::Group> groups;
  // "illegal" is blocked for everyone whatever a group says; it is listed in
  // every group too, so that reading a group shows it.
  groups.push_back({.name = "KS1",
                    .description = "Key Stage 1 pupils (ages 5-7): the strictest pupil rules.",
                    .blocked_categories = uksicPlus(
                        {"circumvention", "games", "social-networking", "illegal"}),
                    .allowed_categories = {"educational"},
                    .uncategorised = Action::kBlock,
                    .safe_search = true,
                    .inspect = true,
                    .block_search_level = 4});
  groups.push_back({.name = "KS2",
                    .description = "Key Stage 2 pupils (ages 7-11). Games are allowed at lunchtime.",
                    .blocked_categories = uksicPlus(
                        {"circumvention", "games", "social-networking", "illegal"}),
                    .allowed_categories = {"educational"},
                    .uncategorised = Action::kAllow,
                    .safe_search = true,
                    .inspect = true,
                    .block_search_level = 4,
                    .time_rules = {{.category = "games",
                                    .days = 0x1F,
                                    .start_minute = 12 * 60,
                                    .end_minute = 13 * 60,
                                    .action = Action::kAllow,
                                    .note = "Games allowed at lunchtime, Monday to Friday"}}});
  const std::set<std::string> staff_blocked = {"pornography", "malware-hacking", "piracy",
                                               "gambling", "hate-speech", "extremism", "illegal"};
  groups.push_back({.name = "Staff",
                    .description = "Teachers and other staff.",
                    .blocked_categories = staff_blocked,
                    .uncategorised = Action::kAllow,
                    .safe_search = false});
  std::set<std::string> visitor_blocked = staff_blocked;
  visitor_blocked.insert("circumvention");
  groups.push_back({.name = "Visitor",
                    .description = "Visitors who signed in at the visitor login.",
                    .blocked_categories = visitor_blocked,
                    .uncategorised = Action::kAllow,
                    .safe_search = true});
  groups.push_back({.name = "Restricted",
                    .description = "Accounts under a sanction: only educational sites are allowed.",
                    .blocked_categories = {"illegal"},
                    .allowed_categories = {"educational"},
                    .uncategorised = Action::kBlock,
                    .allow_list_only = true,
                    .safe_search = true});
  groups.push_back({.name = "Unknown device",
                    .description = "Devices the school does not know. Everything is blocked, and "
                                   "the block page points people to the visitor login.",
                    .blocked_categories = {"illegal"},
                    .uncategorised = Action::kBlock,
                    .allow_list_only = true,
                    .safe_search = true});
  return groups;
}

namespace {

std::vector<policy::Device> demoDevices() {
  auto device = [](std::string name, std::string type, std::string room, std::string mac,
                   std::string ip, std::string group) {
    return policy::Device{.name = std::move(name), .type = std::move(type), .room = std::move(room),
                          .mac = std::move(mac), .ip = std::move(ip), .group = std::move(group)};
  };
  return {
      device("Year 1 iPad 01", "ipad", "Year 1", "02:e5:00:00:01:01", "127.0.0.11", "KS1"),
      device("Year 1 iPad 02", "ipad", "Year 1", "02:e5:00:00:01:02", "127.0.0.12", "KS1"),
      device("Year 1 iPad 03", "ipad", "Year 1", "02:e5:00:00:01:03", "127.0.0.13", "KS1"),
      device("Year 5 iPad 01", "ipad", "Year 5", "02:e5:00:00:05:01", "127.0.0.21", "KS2"),
      device("Year 5 iPad 02", "ipad", "Year 5", "02:e5:00:00:05:02", "127.0.0.22", "KS2"),
      device("Year 5 iPad 03", "ipad", "Year 5", "02:e5:00:00:05:03", "127.0.0.23", "KS2"),
      device("Staff laptop 01", "laptop", "Staff room", "02:e5:00:00:0a:01", "127.0.0.31",
             "Staff"),
      device("Office desktop", "desktop", "School office", "02:e5:00:00:0b:01", "127.0.0.32",
             "Staff"),
      // The computer running the demo, so a browser on it sees the pupils' view.
      device("Demo browser (this computer)", "desktop", "Demo", "", "127.0.0.1", "KS2"),
      // A camera needs no web at all, so it gets the deny-everything group.
      device("Year 3 classroom camera", "camera", "Year 3", "02:e5:00:00:0c:01", "127.0.0.41",
             "Unknown device"),
  };
}

std::vector<policy::LocalEntry> demoLocalEntries() {
  return {
      {.pattern = "distracting-games-demo.example",
       .action = Action::kBlock,
       .added_by = "it.technician",
       .reason = "A Year 5 teacher reported a game site that the lists miss; blocked for everyone "
                 "until the lists catch up."},
      {.group = "KS2",
       .pattern = "rainforest-project-demo.example",
       .action = Action::kAllow,
       .added_by = "computing.lead",
       .reason = "Needed for the Year 5 rainforest topic; checked by the computing lead."},
  };
}

}  // namespace

Status seedDefaultSchool(Store& store, std::string_view name, std::string_view urn,
                         std::string_view actor) {
  auto existing = store.schools();
  if (!existing) return existing.status();
  if (!existing->empty()) {
    return failedPrecondition(
        "a school can only be seeded into a new database, and this one already has a school");
  }
  auto school = store.createSchool(name, urn, actor);
  if (!school) return school.status();
  if (*school != policy::kDefaultSchool) {
    return internalError(fmt::format("the school was given id {}, not 1", *school));
  }
  const SchoolId id = *school;
  for (const DemoCategory& c : kCategories) {
    ESAFETY_RETURN_IF_ERROR(store.upsertCategory(
        id,
        {.name = std::string(c.name),
         .title = std::string(c.title),
         .description = std::string(c.description),
         .unoverridable = c.unoverridable,
         .allow_list = c.allow_list},
        actor, kReason));
  }
  for (const policy::Group& group : demoGroups()) {
    ESAFETY_RETURN_IF_ERROR(store.saveGroup(id, group, actor, kReason));
  }
  ESAFETY_RETURN_IF_ERROR(
      store.setSetting(id, "policy.unknown_device_group", "Unknown device", actor));
  // The demo's DSL and head sign in with the demo password alone; a real
  // school has two-step sign-in on for them (docs/operations.md).
  ESAFETY_RETURN_IF_ERROR(store.setSetting(id, "console.totp", "off", actor));
  return store.setSetting(id, "policy.visitor_group", "Visitor", actor);
}

Status seedDemoSchool(Store& store, const std::string& lists_dir, std::string_view actor) {
  if (lists_dir.empty()) return invalidArgument("a folder for the demo lists is required");
  ESAFETY_RETURN_IF_ERROR(seedDefaultSchool(store, kDemoSchoolName, "", actor));
  const SchoolId id = policy::kDefaultSchool;
  for (const policy::Device& device : demoDevices()) {
    auto added = store.addDevice(id, device, actor);
    if (!added) return added.status();
  }
  for (const policy::LocalEntry& entry : demoLocalEntries()) {
    auto added = store.addLocalEntry(id, entry);
    if (!added) return added.status();
  }
  for (const auto& [relative, contents] : demoListFiles()) {
    // "gambling/domains" -> category "gambling"
    const std::string category(relative.substr(0, relative.find('/')));
    auto added = store.addListSource(id,
                                     {.path = joinPath(lists_dir, relative),
                                      .format = "squidguard",
                                      .category = category,
                                      .added_by = std::string(actor)},
                                     "the demo school's own lists");
    if (!added) return added.status();
  }
  return Status::ok();
}

}  // namespace esafety::store
