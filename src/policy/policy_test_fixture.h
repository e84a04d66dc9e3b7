// A small school for policy tests: an index built in memory from a handful of
// entries, and groups shaped like the demo school's.
#pragma once

#include <gtest/gtest.h>

#include "classify/category_index.h"
#include "policy/snapshot.h"

namespace esafety::policy::testing {

inline classify::ListEntry listEntry(classify::EntryKind kind, std::string category,
                                     std::string value, uint32_t line) {
  classify::ListEntry e;
  e.kind = kind;
  e.category = std::move(category);
  e.value = std::move(value);
  e.where = {"lists/" + e.category + "/domains", line};
  return e;
}

inline std::shared_ptr<const classify::CategoryIndex> testIndex() {
  using classify::EntryKind;
  classify::IndexBuilder b;
  b.setUnoverridable("illegal");
  const std::tuple<EntryKind, const char*, const char*> kEntries[] = {
      {EntryKind::kDomain, "pornography", "adult.example"},
      {EntryKind::kDomain, "gambling", "casino.example"},
      {EntryKind::kDomain, "games", "games.example"},
      {EntryKind::kDomain, "games", "violent-game.example"},
      {EntryKind::kDomain, "violence", "violent-game.example"},
      {EntryKind::kDomain, "educational", "bitesize.example"},
      {EntryKind::kDomain, "social-networking", "chat.example"},
      {EntryKind::kDomain, "illegal", "iwf-test.example"},
      {EntryKind::kUrl, "illegal", "forum.example/abuse"},
      {EntryKind::kCidr, "illegal", "203.0.113.0/24"},
      {EntryKind::kDomain, "educational", "adult.example"},  // a mistake an allow-list must not turn into an illegal allow
      {EntryKind::kDomain, "educational", "iwf-test.example"},
  };
  uint32_t line = 1;
  for (const auto& [kind, category, value] : kEntries) {
    EXPECT_TRUE(b.add(listEntry(kind, category, value, line++)).isOk()) << value;
  }
  classify::ProblemList problems;
  return *classify::CategoryIndex::fromBytes(*b.build(problems));
}

inline std::vector<CategoryDef> testCategories() {
  std::vector<CategoryDef> cats;
  for (const char* name : {"pornography", "gambling", "games", "violence", "social-networking"}) {
    cats.push_back({name, name, "", false, false});
  }
  cats.push_back({"educational", "Educational", "", false, true});
  cats.push_back({"illegal", "Illegal content (IWF/CTIRU)", "", true, false});
  return cats;
}

inline PolicyData testPolicy() {
  PolicyData data;
  data.categories = testCategories();
  Group ks1;
  ks1.name = "KS1";
  ks1.blocked_categories = {"pornography", "gambling", "games", "violence", "social-networking"};
  ks1.allowed_categories = {"educational"};
  ks1.uncategorised = Action::kBlock;
  Group ks2;
  ks2.name = "KS2";
  ks2.blocked_categories = {"pornography", "gambling", "games", "violence", "social-networking"};
  ks2.allowed_categories = {"educational"};
  ks2.time_rules.push_back({"games", 0x1F, 12 * 60, 13 * 60, Action::kAllow, "lunchtime"});
  Group staff;
  staff.name = "Staff";
  staff.blocked_categories = {"pornography", "gambling"};
  staff.safe_search = false;
  Group restricted;
  restricted.name = "Restricted";
  restricted.allow_list_only = true;
  restricted.allowed_categories = {"educational"};
  data.groups = {ks1, ks2, staff, restricted};
  return data;
}

inline LocalTime at(const char* text) { return LocalTime::parse(text).value(); }

}  // namespace esafety::policy::testing
