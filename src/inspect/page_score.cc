#include "inspect/page_score.h"

#include <algorithm>

#include "inspect/phrase_database.h"

namespace esafety::inspect {

std::string_view pageVerdictName(PageVerdict verdict) {
  switch (verdict) {
    case PageVerdict::kPass: return "pass";
    case PageVerdict::kException: return "exception";
    case PageVerdict::kOverLimit: return "over-limit";
    case PageVerdict::kBanned: return "banned";
  }
  return "?";
}

PageScore::PageScore(const PhraseDatabase& db) : db_(db) {}

void PageScore::add(uint32_t index) {
  const auto& info = db_.entry(index);
  found_.push_back(index);
  switch (info.kind) {
    case PhraseKind::kException:
      if (exception_ == kNone) exception_ = index;
      return;
    case PhraseKind::kBanned:
      if (banned_ == kNone) banned_ = index;
      return;
    case PhraseKind::kWeighted:
      break;
  }
  if (points_.empty()) {
    size_t categories = db_.lists().categories.size();
    points_.assign(categories, 0);
    percent_.assign(categories, 0);
    touched_.assign(categories, 0);
  }
  (info.percent ? percent_ : points_)[info.category] += info.weight;
  touched_[info.category] = 1;
}

int64_t PageScore::points(uint32_t index, int32_t limit) const {
  const auto& info = db_.entry(index);
  if (info.kind != PhraseKind::kWeighted) return 0;
  return info.percent ? static_cast<int64_t>(info.weight) * limit / 100 : info.weight;
}

int64_t PageScore::total(int32_t limit) const {
  int64_t sum = 0;
  for (size_t i = 0; i < points_.size(); ++i) sum += points_[i] + percent_[i] * limit / 100;
  return sum;
}

std::vector<CategoryScore> PageScore::categories(int32_t limit) const {
  std::vector<CategoryScore> out;
  for (size_t i = 0; i < points_.size(); ++i) {
    if (!touched_[i]) continue;
    out.push_back({db_.lists().categories[i].name, points_[i] + percent_[i] * limit / 100});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const CategoryScore& a, const CategoryScore& b) { return a.score > b.score; });
  return out;
}

std::vector<PhraseContribution> PageScore::topPhrases(size_t count, int32_t limit) const {
  auto rank = [&](uint32_t index) {
    PhraseKind kind = db_.entry(index).kind;
    return kind == PhraseKind::kException ? 0 : kind == PhraseKind::kBanned ? 1 : 2;
  };
  std::vector<uint32_t> order = found_;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    return points(a, limit) > points(b, limit);
  });
  if (order.size() > count) order.resize(count);
  std::vector<PhraseContribution> out;
  const auto& lists = db_.lists();
  for (uint32_t index : order) {
    const PhraseEntry& entry = lists.entries[index];
    out.push_back({&entry, points(index, limit), lists.categories[entry.category].name});
  }
  return out;
}

PageVerdict judgePage(const PageScore& score, int32_t limit) {
  if (score.exception()) return PageVerdict::kException;
  if (score.banned()) return PageVerdict::kBanned;
  if (score.total(limit) > limit) return PageVerdict::kOverLimit;
  return PageVerdict::kPass;
}

}  // namespace esafety::inspect
