#include "classify/category_index.h"
#include "classify/index_format.h"

namespace esafety::classify {

void Classification::clear() {
  present_.reset();
  decided_.reset();
  hit_count_ = 0;
  url_text_count_ = 0;
}

void Classification::record(uint64_t payload, EntryKind kind, std::string_view text) {
  uint16_t category = format::payloadCategory(payload);
  if (decided_.test(category)) return;  // a more specific entry already decided
  decided_.set(category);
  if (format::payloadException(payload)) return;
  present_.set(category);
  if (hit_count_ < kMaxHits) hits_[hit_count_++] = Hit{payload, kind, text};
}

std::optional<Match> Classification::matchFor(CategoryId id) const {
  for (uint32_t i = 0; i < hit_count_; ++i) {
    if (format::payloadCategory(hits_[i].payload) != id) continue;
    Match m;
    m.kind = hits_[i].kind;
    m.category = id;
    m.source = format::payloadSource(hits_[i].payload);
    m.line = format::payloadLine(hits_[i].payload);
    m.entry = std::string(hits_[i].text);
    return m;
  }
  return std::nullopt;
}

}  // namespace esafety::classify
