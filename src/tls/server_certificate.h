// ServerCertificate: the certificate a listener of esafety's own presents
// (the console over HTTPS, [console] tls), with its private key and any
// intermediates, either read from PEM files (a certificate from the LA or a
// public CA) or minted from the school's CA (certificate_authority.h), which
// devices already trust for TLS inspection.
//
//   auto files = ServerCertificate::fromFiles({"/etc/esafety/console.pem", "[console] tls_cert"},
//                                             {"/etc/esafety/console-key.pem", "[console] tls_key"});
//   auto minted = ServerCertificate::mint(ca, {"esafety.oakhill.sch.uk", "10.20.0.5"}, now);
//   if (minted->renewalDue(now)) ... mint again
//
// Errors name the setting and the file ("[console] tls_key: /etc/...: ...").
// A loaded ServerCertificate is immutable; any thread may read it.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "tls/certificate_authority.h"
#include "tls/openssl_util.h"

namespace esafety::tls {

struct ServerCertificate {
  // A minted certificate lives 30 days and is renewed when 10 are left:
  // short, so a leaked key soon stops working, with weeks to notice a
  // renewal that fails (the log says so every hour).
  static constexpr int64_t kMintedLifetime = int64_t{30} * 24 * 3600;
  static constexpr int64_t kRenewBefore = int64_t{10} * 24 * 3600;

  // A file and the setting that names it, for error messages.
  struct Source {
    std::string path;
    std::string setting;
  };

  // Reads the certificate (then any intermediates) and its private key
  // (unencrypted: nothing prompts for a passphrase). Missing, unreadable or
  // not PEM, or a key that is not the certificate's: kInvalidArgument naming
  // the setting and the file.
  static Result<ServerCertificate> fromFiles(const Source& cert, const Source& key);

  // A certificate for `names` (host names and IP addresses; the first is the
  // CN) signed by `ca`, with a fresh P-256 key, valid from an hour ago for
  // kMintedLifetime.
  static Result<ServerCertificate> mint(const CertificateAuthority& ca, std::span<const std::string> names,
                                        int64_t now_unix);

  int64_t notAfter() const;
  // True within kRenewBefore of notAfter().
  bool renewalDue(int64_t now_unix) const { return notAfter() - now_unix < kRenewBefore; }
  // True when the certificate is valid for `name` (a host name or an IP address).
  bool covers(const std::string& name) const;

  X509Ptr certificate;
  std::vector<X509Ptr> intermediates;
  PkeyPtr key;
};

}  // namespace esafety::tls
