// The policy model: what a school has configured. Plain data, loaded from the
// Store and compiled into an immutable Snapshot (snapshot.h) for the data plane.
//
// Names, not ids, link things together (a group blocks "gambling"), because
// the same names appear in config files, list folders and the console, and the
// category index assigns its own numeric ids.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace esafety::policy {

using SchoolId = int64_t;
inline constexpr SchoolId kDefaultSchool = 1;

enum class Action : uint8_t { kAllow, kBlock };
std::string_view actionName(Action action);  // "allow", "block"
std::optional<Action> parseAction(std::string_view text);

// Parses "Mon-Fri", "Sat,Sun", "Tue", "every day" into TimeRule::days bits.
std::optional<uint8_t> parseDays(std::string_view text);
// Parses "12:00" (or "24:00" as the end of the day) into minutes after midnight.
std::optional<int> parseClockTime(std::string_view text);

struct School {
  SchoolId id = 0;
  std::string name;
  std::string urn;  // DfE unique reference number, may be empty
};

struct CategoryDef {
  std::string name;          // "pornography"; lower-case, [a-z0-9-]
  std::string title;         // "Pornography", for people
  std::string description;
  bool unoverridable = false;  // illegal content: nobody may allow it, ever
  bool allow_list = false;     // an allow-list category (e.g. "educational")
};

// "Games allowed 12:00-13:00 on weekdays": while a rule is in force it replaces
// the group's normal action for its category.
struct TimeRule {
  std::string category;
  uint8_t days = 0x1F;    // bit 0 = Monday ... bit 6 = Sunday
  int start_minute = 0;   // minutes after midnight, inclusive
  int end_minute = 0;     // exclusive; may be < start for a rule past midnight
  Action action = Action::kAllow;
  std::string note;

  bool appliesAt(int weekday, int minute_of_day) const;
  std::string describe() const;  // "Mon-Fri 12:00-13:00 allow games"
};

struct Group {
  std::string name;         // "KS1"
  std::string description;
  std::set<std::string> blocked_categories;
  std::set<std::string> allowed_categories;  // win over blocked ones (never over unoverridable)
  Action uncategorised = Action::kAllow;     // sites in no category
  bool allow_list_only = false;  // block anything not explicitly allowed (the Restricted group)
  bool safe_search = true;
  // Phrase scanning of pages (text/html, text/plain, XHTML) as they load: a
  // page whose e2guardian score goes over `phrase_limit` gets the block page
  // (or, once part of it has reached the browser, its connection is cut).
  // On for pupil groups in the demo school and by the store's migration 5.
  bool inspect = false;
  // e2guardian's "naughtynesslimit": the page is blocked when its total
  // score is over this. 0 = the default for the group (defaultPhraseLimit).
  int32_t phrase_limit = 0;
  // Searches whose words match a monitoring-list phrase of this risk level
  // (1-5) or higher get the block page; 0 = never blocked (still logged and
  // tagged with the list's category).
  int32_t block_search_level = 0;
  // Open HTTPS (with a leaf from the school's CA) so whole URLs are decided
  // and block pages shown; sites on the no-inspect list are still tunnelled.
  bool inspect_tls = false;
  std::vector<TimeRule> time_rules;
};

// True for groups of pupils (names starting "KS", "Year", "Reception" or
// "EYFS", in any case): they get the child-friendly pages.
bool isPupilGroup(std::string_view group_name);

// e2guardian's shipped guidance for its naughtynesslimit: 50 for young
// children, 160 for adults. Primary pupils get 50, everyone else 160.
inline constexpr int32_t kPupilPhraseLimit = 50;
inline constexpr int32_t kAdultPhraseLimit = 160;
inline constexpr int32_t kMaxPhraseLimit = 1000000;
int32_t defaultPhraseLimit(std::string_view group_name);
// The limit in force: group.phrase_limit, or the default for its name.
int32_t phraseLimitFor(const Group& group);

// A school's own allow or deny entry. Every entry records who, when and why,
// because the DfE standards ask schools to document each decision.
struct LocalEntry {
  int64_t id = 0;
  std::string group;    // empty: applies to every group
  std::string pattern;  // "example.com" or "example.com/path"
  Action action = Action::kBlock;
  std::string added_by;
  int64_t added_at = 0;  // Unix seconds
  std::string reason;
};

struct Device {
  int64_t id = 0;
  std::string name;   // "iPad 07"
  std::string type;   // one of kDeviceTypes; may be empty
  std::string room;   // room or class
  std::string mac;    // "aa:bb:cc:dd:ee:ff", may be empty
  std::string ip;     // fixed address or DHCP reservation, may be empty
  std::string group;  // default group
  bool dhcp_reservation = false;  // `ip` is reserved in the school's DHCP server
};
inline constexpr std::string_view kDeviceTypes[] = {"ipad", "laptop", "desktop", "camera",
                                                    "other"};

// A device lent to a pupil for a lesson (identity/ keeps the record): from
// `from` until `until` (Unix seconds) requests from the device are the
// pupil's, under the pupil's group.
struct DeviceCheckout {
  int64_t device_id = 0;
  int64_t user_id = 0;     // the pupil
  std::string user_name;   // "Amira Khan"
  std::string group;       // the pupil's group ("KS1"); empty: the device's own
  int64_t from = 0;
  int64_t until = 0;
};

// A sanction on a person: deactivated (nothing allowed) or restricted (the
// school's allow-list categories and allowed sites only), from `from` until
// `until` (0: until lifted).
struct UserSanction {
  int64_t user_id = 0;
  bool deactivated = false;
  bool restricted = false;
  int64_t from = 0;
  int64_t until = 0;
};

// A list file or folder that the category index is compiled from.
struct ListSource {
  int64_t id = 0;
  std::string path;
  std::string format;    // listFormatName()
  std::string category;  // empty: from the list itself
  std::string added_by;
  int64_t added_at = 0;
  uint64_t entries = 0;   // from the last compile
  uint64_t rejected = 0;
};

// Everything the decision needs for one school.
struct PolicyData {
  SchoolId school = kDefaultSchool;
  std::vector<CategoryDef> categories;
  std::vector<Group> groups;
  std::vector<LocalEntry> local_entries;
  std::vector<Device> devices;  // the registry, for client address -> device -> group
  std::vector<DeviceCheckout> checkouts;  // current and coming check-outs
  std::vector<UserSanction> sanctions;    // sanctions not lifted
  std::string unknown_device_group = "Unknown device";  // for addresses no device has
};

}  // namespace esafety::policy
