// Transaction: an RAII guard for one SQLite transaction. It rolls back when it
// goes out of scope uncommitted, so an early `return status;` can never leave
// half a change behind.
//
//   auto tx = Transaction::begin(db, Transaction::Kind::kWrite);
//   if (!tx) return tx.status();           // kUnavailable if another writer holds the lock
//   ESAFETY_RETURN_IF_ERROR(writeRows());  // rolled back on failure
//   return tx->commit();
//
// kWrite takes the write lock at once (BEGIN IMMEDIATE), so a busy database
// fails at the start, never half-way through. kRead (BEGIN) gives several
// SELECTs one consistent snapshot; under WAL it never waits for a writer.
//
// Thread safety: none; used under the SqliteStore mutex. Must not outlive its
// Database. Transactions do not nest.
#pragma once

#include "core/status.h"

namespace esafety::sqlite {

class Database;

class Transaction {
 public:
  enum class Kind { kRead, kWrite };

  static Result<Transaction> begin(Database& db, Kind kind);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();  // rolls back unless committed

  Status commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}

  Database* db_;  // null once committed, rolled back or moved from
};

}  // namespace esafety::sqlite
