// Owning pointers for OpenSSL objects, and the helpers the tls library and
// its users share: error text, PEM and DER conversions, hashing.
//
//   X509Ptr cert = parsePemCertificate(text).value();
//   std::string der = toDer(cert.get());
//
// Private to the libraries that talk to OpenSSL (tls/, proxy/); keep it out
// of headers that the rest of the tree includes.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety::tls {

struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Shares an X509 (up-ref); the copy is freed with X509Ptr as usual.
X509Ptr shareCertificate(X509* cert);
PkeyPtr shareKey(EVP_PKEY* key);

// The OpenSSL error queue as one line (and clears it): "what: reason; reason".
std::string opensslError(std::string_view what);

// A fresh ECDSA P-256 key.
Result<PkeyPtr> generateP256Key();

Result<X509Ptr> parsePemCertificate(std::string_view pem);
Result<X509Ptr> parseDerCertificate(std::string_view der);
Result<PkeyPtr> parsePemPrivateKey(std::string_view pem);
std::string toPem(X509* cert);
std::string toDer(X509* cert);
std::string privateKeyToPem(EVP_PKEY* key);  // PKCS#8, unencrypted

// SHA-256 of some bytes, raw (32 bytes).
std::string sha256(std::string_view bytes);
// Lower-case hex.
std::string toHex(std::string_view bytes);

// Unix seconds of an ASN1_TIME (notBefore / notAfter).
int64_t asn1TimeToUnix(const ASN1_TIME* time);

}  // namespace esafety::tls
