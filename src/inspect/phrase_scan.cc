#include "inspect/phrase_scan.h"

#include <fmt/format.h>
#include <hs/hs.h>

#include <algorithm>

namespace esafety::inspect {
namespace {

// One scratch per thread, grown to fit every database the thread has used.
struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  uint64_t fits_generation = 0;  // the last database it was checked against
  ~ThreadScratch() {
    if (scratch != nullptr) hs_free_scratch(scratch);
  }
};

Result<hs_scratch_t*> scratchFor(const PhraseDatabase& db) {
  thread_local ThreadScratch t;
  if (t.fits_generation != db.generation()) {
    if (hs_alloc_scratch(db.database(), &t.scratch) != HS_SUCCESS) {
      return Status(StatusCode::kResourceExhausted, "Vectorscan scratch space not allocated");
    }
    t.fits_generation = db.generation();
  }
  return t.scratch;
}

}  // namespace

PhraseScan::PhraseScan(std::shared_ptr<const PhraseDatabase> db)
    : db_(std::move(db)), score_(*db_) {
  if (db_->database() != nullptr) {
    if (hs_open_stream(db_->database(), 0, &stream_) != HS_SUCCESS) stream_ = nullptr;
  }
}

PhraseScan::~PhraseScan() {
  if (stream_ != nullptr) hs_close_stream(stream_, nullptr, nullptr, nullptr);
}

int PhraseScan::onMatch(unsigned int id, unsigned long long, unsigned long long, unsigned int,
                        void* context) {
  auto* self = static_cast<PhraseScan*>(context);
  self->termFound(self->db_->termOfPattern(id));
  return 0;
}

void PhraseScan::termFound(uint32_t term) {
  if (terms_seen_.empty()) terms_seen_.assign(db_->lists().terms.size() / 64 + 1, 0);
  uint64_t bit = uint64_t{1} << (term % 64);
  if (terms_seen_[term / 64] & bit) return;  // another pattern of the same term
  terms_seen_[term / 64] |= bit;
  for (uint32_t index : db_->entriesOfTerm(term)) {
    const auto& info = db_->entry(index);
    if (info.terms > 1) {
      if (combination_parts_.empty()) combination_parts_.assign(db_->combinations(), 0);
      if (++combination_parts_[info.combination] != info.terms) continue;
    }
    score_.add(index);
  }
}

Status PhraseScan::scan(std::string_view text) {
  if (finished_) return failedPrecondition("scan() after finish()");
  bytes_ += text.size();
  if (db_->database() == nullptr || text.empty()) return Status::ok();
  if (stream_ == nullptr) return Status(StatusCode::kResourceExhausted, "no Vectorscan stream");
  auto scratch = scratchFor(*db_);
  if (!scratch) return scratch.status();
  // hs_scan_stream takes an unsigned length: feed huge inputs in pieces.
  constexpr size_t kPiece = size_t{1} << 30;
  for (size_t at = 0; at < text.size(); at += kPiece) {
    size_t size = std::min(kPiece, text.size() - at);
    hs_error_t rc = hs_scan_stream(stream_, text.data() + at, static_cast<unsigned>(size), 0,
                                   *scratch, &PhraseScan::onMatch, this);
    if (rc != HS_SUCCESS) return internalError(fmt::format("hs_scan_stream failed: {}", rc));
  }
  return Status::ok();
}

Status PhraseScan::finish() {
  if (finished_) return Status::ok();
  finished_ = true;
  if (stream_ == nullptr) return Status::ok();
  auto scratch = scratchFor(*db_);
  if (!scratch) return scratch.status();
  hs_error_t rc = hs_close_stream(stream_, *scratch, &PhraseScan::onMatch, this);
  stream_ = nullptr;
  if (rc != HS_SUCCESS) return internalError(fmt::format("hs_close_stream failed: {}", rc));
  return Status::ok();
}

}  // namespace esafety::inspect
