#include "tls/server_certificate.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "tls/leaf_minter.h"

namespace esafety::tls {
namespace {

// The file's text: a regular file of at most 1 MB (a certificate chain is a
// few KB; a path to /dev/zero must not be read until memory runs out).
Result<std::string> readPem(const ServerCertificate::Source& source) {
  constexpr std::streamsize kLimit = 1 << 20;
  std::error_code ec;
  if (std::filesystem::exists(source.path, ec) && !std::filesystem::is_regular_file(source.path, ec)) {
    return invalidArgument(fmt::format("{}: {} is not a file", source.setting, source.path));
  }
  std::ifstream in(source.path, std::ios::binary);
  if (!in) {
    return invalidArgument(fmt::format("{}: cannot read {}: {}", source.setting, source.path,
                                       std::strerror(errno)));
  }
  std::string text(static_cast<size_t>(kLimit) + 1, '\0');
  in.read(text.data(), kLimit + 1);
  if (in.gcount() > kLimit) {
    return invalidArgument(fmt::format("{}: {} is larger than 1 MB: not a PEM file", source.setting, source.path));
  }
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

// Every certificate in a PEM text, in order.
std::vector<X509Ptr> readCertificates(const std::string& pem) {
  std::vector<X509Ptr> out;
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  while (X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) out.emplace_back(cert);
  BIO_free(bio);
  ERR_clear_error();  // the end of the text reads as an error
  return out;
}

}  // namespace

Result<ServerCertificate> ServerCertificate::fromFiles(const Source& cert, const Source& key) {
  auto cert_text = readPem(cert);
  if (!cert_text) return cert_text.status();
  auto key_text = readPem(key);
  if (!key_text) return key_text.status();
  std::vector<X509Ptr> certificates = readCertificates(*cert_text);
  if (certificates.empty()) {
    return invalidArgument(fmt::format("{}: {} holds no PEM certificate (\"-----BEGIN CERTIFICATE-----\")",
                                       cert.setting, cert.path));
  }
  auto private_key = parsePemPrivateKey(*key_text);
  if (!private_key) {
    return invalidArgument(fmt::format("{}: {}: {}", key.setting, key.path, private_key.status().message()));
  }
  ServerCertificate out;
  out.certificate = std::move(certificates.front());
  for (size_t i = 1; i < certificates.size(); ++i) out.intermediates.push_back(std::move(certificates[i]));
  out.key = std::move(*private_key);
  if (X509_check_private_key(out.certificate.get(), out.key.get()) != 1) {
    ERR_clear_error();
    return invalidArgument(fmt::format("{}: {} is not the private key of the certificate in {} ({})",
                                       key.setting, key.path, cert.setting, cert.path));
  }
  return out;
}

Result<ServerCertificate> ServerCertificate::mint(const CertificateAuthority& ca,
                                                  std::span<const std::string> names, int64_t now_unix) {
  auto key = generateP256Key();
  if (!key) return key.status();
  LeafMinter minter(ca, shareKey(key->get()));
  auto cert = minter.mint(names, now_unix, kMintedLifetime);
  if (!cert) return cert.status();
  ServerCertificate out;
  out.certificate = std::move(*cert);
  out.key = std::move(*key);
  return out;
}

int64_t ServerCertificate::notAfter() const { return asn1TimeToUnix(X509_get0_notAfter(certificate.get())); }

bool ServerCertificate::covers(const std::string& name) const {
  unsigned char address[16];
  bool ip = inet_pton(AF_INET, name.c_str(), address) == 1 || inet_pton(AF_INET6, name.c_str(), address) == 1;
  int matched = ip ? X509_check_ip_asc(certificate.get(), name.c_str(), 0)
                   : X509_check_host(certificate.get(), name.data(), name.size(), 0, nullptr);
  ERR_clear_error();
  return matched == 1;
}

}  // namespace esafety::tls
