// The school's own certificate authority, for TLS inspection (DESIGN.md §6).
// `esafety ca init` creates it; the proxy loads it to mint leaf certificates
// (leaf_minter.h); `esafety ca export` and the console's /ca page hand out its
// certificate for devices to trust.
//
// The CA is ECDSA P-256 (every current iPad, Chromebook, Windows and macOS
// accepts it, and signing is fast), valid for ten years, named after the school
// ("<School> web filter"), with basicConstraints CA:TRUE, pathlen:0 (it signs
// leaves only) and keyUsage keyCertSign, cRLSign. Its private key is written
// mode 0600 (secret_file.h) and never leaves the box.
//
//   TlsPaths paths(data_dir);
//   auto ca = CertificateAuthority::create(paths, "Oak Hill Primary", clock, /*force=*/false);
//   auto loaded = CertificateAuthority::load(paths);
//   std::string pem = loaded->pem();
//
// Thread safety: a loaded CertificateAuthority is immutable; any thread may
// read it and sign with its key (OpenSSL's signing is thread-safe).
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "tls/openssl_util.h"

namespace esafety::tls {

// Where TLS inspection keeps its files under the data directory.
struct TlsPaths {
  explicit TlsPaths(const std::string& data_dir) : dir(data_dir + "/tls") {}
  std::string dir;
  std::string caCert() const { return dir + "/ca.pem"; }
  std::string caKey() const { return dir + "/ca-key.pem"; }           // 0600
  std::string leafKey() const { return dir + "/leaf-key.pem"; }       // 0600
  std::string leavesDir() const { return dir + "/leaves"; }           // minted leaves (certificates)
  std::string noInspectList() const { return dir + "/no-inspect.txt"; }
};

class CertificateAuthority {
 public:
  // Makes a new CA in memory (valid from an hour before `now_unix` for ten years).
  static Result<CertificateAuthority> generate(std::string_view school_name, int64_t now_unix);
  // Makes a new CA and writes it (and a fresh leaf key) under `paths`. An
  // existing CA is kAlreadyExists unless `force`; with `force` the old leaves
  // are deleted, since nothing trusts them any more.
  static Result<CertificateAuthority> create(const TlsPaths& paths, std::string_view school_name,
                                             const Clock& clock, bool force);
  // Reads the CA written by create(); a missing CA is kFailedPrecondition
  // naming `esafety ca init`; a key that does not match the certificate is kDataLoss.
  static Result<CertificateAuthority> load(const TlsPaths& paths);

  X509* certificate() const { return cert_.get(); }
  EVP_PKEY* key() const { return key_.get(); }
  std::string pem() const { return toPem(cert_.get()); }
  std::string der() const { return toDer(cert_.get()); }
  std::string commonName() const;
  int64_t notAfter() const;
  // SHA-256 of the DER certificate, lower-case hex with colons ("ab:cd:..."),
  // as devices show it when asked to trust it.
  std::string fingerprint() const;

 private:
  CertificateAuthority(X509Ptr cert, PkeyPtr key) : cert_(std::move(cert)), key_(std::move(key)) {}
  X509Ptr cert_;
  PkeyPtr key_;
};

}  // namespace esafety::tls
