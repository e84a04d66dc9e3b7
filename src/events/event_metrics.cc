#include "events/event_metrics.h"

namespace esafety::events {

EventMetrics::EventMetrics(MetricsRegistry& registry)
    : queued(
          registry.counter("esafety_events_queued_total", "Events accepted onto the event queue")),
      dropped(registry.counter("esafety_events_dropped_total",
                               "Events dropped because the event queue was full")),
      written(
          registry.counter("esafety_events_written_total", "Events committed to the event store")),
      write_errors(registry.counter("esafety_events_write_errors_total",
                                    "Failed writes of a batch of events (each is retried)")),
      lost(registry.counter("esafety_events_lost_total",
                            "Events given up at shutdown because the event store kept failing")),
      queue_depth(registry.gauge("esafety_events_queue_depth", "Events waiting to be written")),
      batch_write_seconds(registry.histogram("esafety_events_batch_write_seconds",
                                             "Time to write one batch of events",
                                             Histogram::latencyBuckets())) {}

}  // namespace esafety::events
