// SqliteStore: safeguarding records and their record log
// (records/record_store.h, migrations 0016 and 0017). Each write and each
// read appends its log entry, chained to the one before, and its audit row,
// in one transaction (mutate()).
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {
namespace {

constexpr size_t kMaxFields = 32;
constexpr size_t kMaxParties = 64;

Status checkRecord(const records::RecordRow& row) {
  if (row.kind != "concern" && row.kind != "incident") {
    return invalidArgument(fmt::format("a record's kind is concern or incident, not '{}'", row.kind));
  }
  if (row.ref.empty() || row.wrapped_key.empty()) {
    return invalidArgument("a record needs its reference and its wrapped key");
  }
  if (row.fields.size() > kMaxFields || row.parties.size() > kMaxParties) {
    return invalidArgument(fmt::format("a record holds at most {} fields and {} people", kMaxFields,
                                       kMaxParties));
  }
  return Status::ok();
}

records::LogEntry readEntry(const sqlite::Statement& row) {
  return {.seq = row.int64At(0),
          .record_ref = row.textAt(1),
          .at = row.int64At(2),
          .actor = row.textAt(3),
          .action = row.textAt(4),
          .digest = row.textAt(5),
          .prev_hash = row.textAt(6),
          .hash = row.textAt(7)};
}

constexpr std::string_view kLogColumns =
    "seq, record_ref, at, actor, action, digest, prev_hash, hash";

}  // namespace

Result<std::vector<records::LogEntry>> SqliteStore::readRecordLogLocked(SchoolId school) {
  auto st = db_->prepare(fmt::format(
      "SELECT {} FROM record_log WHERE school_id = ?1 ORDER BY seq, id", kLogColumns));
  if (!st) return st.status();
  st->bind(1, school);
  return st->rows(readEntry);
}

Status SqliteStore::appendRecordLogLocked(SchoolId school, records::LogEntry entry,
                                          const records::Secret& chain_key) {
  auto last = db_->prepare(fmt::format(
      "SELECT {} FROM record_log WHERE school_id = ?1 ORDER BY seq DESC, id DESC LIMIT 1",
      kLogColumns));
  if (!last) return last.status();
  last->bind(1, school);
  auto rows = last->rows(readEntry);
  if (!rows) return rows.status();
  entry.seq = rows->empty() ? 1 : rows->front().seq + 1;
  entry.prev_hash = rows->empty() ? records::kChainStart : rows->front().hash;
  entry.at = clock_.nowUnix();
  entry.hash = records::entryHash(chain_key, entry);
  auto st = db_->prepare(
      "INSERT INTO record_log (school_id, seq, record_ref, at, actor, action, digest, prev_hash,"
      " hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!st) return st.status();
  st->bind(1, school).bind(2, entry.seq).bind(3, entry.record_ref).bind(4, entry.at);
  st->bind(5, entry.actor).bind(6, entry.action).bind(7, entry.digest);
  st->bind(8, entry.prev_hash).bind(9, entry.hash);
  return st->run();
}

Status SqliteStore::insertRecordPartsLocked(SchoolId school, int64_t id,
                                            const records::RecordRow& row) {
  for (const auto& p : row.parties) {
    auto st = db_->prepare(
        "INSERT INTO safeguarding_record_parties (school_id, record_id, person_id, role)"
        " SELECT ?4, ?1, id, ?3 FROM people WHERE school_id = ?4 AND id = ?2");
    if (!st) return st.status();
    st->bind(1, id).bind(2, p.person).bind(3, records::partyRoleName(p.role)).bind(4, school);
    ESAFETY_RETURN_IF_ERROR(st->run());
    if (db_->changes() != 1) {
      return invalidArgument(fmt::format("person {} is not one of the school's people", p.person));
    }
  }
  for (const auto& f : row.fields) {
    auto st = db_->prepare(
        "INSERT INTO safeguarding_record_fields (school_id, record_id, name, sealed)"
        " VALUES (?4, ?1, ?2, ?3)");
    if (!st) return st.status();
    st->bind(1, id).bind(2, f.name).bindBlob(3, f.sealed).bind(4, school);
    ESAFETY_RETURN_IF_ERROR(st->run());
  }
  return Status::ok();
}

Result<int64_t> SqliteStore::addRecord(int64_t school, const records::RecordRow& row,
                                       const records::Secret& chain_key, std::string_view actor) {
  ESAFETY_RETURN_IF_ERROR(checkRecord(row));
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
    auto st = db_->prepare(
        "INSERT INTO safeguarding_records (school_id, ref, kind, created_at, occurred_at,"
        " raised_by, raised_by_person, activity, routes, wrapped_key)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!st) return st.status();
    st->bind(1, school).bind(2, row.ref).bind(3, row.kind).bind(4, row.created_at);
    st->bind(5, row.occurred_at).bind(6, row.raised_by).bind(7, row.raised_by_person);
    st->bind(8, row.activity).bind(9, row.routes).bindBlob(10, row.wrapped_key);
    Status inserted = st->run();
    if (!inserted.isOk()) {
      if (inserted.message().find("UNIQUE") != std::string::npos) {
        return invalidArgument(fmt::format("record {} already exists", row.ref));
      }
      return inserted;
    }
    int64_t id = db_->lastInsertId();
    ESAFETY_RETURN_IF_ERROR(insertRecordPartsLocked(school, id, row));
    ESAFETY_RETURN_IF_ERROR(appendRecordLogLocked(
        school, {.record_ref = row.ref, .actor = std::string(actor), .action = "raise",
                 .digest = records::recordDigest(row)},
        chain_key));
    // The audit row names the record, never its words (they are sealed).
    return Made<int64_t>{id, {"record.raise", row.ref, fmt::format("a {} was raised", row.kind)}};
  });
}

Status SqliteStore::logRecordRead(int64_t school, std::string_view ref,
                                  const records::Secret& chain_key, std::string_view actor) {
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    ESAFETY_RETURN_IF_ERROR(appendRecordLogLocked(
        school, {.record_ref = std::string(ref), .actor = std::string(actor), .action = "read"},
        chain_key));
    return AuditNote{"record.read", std::string(ref), "opened the record"};
  });
}

