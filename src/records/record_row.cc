#include "records/record_row.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "records/secret.h"

namespace esafety::records {
namespace {

constexpr std::array<std::string_view, 5> kPartyRoleNames = {
    "about", "child-victim", "child-instigator", "staff-victim", "staff-instigator"};

// Feeds length-prefixed values into one BLAKE2b state.
class Digest {
 public:
  Digest() {
    initSodium();
    crypto_generichash_init(&state_, nullptr, 0, crypto_generichash_BYTES);
  }
  void add(std::string_view bytes) {
    add(static_cast<int64_t>(bytes.size()));
    crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()),
                              bytes.size());
  }
  void add(int64_t n) {
    std::string text = fmt::format("{};", n);
    crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(text.data()),
                              text.size());
  }
  std::string hex() {
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash_final(&state_, out, sizeof out);
    char text[2 * sizeof out + 1];
    sodium_bin2hex(text, sizeof text, out, sizeof out);
    return text;
  }

 private:
  crypto_generichash_state state_{};
};

}  // namespace

std::string_view partyRoleName(PartyRole role) {
  return kPartyRoleNames[static_cast<size_t>(role)];
}

bool parsePartyRole(std::string_view text, PartyRole& out) {
  for (size_t i = 0; i < kPartyRoleNames.size(); ++i) {
    if (kPartyRoleNames[i] == text) {
      out = static_cast<PartyRole>(i);
      return true;
    }
  }
  return false;
}

std::string fieldContext(std::string_view ref, std::string_view field) {
  return fmt::format("{} {}", ref, field);
}

std::string recordDigest(const RecordRow& row) {
  Digest d;
  d.add(row.ref);
  d.add(row.kind);
  d.add(row.created_at);
  d.add(row.occurred_at);
  d.add(row.raised_by);
  d.add(row.raised_by_person);
  d.add(row.activity);
  d.add(row.routes);
  d.add(row.wrapped_key);
  // In a fixed order, whatever order the store reads them back in.
  std::vector<RecordParty> parties = row.parties;
  std::sort(parties.begin(), parties.end(), [](const RecordParty& a, const RecordParty& b) {
    return std::pair(a.person, a.role) < std::pair(b.person, b.role);
  });
  std::vector<const SealedField*> fields;
  for (const auto& f : row.fields) fields.push_back(&f);
  std::sort(fields.begin(), fields.end(),
            [](const SealedField* a, const SealedField* b) { return a->name < b->name; });
  d.add(static_cast<int64_t>(parties.size()));
  for (const auto& p : parties) {
    d.add(p.person);
    d.add(partyRoleName(p.role));
  }
  d.add(static_cast<int64_t>(fields.size()));
  for (const SealedField* f : fields) {
    d.add(f->name);
    d.add(f->sealed);
  }
  return d.hex();
}

}  // namespace esafety::records
