// esafety_dns_testd: runs the DNS service on its own, for the integration
// tests and bench/dns.sh, until `esafety serve` exists to run it.
//
//   esafety_dns_testd --data var [--config var/esafety.toml] [--workers 2]
//                     [--events events.jsonl | --events-count]
//
// It loads the data directory's policy snapshot (as `esafety check` does),
// reads the serve config (default <data>/esafety.toml), starts DnsService on
// N worker threads, prints "ready" and the bound endpoints on stdout, and
// runs until SIGTERM or SIGINT, then prints the counters on stderr.
// Events go to a JSON-lines file (one per query), or are only counted.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <fmt/format.h>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "control/data_dir.h"
#include "control/snapshot_loader.h"
#include "dns/dns_service.h"
#include "events/event.h"
#include "net/ip_network.h"
#include "policy/policy_holder.h"

namespace {

using namespace esafety;

// A test sink: one JSON object per line. It takes a mutex, which a real sink
// must not; this one only serves tests.
class JsonLinesSink final : public events::EventSink {
 public:
  explicit JsonLinesSink(std::FILE* out) : out_(out) {}
  bool push(const events::Event& e) noexcept override {
    char ip[64] = "";
    if (e.client_v4) {
      std::snprintf(ip, sizeof ip, "%u.%u.%u.%u", e.client_ip[0], e.client_ip[1], e.client_ip[2],
                    e.client_ip[3]);
    } else {
      std::snprintf(ip, sizeof ip, "v6");
    }
    std::lock_guard lock(mutex_);
    std::fprintf(out_,
                 "{\"kind\":%d,\"client\":\"%s\",\"device\":\"%.*s\",\"group\":\"%.*s\","
                 "\"type\":\"%.*s\",\"name\":\"%.*s\",\"verdict\":\"%.*s\",\"step\":%d,"
                 "\"category\":\"%.*s\",\"rcode\":%u,\"duration_us\":%u}\n",
                 static_cast<int>(e.kind), ip, static_cast<int>(e.device_name.view().size()),
                 e.device_name.view().data(), static_cast<int>(e.group.view().size()),
                 e.group.view().data(), static_cast<int>(e.method.view().size()),
                 e.method.view().data(), static_cast<int>(e.url.view().size()),
                 e.url.view().data(), static_cast<int>(policy::verdictName(e.verdict).size()),
                 policy::verdictName(e.verdict).data(), static_cast<int>(e.step),
                 static_cast<int>(e.category.view().size()), e.category.view().data(),
                 unsigned{e.status}, e.duration_us);
    std::fflush(out_);
    return true;
  }

 private:
  std::mutex mutex_;
  std::FILE* out_;
};

class CountingSink final : public events::EventSink {
 public:
  bool push(const events::Event&) noexcept override {
    count_.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  uint64_t count() const { return count_.load(); }

 private:
  std::atomic<uint64_t> count_{0};
};

int usage() {
  std::fprintf(stderr,
               "usage: esafety_dns_testd --data DIR [--config FILE] [--workers N] "
               "[--events FILE | --events-count]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data, config_path, events_path;
  unsigned workers = 2;
  bool count_events = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--data") data = value();
    else if (a == "--config") config_path = value();
    else if (a == "--workers") workers = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--events") events_path = value();
    else if (a == "--events-count") count_events = true;
    else return usage();
  }
  if (data.empty() || workers == 0) return usage();
  if (config_path.empty()) config_path = data + "/esafety.toml";

  // Block the stop signals in every thread; main waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto config = loadServeConfig(config_path);
  if (!config) {
    std::fprintf(stderr, "esafety_dns_testd: %s\n", config.status().toString().c_str());
    return 2;
  }
  SystemClock clock;
  control::DataDir dir{data};
  auto store = control::openStore(dir, clock);
  if (!store) {
    std::fprintf(stderr, "esafety_dns_testd: %s\n", store.status().toString().c_str());
    return 1;
  }
  auto snapshot = control::loadSnapshot(**store, policy::kDefaultSchool, dir.indexPath());
  if (!snapshot) {
    std::fprintf(stderr, "esafety_dns_testd: %s\n", snapshot.status().toString().c_str());
    return 1;
  }
  policy::PolicyHolder holder(*snapshot);
  auto acl = net::NetworkAcl::parse(config->school_networks);
  if (!acl) {
    std::fprintf(stderr, "esafety_dns_testd: %s\n", acl.status().toString().c_str());
    return 2;
  }

  std::unique_ptr<events::EventSink> sink;
  std::FILE* events_file = nullptr;
  CountingSink* counter = nullptr;
  if (!events_path.empty()) {
    events_file = std::fopen(events_path.c_str(), "a");
    if (events_file == nullptr) return 1;
    sink = std::make_unique<JsonLinesSink>(events_file);
  } else if (count_events) {
    auto c = std::make_unique<CountingSink>();
    counter = c.get();
    sink = std::move(c);
  }

  std::vector<std::unique_ptr<boost::asio::io_context>> contexts;
  std::vector<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guards;
  serve::ServiceContext ctx;
  ctx.config = &*config;
  ctx.school_networks = &*acl;
  ctx.policy = &holder;
  ctx.events = sink.get();
  ctx.clock = &clock;
  ctx.data_dir = data;
  for (unsigned i = 0; i < workers; ++i) {
    contexts.push_back(std::make_unique<boost::asio::io_context>(1));
    guards.push_back(boost::asio::make_work_guard(*contexts.back()));
    ctx.workers.push_back(contexts.back().get());
  }
  dns::DnsService service(ctx);
  if (Status s = service.start(); !s) {
    std::fprintf(stderr, "esafety_dns_testd: %s\n", s.toString().c_str());
    return 1;
  }
  std::vector<std::thread> threads;
  for (auto& io : contexts) threads.emplace_back([&io] { io->run(); });
  std::string bound;
  for (const auto& e : service.endpoints()) bound += " " + e.toString();
  std::printf("ready%s\n", bound.c_str());
  std::fflush(stdout);

  int sig = 0;
  sigwait(&signals, &sig);
  service.stop();
  for (auto& g : guards) g.reset();
  for (auto& io : contexts) io->stop();
  for (auto& t : threads) t.join();

  dns::DnsCounts c = service.counts();
  std::fprintf(stderr,
               "queries %llu answered %llu tcp %llu udp_batches %llu cache_hits %llu cache_misses %llu blocked %llu "
               "rewritten %llu canary %llu refused %llu malformed %llu rate_limited %llu "
               "truncated %llu upstream_queries %llu upstream_failures %llu upstream_tcp %llu "
               "servfail %llu stale %llu events_dropped %llu cache_entries %zu events %llu\n",
               (unsigned long long)c.queries, (unsigned long long)c.answered,
               (unsigned long long)c.tcp_queries, (unsigned long long)c.udp_batches,
               (unsigned long long)c.cache_hits,
               (unsigned long long)c.cache_misses, (unsigned long long)c.blocked,
               (unsigned long long)c.rewritten, (unsigned long long)c.canary,
               (unsigned long long)c.refused, (unsigned long long)c.malformed,
               (unsigned long long)c.rate_limited, (unsigned long long)c.truncated,
               (unsigned long long)c.upstream_queries, (unsigned long long)c.upstream_failures,
               (unsigned long long)c.upstream_tcp, (unsigned long long)c.servfail,
               (unsigned long long)c.stale_answers, (unsigned long long)c.events_dropped,
               service.cacheEntries(), (unsigned long long)(counter ? counter->count() : 0));
  if (events_file != nullptr) std::fclose(events_file);
  return 0;
}