Result<std::vector<records::RecordRow>> SqliteStore::readRecordsLocked(SchoolId school,
                                                                      int64_t only_id) {
  auto st = db_->prepare(
      "SELECT id, ref, kind, created_at, occurred_at, raised_by, raised_by_person, activity,"
      " routes, wrapped_key FROM safeguarding_records WHERE school_id = ?1"
      " AND (?2 = 0 OR id = ?2) ORDER BY created_at, id");
  if (!st) return st.status();
  st->bind(1, school).bind(2, only_id);
  auto rows = st->rows([](const sqlite::Statement& r) {
    return records::RecordRow{.id = r.int64At(0), .ref = r.textAt(1), .kind = r.textAt(2),
                              .created_at = r.int64At(3), .occurred_at = r.int64At(4),
                              .raised_by = r.textAt(5), .raised_by_person = r.int64At(6),
                              .activity = r.textAt(7), .routes = r.textAt(8),
                              .wrapped_key = r.blobAt(9), .parties = {}, .fields = {}};
  });
  if (!rows) return rows.status();
  for (auto& row : *rows) ESAFETY_RETURN_IF_ERROR(readRecordPartsLocked(row));
  return rows;
}

Status SqliteStore::readRecordPartsLocked(records::RecordRow& row) {
  auto parties = db_->prepare(
      "SELECT person_id, role FROM safeguarding_record_parties WHERE record_id = ?1");
  if (!parties) return parties.status();
  parties->bind(1, row.id);
  auto read_parties = parties->rows([](const sqlite::Statement& r) -> Result<records::RecordParty> {
    records::RecordParty p{.person = r.int64At(0)};
    if (!records::parsePartyRole(r.textAt(1), p.role)) {
      return dataLoss(fmt::format("a record names a person as '{}'", r.textAt(1)));
    }
    return p;
  });
  if (!read_parties) return read_parties.status();
  row.parties = std::move(*read_parties);
  auto fields = db_->prepare(
      "SELECT name, sealed FROM safeguarding_record_fields WHERE record_id = ?1");
  if (!fields) return fields.status();
  fields->bind(1, row.id);
  auto read_fields = fields->rows([](const sqlite::Statement& r) {
    return records::SealedField{.name = r.textAt(0), .sealed = r.blobAt(1)};
  });
  if (!read_fields) return read_fields.status();
  row.fields = std::move(*read_fields);
  return Status::ok();
}

Result<std::vector<records::RecordRow>> SqliteStore::records(int64_t school) {
  MutexLock lock(mutex_);
  return readRecordsLocked(school, 0);
}

Result<std::optional<records::RecordRow>> SqliteStore::record(int64_t school, int64_t id) {
  if (id <= 0) return std::optional<records::RecordRow>();
  MutexLock lock(mutex_);
  auto rows = readRecordsLocked(school, id);
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<records::RecordRow>();
  return std::optional<records::RecordRow>(std::move(rows->front()));
}

Result<std::vector<records::LogEntry>> SqliteStore::recordLog(int64_t school) {
  MutexLock lock(mutex_);
  return readRecordLogLocked(school);
}

}  // namespace esafety::store
