#include "sqlite/transaction.h"

#include <utility>

#include "sqlite/database.h"

namespace esafety::sqlite {

Result<Transaction> Transaction::begin(Database& db, Kind kind) {
  if (db.inTransaction()) return internalError("transactions do not nest");
  const char* sql = kind == Kind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN";
  ESAFETY_RETURN_IF_ERROR(db.exec(sql, "starting a transaction"));
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
  // SQLite may already have rolled back by itself (after SQLITE_FULL, say);
  // only roll back a transaction that is still open.
  if (db_ != nullptr && db_->inTransaction()) {
    Status ignored = db_->exec("ROLLBACK", "rolling back");
    (void)ignored;  // nothing more can be done; the connection stays usable
  }
}

Status Transaction::commit() {
  if (db_ == nullptr) return internalError("commit of a finished transaction");
  Database* db = std::exchange(db_, nullptr);
  Status status = db->exec("COMMIT", "committing");
  if (!status.isOk() && db->inTransaction()) {
    Status ignored = db->exec("ROLLBACK", "rolling back after a failed commit");
    (void)ignored;
  }
  return status;
}

}  // namespace esafety::sqlite
