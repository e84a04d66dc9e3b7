// Builds a PhraseDatabase from list text held in memory, for the tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "inspect/phrase_database.h"
#include "inspect/phrase_lists.h"

namespace esafety::inspect::testing {

inline std::shared_ptr<const PhraseDatabase> compilePhrases(const std::string& weighted,
                                                            const std::string& banned = "",
                                                            const std::string& exception = "") {
  MemoryFileSystem fs;
  fs.put("/weighted", weighted);
  fs.put("/banned", banned);
  fs.put("/exception", exception);
  PhraseLists lists;
  classify::ProblemList problems;
  loadPhraseLists(fs,
                  {{"/weighted", PhraseKind::kWeighted},
                   {"/banned", PhraseKind::kBanned},
                   {"/exception", PhraseKind::kException}},
                  lists, problems);
  for (const auto& p : problems.problems()) ADD_FAILURE() << p.toString();
  auto db = PhraseDatabase::compile(std::move(lists));
  if (!db) {
    ADD_FAILURE() << db.status().message();
    return nullptr;
  }
  return *db;
}

}  // namespace esafety::inspect::testing
