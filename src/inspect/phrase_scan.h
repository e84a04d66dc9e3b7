// PhraseScan: one page's pass of normalised text (TextNormalizer's output)
// through a PhraseDatabase, in Vectorscan streaming mode, so a phrase split
// across two calls to scan() still matches. Scores as it goes: score() is
// up to date after every scan().
//
//   PhraseScan scan(db);
//   scan.scan(text.output());      // any number of times
//   scan.finish();                 // end of page
//   judgePage(scan.score(), limit);
//
// Holds the database alive. Each thread keeps one Vectorscan scratch space,
// grown for the largest database it has scanned with; scan() uses it only
// for the duration of the call, so a PhraseScan may move between threads
// between calls but must not be used by two at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "inspect/page_score.h"
#include "inspect/phrase_database.h"

struct hs_stream;

namespace esafety::inspect {

class PhraseScan {
 public:
  explicit PhraseScan(std::shared_ptr<const PhraseDatabase> db);
  ~PhraseScan();
  PhraseScan(const PhraseScan&) = delete;
  PhraseScan& operator=(const PhraseScan&) = delete;

  // Errors are Vectorscan failures (out of memory); the page is then unscanned.
  Status scan(std::string_view text);
  Status finish();

  const PageScore& score() const { return score_; }
  uint64_t bytesScanned() const { return bytes_; }

 private:
  static int onMatch(unsigned int id, unsigned long long from, unsigned long long to,
                     unsigned int flags, void* context);
  void termFound(uint32_t term);

  std::shared_ptr<const PhraseDatabase> db_;
  hs_stream* stream_ = nullptr;
  PageScore score_;
  std::vector<uint64_t> terms_seen_;         // bitmap, allocated on the first match
  std::vector<uint16_t> combination_parts_;  // parts found per combination, likewise
  uint64_t bytes_ = 0;
  bool finished_ = false;
};

}  // namespace esafety::inspect
