#include <hs/hs.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "classify/category_index.h"
#include "classify/index_format.h"
#include "classify/index_layout.h"
#include "core/file_system.h"
#include "core/text.h"

namespace esafety::classify {
namespace {

struct Record {
  uint64_t key;
  uint64_t payload;
  uint32_t check;
};

struct Expression {
  std::string pattern;
  uint64_t payload;
  SourceLocation where;
};

ImportProblem indexProblem(std::string reason) {
  ImportProblem problem;
  problem.severity = Severity::kError;
  problem.where.file = "(index)";
  problem.reason = std::move(reason);
  return problem;
}

bool recordLess(const Record& a, const Record& b) {
  if (a.key != b.key) return a.key < b.key;
  uint16_t ca = format::payloadCategory(a.payload), cb = format::payloadCategory(b.payload);
  if (ca != cb) return ca < cb;
  // Blocking entries before exceptions: when a name is listed both ways in one
  // category, the safer reading wins.
  bool ea = format::payloadException(a.payload), eb = format::payloadException(b.payload);
  if (ea != eb) return !ea;
  return a.payload < b.payload;
}

// Sorts, drops duplicates of (name, category) and reports fingerprint
// collisions between different names.
void sortAndDedupe(std::vector<Record>& records, ProblemSink& problems, std::string_view what) {
  std::sort(records.begin(), records.end(), recordLess);
  size_t out = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    if (out > 0 && records[out - 1].key == records[i].key) {
      if (records[out - 1].check != records[i].check) {
        problems.report(indexProblem(fmt::format(
            "two different {} entries share a 64-bit fingerprint; one was left out", what)));
        continue;
      }
      if (format::payloadCategory(records[out - 1].payload) ==
          format::payloadCategory(records[i].payload)) {
        continue;  // the same name twice in one category
      }
    }
    records[out++] = records[i];
  }
  records.resize(out);
}

std::string stringTable(const std::vector<std::string>& strings) {
  std::string out;
  for (const auto& s : strings) {
    out += s;
    out += '\0';
  }
  return out;
}

}  // namespace

class IndexBuilder::Impl {
 public:
  std::vector<std::string> categories;
  std::unordered_map<std::string, uint16_t> category_ids;
  std::unordered_set<std::string> unoverridable;
  std::vector<std::string> sources;
  std::unordered_map<std::string, uint16_t> source_ids;
  std::vector<Record> domains, urls;
  std::vector<uint64_t> url_hosts;
  std::vector<format::Cidr4Record> cidr4;
  std::vector<format::Cidr6Record> cidr6;
  std::vector<Expression> expressions;
  uint64_t accepted = 0;

  Result<uint16_t> categoryId(std::string_view name) {
    auto it = category_ids.find(std::string(name));
    if (it != category_ids.end()) return it->second;
    if (categories.size() >= kMaxCategories) {
      return Status(StatusCode::kResourceExhausted,
                    fmt::format("more than {} categories", kMaxCategories));
    }
    auto id = static_cast<uint16_t>(categories.size());
    categories.emplace_back(name);
    category_ids.emplace(std::string(name), id);
    return id;
  }

  Result<uint16_t> sourceId(const std::string& file) {
    auto it = source_ids.find(file);
    if (it != source_ids.end()) return it->second;
    if (sources.size() >= 65535) {
      return Status(StatusCode::kResourceExhausted, "more than 65535 list files");
    }
    auto id = static_cast<uint16_t>(sources.size());
    sources.push_back(file);
    source_ids.emplace(file, id);
    return id;
  }

  Status addCidr(std::string_view value, uint64_t payload);
  Status addUrl(std::string_view value, uint64_t payload);
  Status addDomain(std::string_view value, uint64_t payload);
  Result<std::string> compileExpressions(ProblemSink& problems, std::vector<uint64_t>& payloads,
                                         std::vector<std::string>& patterns);
};

