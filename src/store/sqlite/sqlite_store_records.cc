// SqliteStore: the sealed records' wrapped data key (records/key_vault.h).
#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

Result<std::optional<std::string>> SqliteStore::wrappedDataKey() {
  MutexLock lock(mutex_);
  auto st = db_->prepare("SELECT wrapped FROM record_keys WHERE id = 1");
  if (!st) return st.status();
  auto rows = st->rows([](const sqlite::Statement& row) { return row.blobAt(0); });
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front());
}

// Not audited through mutate(): the key is made once, by the system, before
// any record exists, and is not a change anyone made to the school's data.
Result<std::string> SqliteStore::keepFirstWrappedDataKey(std::string_view wrapped) {
  {
    MutexLock lock(mutex_);
    auto st = db_->prepare(
        "INSERT OR IGNORE INTO record_keys (id, wrapped, created_at) VALUES (1, ?1, ?2)");
    if (!st) return st.status();
    st->bindBlob(1, wrapped).bind(2, clock_.nowUnix());
    ESAFETY_RETURN_IF_ERROR(st->run());
  }
  auto kept = wrappedDataKey();
  if (!kept) return kept.status();
  if (!kept->has_value()) return internalError("the data key was not kept");
  return std::move(**kept);
}

}  // namespace esafety::store
