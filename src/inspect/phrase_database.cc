#include "inspect/phrase_database.h"

#include <fmt/format.h>
#include <hs/hs.h>

#include <atomic>
#include <chrono>

namespace esafety::inspect {
namespace {

std::atomic<uint64_t> g_next_generation{1};

}  // namespace

Result<std::shared_ptr<const PhraseDatabase>> PhraseDatabase::compile(PhraseLists lists) {
  auto start = std::chrono::steady_clock::now();
  std::shared_ptr<PhraseDatabase> db(new PhraseDatabase());
  db->generation_ = g_next_generation.fetch_add(1);

  // Entries: packed info, and each term's list of entries.
  size_t term_count = lists.terms.size();
  std::vector<uint32_t> per_term(term_count + 1, 0);
  db->entries_.reserve(lists.entries.size());
  for (const auto& entry : lists.entries) {
    EntryInfo info;
    info.weight = entry.weight;
    info.category = entry.category;
    info.kind = entry.kind;
    info.percent = entry.percent;
    info.terms = static_cast<uint16_t>(std::min<size_t>(entry.terms.size(), UINT16_MAX));
    if (entry.terms.size() > UINT16_MAX) {
      return invalidArgument(fmt::format("{}:{}: more than {} phrases in one combination",
                                         entry.where.file, entry.where.line, UINT16_MAX));
    }
    if (info.terms > 1) info.combination = static_cast<uint32_t>(db->combinations_++);
    db->entries_.push_back(info);
    for (uint32_t term : entry.terms) ++per_term[term + 1];
  }
  for (size_t i = 1; i <= term_count; ++i) per_term[i] += per_term[i - 1];
  db->term_offsets_ = per_term;
  db->term_entries_.resize(per_term[term_count]);
  for (uint32_t e = 0; e < lists.entries.size(); ++e) {
    for (uint32_t term : lists.entries[e].terms) db->term_entries_[per_term[term]++] = e;
  }

  // Patterns: one literal each, reported once per page.
  std::vector<const char*> expressions;
  std::vector<size_t> lengths;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (uint32_t i = 0; i < lists.patterns.size(); ++i) {
    const auto& pattern = lists.patterns[i];
    expressions.push_back(pattern.bytes.data());
    lengths.push_back(pattern.bytes.size());
    flags.push_back(HS_FLAG_SINGLEMATCH);
    ids.push_back(i);
    db->pattern_terms_.push_back(pattern.term);
  }
  if (!expressions.empty()) {
    hs_compile_error_t* error = nullptr;
    hs_error_t rc = hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(),
                                         lengths.data(), static_cast<unsigned>(expressions.size()),
                                         HS_MODE_STREAM, nullptr, &db->database_, &error);
    if (rc != HS_SUCCESS) {
      std::string message = error != nullptr ? error->message : "unknown error";
      int which = error != nullptr ? error->expression : -1;
      if (error != nullptr) hs_free_compile_error(error);
      if (which >= 0 && static_cast<size_t>(which) < lists.patterns.size()) {
        return invalidArgument(fmt::format("phrase \"{}\" does not compile: {}",
                                           lists.patterns[which].bytes, message));
      }
      return internalError(fmt::format("Vectorscan could not compile the phrases: {}", message));
    }
    hs_database_size(db->database_, &db->stats_.database_bytes);
    hs_stream_size(db->database_, &db->stats_.stream_bytes);
  }
  db->stats_.patterns = lists.patterns.size();
  db->stats_.terms = lists.terms.size();
  db->stats_.entries = lists.entries.size();
  db->stats_.categories = lists.categories.size();
  db->lists_ = std::move(lists);
  db->stats_.compile_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return std::shared_ptr<const PhraseDatabase>(std::move(db));
}

PhraseDatabase::~PhraseDatabase() {
  if (database_ != nullptr) hs_free_database(database_);
}

}  // namespace esafety::inspect
