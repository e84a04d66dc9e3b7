// RecordStore: where safeguarding records (record_row.h) and their log
// (record_chain.h) are kept. The store implements it
// (store/sqlite/sqlite_store_safeguarding.cc) so that records/ never knows
// SQL; control/records_desk.h is the one caller, and decides who may read.
//
// Every write and every read appends an entry to the school's record log in
// the same transaction as the change, with its audit row ("record.raise",
// "record.read"): a record is never written or read without both.
//
// Thread safety: as the implementation's (SqliteStore serialises calls).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "records/record_chain.h"
#include "records/record_row.h"
#include "records/secret.h"

namespace esafety::records {

class RecordStore {
 public:
  virtual ~RecordStore() = default;
  // Stores `row` (its id is ignored) and appends its "raise" entry (the
  // row's digest, hashed with `chain_key`); the new record's id.
  // kInvalidArgument for a kind other than concern or incident, a ref
  // already used, or a party that is not one of the school's people.
  virtual Result<int64_t> addRecord(int64_t school, const RecordRow& row, const Secret& chain_key,
                                    std::string_view actor) = 0;
  // Appends a "read" entry: `actor` opened the record `ref`.
  virtual Status logRecordRead(int64_t school, std::string_view ref, const Secret& chain_key,
                               std::string_view actor) = 0;
  // Every record of the school, oldest first, with parties and sealed fields.
  virtual Result<std::vector<RecordRow>> records(int64_t school) = 0;
  virtual Result<std::optional<RecordRow>> record(int64_t school, int64_t id) = 0;
  // The school's record log in seq order, as stored.
  virtual Result<std::vector<LogEntry>> recordLog(int64_t school) = 0;
};

}  // namespace esafety::records
