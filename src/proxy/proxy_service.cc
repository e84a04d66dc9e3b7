#include "proxy/proxy_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <random>

#include "inspect/phrase_database.h"
#include "inspect/search/term_matcher.h"
#include "proxy/accept_backoff.h"
#include "proxy/client_connection_cap.h"
#include "proxy/content_lists.h"
#include "proxy/proxy_types.h"
#include "proxy/session_spawn.h"
#include "proxy/tls_streams.h"

namespace esafety::proxy {
namespace {

// A control-thread loop (accepting, watching for the CA) that ended by an
// exception: said loudly, since the proxy no longer does that job.
void noteLoopFailure(std::exception_ptr e, std::string_view what) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    spdlog::critical("{} stopped: {}", what, ex.what());
  } catch (...) {
    spdlog::critical("{} stopped by an unknown exception", what);
  }
}

class ProxyServiceImpl final : public ProxyService {
 public:
  explicit ProxyServiceImpl(const net::ServiceContext& context)
      : context_(context),
        shared_{*context.config, *context.school_networks, *context.policy, context.events,
                *context.clock, stats_, {}, {}} {
    shared_.identity = context.identity;
    shared_.block_tokens = context.block_tokens;
    shared_.restrictions = context.restrictions;
    for (auto* io : context.workers) {
      workers_.push_back(std::make_unique<WorkerState>(*io, *context.policy,
                                                       context.config->proxy.upstream_pool_per_host));
    }
    for (const auto& entry : context.config->proxy.static_hosts) {
      auto eq = entry.find('=');
      if (eq != std::string::npos) shared_.static_hosts[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    if (context.metrics != nullptr) {
      stats_.latency = &context.metrics->histogram(
          "esafety_proxy_request_seconds", "Time from a request's head to its response sent",
          Histogram::latencyBuckets());
    }
    // References start at a random point so two runs do not repeat them.
    std::random_device rd;
    shared_.next_reference = (uint64_t{rd()} << 20) ^ rd();
  }

  std::string_view name() const override { return "proxy"; }
  const ProxyStats& stats() const override { return stats_; }

  Status reloadContentLists() override {
    auto phrases = loadPhraseDatabase(context_.config->inspect);
    if (!phrases) {
      spdlog::error("phrase lists not reloaded, keeping those in force: {}",
                    phrases.status().message());
      return phrases.status();
    }
    shared_.phrases.store(*phrases, std::memory_order_release);
    return Status::ok();
  }

  Status start() override {
    auto own = localInterfaceAddresses();
    auto guard = UpstreamGuard::make(context_.config->proxy.internal_allow, own);
    if (!guard) return guard.status();
    shared_.guard = std::move(*guard);
    spdlog::info("proxy: internal addresses and this server's {} addresses are refused as upstreams{}",
                 own.size(), context_.config->proxy.internal_allow.empty() ? "" : ", except internal_allow");
    auto tls = loadTlsInspection(*context_.config, context_.data_dir, *context_.clock, stats_);
    if (!tls) return tls.status();
    tls_ = std::move(*tls);
    shared_.tls.store(tls_.get(), std::memory_order_release);
    if (!tls_) {
      ca_timer_ = std::make_unique<asio::steady_timer>(*context_.control);
      asio::co_spawn(*context_.control, watchForCa(), [](std::exception_ptr e) {
        if (e) noteLoopFailure(e, "the watch for the school's CA");
      });
    }
    ESAFETY_RETURN_IF_ERROR(reloadContentLists());
    auto terms = loadMonitoringMatcher(context_.config->inspect.monitoring_lists);
    if (!terms) {
      spdlog::warn("search words are not checked against the monitoring lists: {}",
                   terms.status().message());
    } else {
      shared_.terms = *terms;
    }
    for (const Endpoint& ep : context_.config->proxy.listen) {
      boost::system::error_code ec;
      auto address = asio::ip::make_address(ep.host, ec);
      if (ec) return invalidArgument(fmt::format("proxy.listen: '{}' is not an IP address", ep.host));
      tcp::endpoint endpoint(address, ep.port);
      auto acceptor = std::make_unique<tcp::acceptor>(*context_.control);
      acceptor->open(endpoint.protocol(), ec);
      if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
      if (!ec && address.is_v6()) acceptor->set_option(asio::ip::v6_only(true), ec);
      if (!ec) acceptor->bind(endpoint, ec);
      if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
      if (ec) {
        return ioError(fmt::format("the proxy cannot listen on {}: {}", ep.toString(), ec.message()));
      }
      spdlog::info("proxy listening on {}", ep.toString());
      auto pause = std::make_unique<asio::steady_timer>(*context_.control);
      asio::co_spawn(*context_.control, acceptLoop(*acceptor, *pause), [](std::exception_ptr e) {
        if (e) noteLoopFailure(e, "the proxy's accept loop");
      });
      acceptors_.push_back(std::move(acceptor));
      accept_pauses_.push_back(std::move(pause));
    }
    return Status::ok();
  }

  void stop() override {
    if (ca_timer_) ca_timer_->cancel();
    for (auto& a : acceptors_) {
      boost::system::error_code ec;
      a->close(ec);
    }
    for (auto& pause : accept_pauses_) pause->cancel();
    for (auto& w : workers_) {
      asio::post(w->io, [worker = w.get()] {
        worker->sessions.beginShutdown(std::chrono::duration_cast<std::chrono::milliseconds>(kShutdownGrace));
      });
    }
  }

  size_t inFlight() const override {
    return static_cast<size_t>(std::max<int64_t>(0, stats_.connections_open.load(std::memory_order_relaxed)));
  }

 private:
  // A school that creates its CA (`esafety ca init`) while esafety serve runs
  // gets TLS inspection without a restart: until the CA is there, it is
  // looked for every 2 s, and then loaded once.
  awaitable<void> watchForCa() {
    bool reported = false;
    while (!tls_) {
      ca_timer_->expires_after(std::chrono::seconds(2));
      auto [ec] = co_await ca_timer_->async_wait(kTuple);
      if (ec) co_return;
      if (!caCreated(context_.data_dir)) continue;
      auto tls = loadTlsInspection(*context_.config, context_.data_dir, *context_.clock, stats_);
      if (!tls) {
        if (!reported) spdlog::error("the school's CA is there but TLS inspection cannot start: {}", tls.status().message());
        reported = true;
        continue;
      }
      tls_ = std::move(*tls);
      shared_.tls.store(tls_.get(), std::memory_order_release);
      if (tls_) spdlog::info("TLS inspection is ready: the school's CA was created");
    }
  }

  awaitable<void> acceptLoop(tcp::acceptor& acceptor, asio::steady_timer& pause) {
    size_t next = 0;
    AcceptBackoff backoff;
    for (;;) {
      WorkerState& worker = *workers_[next++ % workers_.size()];
      auto [ec, socket] = co_await acceptor.async_accept(worker.io, kTuple);
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      if (ec) {
        // E.g. too many open files: the connections already open carry on,
        // and the next try waits, longer each time, rather than spinning.
        stats_.accept_errors.fetch_add(1, std::memory_order_relaxed);
        auto wait = backoff.next();
        if (backoff.failures() == 1) spdlog::warn("the proxy cannot accept a connection: {}; trying again", ec.message());
        pause.expires_after(wait);
        co_await pause.async_wait(kTuple);
        if (!acceptor.is_open()) co_return;
        continue;
      }
      backoff.reset();
      stats_.connections_accepted.fetch_add(1, std::memory_order_relaxed);
      if (stats_.connections_open.load(std::memory_order_relaxed) >=
          static_cast<int64_t>(context_.config->proxy.max_connections)) {
        stats_.connections_refused.fetch_add(1, std::memory_order_relaxed);
        continue;  // the socket closes as it goes out of scope
      }
      boost::system::error_code peer_ec;
      const tcp::endpoint peer = socket.remote_endpoint(peer_ec);
      ClientSlot slot = client_cap_.take(peerBytes(peer_ec ? asio::ip::address() : peer.address()));
      if (!slot) {
        stats_.connections_refused.fetch_add(1, std::memory_order_relaxed);
        stats_.connections_over_client_cap.fetch_add(1, std::memory_order_relaxed);
        noteOverClientCap(peer.address());
        continue;  // the socket closes as it goes out of scope
      }
      ConnectionGauge gauge(stats_.connections_open);
      auto control = std::make_shared<SessionControl>(worker.sessions);
      spawnSession(worker.io,
                   runSession(std::move(socket), std::move(gauge), std::move(slot), control, shared_, worker),
                   control, stats_);
    }
  }

  // The client's address as 4 or 16 bytes (IPv4-mapped IPv6 as IPv4).
  struct PeerBytes {
    std::array<uint8_t, 16> bytes{};
    size_t length = 0;
    operator std::span<const uint8_t>() const { return {bytes.data(), length}; }
  };
  static PeerBytes peerBytes(asio::ip::address address) {
    PeerBytes out;
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
      address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    }
    if (address.is_v4()) {
      auto b = address.to_v4().to_bytes();
      std::copy(b.begin(), b.end(), out.bytes.begin());
      out.length = 4;
    } else {
      auto b = address.to_v6().to_bytes();
      std::copy(b.begin(), b.end(), out.bytes.begin());
      out.length = 16;
    }
    return out;
  }

  // A client over max_connections_per_client: said once a minute with the
  // count since, never once per connection (a flood would fill the log).
  void noteOverClientCap(const asio::ip::address& latest) {
    ++cap_refusals_since_log_;
    auto now = std::chrono::steady_clock::now();
    if (now - last_cap_log_ < std::chrono::minutes(1)) return;
    spdlog::warn("proxy: {} connection(s) refused in the last minute because their address already held "
                 "{} connections (max_connections_per_client); the latest from {}",
                 cap_refusals_since_log_, context_.config->proxy.max_connections_per_client,
                 latest.to_string());
    cap_refusals_since_log_ = 0;
    last_cap_log_ = now;
  }

  net::ServiceContext context_;
  ProxyStats stats_;
  ClientConnectionCap client_cap_{context_.config->proxy.max_connections_per_client};
  // The accept loops' (control thread's) log pacing for noteOverClientCap.
  std::chrono::steady_clock::time_point last_cap_log_{};
  uint64_t cap_refusals_since_log_ = 0;
  std::unique_ptr<TlsInspection> tls_;  // control thread; published through shared_.tls
  std::unique_ptr<asio::steady_timer> ca_timer_;
  ProxyShared shared_;
  std::vector<std::unique_ptr<WorkerState>> workers_;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors_;
  std::vector<std::unique_ptr<asio::steady_timer>> accept_pauses_;  // one per acceptor: its back-off
};

}  // namespace

std::unique_ptr<ProxyService> makeProxyService(const net::ServiceContext& context) {
  return std::make_unique<ProxyServiceImpl>(context);
}

}  // namespace esafety::proxy
