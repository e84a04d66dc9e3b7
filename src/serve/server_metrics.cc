#include "serve/server_metrics.h"

#include "pages/upstream_refused_page.h"

namespace esafety::serve {
namespace {

template <typename T>
Collector value(const std::atomic<T>& v) {
  return [&v] { return std::vector<Sample>{{{}, static_cast<double>(v.load(std::memory_order_relaxed))}}; };
}

}  // namespace

void registerServerMetrics(MetricsRegistry& registry, const policy::StepCounters& steps,
                           const proxy::ProxyStats* proxy, const policy::PolicyHolder& holder) {
  registry.addCollector("esafety_decisions_total",
                        "Policy decisions by the step that decided (1-8), and requests the "
                        "proxy's own checks then blocked (9-11)",
                        MetricType::kCounter, [&steps] {
                          std::vector<Sample> out;
                          auto add = [&](const policy::StepInfo& step) {
                            out.push_back({{{"step", std::string(step.name)},
                                            {"id", std::to_string(static_cast<int>(step.id))}},
                                           static_cast<double>(steps.hits(step.id))});
                          };
                          // The chain (1-8), then the proxy's checks (9-11)
                          // when they blocked what the chain allowed.
                          for (const auto& step : policy::decisionSteps()) add(step);
                          for (const auto& step : policy::inspectionSteps()) add(step);
                          return out;
                        });
  registry.addCollector("esafety_policy_generation", "Policy snapshots published since start",
                        MetricType::kGauge, [&holder] {
                          return std::vector<Sample>{{{}, static_cast<double>(holder.generation())}};
                        });
  if (proxy == nullptr) return;
  const proxy::ProxyStats& p = *proxy;
  registry.addCollector("esafety_proxy_requests_total", "HTTP requests handled by the proxy",
                        MetricType::kCounter, value(p.requests));
  registry.addCollector("esafety_proxy_tunnels_total", "CONNECT tunnels requested",
                        MetricType::kCounter, value(p.tunnels));
  registry.addCollector("esafety_proxy_blocked_total", "Requests and tunnels blocked",
                        MetricType::kCounter, value(p.blocked));
  registry.addCollector("esafety_proxy_bad_requests_total", "Requests answered 400, 408 or 431",
                        MetricType::kCounter, value(p.bad_requests));
  registry.addCollector("esafety_proxy_connections_accepted_total", "Client connections accepted",
                        MetricType::kCounter, value(p.connections_accepted));
  registry.addCollector("esafety_proxy_connections_refused_total",
                        "Client connections refused (outside the school networks, or over the limit)",
                        MetricType::kCounter, value(p.connections_refused));
  registry.addCollector("esafety_proxy_connections_open", "Client connections open now",
                        MetricType::kGauge, value(p.connections_open));
  registry.addCollector("esafety_proxy_session_errors_total",
                        "Client sessions ended by an unexpected error (logged)", MetricType::kCounter,
                        value(p.session_errors));
  registry.addCollector("esafety_proxy_accept_errors_total",
                        "Connections the proxy failed to accept (each followed by a pause)",
                        MetricType::kCounter, value(p.accept_errors));
  registry.addCollector("esafety_proxy_upstream_errors_total",
                        "Upstream failures (502/504 pages, or cut mid-body)", MetricType::kCounter,
                        value(p.upstream_errors));
  registry.addCollector("esafety_proxy_upstream_connects_total", "New connections to web servers",
                        MetricType::kCounter, value(p.upstream_connects));
  registry.addCollector("esafety_proxy_upstream_reused_total",
                        "Requests sent on a pooled keep-alive connection", MetricType::kCounter,
                        value(p.upstream_reused));
  registry.addCollector("esafety_proxy_upstream_idle", "Keep-alive connections waiting in the pools",
                        MetricType::kGauge, value(p.upstream_idle));
  registry.addCollector("esafety_inspect_pages_scanned_total",
                        "Responses run through the phrase scanner", MetricType::kCounter,
                        value(p.pages_scanned));
  registry.addCollector("esafety_inspect_bytes_scanned_total",
                        "Decoded response bytes scanned for phrases", MetricType::kCounter,
                        value(p.bytes_scanned));
  registry.addCollector("esafety_inspect_pages_blocked_total",
                        "Pages answered with the block page for their words", MetricType::kCounter,
                        value(p.pages_blocked_by_score));
  registry.addCollector("esafety_inspect_pages_cut_total",
                        "Pages cut off for their words after part had been sent",
                        MetricType::kCounter, value(p.pages_cut_by_score));
  registry.addCollector("esafety_inspect_searches_blocked_total",
                        "Searches blocked for words on the monitoring lists", MetricType::kCounter,
                        value(p.searches_blocked));
  registry.addCollector("esafety_circumvention_tagged_total",
                        "Requests and tunnels tagged as circumvention", MetricType::kCounter,
                        value(p.circumvention_tagged));
  registry.addCollector("esafety_proxy_upstream_refused_total",
                        "Requests refused for where they go: an internal address (private, loopback, "
                        "link-local, this server), a port not in http_ports, another port inside a tunnel",
                        MetricType::kCounter, [&p] {
                          std::vector<Sample> out;
                          for (auto kind : {pages::UpstreamRefusal::kInternalAddress, pages::UpstreamRefusal::kPort,
                                            pages::UpstreamRefusal::kTunnelPort}) {
                            out.push_back({{{"reason", std::string(pages::upstreamRefusalName(kind))}},
                                           static_cast<double>(p.upstream_refused[static_cast<size_t>(kind)].load(
                                               std::memory_order_relaxed))});
                          }
                          return out;
                        });
  registry.addCollector("esafety_proxy_connections_over_client_cap_total",
                        "Client connections refused because their address held max_connections_per_client",
                        MetricType::kCounter, value(p.connections_over_client_cap));
  registry.addCollector("esafety_tls_inspected_total", "HTTPS connections opened by TLS inspection",
                        MetricType::kCounter, value(p.tls_inspected));
  registry.addCollector("esafety_tls_not_inspected_total",
                        "HTTPS connections tunnelled because the site is on the no-inspect list",
                        MetricType::kCounter, value(p.tls_not_inspected));
  registry.addCollector("esafety_tls_client_handshake_failures_total",
                        "Inspected connections where the device refused the school's certificate",
                        MetricType::kCounter, value(p.tls_client_handshake_failures));
  registry.addCollector("esafety_tls_upstream_verify_failures_total",
                        "Sites whose certificate failed verification (shown an error page)",
                        MetricType::kCounter, value(p.tls_upstream_verify_failures));
  registry.addCollector("esafety_tls_leaf_cache_hits_total", "Leaf certificates found in memory",
                        MetricType::kCounter, value(p.leaf_cache.hits));
  registry.addCollector("esafety_tls_leaf_cache_misses_total",
                        "Leaf certificates not in memory (read from disk or minted)",
                        MetricType::kCounter, value(p.leaf_cache.misses));
  registry.addCollector("esafety_tls_leaf_cache_disk_hits_total", "Leaf certificates read back from disk",
                        MetricType::kCounter, value(p.leaf_cache.disk_hits));
  registry.addCollector("esafety_tls_leaf_cache_disk_pruned_total",
                        "Leaf certificate files removed to keep [tls] leaf_cache_files",
                        MetricType::kCounter, value(p.leaf_cache.disk_pruned));
  registry.addCollector("esafety_tls_leaves_minted_total", "Leaf certificates minted",
                        MetricType::kCounter, value(p.leaf_cache.minted));
  registry.addCollector("esafety_tls_leaf_cache_hit_ratio",
                        "Share of leaf certificate lookups answered from memory (0 before any)",
                        MetricType::kGauge, [&p] {
                          double hits = static_cast<double>(p.leaf_cache.hits.load(std::memory_order_relaxed));
                          double misses = static_cast<double>(p.leaf_cache.misses.load(std::memory_order_relaxed));
                          return std::vector<Sample>{{{}, hits + misses > 0 ? hits / (hits + misses) : 0.0}};
                        });
  registry.addCollector("esafety_proxy_events_dropped_total",
                        "Events the proxy could not queue (the queue was full)", MetricType::kCounter,
                        value(p.events_dropped));
}

void registerDnsMetrics(MetricsRegistry& registry, const dns::DnsService& dns) {
  using Field = uint64_t dns::DnsCounts::*;
  const std::pair<const char*, Field> kCounters[] = {
      {"queries", &dns::DnsCounts::queries},
      {"answered", &dns::DnsCounts::answered},
      {"tcp_queries", &dns::DnsCounts::tcp_queries},
      {"udp_batches", &dns::DnsCounts::udp_batches},
      {"cache_hits", &dns::DnsCounts::cache_hits},
      {"cache_misses", &dns::DnsCounts::cache_misses},
      {"stale_answers", &dns::DnsCounts::stale_answers},
      {"blocked", &dns::DnsCounts::blocked},
      {"rewritten", &dns::DnsCounts::rewritten},
      {"canary", &dns::DnsCounts::canary},
      {"refused", &dns::DnsCounts::refused},
      {"refused_clients", &dns::DnsCounts::refused_clients},
      {"refused_unlogged", &dns::DnsCounts::refused_unlogged},
      {"malformed", &dns::DnsCounts::malformed},
      {"rate_limited", &dns::DnsCounts::rate_limited},
      {"truncated", &dns::DnsCounts::truncated},
      {"upstream_queries", &dns::DnsCounts::upstream_queries},
      {"upstream_failures", &dns::DnsCounts::upstream_failures},
      {"upstream_tcp", &dns::DnsCounts::upstream_tcp},
      {"servfail", &dns::DnsCounts::servfail},
      {"events_dropped", &dns::DnsCounts::events_dropped},
      {"event_pauses", &dns::DnsCounts::event_pauses},
  };
  for (const auto& [name, field] : kCounters) {
    registry.addCollector(std::string("esafety_dns_") + name + "_total",
                          std::string("DNS filter: ") + name, MetricType::kCounter,
                          [&dns, field = field] {
                            return std::vector<Sample>{{{}, static_cast<double>(dns.counts().*field)}};
                          });
  }
  registry.addCollector("esafety_dns_cache_entries", "DNS answers held in the cache",
                        MetricType::kGauge, [&dns] {
                          return std::vector<Sample>{{{}, static_cast<double>(dns.cacheEntries())}};
                        });
}

}  // namespace esafety::serve
