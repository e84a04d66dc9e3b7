#include "inspect/search/term_matcher.h"

#include <fmt/format.h>
#include <hs/hs.h>

#include <algorithm>
#include <atomic>

#include "inspect/search/match_text.h"
#include "inspect/search/phrase_spans.h"

namespace esafety::search {
namespace {

std::atomic<uint64_t> g_generation{1};

// Vectorscan scratch space is per thread and must fit the database in use;
// the generation tells a thread its scratch was sized for another matcher.
struct ScratchCache {
  hs_scratch_t* scratch = nullptr;
  uint64_t generation = 0;
  ~ScratchCache() {
    if (scratch != nullptr) hs_free_scratch(scratch);
  }
};
thread_local ScratchCache t_scratch;

}  // namespace

class TermMatcher::Impl {
 public:
  ~Impl() {
    if (database_ != nullptr) hs_free_database(database_);
  }

  std::vector<MonitoringEntry> entries_;
  // Per Vectorscan id: the entry, which of its phrases, the literal's length.
  struct Literal {
    uint32_t entry;
    uint8_t part;
    uint32_t length;
  };
  std::vector<Literal> literals_;
  hs_database_t* database_ = nullptr;  // null when there are no entries
  uint64_t generation_ = g_generation.fetch_add(1);

