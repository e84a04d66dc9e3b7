// What one change hands SqliteStore::mutate() (sqlite_store.h), the helper
// every write of the SQLite store runs through: the change does its own reads
// and writes and says what to put in the audit row; mutate() does the rest
// the same way each time (the actor and reason checked, the lock, the write
// transaction, the school checked, the audit row written in the same
// transaction, the commit).
//
//   Status SqliteStore::setSetting(SchoolId school, ..., std::string_view actor) {
//     ESAFETY_RETURN_IF_ERROR(validateSettingKey(key));        // its own input checks
//     return mutate(school, actor, Reason::none(), [&]() -> Result<AuditNote> {
//       ... INSERT ... ;                                     // its own SQL
//       return AuditNote{"setting.set", std::string(key), fmt::format("set to '{}'", value)};
//     });
//   }
//
// A change that makes something returns Made<T>, and mutate() returns
// Result<T>: `return Made<int64_t>{id, {"device.add", d.name, describe(d)}};`.
//
// Thread safety: plain values.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/status.h"

namespace esafety::store {

// The audit row's words for one change; who and why are mutate()'s.
struct AuditNote {
  std::string action;  // "group.update", "local_entry.add", ...
  std::string target;  // the thing changed: "KS2", "local entry 12"
  std::string detail;  // what changed, in words
};

// A change that makes something (a row id, a count) and its audit note.
template <typename T>
struct Made {
  T value;
  AuditNote audit;
};

// Why a change was made, kept in its audit row. Changes to what is blocked or
// allowed need one (store.h: empty is kInvalidArgument "a reason is required").
struct Reason {
  static Reason required(std::string_view text) { return {text, true}; }
  // Kept when given, never demanded (appendAudit).
  static Reason optional(std::string_view text) { return {text, false}; }
  static Reason none() { return {"", false}; }  // "" (not null): the column is NOT NULL

  std::string_view text;
  bool needed = false;
};

// What mutate() returns for a change returning Result<AuditNote> (Status) or
// Result<Made<T>> (Result<T>), and how it takes the note and the value apart.
template <typename ChangeResult>
struct MutationTraits;

template <>
struct MutationTraits<Result<AuditNote>> {
  using Out = Status;
  static const AuditNote& note(const AuditNote& done) { return done; }
  static Out value(AuditNote&&) { return Status::ok(); }
};

template <typename T>
struct MutationTraits<Result<Made<T>>> {
  using Out = Result<T>;
  static const AuditNote& note(const Made<T>& done) { return done.audit; }
  static Out value(Made<T>&& done) { return std::move(done.value); }
};

}  // namespace esafety::store
