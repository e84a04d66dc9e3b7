#include "tls/certificate_authority.h"

#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <filesystem>

#include <fmt/format.h>

#include "core/file_system.h"

#include "tls/secret_file.h"

namespace esafety::tls {
namespace {

constexpr int64_t kCaLifetime = int64_t{10} * 365 * 24 * 3600;

// X.509 names allow at most 64 characters per CN/O; cut on a character boundary.
std::string limit64(std::string_view text) {
  if (text.size() <= 64) return std::string(text);
  // Back off to the start of the character that straddles the cut.
  size_t end = 64;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

Status addExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
  if (ext == nullptr) return internalError(opensslError(fmt::format("extension {}", value)));
  int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return ok == 1 ? Status::ok() : internalError(opensslError("adding an extension"));
}

}  // namespace

Result<CertificateAuthority> CertificateAuthority::generate(std::string_view school_name,
                                                           int64_t now_unix) {
  auto key = generateP256Key();
  if (!key) return key.status();
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7F;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(now_unix - 3600));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), static_cast<time_t>(now_unix + kCaLifetime));
  std::string school = limit64(school_name.empty() ? "School" : school_name);
  std::string common = limit64(std::string(school) + " web filter");
  X509_NAME* name = X509_get_subject_name(cert.get());
  auto add = [&](const char* field, const std::string& value) {
    X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(value.data()),
                               static_cast<int>(value.size()), -1, 0);
  };
  add("C", "GB");
  add("O", school);
  add("OU", "esafety TLS inspection");
  add("CN", common);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key->get());
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  ESAFETY_RETURN_IF_ERROR(addExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:TRUE,pathlen:0"));
  ESAFETY_RETURN_IF_ERROR(addExtension(cert.get(), &ctx, NID_key_usage, "critical,keyCertSign,cRLSign"));
  ESAFETY_RETURN_IF_ERROR(addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash"));
  ESAFETY_RETURN_IF_ERROR(addExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always"));
  if (X509_sign(cert.get(), key->get(), EVP_sha256()) == 0) {
    return internalError(opensslError("signing the CA certificate"));
  }
  return CertificateAuthority(std::move(cert), std::move(*key));
}

Result<CertificateAuthority> CertificateAuthority::create(const TlsPaths& paths,
                                                         std::string_view school_name,
                                                         const Clock& clock, bool force) {
  std::error_code ec;
  if (!force && (std::filesystem::exists(paths.caCert(), ec) ||
                 std::filesystem::exists(paths.caKey(), ec))) {
    return alreadyExists(fmt::format(
        "{} already holds the school's CA; devices that trust it would stop trusting the "
        "filter if it were replaced. Use --force to replace it anyway",
        paths.dir));
  }
  ESAFETY_RETURN_IF_ERROR(makePrivateDirectory(paths.dir));
  auto ca = generate(school_name, clock.nowUnix());
  if (!ca) return ca.status();
  auto leaf_key = generateP256Key();
  if (!leaf_key) return leaf_key.status();
  // Keys first: a certificate without its key is useless, the reverse harmless.
  ESAFETY_RETURN_IF_ERROR(writeSecretFile(paths.caKey(), privateKeyToPem(ca->key())));
  ESAFETY_RETURN_IF_ERROR(writeSecretFile(paths.leafKey(), privateKeyToPem(leaf_key->get())));
  std::filesystem::remove_all(paths.leavesDir(), ec);
  ESAFETY_RETURN_IF_ERROR(writeSecretFile(paths.caCert(), ca->pem()));
  // The certificate is public; devices and the console read it.
  std::filesystem::permissions(paths.caCert(), std::filesystem::perms(0644), ec);
  return ca;
}

Result<CertificateAuthority> CertificateAuthority::load(const TlsPaths& paths) {
  std::error_code ec;
  if (!std::filesystem::exists(paths.caCert(), ec)) {
    return failedPrecondition(fmt::format(
        "there is no school CA in {} yet; create one with `esafety ca init`", paths.dir));
  }
  auto cert_text = RealFileSystem().readFile(paths.caCert());
  if (!cert_text) return cert_text.status();
  auto key_text = RealFileSystem().readFile(paths.caKey());
  if (!key_text) return key_text.status();
  auto cert = parsePemCertificate(*cert_text);
  if (!cert) return dataLoss(fmt::format("{}: {}", paths.caCert(), cert.status().message()));
  auto key = parsePemPrivateKey(*key_text);
  if (!key) return dataLoss(fmt::format("{}: {}", paths.caKey(), key.status().message()));
  if (X509_check_private_key(cert->get(), key->get()) != 1) {
    return dataLoss(opensslError(
        fmt::format("{} is not the key of {}", paths.caKey(), paths.caCert())));
  }
  return CertificateAuthority(std::move(*cert), std::move(*key));
}

std::string CertificateAuthority::commonName() const {
  char buffer[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert_.get()), NID_commonName, buffer, sizeof buffer);
  return buffer;
}

int64_t CertificateAuthority::notAfter() const { return asn1TimeToUnix(X509_get0_notAfter(cert_.get())); }

std::string CertificateAuthority::fingerprint() const {
  std::string hex = toHex(sha256(der()));
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    if (i) out += ':';
    out += hex.substr(i, 2);
  }
  return out;
}

}  // namespace esafety::tls
