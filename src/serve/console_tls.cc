#include "serve/console_tls.h"

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <boost/asio/ssl/context.hpp>

#include <algorithm>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "tls/certificate_authority.h"
#include "tls/server_certificate.h"

namespace esafety::serve {
namespace {

namespace ssl = boost::asio::ssl;

// TLS 1.2's suites: ECDHE (forward secrecy) with AEAD only, as Mozilla's
// "intermediate" profile. TLS 1.3's are OpenSSL's defaults (all AEAD).
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

int selectHttp11(SSL*, const unsigned char** out, unsigned char* out_len, const unsigned char* in,
                 unsigned int in_len, void*) {
  static constexpr unsigned char kHttp11[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
  unsigned char* selected = nullptr;
  if (SSL_select_next_proto(&selected, out_len, kHttp11, sizeof kHttp11, in, in_len) != OPENSSL_NPN_NEGOTIATED) {
    return SSL_TLSEXT_ERR_NOACK;
  }
  *out = selected;
  return SSL_TLSEXT_ERR_OK;
}

Result<std::shared_ptr<ssl::context>> buildContext(const tls::ServerCertificate& cert) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* ctx = context->native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  bool ok = SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) == 1;
  SSL_CTX_set_alpn_select_cb(ctx, selectHttp11, nullptr);
  ok = ok && SSL_CTX_use_certificate(ctx, cert.certificate.get()) == 1;
  for (const auto& intermediate : cert.intermediates) {
    ok = ok && SSL_CTX_add1_chain_cert(ctx, intermediate.get()) == 1;
  }
  ok = ok && SSL_CTX_use_PrivateKey(ctx, cert.key.get()) == 1 && SSL_CTX_check_private_key(ctx) == 1;
  if (!ok) return invalidArgument(tls::opensslError("[console] tls: the certificate cannot be used"));
  return context;
}

// "2027-01-06 09:41 UTC"
std::string when(int64_t unix_seconds) {
  return fmt::format("{:%Y-%m-%d %H:%M} UTC", fmt::gmtime(static_cast<std::time_t>(unix_seconds)));
}

std::filesystem::file_time_type modified(const std::string& path) {
  std::error_code ec;
  auto time = std::filesystem::last_write_time(path, ec);
  return ec ? std::filesystem::file_time_type{} : time;
}

}  // namespace

ConsoleTls::ConsoleTls(const ServeConfig::Console& config, std::string data_dir, std::vector<std::string> names,
                       const Clock& clock)
    : config_(config), data_dir_(std::move(data_dir)), names_(std::move(names)), clock_(clock) {}

ConsoleTls::~ConsoleTls() = default;

Result<std::unique_ptr<ConsoleTls>> ConsoleTls::make(const ServeConfig::Console& config,
                                                     const std::string& data_dir,
                                                     const std::vector<std::string>& names, const Clock& clock) {
  if (!config.tlsOn()) return std::unique_ptr<ConsoleTls>();
  // A wildcard listen address is no name anyone browses to.
  std::vector<std::string> usable;
  for (const auto& name : names) {
    if (name.empty() || name == "0.0.0.0" || name == "::") continue;
    if (std::find(usable.begin(), usable.end(), name) == usable.end()) usable.push_back(name);
  }
  std::unique_ptr<ConsoleTls> tls(new ConsoleTls(config, data_dir, std::move(usable), clock));
  if (config.tls == "school-ca") {
    if (tls->names_.empty()) {
      return invalidArgument("[console] tls = \"school-ca\": no host name to make the certificate for; "
                             "set [console] names or public_url");
    }
    ESAFETY_RETURN_IF_ERROR(tls->mintFromCa());
    spdlog::info("console: HTTPS with a certificate from the school's CA for {}, until {} (renewed 10 days before)",
                 fmt::join(tls->names_, ", "), when(tls->not_after_));
  } else {
    ESAFETY_RETURN_IF_ERROR(tls->loadFiles());
    spdlog::info("console: HTTPS with {} (valid until {})", config.tls_cert, when(tls->not_after_));
  }
  return tls;
}

Status ConsoleTls::mintFromCa() {
  tls::TlsPaths paths(data_dir_);
  auto ca = tls::CertificateAuthority::load(paths);
  if (!ca) {
    return Status(ca.status().code(),
                  fmt::format("[console] tls = \"school-ca\" needs the school's CA in {} (make it with "
                              "`esafety ca init`): {}",
                              paths.dir, ca.status().message()));
  }
  auto cert = tls::ServerCertificate::mint(*ca, names_, clock_.nowUnix());
  if (!cert) return invalidArgument("[console] names: " + cert.status().message());
  auto context = buildContext(*cert);
  if (!context) return context.status();
  context_ = std::move(*context);
  not_after_ = cert->notAfter();
  ca_fingerprint_ = ca->fingerprint();
  return Status::ok();
}

Status ConsoleTls::loadFiles() {
  auto cert_time = modified(config_.tls_cert);
  auto key_time = modified(config_.tls_key);
  auto cert = tls::ServerCertificate::fromFiles({config_.tls_cert, "[console] tls_cert"},
                                                {config_.tls_key, "[console] tls_key"});
  if (!cert) return cert.status();
  auto context = buildContext(*cert);
  if (!context) return context.status();
  int64_t now = clock_.nowUnix();
  if (cert->notAfter() <= now) {
    spdlog::error("[console] tls_cert: {} expired at {}: browsers will refuse the console", config_.tls_cert,
                  when(cert->notAfter()));
  } else if (cert->renewalDue(now)) {
    spdlog::warn("[console] tls_cert: {} expires in {} days", config_.tls_cert, (cert->notAfter() - now) / 86400);
  }
  for (const auto& name : names_) {
    if (!cert->covers(name)) {
      spdlog::warn("[console] tls_cert: {} is not valid for '{}' ([console] names): browsers reaching the "
                   "console by that name will warn",
                   config_.tls_cert, name);
    }
  }
  context_ = std::move(*context);
  not_after_ = cert->notAfter();
  cert_time_ = cert_time;
  key_time_ = key_time;
  return Status::ok();
}

Result<bool> ConsoleTls::refresh() {
  if (config_.tls == "school-ca") {
    // The CA made again (`esafety ca init --force`): devices trust the new one.
    auto ca = tls::CertificateAuthority::load(tls::TlsPaths(data_dir_));
    bool new_ca = ca && ca->fingerprint() != ca_fingerprint_;
    if (!new_ca && clock_.nowUnix() + tls::ServerCertificate::kRenewBefore <= not_after_) return false;
    ESAFETY_RETURN_IF_ERROR(mintFromCa());
    spdlog::info("console: new certificate from the school's CA{}, until {}", new_ca ? " (a new CA)" : "",
                 when(not_after_));
    return true;
  }
  if (modified(config_.tls_cert) == cert_time_ && modified(config_.tls_key) == key_time_) return false;
  ESAFETY_RETURN_IF_ERROR(loadFiles());
  spdlog::info("console: read {} again (valid until {})", config_.tls_cert, when(not_after_));
  return true;
}

}  // namespace esafety::serve
