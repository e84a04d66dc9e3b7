// PhraseDatabase: phrase lists compiled into one Vectorscan database in
// streaming mode, plus the tables that turn a match into entries to score.
// Immutable once built and shared by every worker thread (each thread keeps
// its own Vectorscan scratch, see PhraseScan).
//
//   PhraseLists lists;  loadPhraseLists(fs, roots, lists, problems);
//   auto db = PhraseDatabase::compile(std::move(lists));
//   if (!db) return db.status();
//   PhraseScan scan(*db);
//
// Every pattern is a literal (the normalised phrase), reported once per
// stream (HS_FLAG_SINGLEMATCH): a phrase counts once per page, as in
// e2guardian's default "singular" weighted-phrase mode.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/status.h"
#include "inspect/phrase_lists.h"

struct hs_database;

namespace esafety::inspect {

struct PhraseDatabaseStats {
  size_t patterns = 0;
  size_t terms = 0;
  size_t entries = 0;
  size_t categories = 0;
  size_t database_bytes = 0;  // the compiled Vectorscan database
  size_t stream_bytes = 0;    // Vectorscan's state for one open page
  double compile_seconds = 0;
};

class PhraseDatabase {
 public:
  // What scoring needs of an entry, packed.
  struct EntryInfo {
    int32_t weight = 0;
    uint32_t category = 0;
    PhraseKind kind = PhraseKind::kWeighted;
    bool percent = false;
    uint16_t terms = 1;           // how many phrases must be on the page
    uint32_t combination = 0;     // slot among combinations (terms > 1)
  };

  static Result<std::shared_ptr<const PhraseDatabase>> compile(PhraseLists lists);
  ~PhraseDatabase();
  PhraseDatabase(const PhraseDatabase&) = delete;
  PhraseDatabase& operator=(const PhraseDatabase&) = delete;

  const PhraseLists& lists() const { return lists_; }
  const PhraseDatabaseStats& stats() const { return stats_; }

  // For PhraseScan.
  hs_database* database() const { return database_; }  // null when there are no phrases
  uint64_t generation() const { return generation_; }  // unique per compiled database
  uint32_t termOfPattern(uint32_t pattern) const { return pattern_terms_[pattern]; }
  std::span<const uint32_t> entriesOfTerm(uint32_t term) const {
    return {term_entries_.data() + term_offsets_[term], term_offsets_[term + 1] - term_offsets_[term]};
  }
  const EntryInfo& entry(uint32_t index) const { return entries_[index]; }
  size_t combinations() const { return combinations_; }

 private:
  PhraseDatabase() = default;

  PhraseLists lists_;
  PhraseDatabaseStats stats_;
  hs_database* database_ = nullptr;
  uint64_t generation_ = 0;
  std::vector<uint32_t> pattern_terms_;
  std::vector<uint32_t> term_offsets_;  // terms + 1, into term_entries_
  std::vector<uint32_t> term_entries_;
  std::vector<EntryInfo> entries_;
  size_t combinations_ = 0;
};

}  // namespace esafety::inspect
