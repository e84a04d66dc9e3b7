#include "inspect/search/phrase_spans.h"

#include <algorithm>

namespace esafety::search {
namespace {

struct ContextSpan {
  const MonitoringEntry* entry;
  WordSpan span;
};

struct Candidate {
  const MonitoringEntry* entry;
  std::vector<WordSpan> spans;
};

// The spans where an entry matches, from its finds (sorted by part).
std::vector<WordSpan> entrySpans(const MonitoringEntry& e, std::span<const PhraseFound> finds) {
  std::vector<WordSpan> first, second;
  for (const PhraseFound& f : finds) {
    auto& side = f.part == 0 ? first : second;
    if (side.size() < kMaxFindsPerPhrase) side.push_back(f.span);
  }
  if (e.near_words < 0) return first;
  std::vector<WordSpan> out;
  const uint32_t within = static_cast<uint32_t>(e.near_words);
  for (const WordSpan& a : first) {
    for (const WordSpan& b : second) {
      bool near = false;
      if (b.first > a.last) near = b.first - a.last - 1 <= within;
      if (a.first > b.last) near = a.first - b.last - 1 <= within;
      if (near) out.push_back({std::min(a.first, b.first), std::max(a.last, b.last)});
    }
  }
  return out;
}

// The level `c` keeps after the context lines of its list, and which lowered it.
TermHit lowered(const Candidate& c, std::span<const ContextSpan> contexts) {
  TermHit best{c.entry, 0, nullptr};
  for (const WordSpan& span : c.spans) {
    uint8_t level = c.entry->level;
    const MonitoringEntry* by = nullptr;
    for (const ContextSpan& ctx : contexts) {
      if (ctx.entry->category != c.entry->category) continue;
      if (ctx.span.first > span.first || span.last > ctx.span.last) continue;
      if (ctx.entry->level < level) {
        level = ctx.entry->level;
        by = ctx.entry;
      }
    }
    if (level > best.level) best = {c.entry, level, by};
  }
  return best;
}

}  // namespace

std::vector<TermHit> resolvePhraseHits(std::span<const MonitoringEntry> entries,
                                       std::vector<PhraseFound>& found) {
  std::vector<TermHit> hits;
  if (found.empty()) return hits;
  std::sort(found.begin(), found.end(), [](const PhraseFound& a, const PhraseFound& b) {
    if (a.entry != b.entry) return a.entry < b.entry;
    if (a.part != b.part) return a.part < b.part;
    return a.span.first < b.span.first;
  });
  std::vector<ContextSpan> contexts;
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < found.size();) {
    size_t j = i;
    while (j < found.size() && found[j].entry == found[i].entry) ++j;
    const MonitoringEntry& e = entries[found[i].entry];
    std::vector<WordSpan> spans =
        entrySpans(e, std::span<const PhraseFound>(found).subspan(i, j - i));
    if (e.context) {
      for (const WordSpan& s : spans) contexts.push_back({&e, s});
    } else if (!spans.empty()) {
      candidates.push_back({&e, std::move(spans)});
    }
    i = j;
  }
  for (const Candidate& c : candidates) {
    TermHit hit = lowered(c, contexts);
    if (hit.level > 0) hits.push_back(hit);
  }
  return hits;
}

}  // namespace esafety::search
