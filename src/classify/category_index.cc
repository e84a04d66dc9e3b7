#include "classify/category_index.h"

#include <fcntl.h>
#include <hs/hs.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "classify/index_format.h"
#include "classify/index_layout.h"

namespace esafety::classify {
namespace {

// A view of one hash table in the file. Stride 2: {key, payload} slots;
// stride 1: keys only.
template <size_t kStride>
struct Table {
  const uint64_t* slots = nullptr;
  uint64_t home_slots = 1;

  const uint64_t* homeOf(uint64_t key) const {
    return slots + format::homeSlot(key, home_slots) * kStride;
  }
  void prefetch(uint64_t key) const { __builtin_prefetch(homeOf(key)); }
  bool contains(uint64_t key) const {
    const uint64_t* s = homeOf(key);
    while (*s != 0 && *s < key) s += kStride;
    return *s == key;
  }
  // Calls fn(payload) for every entry with this key.
  template <typename Fn>
  void forEach(uint64_t key, Fn&& fn) const {
    static_assert(kStride == 2);
    const uint64_t* s = homeOf(key);
    while (*s != 0 && *s < key) s += kStride;
    for (; *s == key; s += kStride) fn(s[1]);
  }
};

std::atomic<uint64_t> g_generation{1};

// Vectorscan scratch space is per thread and must fit the database in use.
struct ScratchCache {
  hs_scratch_t* scratch = nullptr;
  uint64_t generation = 0;
  ~ScratchCache() {
    if (scratch) hs_free_scratch(scratch);
  }
};
thread_local ScratchCache t_scratch;

}  // namespace

class CategoryIndex::Impl {
 public:
  ~Impl() {
    if (mapped_ != nullptr) ::munmap(mapped_, mapped_size_);
    if (database_ != nullptr) hs_free_database(database_);
  }

  Status attach(const char* data, uint64_t size, const std::string& name);
  void classifyHost(std::string_view host, Classification& out, bool with_urls,
                    const NormalizedUrl* url) const;
  void classifyIp(HostKind kind, const std::array<uint8_t, 16>& ip, std::string_view host,
                  Classification& out) const;
  void classifyExpressions(const NormalizedUrl& url, Classification& out) const;

  void* mapped_ = nullptr;
  size_t mapped_size_ = 0;
  std::string owned_;
  const format::FileHeader* header_ = nullptr;
  Table<2> domains_, urls_;
  const uint64_t* domain_filter_ = nullptr;
  uint64_t filter_blocks_ = 1;

