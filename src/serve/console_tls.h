// ConsoleTls: HTTPS on the console's own listener ([console] tls,
// docs/operations.md "The console over HTTPS"). It holds the certificate and
// the OpenSSL context that connections handshake with:
//
//   - "school-ca": a certificate minted from the school's CA (<data>/tls,
//     `esafety ca init`; devices already trust it for TLS inspection) for the
//     console's names (ConsoleGate::names(): [console] names, or the listen
//     address and public_url's host), with a fresh key held in memory only;
//     minted again when 10 days are left, or when the CA was made again;
//   - "files": [console] tls_cert and tls_key (PEM), read again when either
//     file changes (a renewed certificate from the LA or a public CA).
//
// TLS 1.2 and 1.3 only; TLS 1.2 with ECDHE and AEAD ciphers only (forward
// secrecy); no compression, no renegotiation; ALPN http/1.1.
//
//   auto tls = ConsoleTls::make(config.console, data_dir, gate.names(), clock);
//   if (!tls) return tls.status();          // never falls back to plain HTTP
//   if (*tls) ... handshake with (*tls)->context();
//   every hour: (*tls)->refresh();          // an error keeps the old certificate
//
// Why a forward declaration of ssl::context: Asio's templates stay in the
// .cc files that use them (console_service.cc, console_tls.cc).
//
// Control thread only (make, refresh, context); a context handed out stays
// valid for as long as its holder keeps the shared_ptr.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/status.h"

namespace boost::asio::ssl {
class context;
}

namespace esafety::serve {

class ConsoleTls {
 public:
  // Null when [console] tls is "off". A missing CA, or a missing,
  // unreadable or mismatched certificate or key, is an error that names the
  // setting and the file.
  static Result<std::unique_ptr<ConsoleTls>> make(const ServeConfig::Console& config, const std::string& data_dir,
                                                  const std::vector<std::string>& names, const Clock& clock);
  ~ConsoleTls();
  ConsoleTls(const ConsoleTls&) = delete;
  ConsoleTls& operator=(const ConsoleTls&) = delete;

  // What new connections handshake with; a connection keeps the one it began with.
  std::shared_ptr<boost::asio::ssl::context> context() const { return context_; }

  // school-ca: mints again when renewal is due or the CA changed; files:
  // reads them again when either changed. True when the certificate
  // changed. An error (logged by the caller) keeps the old certificate.
  Result<bool> refresh();

  // The end of the current certificate's validity (Unix seconds).
  int64_t notAfter() const { return not_after_; }

 private:
  ConsoleTls(const ServeConfig::Console& config, std::string data_dir, std::vector<std::string> names,
             const Clock& clock);
  Status mintFromCa();
  Status loadFiles();

  ServeConfig::Console config_;
  std::string data_dir_;
  std::vector<std::string> names_;
  const Clock& clock_;
  std::shared_ptr<boost::asio::ssl::context> context_;
  int64_t not_after_ = 0;
  std::string ca_fingerprint_;  // school-ca: the CA that signed the current certificate
  std::filesystem::file_time_type cert_time_{}, key_time_{};  // files: as read
};

}  // namespace esafety::serve
