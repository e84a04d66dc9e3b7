#include "tls/leaf_minter.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include <algorithm>
#include <filesystem>
#include <span>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "tls/secret_file.h"

namespace esafety::tls {
namespace {

bool hostCharsOk(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  });
}

// The SAN for `hosts`: an iPAddress for each IP literal, else a dNSName.
GENERAL_NAMES* subjectAltName(std::span<const std::string> hosts) {
  GENERAL_NAMES* names = sk_GENERAL_NAME_new_null();
  for (const std::string& text : hosts) {
    unsigned char address[16];
    GENERAL_NAME* name = GENERAL_NAME_new();
    int length = 0;
    if (inet_pton(AF_INET, text.c_str(), address) == 1) length = 4;
    else if (inet_pton(AF_INET6, text.c_str(), address) == 1) length = 16;
    if (length > 0) {
      ASN1_OCTET_STRING* ip = ASN1_OCTET_STRING_new();
      ASN1_OCTET_STRING_set(ip, address, length);
      GENERAL_NAME_set0_value(name, GEN_IPADD, ip);
    } else {
      ASN1_IA5STRING* dns = ASN1_IA5STRING_new();
      ASN1_STRING_set(dns, text.data(), static_cast<int>(text.size()));
      GENERAL_NAME_set0_value(name, GEN_DNS, dns);
    }
    sk_GENERAL_NAME_push(names, name);
  }
  return names;
}

bool isIpLiteral(std::string_view host) {
  std::string text(host);
  unsigned char address[16];
  return inet_pton(AF_INET, text.c_str(), address) == 1 || inet_pton(AF_INET6, text.c_str(), address) == 1;
}

}  // namespace

LeafMinter::LeafMinter(const CertificateAuthority& ca, PkeyPtr leaf_key)
    : ca_(ca), leaf_key_(std::move(leaf_key)) {
  // The key identifiers need a certificate that carries the leaf's public key.
  X509Ptr probe(X509_new());
  X509_set_pubkey(probe.get(), leaf_key_.get());
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, ca_.certificate(), probe.get(), nullptr, nullptr, 0);
  const std::pair<int, const char*> kFixed[] = {
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_key_usage, "critical,digitalSignature"},
      {NID_ext_key_usage, "serverAuth"},
      {NID_subject_key_identifier, "hash"},
      {NID_authority_key_identifier, "keyid:always"},
  };
  for (const auto& [nid, value] : kFixed) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    // Fixed strings on a valid CA: failing here is a bug, not input.
    if (ext == nullptr) throw std::runtime_error(opensslError("leaf extension"));
    fixed_extensions_.push_back(ext);
  }
}

LeafMinter::~LeafMinter() {
  for (X509_EXTENSION* ext : fixed_extensions_) X509_EXTENSION_free(ext);
}

Result<X509Ptr> LeafMinter::mint(std::string_view host, int64_t now_unix) const {
  std::string name(host);
  return mint(std::span<const std::string>(&name, 1), now_unix, kLifetime);
}

Result<X509Ptr> LeafMinter::mint(std::span<const std::string> hosts, int64_t now_unix,
                                 int64_t lifetime) const {
  if (hosts.empty()) return invalidArgument("cannot make a certificate for no host names");
  for (const std::string& host : hosts) {
    if (!hostCharsOk(host) && !isIpLiteral(host)) {
      return invalidArgument(fmt::format("cannot make a certificate for '{}': not a host name", host));
    }
  }
  const std::string& host = hosts.front();
  X509Ptr cert(X509_new());
  X509* x = cert.get();
  X509_set_version(x, 2);
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return internalError(opensslError("random serial"));
  serial[0] &= 0x7F;  // positive
  serial[0] |= 0x01;  // and a full 16 bytes long
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
  BN_free(bn);
  int64_t not_after = std::min(now_unix + lifetime, ca_.notAfter());
  ASN1_TIME_set(X509_getm_notBefore(x), static_cast<time_t>(now_unix - kBackdate));
  ASN1_TIME_set(X509_getm_notAfter(x), static_cast<time_t>(not_after));
  X509_set_issuer_name(x, X509_get_subject_name(ca_.certificate()));
  if (host.size() <= 64) {
    X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(host.data()),
                               static_cast<int>(host.size()), -1, 0);
  }
  X509_set_pubkey(x, leaf_key_.get());
  GENERAL_NAMES* san = subjectAltName(hosts);
  X509_add1_ext_i2d(x, NID_subject_alt_name, san, 0, X509V3_ADD_DEFAULT);
  GENERAL_NAMES_free(san);
  for (X509_EXTENSION* ext : fixed_extensions_) X509_add_ext(x, ext, -1);
  if (X509_sign(x, ca_.key(), EVP_sha256()) == 0) {
    return internalError(opensslError(fmt::format("signing the certificate for {}", host)));
  }
  return cert;
}

bool LeafMinter::reusable(X509* cert, std::string_view host, int64_t now_unix) const {
  if (cert == nullptr) return false;
  if (asn1TimeToUnix(X509_get0_notAfter(cert)) < now_unix + kRenewBefore) return false;
  if (asn1TimeToUnix(X509_get0_notBefore(cert)) > now_unix) return false;
  if (X509_check_issued(ca_.certificate(), cert) != X509_V_OK) return false;
  if (X509_verify(cert, ca_.key()) != 1) return false;
  if (X509_check_private_key(cert, leaf_key_.get()) != 1) return false;
  std::string name(host);
  int matched = isIpLiteral(host) ? X509_check_ip_asc(cert, name.c_str(), 0)
                                  : X509_check_host(cert, name.data(), name.size(),
                                                    X509_CHECK_FLAG_NO_WILDCARDS, nullptr);
  ERR_clear_error();
  return matched == 1;
}

Result<PkeyPtr> loadOrCreateLeafKey(const TlsPaths& paths) {
  std::error_code ec;
  if (std::filesystem::exists(paths.leafKey(), ec)) {
    std::ifstream in(paths.leafKey(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto key = parsePemPrivateKey(text.str());
    if (!key) return dataLoss(fmt::format("{}: {}", paths.leafKey(), key.status().message()));
    return key;
  }
  auto key = generateP256Key();
  if (!key) return key.status();
  ESAFETY_RETURN_IF_ERROR(makePrivateDirectory(paths.dir));
  ESAFETY_RETURN_IF_ERROR(writeSecretFile(paths.leafKey(), privateKeyToPem(key->get())));
  return key;
}

}  // namespace esafety::tls
