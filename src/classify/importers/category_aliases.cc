// canonicalCategory(): the names list collections give their categories,
// mapped onto esafety's category names. The UK "appropriate filtering"
// categories (STANDARDS.md) come first; the rest keep a clear name of their own
// so that a school can still choose to block them.
//
//   list name (UT1 folder, squidGuard/Shalla folder, e2guardian #listcategory)  esafety
//   adult, porn, pornography, mixed_adult, sexe, "Adult Sites"           pornography
//   agressif, aggressive, hate, "Hate Speech"                           hate-speech
//   racism, racist, discrimination                                     discrimination
//   drogue, drugs, "Drugs"                                             drugs
//   gambling, arjel (French licensed betting), "Gambling"              gambling
//   hacking, malware, phishing, cryptojacking, ddos, dialer(s),
//     stalkerware, virusinfected, spyware                              malware-hacking
//   warez, piracy                                                      piracy
//   violence                                                           violence
//   suicide, self-harm, selfharm, self_harm                            self-harm
//   radicalisation, radicalization, extremism, terrorism               extremism
//   vpn, proxy, redirector, strong_redirector, strict_redirector, doh,
//     anonvpn, circumvention                                           circumvention
//   games, onlinegames                                                 games
//   social_networks, socialnet, "Social Networking"                   social-networking
//   chat, dating, sect (cults, kept apart from extremism)              chat, dating, sect
//   publicite, ads, adv, "ADs"                                         advertising
//   lingerie                                                           lingerie (not pornography:
//                                                                        retail sites)
//   sexual_education                                                   sex-education (must never
//                                                                        fall under pornography)
//   tricheur (exam cheating)                                           cheating
//   "Banned Sites", "Banned URLs" (e2guardian's defaults)              banned-sites, banned-urls
// Any other name: lower-cased, spaces and '_' as '-', only [a-z0-9-] kept.
//
// Nothing maps to "illegal": that category cannot be overridden by anyone, so
// a list only lands in it when the technician says so (--category illegal).
// A list that calls itself "illegal" becomes "illegal-unverified".
#include <string>
#include <string_view>

#include "classify/importers.h"

namespace esafety::classify {
namespace {

struct Alias {
  std::string_view from;  // already in the cleaned form (see clean())
  std::string_view to;
};

constexpr Alias kAliases[] = {
    {"adult", "pornography"},
    {"porn", "pornography"},
    {"mixed-adult", "pornography"},
    {"sexe", "pornography"},
    {"adult-sites", "pornography"},
    {"agressif", "hate-speech"},
    {"aggressive", "hate-speech"},
    {"hate", "hate-speech"},
    {"racism", "discrimination"},
    {"racist", "discrimination"},
    {"drogue", "drugs"},
    {"arjel", "gambling"},
    {"hacking", "malware-hacking"},
    {"malware", "malware-hacking"},
    {"phishing", "malware-hacking"},
    {"cryptojacking", "malware-hacking"},
    {"ddos", "malware-hacking"},
    {"dialer", "malware-hacking"},
    {"dialers", "malware-hacking"},
    {"stalkerware", "malware-hacking"},
    {"virusinfected", "malware-hacking"},
    {"spyware", "malware-hacking"},
    {"warez", "piracy"},
    {"suicide", "self-harm"},
    {"selfharm", "self-harm"},
    {"radicalisation", "extremism"},
    {"radicalization", "extremism"},
    {"terrorism", "extremism"},
    {"vpn", "circumvention"},
    {"proxy", "circumvention"},
    {"redirector", "circumvention"},
    {"strong-redirector", "circumvention"},
    {"strict-redirector", "circumvention"},
    {"doh", "circumvention"},
    {"anonvpn", "circumvention"},
    {"onlinegames", "games"},
    {"social-networks", "social-networking"},
    {"socialnet", "social-networking"},
    {"publicite", "advertising"},
    {"ads", "advertising"},
    {"adv", "advertising"},
    {"sexual-education", "sex-education"},
    {"tricheur", "cheating"},
};

// Lower-case; spaces and '_' as '-'; only [a-z0-9-]; no leading, trailing or doubled '-'.
std::string clean(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' || c == '_' || c == '\t') c = '-';
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!keep) continue;
    if (c == '-' && (out.empty() || out.back() == '-')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace

std::string canonicalCategory(std::string_view name) {
  std::string cleaned = clean(name);
  for (const Alias& alias : kAliases) {
    if (cleaned == alias.from) return std::string(alias.to);
  }
  if (cleaned == "illegal") return "illegal-unverified";
  if (cleaned.empty()) return "unnamed";
  return cleaned;
}

}  // namespace esafety::classify
