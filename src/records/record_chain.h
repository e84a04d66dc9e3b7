// The record log (issue 15): every write and every read of a safeguarding
// record, in order, as a hash chain. Each entry holds the hash of the one
// before it; its own hash is BLAKE2b keyed by the chain key (record_keys.h)
// over its fields and that previous hash. A row changed, deleted, inserted
// or moved by hand breaks the chain at that entry, and without the key file
// the chain cannot be recomputed to hide it.
//
// Write entries ("raise", later "update") also hold the record's digest
// (record_row.h recordDigest) as written, so a record's own row changed by
// hand no longer matches its newest write entry.
//
//   LogEntry e{.seq = last.seq + 1, .record_ref = ref, .at = now, ...,
//              .prev_hash = last.hash};
//   e.hash = entryHash(keys.chainKey(), e);
//   auto broken = verifyRecordLog(entries, digests_by_ref, keys.chainKey());
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "records/secret.h"

namespace esafety::records {

// The previous hash of the first entry: 64 zeros.
extern const std::string kChainStart;

struct LogEntry {
  int64_t seq = 0;         // 1, 2, 3, ... per school
  std::string record_ref;  // "R-..."
  int64_t at = 0;          // Unix seconds
  std::string actor;       // who read or wrote
  std::string action;      // "raise", "read"
  std::string digest;      // write entries: the record's digest; "" for reads
  std::string prev_hash;   // hex; kChainStart for the first
  std::string hash;        // hex
};

// True for the actions that write the record (and carry its digest).
bool isWriteAction(std::string_view action);

// The entry's hash (hex) from its fields and prev_hash; `hash` is not read.
std::string entryHash(const Secret& chain_key, const LogEntry& entry);

// The first place the log is broken.
struct LogBreak {
  int64_t seq = 0;  // the first broken entry; 0 when a record has no entry at all
  std::string why;
};

// Checks `entries` (in seq order, as stored) and the records' current
// digests (ref -> recordDigest of the stored row): the numbering runs
// 1, 2, 3 without a gap, each entry's prev_hash is the hash of the one
// before, each hash is right, each record's newest write entry holds its
// current digest, every write entry's record still exists, and every record
// has a write entry. nullopt when all hold; else the lowest-numbered break.
std::optional<LogBreak> verifyRecordLog(const std::vector<LogEntry>& entries,
                                        const std::map<std::string, std::string>& digests,
                                        const Secret& chain_key);

}  // namespace esafety::records
