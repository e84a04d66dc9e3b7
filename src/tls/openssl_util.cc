#include "tls/openssl_util.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <fmt/format.h>

namespace esafety::tls {
namespace {

struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

std::string drain(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

BioPtr readOnly(std::string_view bytes) {
  return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

}  // namespace

X509Ptr shareCertificate(X509* cert) {
  if (cert != nullptr) X509_up_ref(cert);
  return X509Ptr(cert);
}

PkeyPtr shareKey(EVP_PKEY* key) {
  if (key != nullptr) EVP_PKEY_up_ref(key);
  return PkeyPtr(key);
}

std::string opensslError(std::string_view what) {
  std::string out(what);
  bool first = true;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    out += first ? ": " : "; ";
    out += buffer;
    first = false;
  }
  return out;
}

Result<PkeyPtr> generateP256Key() {
  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) return internalError(opensslError("generating a P-256 key"));
  return key;
}

Result<X509Ptr> parsePemCertificate(std::string_view pem) {
  BioPtr bio = readOnly(pem);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) return invalidArgument(opensslError("not a PEM certificate"));
  return cert;
}

Result<X509Ptr> parseDerCertificate(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert) return invalidArgument(opensslError("not a DER certificate"));
  return cert;
}

Result<PkeyPtr> parsePemPrivateKey(std::string_view pem) {
  BioPtr bio = readOnly(pem);
  // No passphrase is ever asked for (OpenSSL's default would prompt on the
  // terminal): an encrypted key is refused.
  auto no_passphrase = [](char*, int, int, void*) { return -1; };
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr));
  if (!key) return invalidArgument(opensslError("not a PEM private key without a passphrase"));
  return key;
}

std::string toPem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  return drain(bio.get());
}

std::string toDer(X509* cert) {
  int n = i2d_X509(cert, nullptr);
  if (n <= 0) return {};
  std::string out(static_cast<size_t>(n), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  i2d_X509(cert, &p);
  return out;
}

std::string privateKeyToPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  return drain(bio.get());
}

std::string sha256(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string toHex(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}

int64_t asn1TimeToUnix(const ASN1_TIME* time) {
  struct tm tm {};
  if (ASN1_TIME_to_tm(time, &tm) != 1) return 0;
  return static_cast<int64_t>(timegm(&tm));
}

}  // namespace esafety::tls