Status IndexBuilder::Impl::addCidr(std::string_view value, uint64_t payload) {
  std::string_view addr = value;
  int prefix = -1;
  auto slash = value.find('/');
  if (slash != std::string_view::npos) {
    addr = value.substr(0, slash);
    std::string_view len = value.substr(slash + 1);
    if (len.empty() || len.size() > 3) {
      return invalidArgument(fmt::format("'{}' has an invalid prefix length", value));
    }
    prefix = 0;
    for (char c : len) {
      if (c < '0' || c > '9') {
        return invalidArgument(fmt::format("'{}' has an invalid prefix length", value));
      }
      prefix = prefix * 10 + (c - '0');
    }
  }
  HostKind kind;
  auto host = normalizeHost(addr, &kind);
  if (!host || kind == HostKind::kName) {
    return invalidArgument(fmt::format("'{}' is not an IP address or network", value));
  }
  if (kind == HostKind::kIpv4) {
    if (prefix < 0) prefix = 32;
    if (prefix > 32) return invalidArgument(fmt::format("'{}': IPv4 prefix over 32", value));
    uint32_t v4;
    parseIpv4(*host, &v4);
    uint32_t mask = prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
    format::Cidr4Record r{};
    r.network = v4 & mask;
    r.prefix = static_cast<uint8_t>(prefix);
    r.payload = payload;
    cidr4.push_back(r);
  } else {
    if (prefix < 0) prefix = 128;
    if (prefix > 128) return invalidArgument(fmt::format("'{}': IPv6 prefix over 128", value));
    format::Cidr6Record r{};
    parseIpv6(*host, reinterpret_cast<std::array<uint8_t, 16>*>(r.network));
    for (int bit = prefix; bit < 128; ++bit) {
      r.network[bit / 8] = static_cast<uint8_t>(r.network[bit / 8] & ~(0x80 >> (bit % 8)));
    }
    r.prefix = static_cast<uint8_t>(prefix);
    r.payload = payload;
    cidr6.push_back(r);
  }
  return Status::ok();
}

Status IndexBuilder::Impl::addDomain(std::string_view value, uint64_t payload) {
  if (value.starts_with("*.")) value.remove_prefix(2);
  if (value.starts_with(".")) value.remove_prefix(1);
  HostKind kind;
  auto host = normalizeHost(value, &kind);
  if (!host) return host.status();
  if (kind != HostKind::kName) return addCidr(*host, payload);
  domains.push_back({format::fingerprint(*host), payload, format::checkHash(*host)});
  return Status::ok();
}

Status IndexBuilder::Impl::addUrl(std::string_view value, uint64_t payload) {
  auto url = normalizeUrl(value);
  if (!url) return url.status();
  std::string host = url->host;
  // "Don't bother with the www.": a URL entry covers the site and its subdomains.
  if (host.starts_with("www.") && url->host_kind == HostKind::kName) host.erase(0, 4);
  std::string path = url->path;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if ((path.empty() || path == "/") && url->query.empty()) return addDomain(host, payload);
  if (url->host_kind == HostKind::kIpv6) host = "[" + host + "]";
  std::string key = host + path;
  if (!url->query.empty()) key += "?" + url->query;
  urls.push_back({format::fingerprint(key), payload, format::checkHash(key)});
  url_hosts.push_back(format::fingerprint(host));
  return Status::ok();
}

IndexBuilder::IndexBuilder() : impl_(std::make_unique<Impl>()) {}
IndexBuilder::~IndexBuilder() = default;

void IndexBuilder::declareCategory(std::string_view name) { (void)impl_->categoryId(name); }

void IndexBuilder::setUnoverridable(std::string_view name) {
  declareCategory(name);
  impl_->unoverridable.emplace(name);
}

uint64_t IndexBuilder::entryCount() const { return impl_->accepted; }

Status IndexBuilder::add(const ListEntry& entry) {
  if (entry.category.empty()) return invalidArgument("the entry has no category");
  if (entry.exception && impl_->unoverridable.count(entry.category)) {
    return permissionDenied(fmt::format(
        "'{}' is an unoverridable category; an exception cannot take anything out of it",
        entry.category));
  }
  auto category = impl_->categoryId(entry.category);
  if (!category) return category.status();
  auto source = impl_->sourceId(entry.where.file);
  if (!source) return source.status();
  uint64_t payload = format::makePayload(*category, *source, entry.where.line, entry.exception);
  std::string_view value = trim(entry.value);
  if (value.empty()) return invalidArgument("the entry is empty");
  Status status;
  switch (entry.kind) {
    case EntryKind::kDomain: status = impl_->addDomain(value, payload); break;
    case EntryKind::kUrl: status = impl_->addUrl(value, payload); break;
    case EntryKind::kCidr: status = impl_->addCidr(value, payload); break;
    case EntryKind::kExpression: {
      if (entry.exception) return invalidArgument("expressions cannot be exceptions");
      hs_compile_error_t* error = nullptr;
      hs_database_t* db = nullptr;
      std::string pattern(value);
      if (hs_compile(pattern.c_str(), HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH, HS_MODE_BLOCK,
                     nullptr, &db, &error) != HS_SUCCESS) {
        status = invalidArgument(fmt::format("expression does not compile: {}",
                                             error ? error->message : "unknown error"));
        hs_free_compile_error(error);
      } else {
        hs_free_database(db);
        impl_->expressions.push_back({pattern, payload, entry.where});
      }
      break;
    }
  }
  if (status.isOk()) ++impl_->accepted;
  return status;
}