  const uint64_t* filterBlockOf(uint64_t key) const {
    return domain_filter_ + format::filterBlock(key, filter_blocks_) * 8;
  }
  Table<1> url_hosts_;
  const format::Cidr4Record* cidr4_ = nullptr;
  const format::Cidr6Record* cidr6_ = nullptr;
  const uint64_t* expression_payloads_ = nullptr;
  std::vector<std::string_view> expression_patterns_;
  std::vector<std::string_view> category_names_;
  std::vector<std::string_view> source_names_;
  hs_database_t* database_ = nullptr;
  uint64_t generation_ = g_generation.fetch_add(1);
};

namespace {

Status splitStrings(std::string_view bytes, uint64_t count, std::vector<std::string_view>& out,
                    std::string_view what) {
  out.clear();
  size_t pos = 0;
  for (uint64_t i = 0; i < count; ++i) {
    size_t nul = bytes.find('\0', pos);
    if (nul == std::string_view::npos) return dataLoss(fmt::format("the {} table is cut short", what));
    out.push_back(bytes.substr(pos, nul - pos));
    pos = nul + 1;
  }
  return Status::ok();
}

}  // namespace

Status CategoryIndex::Impl::attach(const char* data, uint64_t size, const std::string& name) {
  auto bad = [&](std::string_view why) {
    return dataLoss(fmt::format("{} is not a usable category index: {}", name, why));
  };
  if (size < sizeof(format::FileHeader)) return bad("the file is too short");
  header_ = reinterpret_cast<const format::FileHeader*>(data);
  const auto& h = *header_;
  if (std::memcmp(h.magic, format::kMagic, sizeof h.magic) != 0) return bad("wrong magic bytes");
  if (h.version != format::kVersion) {
    return bad(fmt::format("format version {} (this build reads {}); recompile the lists",
                           h.version, format::kVersion));
  }
  if (h.file_size != size) return bad("the file is truncated or has trailing bytes");
  uint64_t start = (sizeof(format::FileHeader) + format::kAlign - 1) / format::kAlign * format::kAlign;
  if (XXH3_64bits(data + start, size - start) != h.checksum) return bad("checksum mismatch");
  for (const auto& s : h.sections) {
    if (s.offset % 8 != 0 || s.offset > size || s.size > size - s.offset) {
      return bad("a section lies outside the file");
    }
  }
  auto section = [&](format::Section s) { return data + h.sections[s].offset; };
  auto section_size = [&](format::Section s) { return h.sections[s].size; };
  auto check_table = [&](const format::TableMeta& meta, format::Section section_id,
                         uint64_t stride) -> bool {
    if (meta.total_slots == 0 || meta.home_slots == 0 || meta.total_slots < meta.home_slots + 1) {
      return false;
    }
    if (section_size(section_id) != meta.total_slots * 8 * stride) return false;
    const auto* slots = reinterpret_cast<const uint64_t*>(section(section_id));
    return slots[(meta.total_slots - 1) * stride] == 0;
  };
  if (!check_table(h.domains, format::kDomainSlots, 2) ||
      !check_table(h.urls, format::kUrlSlots, 2) ||
      !check_table(h.url_hosts, format::kUrlHostKeys, 1)) {
    return bad("a hash table is malformed");
  }
  domains_ = {reinterpret_cast<const uint64_t*>(section(format::kDomainSlots)), h.domains.home_slots};
  urls_ = {reinterpret_cast<const uint64_t*>(section(format::kUrlSlots)), h.urls.home_slots};
  url_hosts_ = {reinterpret_cast<const uint64_t*>(section(format::kUrlHostKeys)),
                h.url_hosts.home_slots};
  if (h.domain_filter_blocks == 0 ||
      section_size(format::kDomainFilter) != h.domain_filter_blocks * 64) {
    return bad("the domain filter is malformed");
  }
  domain_filter_ = reinterpret_cast<const uint64_t*>(section(format::kDomainFilter));
  filter_blocks_ = h.domain_filter_blocks;
  if (section_size(format::kCidr4) != h.cidr4_count * sizeof(format::Cidr4Record) ||
      section_size(format::kCidr6) != h.cidr6_count * sizeof(format::Cidr6Record) ||
      section_size(format::kExpressionPayloads) != h.expression_count * 8) {
    return bad("a section has the wrong size");
  }
  cidr4_ = reinterpret_cast<const format::Cidr4Record*>(section(format::kCidr4));
  cidr6_ = reinterpret_cast<const format::Cidr6Record*>(section(format::kCidr6));
  expression_payloads_ = reinterpret_cast<const uint64_t*>(section(format::kExpressionPayloads));
  if (h.category_count > kMaxCategories) return bad("too many categories");
  auto view = [&](format::Section s) { return std::string_view(section(s), section_size(s)); };
  ESAFETY_RETURN_IF_ERROR(
      splitStrings(view(format::kCategoryNames), h.category_count, category_names_, "category"));
  ESAFETY_RETURN_IF_ERROR(
      splitStrings(view(format::kSourceNames), h.source_count, source_names_, "source"));
  ESAFETY_RETURN_IF_ERROR(splitStrings(view(format::kExpressionPatterns), h.expression_count,
                                       expression_patterns_, "expression"));
  // Every payload must name a category and a source that exist, so a lookup
  // can never index out of range.
  auto payload_ok = [&](uint64_t p) {
    return format::payloadCategory(p) < h.category_count &&
           format::payloadSource(p) < h.source_count;
  };
  auto slots_ok = [&](const uint64_t* slots, uint64_t n) {
    for (uint64_t i = 0; i < n; ++i) {
      if (slots[2 * i] != 0 && !payload_ok(slots[2 * i + 1])) return false;
    }
    return true;
  };
  bool ok = slots_ok(domains_.slots, h.domains.total_slots) &&
            slots_ok(urls_.slots, h.urls.total_slots);
  for (uint64_t i = 0; ok && i < h.expression_count; ++i) ok = payload_ok(expression_payloads_[i]);
  for (uint64_t i = 0; ok && i < h.cidr4_count; ++i) ok = payload_ok(cidr4_[i].payload);
  for (uint64_t i = 0; ok && i < h.cidr6_count; ++i) ok = payload_ok(cidr6_[i].payload);
  if (!ok) return bad("an entry names a category or list file that does not exist");
  if (h.expression_count > 0) {
    if (hs_deserialize_database(section(format::kExpressionDatabase),
                                section_size(format::kExpressionDatabase),
                                &database_) != HS_SUCCESS) {
      return bad("the expression database cannot be read by this Vectorscan");
    }
  }
  return Status::ok();
}

CategoryIndex::CategoryIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CategoryIndex::~CategoryIndex() = default;

Result<std::shared_ptr<const CategoryIndex>> CategoryIndex::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return notFound(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return dataLoss(fmt::format("{} is empty or unreadable", path));
  }
  auto size = static_cast<size_t>(st.st_size);
  void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  int err = errno;
  ::close(fd);
  if (mapped == MAP_FAILED) return ioError(fmt::format("cannot map {}: {}", path, std::strerror(err)));
  auto impl = std::make_unique<Impl>();
  impl->mapped_ = mapped;
  impl->mapped_size_ = size;
  ESAFETY_RETURN_IF_ERROR(
      impl->attach(static_cast<const char*>(mapped), static_cast<uint64_t>(st.st_size), path));
  // Checking the checksum read every page; let them go from this process's
  // resident set (they stay in the page cache), so only the pages lookups
  // touch count against the process.
  ::madvise(mapped, size, MADV_DONTNEED);
  return std::shared_ptr<const CategoryIndex>(new CategoryIndex(std::move(impl)));
}

