// Private to src/proxy, and included only by the .cc files that handle
// inspected HTTPS: the TLS stream types, the TLS upstream pool, and the
// shared state of TLS inspection (the CA, leaf cache, no-inspect list and
// the two SSL contexts).
#pragma once

#include <boost/asio/ssl.hpp>
#include <atomic>
#include <memory>

#include "core/mutex.h"
#include "core/thread_annotations.h"
#include "proxy/client_hello.h"
#include "proxy/request_outcome.h"
#include "proxy/request_record.h"
#include "proxy/session_io.h"
#include "tls/leaf_cache.h"
#include "tls/no_inspect.h"

namespace esafety::proxy {

namespace ssl = asio::ssl;

// The client's side of an inspected connection: TLS over the session's own
// tcp_stream (by reference, so the session still owns and closes it).
using TlsClientStream = ssl::stream<beast::tcp_stream&>;
using TlsUpstreamStream = ssl::stream<beast::tcp_stream>;

struct TlsUpstreamConnection {
  TlsUpstreamConnection(beast::tcp_stream s, ssl::context& context) : stream(std::move(s), context) {}
  TlsUpstreamStream stream;
  beast::flat_buffer buffer;
  bool reused = false;
};

class TlsUpstreamPool : public BasicUpstreamPool<TlsUpstreamConnection> {
 public:
  using BasicUpstreamPool::BasicUpstreamPool;
};

// Everything inspection needs, built once when the proxy starts (null when
// the school has no CA yet). Read-only afterwards; any worker thread uses it.
struct TlsInspection {
  TlsInspection(tls::CertificateAuthority authority, tls::PkeyPtr leaf_key, std::string leaves_dir,
                size_t cache_entries, const Clock& clock, tls::LeafCacheStats& stats,
                size_t cache_files = 50000)
      : ca(std::move(authority)),
        minter(ca, std::move(leaf_key)),
        cache(minter, std::move(leaves_dir), cache_entries, clock, stats, cache_files) {}
  tls::CertificateAuthority ca;
  tls::LeafMinter minter;
  tls::LeafCache cache;
  ssl::context server{ssl::context::tls_server};  // towards the browser: minted leaves
  ssl::context client{ssl::context::tls_client};  // towards the site: full verification

  // The no-inspect list. It is read again when its file changes (looked at
  // no more than every two seconds, by whichever worker asks first), so an
  // edit takes effect without a restart; a missing or unreadable file keeps
  // the list in force.
  std::shared_ptr<const tls::NoInspectList> noInspect() EXCLUDES(reload_mutex_);
  void setNoInspect(std::shared_ptr<const tls::NoInspectList> list, std::string watched_path)
      EXCLUDES(reload_mutex_);

 private:
  // Reads the watched file again if its modification time moved.
  void reloadIfChanged() REQUIRES(reload_mutex_);

  std::atomic<std::shared_ptr<const tls::NoInspectList>> no_inspect_;
  std::atomic<int64_t> next_check_ms_{0};
  Mutex reload_mutex_;
  std::string watched_path_ GUARDED_BY(reload_mutex_);  // empty: nothing to watch
  int64_t watched_mtime_ns_ GUARDED_BY(reload_mutex_) = 0;
};

// Whether the school's CA certificate is in the data directory yet.
bool caCreated(const std::string& data_dir);

// Reads the CA from the data directory and sets up both contexts. A school
// without a CA gets null (and a log line); a broken CA is an error.
Result<std::unique_ptr<TlsInspection>> loadTlsInspection(const ServeConfig& config,
                                                         const std::string& data_dir,
                                                         const Clock& clock, ProxyStats& stats);

// Connects to `host:port` and completes a verified TLS handshake (system
// trust store plus [tls] extra_trust_file; host name, chain and dates; SNI).
struct TlsConnectResult {
  std::unique_ptr<TlsUpstreamConnection> connection;
  pages::UpstreamError error = pages::UpstreamError::kConnectionRefused;
  std::string detail;
  bool verify_failed = false;  // the certificate was refused (vs. a network failure)
  std::optional<AddressRefusal> refused;  // as ConnectResult::refused
};
awaitable<TlsConnectResult> connectUpstreamTls(const std::string& host, uint16_t port,
                                               ProxyShared& shared, WorkerState& worker);

// act's kInspect for a CONNECT (inspected_connect.cc): answers 200, reads
// the ClientHello, completes TLS with a minted leaf and serves the requests
// inside, each through the stages with its own event. Returns how the
// CONNECT ends (kDone) for its own event, `record`.
awaitable<Outcome> inspectConnect(ClientConnection& client, RequestRecord& record,
                                  const InspectedOrigin& origin, ProxyShared& shared,
                                  WorkerState& worker);

// Reads the TLS ClientHello into client.buffer (it stays there), up to
// kMaxHelloBytes, and parses it (connect_request.cc).
awaitable<ClientHello> readClientHello(ClientConnection& client, std::chrono::seconds timeout);

}  // namespace esafety::proxy
