#include "core/metrics.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace esafety {
namespace metrics_internal {

size_t threadShard() {
  static std::atomic<size_t> next{0};
  thread_local size_t index = next.fetch_add(1, std::memory_order_relaxed);
  return index;
}

}  // namespace metrics_internal

namespace {

// A registration bug in our own code: crash loudly at start-up.
[[noreturn]] void registrationBug(const std::string& message) {
  std::fprintf(stderr, "esafety: metrics registration bug: %s\n", message.c_str());
  std::abort();
}

bool isValidName(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
              (allow_colon && c == ':') || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

void checkLabels(std::string_view metric, const Labels& labels, MetricType type) {
  for (size_t i = 0; i < labels.size(); ++i) {
    const std::string& label = labels[i].first;
    if (!isValidName(label, false) || label.starts_with("__")) {
      registrationBug(fmt::format("{}: invalid label name '{}'", metric, label));
    }
    if (type == MetricType::kHistogram && label == "le") {
      registrationBug(fmt::format("{}: a histogram may not have a label 'le'", metric));
    }
    for (size_t j = 0; j < i; ++j) {
      if (labels[j].first == label) {
        registrationBug(fmt::format("{}: label '{}' given twice", metric, label));
      }
    }
  }
}

// Label values: backslash, double quote and newline are escaped.
void appendEscaped(std::string& out, std::string_view value, bool escape_quote) {
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

std::string formatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

// `name{a="x",b="y"}` with an optional extra label (le) last.
void appendSeriesName(std::string& out, std::string_view name, const Labels& labels,
                      std::string_view extra_name = {}, std::string_view extra_value = {}) {
  out += name;
  if (labels.empty() && extra_name.empty()) return;
  out += '{';
  bool first = true;
  auto add = [&](std::string_view label, std::string_view value) {
    if (!first) out += ',';
    first = false;
    out += label;
    out += "=\"";
    appendEscaped(out, value, true);
    out += '"';
  };
  for (const auto& [label, value] : labels) add(label, value);
  if (!extra_name.empty()) add(extra_name, extra_value);
  out += '}';
}

void appendSample(std::string& out, std::string_view name, const Labels& labels,
                  std::string_view value, std::string_view extra_name = {},
                  std::string_view extra_value = {}) {
  appendSeriesName(out, name, labels, extra_name, extra_value);
  out += ' ';
  out += value;
  out += '\n';
}

}  // namespace

std::string_view metricTypeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

uint64_t Counter::value() const {
  uint64_t total = 0;
  for (const auto& shard : shards_) total += shard.value.load(std::memory_order_relaxed);
  return total;
}

Histogram::Histogram(std::vector<double> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)),
      lines_per_shard_((upper_bounds_.size() + 1 + 7) / 8),
      lines_(new Line[lines_per_shard_ * metrics_internal::kShards]()),
      sums_(new Sum[metrics_internal::kShards]()) {
  for (size_t i = 0; i < upper_bounds_.size(); ++i) {
    if (!std::isfinite(upper_bounds_[i]) || (i > 0 && upper_bounds_[i] <= upper_bounds_[i - 1])) {
      registrationBug("histogram bounds must be finite and strictly increasing");
    }
  }
}

void Histogram::observe(double value) {
  // Bucket i counts values <= upper_bounds_[i]; a linear scan beats a binary
  // search for the dozen or so bounds a histogram has.
  size_t index = 0;
  while (index < upper_bounds_.size() && value > upper_bounds_[index]) ++index;
  size_t shard = metrics_internal::threadShard() % metrics_internal::kShards;
  bucket(shard, index).fetch_add(1, std::memory_order_relaxed);
  sums_[shard].value.fetch_add(value, std::memory_order_relaxed);
}

std::vector<double> Histogram::latencyBuckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  s.upper_bounds = upper_bounds_;
  s.cumulative.assign(upper_bounds_.size() + 1, 0);
  for (size_t shard = 0; shard < metrics_internal::kShards; ++shard) {
    for (size_t i = 0; i < s.cumulative.size(); ++i) {
      s.cumulative[i] += bucket(shard, i).load(std::memory_order_relaxed);
    }
    s.sum += sums_[shard].value.load(std::memory_order_relaxed);
  }
  for (size_t i = 1; i < s.cumulative.size(); ++i) s.cumulative[i] += s.cumulative[i - 1];
  return s;
}

