#include "policy/safe_search.h"

#include <string>
#include <unordered_map>

namespace esafety::policy {
namespace {

enum Engine { kGoogle, kYouTube, kBing, kDuckDuckGo, kEcosia, kBrave, kPixabay };

const SafeSearchRule kRules[] = {
    {"Google", "forcesafesearch.google.com", "safe=active", ""},
    {"YouTube", "restrict.youtube.com", "", "YouTube-Restrict: Strict"},
    {"Bing", "strict.bing.com", "adlt=strict", ""},
    {"DuckDuckGo", "safe.duckduckgo.com", "kp=1", ""},
    {"Ecosia", "strict-safe-search.ecosia.org", "", ""},
    {"Brave", "safesearch.brave.com", "", ""},
    {"Pixabay", "safesearch.pixabay.com", "", ""},
};

// Google's search domains, one per country.
const std::string_view kGoogleDomains[] = {
    "google.com", "google.ad", "google.ae", "google.com.af", "google.com.ag", "google.al",
    "google.am", "google.co.ao", "google.com.ar", "google.as", "google.at", "google.com.au",
    "google.az", "google.ba", "google.com.bd", "google.be", "google.bf", "google.bg",
    "google.com.bh", "google.bi", "google.bj", "google.com.bn", "google.com.bo", "google.com.br",
    "google.bs", "google.bt", "google.co.bw", "google.by", "google.com.bz", "google.ca",
    "google.cat", "google.cd", "google.cf", "google.cg", "google.ch", "google.ci", "google.co.ck",
    "google.cl", "google.cm", "google.cn", "google.com.co", "google.co.cr", "google.com.cu",
    "google.cv", "google.com.cy", "google.cz", "google.de", "google.dj", "google.dk", "google.dm",
    "google.com.do", "google.dz", "google.com.ec", "google.ee", "google.com.eg", "google.es",
    "google.com.et", "google.fi", "google.com.fj", "google.fm", "google.fr", "google.ga",
    "google.ge", "google.gg", "google.com.gh", "google.com.gi", "google.gl", "google.gm",
    "google.gr", "google.com.gt", "google.gy", "google.com.hk", "google.hn", "google.hr",
    "google.ht", "google.hu", "google.co.id", "google.ie", "google.co.il", "google.im",
    "google.co.in", "google.iq", "google.is", "google.it", "google.je", "google.com.jm",
    "google.jo", "google.co.jp", "google.co.ke", "google.com.kh", "google.ki", "google.kg",
    "google.co.kr", "google.com.kw", "google.kz", "google.la", "google.com.lb", "google.li",
    "google.lk", "google.co.ls", "google.lt", "google.lu", "google.lv", "google.com.ly",
    "google.co.ma", "google.md", "google.me", "google.mg", "google.mk", "google.ml",
    "google.com.mm", "google.mn", "google.com.mt", "google.mu", "google.mv", "google.mw",
    "google.com.mx", "google.com.my", "google.co.mz", "google.com.na", "google.com.ng",
    "google.com.ni", "google.ne", "google.nl", "google.no", "google.com.np", "google.nr",
    "google.nu", "google.co.nz", "google.com.om", "google.com.pa", "google.com.pe",
    "google.com.pg", "google.com.ph", "google.com.pk", "google.pl", "google.pn", "google.com.pr",
    "google.ps", "google.pt", "google.com.py", "google.com.qa", "google.ro", "google.rs",
    "google.ru", "google.rw", "google.com.sa", "google.com.sb", "google.sc", "google.se",
    "google.com.sg", "google.sh", "google.si", "google.sk", "google.com.sl", "google.sn",
    "google.so", "google.sm", "google.sr", "google.st", "google.com.sv", "google.td", "google.tg",
    "google.co.th", "google.com.tj", "google.tl", "google.tm", "google.tn", "google.to",
    "google.com.tr", "google.tt", "google.com.tw", "google.co.tz", "google.com.ua",
    "google.co.ug", "google.co.uk", "google.com.uy", "google.co.uz", "google.com.vc",
    "google.co.ve", "google.co.vi", "google.com.vn", "google.vu", "google.ws", "google.co.za",
    "google.co.zm", "google.co.zw",
};

const std::pair<std::string_view, Engine> kHosts[] = {
    {"www.youtube.com", kYouTube},
    {"m.youtube.com", kYouTube},
    {"youtubei.googleapis.com", kYouTube},
    {"youtube.googleapis.com", kYouTube},
    {"www.youtube-nocookie.com", kYouTube},
    {"www.bing.com", kBing},
    {"edgeservices.bing.com", kBing},
    {"duckduckgo.com", kDuckDuckGo},
    {"www.duckduckgo.com", kDuckDuckGo},
    {"start.duckduckgo.com", kDuckDuckGo},
    {"www.ecosia.org", kEcosia},
    {"ecosia.org", kEcosia},
    {"search.brave.com", kBrave},
    {"pixabay.com", kPixabay},
    {"www.pixabay.com", kPixabay},
};

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using HostTable = std::unordered_map<std::string, Engine, TransparentHash, std::equal_to<>>;

const HostTable& hostTable() {
  static const auto* table = [] {
    auto* t = new HostTable;
    for (auto domain : kGoogleDomains) {
      t->emplace(std::string(domain), kGoogle);
      t->emplace("www." + std::string(domain), kGoogle);
    }
    for (const auto& [host, engine] : kHosts) t->emplace(std::string(host), engine);
    return t;
  }();
  return *table;
}

}  // namespace

std::span<const SafeSearchRule> safeSearchRules() { return kRules; }

std::span<const std::string_view> googleSearchDomains() { return kGoogleDomains; }

const SafeSearchRule* findSafeSearch(std::string_view host) {
  // Every host in the table is 9 to 32 bytes long: a cheap first filter.
  if (host.size() < 9 || host.size() > 32) return nullptr;
  const auto& table = hostTable();
  auto it = table.find(host);
  return it == table.end() ? nullptr : &kRules[it->second];
}

int safeSearchIndex(const SafeSearchRule* rule) {
  return rule == nullptr ? -1 : static_cast<int>(rule - kRules);
}

}  // namespace esafety::policy