  // Adds where each literal is found in `subject` (" words ... ") to `found`.
  void scan(const std::string& subject, std::vector<PhraseFound>& found) const;
};

void TermMatcher::Impl::scan(const std::string& subject, std::vector<PhraseFound>& found) const {
  // spaces_before[i]: spaces in subject[0, i); a word's index is that count
  // minus one at any of its bytes. Made at the first find.
  std::vector<uint16_t> spaces_before;
  // Finds per literal: past kMaxFindsPerPhrase the rest are not kept, so a
  // long search repeating one word ("my my my ...") costs little.
  std::vector<uint8_t> finds;
  struct Context {
    const Impl* self;
    const std::string* subject;
    std::vector<uint16_t>* spaces_before;
    std::vector<uint8_t>* finds;
    std::vector<PhraseFound>* found;
  } context{this, &subject, &spaces_before, &finds, &found};
  hs_scan(
      database_, subject.data(), static_cast<unsigned>(subject.size()), 0, t_scratch.scratch,
      [](unsigned id, unsigned long long, unsigned long long to, unsigned, void* ctx) -> int {
        auto* c = static_cast<Context*>(ctx);
        std::vector<uint16_t>& sb = *c->spaces_before;
        if (sb.empty()) {
          c->finds->assign(c->self->literals_.size(), 0);
          sb.resize(c->subject->size() + 1);
          uint16_t n = 0;
          for (size_t i = 0; i < c->subject->size(); ++i) {
            sb[i] = n;
            n += (*c->subject)[i] == ' ';
          }
          sb.back() = n;
        }
        if ((*c->finds)[id] >= kMaxFindsPerPhrase) return 0;
        ++(*c->finds)[id];
        const Literal& lit = c->self->literals_[id];
        const size_t end = static_cast<size_t>(to);
        const size_t start = end - lit.length;
        c->found->push_back({lit.entry, lit.part,
                             {static_cast<uint32_t>(sb[start + 1] - 1u),
                              static_cast<uint32_t>(sb[end - 1] - 1u)}});
        return 0;
      },
      &context);
}

TermMatcher::TermMatcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TermMatcher::TermMatcher(TermMatcher&&) noexcept = default;
TermMatcher& TermMatcher::operator=(TermMatcher&&) noexcept = default;
TermMatcher::~TermMatcher() = default;

Result<TermMatcher> TermMatcher::build(std::span<const MonitoringEntry> entries) {
  auto impl = std::make_unique<Impl>();
  impl->entries_.assign(entries.begin(), entries.end());
  if (impl->entries_.empty()) return TermMatcher(std::move(impl));

  std::vector<std::string> literals;
  std::vector<const char*> pointers;
  std::vector<size_t> lengths;
  std::vector<unsigned> flags, ids;
  auto add = [&](uint32_t entry, uint8_t part, const std::string& pattern, bool prefix) {
    literals.push_back(" " + pattern + (prefix ? "" : " "));
    flags.push_back(0);
    ids.push_back(static_cast<unsigned>(impl->literals_.size()));
    impl->literals_.push_back({entry, part, static_cast<uint32_t>(literals.back().size())});
  };
  for (size_t i = 0; i < impl->entries_.size(); ++i) {
    const MonitoringEntry& e = impl->entries_[i];
    if (e.pattern.empty() || (e.near_words >= 0 && e.near_pattern.empty())) {
      return invalidArgument(fmt::format("{}:{}: empty phrase", e.file, e.line));
    }
    add(static_cast<uint32_t>(i), 0, e.pattern, e.prefix);
    if (e.near_words >= 0) add(static_cast<uint32_t>(i), 1, e.near_pattern, e.near_prefix);
  }
  for (const std::string& l : literals) {
    pointers.push_back(l.data());
    lengths.push_back(l.size());
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(pointers.data(), flags.data(), ids.data(), lengths.data(),
                           static_cast<unsigned>(pointers.size()), HS_MODE_BLOCK, nullptr,
                           &impl->database_, &error) != HS_SUCCESS) {
    std::string message = error != nullptr && error->message != nullptr ? error->message : "?";
    int at = error != nullptr ? error->expression : -1;
    hs_free_compile_error(error);
    if (at >= 0 && static_cast<size_t>(at) < impl->literals_.size()) {
      const MonitoringEntry& e = impl->entries_[impl->literals_[at].entry];
      return invalidArgument(
          fmt::format("{}:{}: cannot compile '{}': {}", e.file, e.line, e.phrase, message));
    }
    return internalError("cannot compile the monitoring lists: " + message);
  }
  return TermMatcher(std::move(impl));
}

std::vector<TermHit> TermMatcher::match(std::string_view term) const {
  if (impl_->database_ == nullptr) return {};
  if (term.size() > kMaxMatchedTermBytes) term = term.substr(0, kMaxMatchedTermBytes);
  if (t_scratch.generation != impl_->generation_) {
    if (hs_alloc_scratch(impl_->database_, &t_scratch.scratch) != HS_SUCCESS) return {};
    t_scratch.generation = impl_->generation_;
  }
  // A stretched search ("suiiiicide") is read twice: letters kept twice
  // ("suiicide", so "killlll" meets "kill") and once ("suicide"). Both
  // readings have the same words, so their word positions agree.
  std::vector<PhraseFound> found;
  const std::string subject = " " + normalizeForMatching(term) + " ";
  impl_->scan(subject, found);
  const std::string single = " " + normalizeForMatching(term, 1) + " ";
  if (single != subject) impl_->scan(single, found);
  std::vector<TermHit> hits = resolvePhraseHits(impl_->entries_, found);
  std::sort(hits.begin(), hits.end(), [](const TermHit& a, const TermHit& b) {
    if (a.level != b.level) return a.level > b.level;
    const MonitoringEntry& x = *a.entry;
    const MonitoringEntry& y = *b.entry;
    if (x.category != y.category) return x.category < y.category;
    return x.phrase < y.phrase;
  });
  return hits;
}

int TermMatcher::maxLevel(std::span<const TermHit> hits) {
  int level = 0;
  for (const TermHit& h : hits) level = std::max(level, static_cast<int>(h.level));
  return level;
}

bool TermMatcher::hasDisclosure(std::span<const TermHit> hits) {
  for (const TermHit& h : hits) {
    if (h.entry->category == kDisclosureCategory) return true;
  }
  return false;
}

std::string describeHit(const TermHit& hit) {
  const MonitoringEntry& e = *hit.entry;
  std::string out = fmt::format("{}:{} \"{}\" level {}", e.file, e.line, e.phrase, int{hit.level});
  if (hit.lowered_by != nullptr) {
    out += fmt::format(", lowered from {} by {}:{} \"{}\"", int{e.level}, hit.lowered_by->file,
                       hit.lowered_by->line, hit.lowered_by->phrase);
  }
  return out;
}

size_t TermMatcher::size() const {
  return impl_->entries_.size();
}

}  // namespace esafety::search
