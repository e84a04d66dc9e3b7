// LeafMinter: makes the certificate a browser sees for an inspected site,
// signed by the school's CA (certificate_authority.h).
//
// Each leaf is ECDSA P-256 with:
//   - subjectAltName DNS:<host>, or IP:<address> for an IP literal (and CN =
//     the host when it fits in 64 characters; browsers read only the SAN);
//   - subjectKeyIdentifier, and authorityKeyIdentifier = the CA's key id;
//   - basicConstraints CA:FALSE, keyUsage digitalSignature, extendedKeyUsage serverAuth;
//   - a random 128-bit serial;
//   - validity from an hour ago (clocks on school devices drift) to seven days
//     ahead (kLifetime), never past the CA's own end. Short, so a leaf that
//     leaks is soon useless, yet long enough that the disk cache saves work
//     across restarts; leaves are renewed when less than a day is left.
//
// All leaves share one key pair (`leaf-key.pem`, mode 0600, next to the CA
// key). Minting is then one signature, and the disk cache holds only public
// certificates. The cost: whoever steals that key can pose as every inspected
// site, but whoever can read it can read the CA key beside it and do that
// anyway; session keys are ephemeral (ECDHE), so recorded traffic stays safe.
//
//   LeafMinter minter(ca, std::move(leaf_key));
//   auto cert = minter.mint("www.example.com", clock.nowUnix());
//
// Thread safety: immutable after construction; mint() may run on any thread.
#pragma once

#include <openssl/x509v3.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "tls/certificate_authority.h"

namespace esafety::tls {

class LeafMinter {
 public:
  static constexpr int64_t kLifetime = int64_t{7} * 24 * 3600;
  static constexpr int64_t kBackdate = 3600;
  static constexpr int64_t kRenewBefore = 24 * 3600;

  LeafMinter(const CertificateAuthority& ca, PkeyPtr leaf_key);
  ~LeafMinter();
  LeafMinter(const LeafMinter&) = delete;
  LeafMinter& operator=(const LeafMinter&) = delete;

  // A leaf for `host` (a normalised name such as "www.example.com", or an IP
  // literal without brackets). A name with characters no host name has is
  // kInvalidArgument.
  Result<X509Ptr> mint(std::string_view host, int64_t now_unix) const;
  // One certificate for several names (the console's: its host names and
  // addresses), the first as CN, valid for `lifetime` seconds (never past
  // the CA's end).
  Result<X509Ptr> mint(std::span<const std::string> hosts, int64_t now_unix, int64_t lifetime) const;

  // True when `cert` (say, read back from the disk cache) was signed by this
  // CA for this leaf key and `host`, and stays valid past now + kRenewBefore.
  bool reusable(X509* cert, std::string_view host, int64_t now_unix) const;

  EVP_PKEY* leafKey() const { return leaf_key_.get(); }
  const CertificateAuthority& ca() const { return ca_; }

 private:
  const CertificateAuthority& ca_;
  PkeyPtr leaf_key_;
  // The extensions every leaf shares, built once.
  std::vector<X509_EXTENSION*> fixed_extensions_;
};

// Reads `paths.leafKey()`, or creates it (mode 0600) when missing.
Result<PkeyPtr> loadOrCreateLeafKey(const TlsPaths& paths);

}  // namespace esafety::tls