Result<std::shared_ptr<const CategoryIndex>> CategoryIndex::fromBytes(std::string bytes) {
  auto impl = std::make_unique<Impl>();
  impl->owned_ = std::move(bytes);
  ESAFETY_RETURN_IF_ERROR(impl->attach(impl->owned_.data(), impl->owned_.size(), "(memory)"));
  return std::shared_ptr<const CategoryIndex>(new CategoryIndex(std::move(impl)));
}

std::shared_ptr<const CategoryIndex> CategoryIndex::empty() {
  ProblemList problems;
  IndexBuilder builder;
  auto bytes = builder.build(problems);
  auto index = fromBytes(std::move(*bytes));
  assert(index.isOk());
  return *index;
}

void CategoryIndex::Impl::classifyHost(std::string_view host, Classification& out, bool with_urls,
                                       const NormalizedUrl* url) const {
  // Suffix start offsets, most specific first: "a.b.c" -> 0, 2, 4.
  uint16_t starts[128];
  uint64_t keys[128];
  size_t n = 0;
  starts[n++] = 0;
  for (size_t i = 0; i < host.size() && n < 128; ++i) {
    if (host[i] == '.') starts[n++] = static_cast<uint16_t>(i + 1);
  }
  for (size_t i = 0; i < n; ++i) {
    keys[i] = format::fingerprint(host.substr(starts[i]));
    __builtin_prefetch(filterBlockOf(keys[i]));
  }
  // The filter rules most suffixes out; only the rest touch the big table.
  bool maybe[128];
  for (size_t i = 0; i < n; ++i) {
    maybe[i] = format::filterTest(filterBlockOf(keys[i]), keys[i]);
    if (maybe[i]) domains_.prefetch(keys[i]);
  }
  if (with_urls && header_->urls.entries > 0) {
    std::string key;
    for (size_t i = 0; i < n; ++i) {
      if (!url_hosts_.contains(keys[i])) continue;
      std::string_view suffix = host.substr(starts[i]);
      auto probe = [&](std::string_view path, std::string_view query) {
        key.assign(suffix);
        key += path;
        if (!query.empty()) {
          key += '?';
          key += query;
        }
        urls_.forEach(format::fingerprint(key), [&](uint64_t payload) {
          if (out.url_text_count_ < std::size(out.url_texts_)) {
            std::string& text = out.url_texts_[out.url_text_count_++];
            text = key;
            out.record(payload, EntryKind::kUrl, text);
          } else {
            out.record(payload, EntryKind::kUrl, suffix);
          }
        });
      };
      std::string_view path = url->path;
      if (!url->query.empty()) probe(path, url->query);
      while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
      while (path.size() > 1) {
        probe(path, {});
        path = path.substr(0, path.rfind('/'));
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (!maybe[i]) continue;
    std::string_view suffix = host.substr(starts[i]);
    domains_.forEach(keys[i], [&](uint64_t payload) { out.record(payload, EntryKind::kDomain, suffix); });
  }
}

void CategoryIndex::Impl::classifyIp(HostKind kind, const std::array<uint8_t, 16>& ip,
                                     std::string_view host, Classification& out) const {
  if (kind == HostKind::kIpv4) {
    uint32_t addr = (uint32_t{ip[0]} << 24) | (uint32_t{ip[1]} << 16) | (uint32_t{ip[2]} << 8) | ip[3];
    // Records are sorted by prefix (longest first), then network.
    const auto* begin = cidr4_;
    const auto* end = cidr4_ + header_->cidr4_count;
    while (begin != end) {
      uint8_t prefix = begin->prefix;
      const auto* group_end = std::partition_point(begin, end, [&](const auto& r) { return r.prefix == prefix; });
      uint32_t mask = prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
      uint32_t net = addr & mask;
      const auto* it = std::lower_bound(begin, group_end, net,
                                        [](const auto& r, uint32_t v) { return r.network < v; });
      for (; it != group_end && it->network == net; ++it) {
        out.record(it->payload, EntryKind::kCidr, host);
      }
      begin = group_end;
    }
  } else if (kind == HostKind::kIpv6) {
    const auto* begin = cidr6_;
    const auto* end = cidr6_ + header_->cidr6_count;
    while (begin != end) {
      uint8_t prefix = begin->prefix;
      const auto* group_end = std::partition_point(begin, end, [&](const auto& r) { return r.prefix == prefix; });
      uint8_t net[16];
      std::memcpy(net, ip.data(), 16);
      for (int bit = prefix; bit < 128; ++bit) {
        net[bit / 8] = static_cast<uint8_t>(net[bit / 8] & ~(0x80 >> (bit % 8)));
      }
      const auto* it = std::lower_bound(begin, group_end, net, [](const auto& r, const uint8_t* v) {
        return std::memcmp(r.network, v, 16) < 0;
      });
      for (; it != group_end && std::memcmp(it->network, net, 16) == 0; ++it) {
        out.record(it->payload, EntryKind::kCidr, host);
      }
      begin = group_end;
    }
  }
}

void CategoryIndex::Impl::classifyExpressions(const NormalizedUrl& url, Classification& out) const {
  if (database_ == nullptr) return;
  if (t_scratch.generation != generation_) {
    if (hs_alloc_scratch(database_, &t_scratch.scratch) != HS_SUCCESS) return;
    t_scratch.generation = generation_;
  }
  std::string subject = url.toString();
  struct Context {
    const Impl* self;
    Classification* out;
  } context{this, &out};
  hs_scan(
      database_, subject.data(), static_cast<unsigned>(subject.size()), 0, t_scratch.scratch,
      [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
        auto* c = static_cast<Context*>(ctx);
        c->out->record(c->self->expression_payloads_[id], EntryKind::kExpression,
                       c->self->expression_patterns_[id]);
        return 0;
      },
      &context);
}

void CategoryIndex::prefetchHost(std::string_view host) const {
  size_t start = 0;
  for (int labels = 0; labels < 128; ++labels) {
    __builtin_prefetch(impl_->filterBlockOf(format::fingerprint(host.substr(start))));
    size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
}

void CategoryIndex::classifyHosts(std::span<const std::string_view> hosts,
                                  std::span<Classification* const> out) const {
  assert(out.size() >= hosts.size());
  constexpr size_t kChunk = 32;   // names whose memory reads are in flight together
  constexpr size_t kLabels = 16;  // deeper names take the one-at-a-time path
  uint64_t keys[kChunk][kLabels];
  uint16_t starts[kChunk][kLabels];
  uint8_t counts[kChunk];
  for (size_t base = 0; base < hosts.size(); base += kChunk) {
    size_t n = std::min(kChunk, hosts.size() - base);
    for (size_t j = 0; j < n; ++j) {
      std::string_view host = hosts[base + j];
      char last = host.empty() ? '\0' : host.back();
      bool maybe_ip = (last >= '0' && last <= '9') || host.find(':') != std::string_view::npos;
      size_t count = 0;
      size_t start = 0;
      while (!maybe_ip && count < kLabels) {
        starts[j][count] = static_cast<uint16_t>(start);
        keys[j][count] = format::fingerprint(host.substr(start));
        __builtin_prefetch(impl_->filterBlockOf(keys[j][count]));
        ++count;
        size_t dot = host.find('.', start);
        if (dot == std::string_view::npos) break;
        start = dot + 1;
      }
      bool too_deep = count == kLabels && host.find('.', start) != std::string_view::npos;
      counts[j] = maybe_ip || too_deep ? 0 : static_cast<uint8_t>(count);
    }
    // Second pass: the filter says which suffixes may be present; start
    // loading their table slots while the other names are checked.
    uint32_t maybe[kChunk] = {};
    for (size_t j = 0; j < n; ++j) {
      for (size_t k = 0; k < counts[j]; ++k) {
        if (format::filterTest(impl_->filterBlockOf(keys[j][k]), keys[j][k])) {
          maybe[j] |= 1u << k;
          impl_->domains_.prefetch(keys[j][k]);
        }
      }
    }
    for (size_t j = 0; j < n; ++j) {
      std::string_view host = hosts[base + j];
      Classification& c = *out[base + j];
      if (counts[j] == 0) {
        classifyHost(host, c);
        continue;
      }
      c.clear();
      for (size_t k = 0; k < counts[j]; ++k) {
        if (!(maybe[j] >> k & 1)) continue;
        std::string_view suffix = host.substr(starts[j][k]);
        impl_->domains_.forEach(keys[j][k],
                                [&](uint64_t payload) { c.record(payload, EntryKind::kDomain, suffix); });
      }
    }
  }
}

void CategoryIndex::classifyHost(std::string_view host, Classification& out) const {
  out.clear();
  // A normalised IP literal ends in a digit (IPv4) or holds ':' (IPv6); names
  // never do both, and the check costs nothing for ordinary names.
  char last = host.empty() ? '\0' : host.back();
  if ((last >= '0' && last <= '9') || host.find(':') != std::string_view::npos) {
    std::array<uint8_t, 16> ip{};
    uint32_t v4;
    if (parseIpv4(host, &v4)) {
      ip = {static_cast<uint8_t>(v4 >> 24), static_cast<uint8_t>(v4 >> 16),
            static_cast<uint8_t>(v4 >> 8), static_cast<uint8_t>(v4)};
      impl_->classifyIp(HostKind::kIpv4, ip, host, out);
      return;
    }
    if (parseIpv6(host, &ip)) {
      impl_->classifyIp(HostKind::kIpv6, ip, host, out);
      return;
    }
  }
  impl_->classifyHost(host, out, false, nullptr);
}

void CategoryIndex::classifyUrl(const NormalizedUrl& url, Classification& out) const {
  out.clear();
  if (url.host_kind == HostKind::kName) {
    impl_->classifyHost(url.host, out, !url.path.empty(), &url);
  } else {
    impl_->classifyIp(url.host_kind, url.ip, url.host, out);
  }
  impl_->classifyExpressions(url, out);
}

std::optional<CategoryId> CategoryIndex::categoryId(std::string_view name) const {
  for (size_t i = 0; i < impl_->category_names_.size(); ++i) {
    if (impl_->category_names_[i] == name) return static_cast<CategoryId>(i);
  }
  return std::nullopt;
}

std::string_view CategoryIndex::categoryName(CategoryId id) const {
  return id < impl_->category_names_.size() ? impl_->category_names_[id] : std::string_view("?");
}

size_t CategoryIndex::categoryCount() const { return impl_->category_names_.size(); }

std::string_view CategoryIndex::sourceName(uint16_t id) const {
  return id < impl_->source_names_.size() ? impl_->source_names_[id] : std::string_view("?");
}

CategoryIndex::Stats CategoryIndex::stats() const {
  const auto& h = *impl_->header_;
  return {h.domains.entries, h.urls.entries, h.cidr4_count + h.cidr6_count, h.expression_count,
          h.file_size};
}

}  // namespace esafety::classify