Result<std::string> IndexBuilder::Impl::compileExpressions(ProblemSink& problems,
                                                           std::vector<uint64_t>& payloads,
                                                           std::vector<std::string>& patterns) {
  if (expressions.empty()) return std::string();
  std::vector<const char*> ptrs;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < expressions.size(); ++i) {
    ptrs.push_back(expressions[i].pattern.c_str());
    flags.push_back(HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH);
    ids.push_back(static_cast<unsigned>(i));
    payloads.push_back(expressions[i].payload);
    patterns.push_back(expressions[i].pattern);
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(ptrs.data(), flags.data(), ids.data(), static_cast<unsigned>(ptrs.size()),
                       HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
    std::string message = error ? error->message : "unknown error";
    hs_free_compile_error(error);
    problems.report(
        indexProblem("the expressions compile one by one but not together: " + message));
    payloads.clear();
    patterns.clear();
    return std::string();
  }
  char* bytes = nullptr;
  size_t length = 0;
  hs_error_t rc = hs_serialize_database(db, &bytes, &length);
  hs_free_database(db);
  if (rc != HS_SUCCESS) return internalError("cannot serialise the expression database");
  std::string blob(bytes, length);
  free(bytes);
  return blob;
}

Result<std::string> IndexBuilder::build(ProblemSink& problems) {
  Impl& m = *impl_;
  sortAndDedupe(m.domains, problems, "domain");
  sortAndDedupe(m.urls, problems, "URL");
  std::sort(m.url_hosts.begin(), m.url_hosts.end());
  m.url_hosts.erase(std::unique(m.url_hosts.begin(), m.url_hosts.end()), m.url_hosts.end());
  std::sort(m.cidr4.begin(), m.cidr4.end(), [](const auto& a, const auto& b) {
    return a.prefix != b.prefix ? a.prefix > b.prefix : a.network < b.network;
  });
  std::sort(m.cidr6.begin(), m.cidr6.end(), [](const auto& a, const auto& b) {
    if (a.prefix != b.prefix) return a.prefix > b.prefix;
    return std::memcmp(a.network, b.network, 16) < 0;
  });

  std::vector<uint64_t> expression_payloads;
  std::vector<std::string> expression_patterns;
  auto database = m.compileExpressions(problems, expression_payloads, expression_patterns);
  if (!database) return database.status();

  LayoutWriter writer;
  auto put_table = [&](const std::vector<Record>& records, format::TableMeta& meta,
                       format::Section section) {
    std::vector<uint64_t> k, p;
    for (const auto& r : records) {
      k.push_back(r.key);
      p.push_back(r.payload);
    }
    HashTable table = buildHashTable(k, &p);
    meta = table.meta;
    writer.putVector(section, table.slots);
  };
  put_table(m.domains, writer.header().domains, format::kDomainSlots);
  {
    uint64_t blocks = std::max<uint64_t>(
        1, (m.domains.size() * format::kFilterBitsPerEntry + 511) / 512);
    std::vector<uint64_t> filter(blocks * 8, 0);
    for (const auto& r : m.domains) {
      format::filterSet(&filter[format::filterBlock(r.key, blocks) * 8], r.key);
    }
    writer.header().domain_filter_blocks = blocks;
    writer.putVector(format::kDomainFilter, filter);
  }
  put_table(m.urls, writer.header().urls, format::kUrlSlots);
  HashTable hosts = buildHashTable(m.url_hosts, nullptr);
  writer.header().url_hosts = hosts.meta;
  writer.putVector(format::kUrlHostKeys, hosts.slots);
  writer.putVector(format::kCidr4, m.cidr4);
  writer.putVector(format::kCidr6, m.cidr6);
  writer.putVector(format::kExpressionPayloads, expression_payloads);
  writer.putBytes(format::kExpressionDatabase, *database);
  writer.putBytes(format::kExpressionPatterns, stringTable(expression_patterns));
  writer.putBytes(format::kCategoryNames, stringTable(m.categories));
  writer.putBytes(format::kSourceNames, stringTable(m.sources));
  auto& h = writer.header();
  h.cidr4_count = m.cidr4.size();
  h.cidr6_count = m.cidr6.size();
  h.expression_count = expression_payloads.size();
  h.category_count = m.categories.size();
  h.source_count = m.sources.size();
  return writer.finish();
}

Status IndexBuilder::write(const std::string& path, ProblemSink& problems) {
  auto bytes = build(problems);
  if (!bytes) return bytes.status();
  return writeFileAtomically(path, *bytes);
}

}  // namespace esafety::classify
