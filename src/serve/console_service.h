// The console's HTTP listener (default 127.0.0.1:8080), on the control
// thread. So far it serves what the proxy needs:
//   GET  /proxy.pac               the PAC file for browsers (see docs/operations.md, WPAD)
//   GET  /metrics                 Prometheus metrics
//   GET  /health                  "ok", for load balancers and monitoring
//   POST /blocked/tell-teacher    the block page's buttons: stored in the inbox
//   POST /blocked/ask-check       with the blocked request's reference
//   GET  /api/v1/alerts/stream    the alerts pages' live stream (server-sent events)
//   GET  /api/v1/classview/stream the class view's live stream (server-sent events)
//   /api/v1/...                   the console's JSON API (src/console, docs/api/openapi.yaml)
//   GET  anything else            the web console's single-page app (web/)
#pragma once

#include <memory>

#include "alerts/activity_notifier.h"
#include "alerts/alert_notifier.h"
#include "net/service.h"
#include "store/store.h"

namespace esafety::control {
class SelftestRunner;  // control/selftest_runner.h
class RestrictionPublisher;  // control/restriction_publisher.h
}

namespace esafety::serve {

// What the console is connected to in this process; each may be null, and
// each must outlive the service.
struct ConsoleLinks {
  // New and changed alerts, pushed to open alerts pages (GET
  // /api/v1/alerts/stream, serve/alert_streams.h).
  alerts::AlertNotifier* alerts = nullptr;
  // The events the alert engine reads, pushed to open class views (GET
  // /api/v1/classview/stream, serve/class_streams.h).
  alerts::ActivityNotifier* activity = nullptr;
  // The Self-test page's "Run now" (null: refused).
  control::SelftestRunner* selftest = nullptr;
  // The class view's changes, published to the proxy at once (null: by its
  // poll), and their notices to open class views.
  control::RestrictionPublisher* restrictions = nullptr;
};

// `store` is used from the control thread only and must outlive the service.
std::unique_ptr<net::Service> makeConsoleService(const net::ServiceContext& context, store::Store* store,
                                                 ConsoleLinks links = {});

}  // namespace esafety::serve
