// The console's /ca page: how to install the school's certificate on iPad,
// Chromebook, Windows and macOS, in plain words, with links to the
// certificate itself (/ca.pem, /ca.der, /ca.mobileconfig) and its
// fingerprint so whoever installs it can check it is the right one.
//
//   std::string html = renderCaPage({.ca_name = ca.commonName(),
//                                    .fingerprint = ca.fingerprint()});
//   // no CA yet: renderCaPage({}) explains how to create one
//
// Pure function; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace esafety::pages {

struct CaPageInfo {
  std::string_view ca_name;       // empty: the school has no CA yet
  std::string_view fingerprint;   // SHA-256, "ab:cd:..."
  std::string_view valid_until;   // "2036-11-25"
};

std::string renderCaPage(const CaPageInfo& info);

}  // namespace esafety::pages
