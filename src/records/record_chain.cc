#include "records/record_chain.h"

#include <sodium.h>

#include <fmt/format.h>

namespace esafety::records {

const std::string kChainStart(64, '0');

namespace {

void addField(crypto_generichash_state& state, std::string_view bytes) {
  std::string length = fmt::format("{};", bytes.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(length.data()),
                            length.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
}

// The first break of the chain itself (numbering, links, hashes).
std::optional<LogBreak> chainBreak(const std::vector<LogEntry>& entries, const Secret& key) {
  std::string prev = kChainStart;
  int64_t expected = 1;
  for (const auto& e : entries) {
    if (e.seq != expected) {
      return LogBreak{e.seq, fmt::format("entry {} comes where entry {} should: entries are "
                                         "missing or were moved",
                                         e.seq, expected)};
    }
    if (e.prev_hash != prev) {
      return LogBreak{e.seq, fmt::format("entry {} does not follow the entry before it: an entry "
                                         "was removed, added or moved",
                                         e.seq)};
    }
    if (entryHash(key, e) != e.hash) {
      return LogBreak{e.seq, fmt::format("entry {} was changed after it was written", e.seq)};
    }
    prev = e.hash;
    ++expected;
  }
  return std::nullopt;
}

// The first record whose stored row does not match its newest write entry.
std::optional<LogBreak> recordBreak(const std::vector<LogEntry>& entries,
                                    const std::map<std::string, std::string>& digests) {
  std::map<std::string, const LogEntry*> newest;
  for (const auto& e : entries) {
    if (isWriteAction(e.action)) newest[e.record_ref] = &e;
  }
  std::optional<LogBreak> first;
  auto keep = [&first](LogBreak b) {
    if (!first || (b.seq != 0 && (first->seq == 0 || b.seq < first->seq))) first = std::move(b);
  };
  for (const auto& [ref, entry] : newest) {
    auto found = digests.find(ref);
    if (found == digests.end()) {
      keep({entry->seq, fmt::format("record {} of entry {} is no longer stored: it was deleted",
                                    ref, entry->seq)});
    } else if (found->second != entry->digest) {
      keep({entry->seq, fmt::format("record {} was changed outside esafety after entry {}", ref,
                                    entry->seq)});
    }
  }
  for (const auto& [ref, digest] : digests) {
    if (!newest.count(ref)) keep({0, fmt::format("record {} is not in the log: it was added outside esafety", ref)});
  }
  return first;
}

}  // namespace

bool isWriteAction(std::string_view action) { return action != "read"; }

std::string entryHash(const Secret& chain_key, const LogEntry& entry) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, chain_key.data(), chain_key.size(), crypto_generichash_BYTES);
  addField(state, fmt::format("{}", entry.seq));
  addField(state, entry.record_ref);
  addField(state, fmt::format("{}", entry.at));
  addField(state, entry.actor);
  addField(state, entry.action);
  addField(state, entry.digest);
  addField(state, entry.prev_hash);
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash_final(&state, out, sizeof out);
  char hex[2 * sizeof out + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::optional<LogBreak> verifyRecordLog(const std::vector<LogEntry>& entries,
                                        const std::map<std::string, std::string>& digests,
                                        const Secret& chain_key) {
  auto chain = chainBreak(entries, chain_key);
  auto record = recordBreak(entries, digests);
  if (!chain) return record;
  if (!record || record->seq == 0 || chain->seq <= record->seq) return chain;
  return record;
}

}  // namespace esafety::records
