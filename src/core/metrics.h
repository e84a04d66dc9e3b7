// Metrics: counters, gauges and histograms, and their Prometheus text
// exposition (format 0.0.4) for `/metrics`.
//
//   MetricsRegistry registry;                              // control thread, at start-up
//   Counter& dropped = registry.counter("esafety_events_dropped_total",
//                                       "Events dropped because the queue was full");
//   Histogram& latency = registry.histogram("esafety_request_seconds", "Time to decide",
//                                           Histogram::latencyBuckets(), {{"service", "proxy"}});
//   registry.addCollector("esafety_step_hits_total", "Decisions per step", MetricType::kCounter,
//                         [&] { return stepSamples(counters); });  // values owned elsewhere
//   ...
//   dropped.inc();                                          // any thread, lock-free
//   latency.observe(0.0012);
//   std::string body = registry.renderPrometheus();         // any thread
//
// Ownership: the registry owns every metric it hands out. The references stay
// valid for the registry's lifetime (metrics are never removed), so hot code
// keeps a `Counter&` and never looks a name up again.
//
// Threads: registration (counter(), gauge(), histogram(), addCollector()) and
// renderPrometheus() take the registry's mutex; they belong to the control
// plane. Updates (inc, set, add, observe) are lock-free and safe from any
// thread. Counter and Histogram are sharded per thread (as
// policy::StepCounters is) so data-plane threads never share a cache line.
// A render reads each value with relaxed loads: a scrape racing an update may
// see it or not, but a counter never goes backwards.
//
// Names and label names are constants in our own code, so an invalid one, or
// one name registered as two different types, is a bug: it aborts at start-up
// with a message rather than returning an error. Registering the same name and
// labels twice returns the metric already registered.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/mutex.h"

namespace esafety {

// Fixed labels of one series, e.g. {{"step", "illegal"}}. Values may hold any
// UTF-8; they are escaped when rendered.
using Labels = std::vector<std::pair<std::string, std::string>>;

enum class MetricType { kCounter, kGauge, kHistogram };
std::string_view metricTypeName(MetricType type);  // "counter", "gauge", "histogram"

namespace metrics_internal {
// A small, stable per-thread index used to pick a shard.
size_t threadShard();
inline constexpr size_t kShards = 16;
}  // namespace metrics_internal

// A monotonic count: requests, drops, errors.
class Counter {
 public:
  void inc(uint64_t n = 1) {
    shards_[metrics_internal::threadShard() % metrics_internal::kShards].value.fetch_add(
        n, std::memory_order_relaxed);
  }
  uint64_t value() const;

 private:
  struct alignas(64) Shard {
    std::atomic<uint64_t> value{0};
  };
  Shard shards_[metrics_internal::kShards];
};

// A value that goes up and down: a queue depth, open connections.
class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double delta) { value_.fetch_add(delta, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Observations counted into fixed buckets (each bucket counts values <= its
// upper bound; +Inf is implicit), with their sum.
class Histogram {
 public:
  // `upper_bounds` must be strictly increasing and finite; +Inf is added.
  explicit Histogram(std::vector<double> upper_bounds);
  void observe(double value);

  // 0.0001 s .. 10 s, for latencies.
  static std::vector<double> latencyBuckets();

  struct Snapshot {
    std::vector<double> upper_bounds;  // without +Inf
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf (== count)
    double sum = 0;
  };
  Snapshot snapshot() const;

 private:
  // Each shard's bucket counts (not cumulative; the last is +Inf) start on
  // their own cache line; so does each shard's sum.
  struct alignas(64) Line {
    std::atomic<uint64_t> counts[8];
  };
  struct alignas(64) Sum {
    std::atomic<double> value{0};
  };
  std::atomic<uint64_t>& bucket(size_t shard, size_t index) const {
    return lines_[shard * lines_per_shard_ + index / 8].counts[index % 8];
  }

  std::vector<double> upper_bounds_;
  size_t lines_per_shard_;
  std::unique_ptr<Line[]> lines_;
  std::unique_ptr<Sum[]> sums_;
};

// One value a collector reports at scrape time.
struct Sample {
  Labels labels;
  double value = 0;
};
using Collector = std::function<std::vector<Sample>()>;

class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  Counter& counter(std::string_view name, std::string_view help, Labels labels = {});
  Gauge& gauge(std::string_view name, std::string_view help, Labels labels = {});
  Histogram& histogram(std::string_view name, std::string_view help,
                       std::vector<double> upper_bounds, Labels labels = {});
  // `collect` is called on the rendering thread, under the registry's mutex,
  // for each scrape; it must be quick and must not call back into the
  // registry. Whatever it reads must outlive the registry (or the last render).
  void addCollector(std::string_view name, std::string_view help, MetricType type,
                    Collector collect);

  // Every family in registration order, series in registration order.
  std::string renderPrometheus() const;

 private:
  struct Family;
  Family& family(std::string_view name, std::string_view help, MetricType type)
      REQUIRES(mutex_);

  mutable Mutex mutex_;
  std::vector<std::unique_ptr<Family>> families_ GUARDED_BY(mutex_);
};

}  // namespace esafety
