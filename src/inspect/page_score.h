// PageScore: what the phrase scanner found on one page, and the verdict for a
// group's limit.
//
// Scoring follows e2guardian's default ("singular") weighted-phrase mode:
//   - each entry (a phrase or a combination) counts once per page, however
//     often it appears; a combination counts once every part has appeared;
//   - a category's score is the sum of the weights of its entries found,
//     negative weights included; "<x><10%>" adds 10% of the group's limit;
//   - the page's total is the sum over all categories, so "good phrase"
//     categories with negative weights offset the others, as in e2guardian;
//   - any exception entry makes the page pass, even with banned phrases on
//     it (e2guardian's order); otherwise any banned entry blocks it.
// Limits compare the total: judgePage(score, limit) is Banned / OverLimit
// when total > limit / Exception / Pass. The per-category scores are for the
// event and the explanation.
//
//   const PageScore& s = scan.score();
//   if (judgePage(s, group.phrase_limit) == PageVerdict::kOverLimit) block();
//   for (auto c : s.categories(limit)) event.addScore(c.name, c.score);
//   for (auto p : s.topPhrases(5, limit)) explain(p.entry->text, p.points);
//
// Belongs to one PhraseScan; not thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "inspect/phrase_lists.h"

namespace esafety::inspect {

class PhraseDatabase;

enum class PageVerdict : uint8_t {
  kPass,       // under the limit
  kException,  // an exception phrase: the page passes whatever else is on it
  kOverLimit,  // the total is over the limit
  kBanned,     // a banned phrase: blocked whatever the limit
};
std::string_view pageVerdictName(PageVerdict verdict);

struct CategoryScore {
  std::string_view name;   // "pornography"
  int64_t score = 0;
};

struct PhraseContribution {
  const PhraseEntry* entry = nullptr;  // the line, its text, kind and file:line
  int64_t points = 0;                  // its weight for this limit (0 if banned/exception)
  std::string_view category;
};

class PageScore {
 public:
  explicit PageScore(const PhraseDatabase& db);

  bool banned() const { return banned_ != kNone; }
  bool exception() const { return exception_ != kNone; }
  // The sum of every category's score; `limit` converts percentage weights.
  int64_t total(int32_t limit) const;
  // Categories with an entry found (non-zero or not), highest score first.
  std::vector<CategoryScore> categories(int32_t limit) const;
  // The `count` entries that weigh most: exception and banned first, then by
  // points, largest first (negative ones last).
  std::vector<PhraseContribution> topPhrases(size_t count, int32_t limit) const;
  // Entries found, in the order they were found.
  const std::vector<uint32_t>& entriesFound() const { return found_; }

  // For PhraseScan: entry `index` is on the page.
  void add(uint32_t index);

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  int64_t points(uint32_t index, int32_t limit) const;

  const PhraseDatabase& db_;
  std::vector<int64_t> points_;   // per category, absolute weights
  std::vector<int64_t> percent_;  // per category, percentage weights
  std::vector<uint8_t> touched_;  // per category: some entry was found
  std::vector<uint32_t> found_;
  uint32_t banned_ = kNone;
  uint32_t exception_ = kNone;
};

PageVerdict judgePage(const PageScore& score, int32_t limit);

}  // namespace esafety::inspect