struct MetricsRegistry::Family {
  std::string name;
  std::string help;
  MetricType type;
  struct Series {
    Labels labels;
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
  };
  std::vector<Series> series;
  std::vector<Collector> collectors;

  Series* find(const Labels& labels) {
    for (auto& s : series) {
      if (s.labels == labels) return &s;
    }
    return nullptr;
  }
};

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

MetricsRegistry::Family& MetricsRegistry::family(std::string_view name, std::string_view help,
                                                 MetricType type) {
  if (!isValidName(name, true)) registrationBug(fmt::format("invalid metric name '{}'", name));
  for (auto& f : families_) {
    if (f->name != name) continue;
    if (f->type != type) {
      registrationBug(fmt::format("{} registered as both {} and {}", name, metricTypeName(f->type),
                                  metricTypeName(type)));
    }
    return *f;
  }
  families_.push_back(
      std::make_unique<Family>(Family{std::string(name), std::string(help), type, {}, {}}));
  return *families_.back();
}

Counter& MetricsRegistry::counter(std::string_view name, std::string_view help, Labels labels) {
  MutexLock lock(mutex_);
  checkLabels(name, labels, MetricType::kCounter);
  Family& f = family(name, help, MetricType::kCounter);
  if (auto* s = f.find(labels)) return *s->counter;
  f.series.push_back({std::move(labels), std::make_unique<Counter>(), nullptr, nullptr});
  return *f.series.back().counter;
}

Gauge& MetricsRegistry::gauge(std::string_view name, std::string_view help, Labels labels) {
  MutexLock lock(mutex_);
  checkLabels(name, labels, MetricType::kGauge);
  Family& f = family(name, help, MetricType::kGauge);
  if (auto* s = f.find(labels)) return *s->gauge;
  f.series.push_back({std::move(labels), nullptr, std::make_unique<Gauge>(), nullptr});
  return *f.series.back().gauge;
}

Histogram& MetricsRegistry::histogram(std::string_view name, std::string_view help,
                                      std::vector<double> upper_bounds, Labels labels) {
  MutexLock lock(mutex_);
  checkLabels(name, labels, MetricType::kHistogram);
  Family& f = family(name, help, MetricType::kHistogram);
  if (auto* s = f.find(labels)) return *s->histogram;
  f.series.push_back(
      {std::move(labels), nullptr, nullptr, std::make_unique<Histogram>(std::move(upper_bounds))});
  return *f.series.back().histogram;
}

void MetricsRegistry::addCollector(std::string_view name, std::string_view help, MetricType type,
                                   Collector collect) {
  MutexLock lock(mutex_);
  family(name, help, type).collectors.push_back(std::move(collect));
}

std::string MetricsRegistry::renderPrometheus() const {
  MutexLock lock(mutex_);
  std::string out;
  for (const auto& f : families_) {
    out += "# HELP ";
    out += f->name;
    out += ' ';
    appendEscaped(out, f->help, false);
    out += "\n# TYPE ";
    out += f->name;
    out += ' ';
    out += metricTypeName(f->type);
    out += '\n';
    for (const auto& s : f->series) {
      if (s.counter) {
        appendSample(out, f->name, s.labels, fmt::format("{}", s.counter->value()));
      } else if (s.gauge) {
        appendSample(out, f->name, s.labels, formatValue(s.gauge->value()));
      } else {
        Histogram::Snapshot h = s.histogram->snapshot();
        const std::string bucket_name = f->name + "_bucket";
        for (size_t i = 0; i < h.upper_bounds.size(); ++i) {
          appendSample(out, bucket_name, s.labels, fmt::format("{}", h.cumulative[i]), "le",
                       formatValue(h.upper_bounds[i]));
        }
        appendSample(out, bucket_name, s.labels, fmt::format("{}", h.cumulative.back()), "le",
                     "+Inf");
        appendSample(out, f->name + "_sum", s.labels, formatValue(h.sum));
        appendSample(out, f->name + "_count", s.labels, fmt::format("{}", h.cumulative.back()));
      }
    }
    for (const auto& collect : f->collectors) {
      for (const Sample& sample : collect()) {
        appendSample(out, f->name, sample.labels, formatValue(sample.value));
      }
    }
  }
  return out;
}

}  // namespace esafety
