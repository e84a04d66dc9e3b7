// CategoryIndex: which categories a host or URL belongs to, and which list
// entry says so. Built once by IndexBuilder into an immutable file that is
// memory-mapped, so a reload is an mmap and every worker shares the pages.
//
//   IndexBuilder builder;
//   builder.add({EntryKind::kDomain, "pornography", "adult.example", false, {"demo", 3}});
//   builder.write("var/index/categories.idx");
//   auto index = CategoryIndex::open("var/index/categories.idx");
//   Classification c;
//   (*index)->classifyHost("www.adult.example", c);
//   c.has(*(*index)->categoryId("pornography"));   // true
//
// Matching rules:
//   - a domain entry matches the host and every subdomain;
//   - a URL entry "host/path" matches that host or a subdomain, with a path
//     that equals the entry's path or continues it after a '/';
//   - a CIDR entry matches IP-literal hosts inside the network;
//   - an expression matches anywhere in "host/path?query";
//   - per category the most specific match decides, so an Adblock exception
//     "@@||good.example.org^" takes good.example.org out of a category that
//     "||example.org^" put example.org in.
//
// Layout: domain and URL entries live in sorted open-addressing tables of
// 64-bit XXH3 fingerprints, each slot holding its payload, behind a small
// Bloom filter (about 21 bytes per
// entry). Strings are not stored: the matched entry's text is the suffix of
// the query that matched. Two different names sharing a 64-bit fingerprint is
// detected at build time; a query colliding with an entry has probability
// about n / 2^64 per probe.
//
// Thread safety: a CategoryIndex is immutable; classify*() may be called from
// any number of threads at once. IndexBuilder is single-threaded.
#pragma once

#include <bitset>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "classify/list_entry.h"
#include "classify/url.h"

namespace esafety::classify {

inline constexpr size_t kMaxCategories = 512;
using CategoryId = uint16_t;

// One entry that matched, as the explanation shows it.
struct Match {
  EntryKind kind = EntryKind::kDomain;
  CategoryId category = 0;
  uint16_t source = 0;    // index into CategoryIndex::sourceName()
  uint32_t line = 0;
  std::string entry;      // the entry's text: "example.com", "example.com/games"
};

// The result of a lookup. Fixed size and reusable, so the hot path allocates
// nothing: call clear() (classify* does) and reuse it per request.
class Classification {
 public:
  static constexpr size_t kMaxHits = 32;

  bool has(CategoryId id) const { return present_.test(id); }
  bool empty() const { return present_.none(); }
  const std::bitset<kMaxCategories>& categories() const { return present_; }
  // The deciding entry for a category, materialised for display.
  std::optional<Match> matchFor(CategoryId id) const;
  void clear();

 private:
  friend class CategoryIndex;
  struct Hit {
    uint64_t payload;
    EntryKind kind;
    std::string_view text;  // points into the caller's host/URL strings
  };
  std::bitset<kMaxCategories> present_;
  std::bitset<kMaxCategories> decided_;
  Hit hits_[kMaxHits];
  uint32_t hit_count_ = 0;
  // Storage for URL-entry texts ("host/path") built during a lookup.
  std::string url_texts_[8];
  uint32_t url_text_count_ = 0;

  void record(uint64_t payload, EntryKind kind, std::string_view text);
};

class CategoryIndex {
 public:
  ~CategoryIndex();
  CategoryIndex(const CategoryIndex&) = delete;
  CategoryIndex& operator=(const CategoryIndex&) = delete;

  // Maps a compiled index file. Checks its header, bounds and checksum;
  // a truncated or corrupt file is kDataLoss with the reason.
  static Result<std::shared_ptr<const CategoryIndex>> open(const std::string& path);
  // Reads an index from bytes held in memory (the result of IndexBuilder::build).
  static Result<std::shared_ptr<const CategoryIndex>> fromBytes(std::string bytes);
  // An index with no entries, for a school that has imported nothing yet.
  static std::shared_ptr<const CategoryIndex> empty();

  // Host must already be normalised (normalizeHost). Walks every parent
  // domain; an IP literal is matched against the CIDR entries instead.
  void classifyHost(std::string_view host, Classification& out) const;
  // Starts loading the table slots a later classifyHost(host) will probe and
  // returns at once. On a box whose memory answers in ~300 ns, a server that
  // has several names in hand (a batch of DNS queries from recvmmsg) calls
  // this for each of them first, so their cache misses overlap.
  void prefetchHost(std::string_view host) const;
  // Classifies several hosts at once, overlapping their memory accesses:
  // fingerprints and prefetches for every host first, then the probes. The
  // DNS server uses it for a recvmmsg batch. out[i] receives hosts[i];
  // out.size() must be >= hosts.size().
  void classifyHosts(std::span<const std::string_view> hosts,
                     std::span<Classification* const> out) const;
  // Host entries, URL entries, CIDR entries and expressions.
  void classifyUrl(const NormalizedUrl& url, Classification& out) const;

  std::optional<CategoryId> categoryId(std::string_view name) const;
  std::string_view categoryName(CategoryId id) const;
  size_t categoryCount() const;
  std::string_view sourceName(uint16_t id) const;

  struct Stats {
    uint64_t domain_entries = 0, url_entries = 0, cidr_entries = 0, expressions = 0;
    uint64_t file_bytes = 0;
  };
  Stats stats() const;

  class Impl;

 private:
  explicit CategoryIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Collects entries and writes an index file. Accepts entries as an EntrySink,
// so importers feed it directly.
class IndexBuilder final : public EntrySink {
 public:
  IndexBuilder();
  ~IndexBuilder() override;

  // Declares a category even if no entry names it (so policy can refer to it).
  void declareCategory(std::string_view name);
  // Marks a category as unoverridable: exception entries ("@@") naming it are
  // refused, because nothing may take a name out of an illegal-content list.
  void setUnoverridable(std::string_view name);
  // Normalises and stores one entry; rejects with kInvalidArgument and a reason.
  Status add(const ListEntry& entry) override;
  // Compiles the index into the bytes of an index file.
  Result<std::string> build(ProblemSink& problems);
  // Builds and writes the file atomically (temp + rename).
  Status write(const std::string& path, ProblemSink& problems);

  uint64_t entryCount() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace esafety::classify
