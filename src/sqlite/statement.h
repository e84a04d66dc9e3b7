// Statement: one prepared SQLite statement, owned (RAII: finalized when it
// goes out of scope). Made by Database::prepare(); binds are 1-based, columns
// 0-based, as in SQLite itself.
//
//   auto st = db.prepare("SELECT name FROM categories WHERE school_id = ?1");
//   if (!st) return st.status();
//   st->bind(1, school);
//   Result<std::vector<std::string>> names =
//       st->rows([](const Statement& row) { return row.textAt(0); });
//
// or, row by row:
//   for (;;) {
//     auto row = st->step();
//     if (!row) return row.status();
//     if (!*row) break;
//     names.push_back(st->textAt(0));
//   }
//
// Binding does not report errors one by one: the first failed bind is kept
// and returned by the next step() or run(), so call sites stay short.
//
// Thread safety: none; a Statement belongs to the thread using its Database.
// It must not outlive the Database that prepared it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/status.h"

struct sqlite3_stmt;

namespace esafety::sqlite {

class Database;

class Statement {
 public:
  Statement(const Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, int64_t value);
  Statement& bind(int index, std::string_view text);
  // Binds without copying: the caller keeps `text` alive and unchanged until
  // the statement has run (or been reset). For hot paths such as the event
  // writer, where the rows outlive the INSERT anyway.
  Statement& bindStatic(int index, std::string_view text);
  Statement& bindNull(int index);
  // Binds NULL for an empty string: for optional columns such as a device's IP.
  Statement& bindTextOrNull(int index, std::string_view text);
  // Binds bytes as a BLOB (copied): sealed records, which are not text.
  Statement& bindBlob(int index, std::string_view bytes);

  // Runs one step: true when a row is ready to read, false when done.
  Result<bool> step();
  // Runs to completion; for statements that return no rows.
  Status run();
  // Steps through every row and returns what `read(row)` makes of each, in
  // order. `read` returns a value, or a Result whose first error stops the
  // walk and is returned (say, a row naming a kind the code does not know).
  template <class Read>
  auto rows(Read read);

  // Makes a statement that has run ready to bind and run again (a prepared
  // statement kept for a hot path, such as the event writer's INSERT).
  void reset();

  int64_t int64At(int column) const;
  // "" for NULL.
  std::string textAt(int column) const;
  // A BLOB's bytes ("" for NULL).
  std::string blobAt(int column) const;
  bool isNullAt(int column) const;

 private:
  Status error(int rc) const;

  const Database* db_;
  sqlite3_stmt* stmt_;
  int bind_error_ = 0;
};

namespace statement_detail {
template <class T>
struct RowValue {
  using type = T;
  static constexpr bool kFallible = false;
};
template <class T>
struct RowValue<Result<T>> {
  using type = T;
  static constexpr bool kFallible = true;
};
}  // namespace statement_detail

template <class Read>
auto Statement::rows(Read read) {
  using Row = statement_detail::RowValue<std::invoke_result_t<Read&, const Statement&>>;
  using Out = std::vector<typename Row::type>;
  Out out;
  for (;;) {
    auto more = step();
    if (!more) return Result<Out>(more.status());
    if (!*more) return Result<Out>(std::move(out));
    if constexpr (Row::kFallible) {
      auto value = read(static_cast<const Statement&>(*this));
      if (!value) return Result<Out>(value.status());
      out.push_back(std::move(*value));
    } else {
      out.push_back(read(static_cast<const Statement&>(*this)));
    }
  }
}

}  // namespace esafety::sqlite
