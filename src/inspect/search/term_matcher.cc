#include "inspect/search/term_matcher.h"

#include <fmt/format.h>
#include <hs/hs.h>

#include <algorithm>
#include <atomic>

#include "inspect/search/match_text.h"

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
  hs_database_t* database_ = nullptr;  // null when there are no entries
  uint64_t generation_ = g_generation.fetch_add(1);
};

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
  literals.reserve(impl->entries_.size());
  for (size_t i = 0; i < impl->entries_.size(); ++i) {
    const MonitoringEntry& e = impl->entries_[i];
    if (e.pattern.empty()) {
      return invalidArgument(fmt::format("{}:{}: empty phrase", e.file, e.line));
    }
    literals.push_back(" " + e.pattern + (e.prefix ? "" : " "));
    flags.push_back(HS_FLAG_SINGLEMATCH);
    ids.push_back(static_cast<unsigned>(i));
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
    if (at >= 0 && static_cast<size_t>(at) < impl->entries_.size()) {
      const MonitoringEntry& e = impl->entries_[at];
      return invalidArgument(
          fmt::format("{}:{}: cannot compile '{}': {}", e.file, e.line, e.phrase, message));
    }
    return internalError("cannot compile the monitoring lists: " + message);
  }
  return TermMatcher(std::move(impl));
}

std::vector<TermHit> TermMatcher::match(std::string_view term) const {
  std::vector<TermHit> hits;
  if (impl_->database_ == nullptr) return hits;
  if (term.size() > kMaxMatchedTermBytes) term = term.substr(0, kMaxMatchedTermBytes);
  if (t_scratch.generation != impl_->generation_) {
    if (hs_alloc_scratch(impl_->database_, &t_scratch.scratch) != HS_SUCCESS) return hits;
    t_scratch.generation = impl_->generation_;
  }
  const std::string subject = " " + normalizeForMatching(term) + " ";
  struct Context {
    const Impl* self;
    std::vector<TermHit>* hits;
  } context{impl_.get(), &hits};
  hs_scan(
      impl_->database_, subject.data(), static_cast<unsigned>(subject.size()), 0, t_scratch.scratch,
      [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
        auto* c = static_cast<Context*>(ctx);
        c->hits->push_back({&c->self->entries_[id]});
        return 0;
      },
      &context);
  std::sort(hits.begin(), hits.end(), [](const TermHit& a, const TermHit& b) {
    const MonitoringEntry& x = *a.entry;
    const MonitoringEntry& y = *b.entry;
    if (x.level != y.level) return x.level > y.level;
    if (x.category != y.category) return x.category < y.category;
    return x.phrase < y.phrase;
  });
  return hits;
}

int TermMatcher::maxLevel(std::span<const TermHit> hits) {
  int level = 0;
  for (const TermHit& h : hits) level = std::max(level, static_cast<int>(h.entry->level));
  return level;
}

size_t TermMatcher::size() const {
  return impl_->entries_.size();
}

}  // namespace esafety::search
