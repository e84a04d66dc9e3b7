// TLS inspection's setup: the SSL contexts, the school's CA and leaf key,
// and the no-inspect list (re-read when its file changes). Opening an
// inspected CONNECT is in inspected_connect.cc, verified TLS connections to
// sites in tls_upstream.cc.
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "core/file_system.h"

#include "proxy/tls_streams.h"

namespace esafety::proxy {
namespace {

// Offer the browser HTTP/1.1 only: the request loop speaks HTTP/1.1, and a
// browser that asked only for h2 falls back to HTTP/1.1 when ALPN is unanswered.
int selectHttp11(SSL*, const unsigned char** out, unsigned char* out_length, const unsigned char* in,
                 unsigned int in_length, void*) {
  for (unsigned int i = 0; i < in_length;) {
    unsigned int length = in[i];
    if (i + 1 + length > in_length) break;
    if (length == 8 && std::memcmp(in + i + 1, "http/1.1", 8) == 0) {
      *out = in + i + 1;
      *out_length = 8;
      return SSL_TLSEXT_ERR_OK;
    }
    i += 1 + length;
  }
  return SSL_TLSEXT_ERR_NOACK;
}

}  // namespace

WorkerState::WorkerState(asio::io_context& io_context, const policy::PolicyHolder& holder,
                         uint32_t per_host)
    : io(io_context),
      reader(holder),
      pool(per_host),
      tls_pool(std::make_unique<TlsUpstreamPool>(per_host)),
      resolver(io_context),
      sessions(io_context) {}

WorkerState::~WorkerState() = default;

namespace {

int64_t steadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int64_t modifiedNs(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
}

}  // namespace

void TlsInspection::setNoInspect(std::shared_ptr<const tls::NoInspectList> list,
                                 std::string watched_path) {
  MutexLock lock(reload_mutex_);
  watched_path_ = std::move(watched_path);
  watched_mtime_ns_ = watched_path_.empty() ? 0 : std::max<int64_t>(modifiedNs(watched_path_), 0);
  no_inspect_.store(std::move(list));
  next_check_ms_.store(steadyMs() + 2000, std::memory_order_relaxed);
}

std::shared_ptr<const tls::NoInspectList> TlsInspection::noInspect() {
  const int64_t now = steadyMs();
  // One worker looks at the file; the others go on with the list they have.
  if (now < next_check_ms_.load(std::memory_order_relaxed)) return no_inspect_.load();
  if (reload_mutex_.tryLock()) {
    if (now >= next_check_ms_.load(std::memory_order_relaxed)) {
      next_check_ms_.store(now + 2000, std::memory_order_relaxed);
      reloadIfChanged();
    }
    reload_mutex_.unlock();
  }
  return no_inspect_.load();
}

void TlsInspection::reloadIfChanged() {
  int64_t modified = watched_path_.empty() ? -1 : modifiedNs(watched_path_);
  if (modified < 0 || modified == watched_mtime_ns_) return;
  auto text = RealFileSystem().readFile(watched_path_);
  if (!text) return;
  auto list = std::make_shared<tls::NoInspectList>(tls::NoInspectList::parse(*text, watched_path_));
  for (const auto& problem : list->problems) spdlog::warn("{}", problem);
  spdlog::info("no-inspect list reloaded: {} sites from {}", list->size(), watched_path_);
  watched_mtime_ns_ = modified;
  no_inspect_.store(std::move(list));
}

bool caCreated(const std::string& data_dir) {
  std::error_code ec;
  return std::filesystem::exists(tls::TlsPaths(data_dir).caCert(), ec);
}

Result<std::unique_ptr<TlsInspection>> loadTlsInspection(const ServeConfig& config,
                                                         const std::string& data_dir,
                                                         const Clock& clock, ProxyStats& stats) {
  tls::TlsPaths paths(data_dir);
  std::error_code ec;
  if (!caCreated(data_dir)) {
    spdlog::info("TLS inspection is off until the school has a CA (esafety ca init; no restart needed)");
    return std::unique_ptr<TlsInspection>();
  }
  auto ca = tls::CertificateAuthority::load(paths);
  if (!ca) return ca.status();
  auto leaf_key = tls::loadOrCreateLeafKey(paths);
  if (!leaf_key) return leaf_key.status();
  auto inspection = std::make_unique<TlsInspection>(std::move(*ca), std::move(*leaf_key),
                                                    paths.leavesDir(), config.tls.leaf_cache_entries,
                                                    clock, stats.leaf_cache, config.tls.leaf_cache_files);

  std::string list_path = config.tls.no_inspect_file.empty() ? paths.noInspectList()
                                                            : config.tls.no_inspect_file;
  if (std::filesystem::exists(list_path, ec)) {
    auto text = RealFileSystem().readFile(list_path);
    if (!text) return text.status();
    auto list = std::make_shared<tls::NoInspectList>(tls::NoInspectList::parse(*text, list_path));
    for (const auto& problem : list->problems) spdlog::warn("{}", problem);
    inspection->setNoInspect(std::move(list), list_path);
  } else {
    if (!config.tls.no_inspect_file.empty()) {
      return notFound(fmt::format("tls.no_inspect_file: {} does not exist", list_path));
    }
    inspection->setNoInspect(std::make_shared<tls::NoInspectList>(tls::NoInspectList::parse(
                                 tls::NoInspectList::defaultText(), "built-in")),
                             list_path);
  }

  SSL_CTX* server = inspection->server.native_handle();
  SSL_CTX_set_min_proto_version(server, TLS1_2_VERSION);
  SSL_CTX_set_options(server, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_alpn_select_cb(server, selectHttp11, nullptr);

  SSL_CTX* client = inspection->client.native_handle();
  SSL_CTX_set_min_proto_version(client, TLS1_2_VERSION);
  SSL_CTX_set_options(client, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  boost::system::error_code error;
  inspection->client.set_default_verify_paths(error);
  if (error) return ioError("cannot read the system's trusted certificates: " + error.message());
  if (!config.tls.extra_trust_file.empty()) {
    inspection->client.load_verify_file(config.tls.extra_trust_file, error);
    if (error) {
      return invalidArgument(fmt::format("tls.extra_trust_file: cannot load {}: {}",
                                         config.tls.extra_trust_file, error.message()));
    }
  }
  inspection->client.set_verify_mode(ssl::verify_peer);
  spdlog::info("TLS inspection ready: CA '{}', {} sites never inspected",
               inspection->ca.commonName(), inspection->noInspect()->size());
  return inspection;
}

}  // namespace esafety::proxy
