// EventMetrics: the counters the event pipeline keeps, registered once in the
// process's MetricsRegistry so /metrics and the console can show them
// (DESIGN.md §2: "every dropped event is counted and shown").
//
//   esafety_events_queued_total         events accepted by EventQueue::push
//   esafety_events_dropped_total        events refused because the queue was full
//   esafety_events_written_total        events committed to the event store
//   esafety_events_write_errors_total   failed batch writes (each retried)
//   esafety_events_lost_total           events given up at shutdown because the
//                                       store kept failing (0 in a healthy system)
//   esafety_events_queue_depth          events waiting in the queue (gauge)
//   esafety_events_batch_write_seconds  time to write one batch (histogram)
//
//   MetricsRegistry registry;
//   EventMetrics metrics(registry);           // control thread, at start-up
//   EventQueue queue(65536, metrics);
//   EventWriter writer(queue, store, metrics, {});
//
// Ownership: the registry owns the metrics; EventMetrics only refers to them
// and must not outlive the registry. Threads: as for the metrics themselves,
// updates are lock-free from any thread.
#pragma once

#include "core/metrics.h"

namespace esafety::events {

struct EventMetrics {
  explicit EventMetrics(MetricsRegistry& registry);

  Counter& queued;
  Counter& dropped;
  Counter& written;
  Counter& write_errors;
  Counter& lost;
  Gauge& queue_depth;
  Histogram& batch_write_seconds;
};

}  // namespace esafety::events
