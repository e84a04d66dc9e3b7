// Private to src/proxy: the Asio/Beast types and the state a proxy session
// works with. Included only by the proxy's .cc files, so Beast's templates
// stay out of widely included headers.
#pragma once

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "events/event.h"
#include "net/ip_network.h"
#include "policy/policy_holder.h"
#include "policy/restriction_board.h"
#include "proxy/client_connection_cap.h"
#include "proxy/connection_gauge.h"
#include "proxy/proxy_stats.h"
#include "proxy/session_registry.h"
#include "proxy/upstream_guard.h"
#include "proxy/upstream_pool.h"

namespace esafety {
namespace identity {
class IdentityResolver;
class FormTokens;
}
}  // namespace esafety
namespace esafety::inspect {
class PhraseDatabase;
}
namespace esafety::search {
class TermMatcher;
}

namespace esafety::proxy {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct TlsInspection;
class TlsUpstreamPool;
class RequestRecord;

// Shared by every session of one proxy service; read-only after start except
// for the atomics.
struct ProxyShared {
  const ServeConfig& config;
  const net::NetworkAcl& acl;
  policy::PolicyHolder& policy;
  events::EventSink* events;  // may be null (no event log)
  const Clock& clock;
  ProxyStats& stats;
  std::unordered_map<std::string, std::string> static_hosts;  // name -> address
  std::atomic<uint64_t> next_reference{0};
  // Null: no school CA, so CONNECTs are tunnelled. Set once, from the
  // control thread, when the CA appears (proxy_service.cc); never cleared.
  std::atomic<TlsInspection*> tls{nullptr};
  // The compiled phrase lists (content_lists.h), replaced whole on SIGHUP;
  // null: no phrase scanning. Each response takes its own reference.
  std::atomic<std::shared_ptr<const inspect::PhraseDatabase>> phrases{nullptr};
  // The monitoring lists for search terms; null when they failed to build.
  std::shared_ptr<const search::TermMatcher> terms = nullptr;
  // Who is asking (identity_resolver.h); null: the device registry alone.
  const identity::IdentityResolver* identity = nullptr;
  // The block page buttons' form tokens (net/service.h); null: none issued.
  const identity::FormTokens* block_tokens = nullptr;
  // Which upstream addresses may be reached (upstream_guard.h); set by the
  // service's start(), before the first accept. The default refuses every
  // internal address.
  UpstreamGuard guard{};
  // The teachers' pauses and allow-lists in force (policy/restriction_board.h),
  // read on every request; null: none.
  const policy::RestrictionBoard* restrictions = nullptr;
};

// One per data-plane thread; touched only from that thread's io_context.
struct WorkerState {
  WorkerState(asio::io_context& io_context, const policy::PolicyHolder& holder, uint32_t per_host);
  ~WorkerState();  // in tls_inspection.cc, where TlsUpstreamPool is complete
  asio::io_context& io;
  policy::SnapshotReader reader;
  UpstreamPool pool;
  std::unique_ptr<TlsUpstreamPool> tls_pool;  // inspected HTTPS, keyed apart from plain HTTP
  tcp::resolver resolver;
  policy::DecisionScratch scratch;
  SessionRegistry sessions;  // the sessions running here, for shutdown
};

// Runs one client connection to its end; spawned by the accept loop with
// spawnSession (session_spawn.h), which catches and counts what it throws.
// Holds `gauge` (connections_open), `slot` (its address's share of
// max_connections_per_client) and its place in worker.sessions while it runs. Shutdown ends it through `session`.
awaitable<void> runSession(tcp::socket socket, ConnectionGauge gauge, ClientSlot slot,
                           std::shared_ptr<SessionControl> session, ProxyShared& shared,
                           WorkerState& worker);

}  // namespace esafety::proxy
