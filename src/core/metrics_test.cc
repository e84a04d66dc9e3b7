#include "core/metrics.h"

#include <limits>

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace esafety {
namespace {

TEST(MetricsTest, EmptyRegistryRendersNothing) {
  MetricsRegistry registry;
  EXPECT_EQ(registry.renderPrometheus(), "");
}

TEST(MetricsTest, CounterAndGaugeRenderExactly) {
  MetricsRegistry registry;
  Counter& dropped = registry.counter("esafety_events_dropped_total", "Events dropped");
  Gauge& depth = registry.gauge("esafety_events_queue_depth", "Events waiting");
  dropped.inc();
  dropped.inc(41);
  depth.set(7);
  depth.add(-2.5);
  EXPECT_EQ(registry.renderPrometheus(),
            "# HELP esafety_events_dropped_total Events dropped\n"
            "# TYPE esafety_events_dropped_total counter\n"
            "esafety_events_dropped_total 42\n"
            "# HELP esafety_events_queue_depth Events waiting\n"
            "# TYPE esafety_events_queue_depth gauge\n"
            "esafety_events_queue_depth 4.5\n");
}

TEST(MetricsTest, LabelsShareOneFamilyAndAreEscaped) {
  MetricsRegistry registry;
  Counter& ks1 = registry.counter("esafety_blocks_total", "Blocks\\per \"group\"\nand more",
                                  {{"group", "KS1"}});
  Counter& odd = registry.counter("esafety_blocks_total", "ignored",
                                  {{"group", "Year \"6\" \\ new\nline"}});
  ks1.inc(3);
  odd.inc();
  EXPECT_EQ(registry.renderPrometheus(),
            "# HELP esafety_blocks_total Blocks\\\\per \"group\"\\nand more\n"
            "# TYPE esafety_blocks_total counter\n"
            "esafety_blocks_total{group=\"KS1\"} 3\n"
            "esafety_blocks_total{group=\"Year \\\"6\\\" \\\\ new\\nline\"} 1\n");
}

TEST(MetricsTest, RegisteringTwiceReturnsTheSameMetric) {
  MetricsRegistry registry;
  Counter& a = registry.counter("x_total", "x", {{"k", "v"}});
  Counter& b = registry.counter("x_total", "x", {{"k", "v"}});
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &registry.counter("x_total", "x", {{"k", "w"}}));
}

TEST(MetricsTest, HistogramRendersCumulativeBucketsSumAndCount) {
  MetricsRegistry registry;
  Histogram& h =
      registry.histogram("esafety_write_seconds", "Batch write time", {0.001, 0.01, 0.1},
                         {{"store", "sqlite"}});
  h.observe(0.0005);
  h.observe(0.001);  // on the bound: counted in le="0.001"
  h.observe(0.05);
  h.observe(3);
  EXPECT_EQ(registry.renderPrometheus(),
            "# HELP esafety_write_seconds Batch write time\n"
            "# TYPE esafety_write_seconds histogram\n"
            "esafety_write_seconds_bucket{store=\"sqlite\",le=\"0.001\"} 2\n"
            "esafety_write_seconds_bucket{store=\"sqlite\",le=\"0.01\"} 2\n"
            "esafety_write_seconds_bucket{store=\"sqlite\",le=\"0.1\"} 3\n"
            "esafety_write_seconds_bucket{store=\"sqlite\",le=\"+Inf\"} 4\n"
            "esafety_write_seconds_sum{store=\"sqlite\"} 3.0515\n"
            "esafety_write_seconds_count{store=\"sqlite\"} 4\n");
}

TEST(MetricsTest, LatencyBucketsRenderAsPlainNumbers) {
  MetricsRegistry registry;
  registry.histogram("t_seconds", "t", Histogram::latencyBuckets());
  std::string text = registry.renderPrometheus();
  EXPECT_NE(text.find("t_seconds_bucket{le=\"0.0001\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("t_seconds_bucket{le=\"10\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("t_seconds_count 0\n"), std::string::npos) << text;
}

TEST(MetricsTest, CollectorsAreCalledAtScrapeTime) {
  MetricsRegistry registry;
  uint64_t hits = 1;
  registry.addCollector("esafety_step_hits_total", "Decisions per step", MetricType::kCounter,
                        [&hits] {
                          return std::vector<Sample>{
                              {{{"step", "illegal"}}, static_cast<double>(hits)},
                              {{{"step", "default"}}, 10}};
                        });
  hits = 5;
  EXPECT_EQ(registry.renderPrometheus(),
            "# HELP esafety_step_hits_total Decisions per step\n"
            "# TYPE esafety_step_hits_total counter\n"
            "esafety_step_hits_total{step=\"illegal\"} 5\n"
            "esafety_step_hits_total{step=\"default\"} 10\n");
}

TEST(MetricsTest, SpecialGaugeValues) {
  MetricsRegistry registry;
  registry.gauge("a", "a").set(std::numeric_limits<double>::infinity());
  registry.gauge("b", "b").set(std::numeric_limits<double>::quiet_NaN());
  registry.gauge("c", "c").set(0.25);
  std::string text = registry.renderPrometheus();
  EXPECT_NE(text.find("\na +Inf\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nb NaN\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nc 0.25\n"), std::string::npos) << text;
}

TEST(MetricsTest, ConcurrentUpdatesAreAllCounted) {
  MetricsRegistry registry;
  Counter& c = registry.counter("c_total", "c");
  Histogram& h = registry.histogram("h", "h", {1});
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100000; ++i) {
        c.inc();
        h.observe(0.5);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), 800000u);
  Histogram::Snapshot s = h.snapshot();
  EXPECT_EQ(s.cumulative.back(), 800000u);
  EXPECT_DOUBLE_EQ(s.sum, 400000);
}

TEST(MetricsDeathTest, InvalidNamesAndTypeClashesAbort) {
  MetricsRegistry registry;
  EXPECT_DEATH(registry.counter("bad name", "x"), "invalid metric name");
  EXPECT_DEATH(registry.counter("ok_total", "x", {{"le-x", "v"}}), "invalid label name");
  EXPECT_DEATH(registry.histogram("h", "x", {1}, {{"le", "v"}}), "may not have a label 'le'");
  registry.counter("clash", "x");
  EXPECT_DEATH(registry.gauge("clash", "x"), "registered as both counter and gauge");
  EXPECT_DEATH(Histogram({2, 1}), "strictly increasing");
}

}  // namespace
}  // namespace esafety
