#include "alerts/rule_evaluator.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "policy/model.h"

namespace esafety::alerts {
namespace {

// Calls `each(name)` for every item of a ';'-separated list.
template <typename Each>
void forEachItem(std::string_view list, Each each) {
  size_t start = 0;
  while (start < list.size()) {
    size_t end = std::min(list.find(';', start), list.size());
    if (end > start) each(list.substr(start, end - start));
    start = end + 1;
  }
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// What a person looked for or at, for the evidence's words.
std::string what(const events::Event& event) {
  if (!event.search_terms.empty()) return fmt::format("search \"{}\"", event.search_terms.view());
  return std::string(event.url.view());
}

// A hit whose evidence is the event itself.
Hit eventHit(int64_t event_id, const events::Event& event, Subject subject, std::string category,
             int level, std::string rule, std::string why) {
  Hit hit;
  hit.subject = std::move(subject);
  hit.category = std::move(category);
  hit.level = level;
  hit.rule = rule;
  hit.evidence = {.source = Evidence::Source::kEvent,
                  .source_id = event_id,
                  .event_id = event_id,
                  .time_ms = event.time_ms,
                  .rule = std::move(rule),
                  .why = std::move(why)};
  return hit;
}

}  // namespace

Subject subjectOf(const events::Event& event) {
  Subject s;
  s.user_id = event.user_id;
  s.user_name = std::string(event.user_name.view());
  s.device_id = event.device_id;
  s.device_name = std::string(event.device_name.view());
  s.client_ip = event.clientIpText();
  s.group = std::string(event.group.view());
  return s;
}

RuleEvaluator::RuleEvaluator(std::shared_ptr<const RuleSet> rules, PhraseLimits phrase_limits,
                             const search::TermMatcher* matcher)
    : rules_(std::move(rules)), phrase_limits_(std::move(phrase_limits)), matcher_(matcher) {}

void RuleEvaluator::collectTags(const events::Event& event) {
  tags_.assign(event.tags.view());
  entries_.clear();
  if (matcher_ == nullptr || event.search_terms.empty()) return;
  for (const search::TermHit& hit : matcher_->match(event.search_terms.view())) {
    const std::string& category = hit.entry->category;
    bool known = false;
    for (const auto& [c, entry] : entries_) known |= c == category;
    if (known) continue;  // hits come highest level first: keep that one
    entries_.emplace_back(category,
                          fmt::format("\"{}\" (level {}, {}:{})", hit.entry->phrase,
                                      int{hit.level}, hit.entry->file, hit.entry->line));
    bool tagged = false;
    forEachItem(tags_, [&](std::string_view tag) { tagged |= tag == category; });
    if (!tagged) tags_ += (tags_.empty() ? "" : ";") + category;
  }
}

void RuleEvaluator::evaluate(int64_t event_id, const events::Event& event, std::vector<Hit>& out) {
  const size_t first = out.size();
  collectTags(event);
  Subject subject;
  bool have_subject = false;
  std::string band;
  for (size_t i = 0; i < rules_->rules.size(); ++i) {
    const Rule& rule = rules_->rules[i];
    if (rule.match == MatchKind::kTellTeacher) continue;
    if (!have_subject) {
      subject = subjectOf(event);
      band = rules_->bandOf(subject.group);
      have_subject = true;
    }
    std::string category;
    std::string why = matchEvent(rule, i, event, subject.key(), category);
    if (why.empty()) continue;
    addHit(eventHit(event_id, event, subject, rule.category.empty() ? category : rule.category,
                    rule.levelFor(band), rule.name, std::move(why)),
           out, first);
  }
  addDisclosure(event_id, event, out, first);
}

void RuleEvaluator::addDisclosure(int64_t event_id, const events::Event& event,
                                  std::vector<Hit>& out, size_t first) const {
  bool tagged = false;
  forEachItem(tags_, [&](std::string_view tag) { tagged |= tag == search::kDisclosureCategory; });
  if (!tagged) return;
  for (size_t i = first; i < out.size(); ++i) {
    if (out[i].category == search::kDisclosureCategory) return;  // a school's own rule raised it
  }
  std::string why = fmt::format("{} matched the disclosure list", what(event));
  for (const auto& [c, entry] : entries_) {
    if (c == search::kDisclosureCategory) why += ": " + entry;
  }
  addHit(eventHit(event_id, event, subjectOf(event), std::string(search::kDisclosureCategory),
                  search::kMaxRiskLevel, std::string(kBuiltInDisclosureRule), std::move(why)),
         out, first);
}

void RuleEvaluator::evaluatePress(const TellTeacherPress& press, const events::Event* blocked,
                                  int64_t blocked_event_id, std::vector<Hit>& out) {
  const size_t first = out.size();
  Subject subject = blocked != nullptr ? subjectOf(*blocked) : Subject{};
  if (blocked == nullptr) subject.client_ip = press.client_ip;
  const std::string band = rules_->bandOf(subject.group);
  for (const Rule& rule : rules_->rules) {
    if (rule.match != MatchKind::kTellTeacher) continue;
    Hit hit;
    hit.subject = subject;
    hit.category = rule.category.empty() ? "tell-teacher" : rule.category;
    hit.level = rule.levelFor(band);
    hit.rule = rule.name;
    std::string why = blocked != nullptr
                          ? fmt::format("pressed \"Tell a teacher\" on the block page for {}",
                                        what(*blocked))
                          : "pressed \"Tell a teacher\" on the block page";
    hit.evidence = {.source = Evidence::Source::kInbox,
                    .source_id = press.inbox_id,
                    .event_id = blocked_event_id,
                    .time_ms = blocked != nullptr ? blocked->time_ms : press.created_at * 1000,
                    .rule = rule.name,
                    .why = std::move(why)};
    addHit(std::move(hit), out, first);
  }
}

std::string RuleEvaluator::matchEvent(const Rule& rule, size_t index, const events::Event& event,
                                      const std::string& subject_key, std::string& category) {
  switch (rule.match) {
    case MatchKind::kTag:
      return matchTag(rule, event, category);
    case MatchKind::kBlockedCategory:
      if (event.verdict != policy::Verdict::kBlock || !contains(rule.categories, event.category.view())) {
        return "";
      }
      category = std::string(event.category.view());
      return fmt::format("blocked {} ({})", what(event), category);
    case MatchKind::kRepeatedBlocks:
      category = "repeated-blocks";
      return matchRepeated(rule, index, event, subject_key);
    case MatchKind::kScore:
      return matchScore(rule, event, category);
    case MatchKind::kTellTeacher:
      return "";
  }
  return "";
}

std::string RuleEvaluator::matchTag(const Rule& rule, const events::Event& event,
                                    std::string& category) const {
  std::string matched;
  forEachItem(tags_, [&](std::string_view tag) {
    if (matched.empty() && contains(rule.tags, tag)) matched = std::string(tag);
  });
  if (matched.empty()) return "";
  category = matched;
  for (const auto& [c, entry] : entries_) {
    if (c == matched) return fmt::format("{} matched the {} list: {}", what(event), matched, entry);
  }
  return fmt::format("{} matched the {} list", what(event), matched);
}

std::string RuleEvaluator::matchScore(const Rule& rule, const events::Event& event,
                                      std::string& category) const {
  if (event.scores.empty()) return "";
  const std::string_view group = event.group.view();
  int limit = rule.threshold.value_or(0);
  if (!rule.threshold) {
    auto it = phrase_limits_.find(group);
    limit = it != phrase_limits_.end() ? it->second : policy::defaultPhraseLimit(group);
  }
  std::string why;
  forEachItem(event.scores.view(), [&](std::string_view item) {
    if (!why.empty()) return;
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) return;
    std::string_view name = item.substr(0, eq);
    int score = 0;
    auto digits = item.substr(eq + 1);
    if (std::from_chars(digits.data(), digits.data() + digits.size(), score).ec != std::errc{}) return;
    if (score <= limit || (!rule.categories.empty() && !contains(rule.categories, name))) return;
    category = std::string(name);
    why = fmt::format("page {} scored {} for {}, over the limit of {}", event.url.view(), score,
                      name, limit);
  });
  return why;
}

std::string RuleEvaluator::matchRepeated(const Rule& rule, size_t index, const events::Event& event,
                                         const std::string& subject_key) {
  if (event.verdict != policy::Verdict::kBlock) return "";
  std::string key = fmt::format("{}|{}", index, subject_key);
  auto [it, made] = windows_.try_emplace(key);
  if (made) {
    window_order_.push_back(key);
    while (windows_.size() > kMaxWindows && !window_order_.empty()) {
      if (window_order_.front() != key) windows_.erase(window_order_.front());
      window_order_.pop_front();
    }
  }
  std::deque<int64_t>& times = it->second;
  times.push_back(event.time_ms);
  while (!times.empty() && times.front() <= event.time_ms - rule.window_ms) times.pop_front();
  // Only the newest `count` matter.
  while (times.size() > static_cast<size_t>(rule.count)) times.pop_front();
  if (times.size() < static_cast<size_t>(rule.count)) return "";
  return fmt::format("{} blocked requests within {} minutes, the latest {}", rule.count,
                     rule.window_ms / 60000, what(event));
}

void RuleEvaluator::addHit(Hit hit, std::vector<Hit>& out, size_t first_of_event) const {
  for (size_t i = first_of_event; i < out.size(); ++i) {
    if (out[i].category == hit.category) {
      if (hit.level > out[i].level) out[i] = std::move(hit);
      return;
    }
  }
  out.push_back(std::move(hit));
}

}  // namespace esafety::alerts
