// AlertNotifier: tells whoever listens in this process that alerts were
// stored or changed, so that open alerts pages are pushed the change rather
// than polling the database (issue 14: "pushed, not polled").
//
// The engine (alert_engine.h) calls notify() after its batch's transaction
// commits; the console's triage does too, naming the alert it changed. A
// listener gets the ids it was told (empty: "look at what is new") on the
// notifying thread, and must only hand the work on (the console posts it to
// its own thread, serve/alert_streams.h).
//
//   AlertNotifier notifier;
//   auto id = notifier.listen([&](const std::vector<int64_t>& ids) { post(...); });
//   notifier.notify({});        // the engine, after a commit
//   notifier.stopListening(id); // after this returns the callback is not running
//
// Thread safety: every method from any thread (core/listeners.h).
#pragma once

#include <cstdint>
#include <vector>

#include "core/listeners.h"

namespace esafety::alerts {

// `alert_ids`: the alerts changed, when known; empty for "new or changed
// alerts since the last notice".
class AlertNotifier : public Listeners<std::vector<int64_t>> {};

}  // namespace esafety::alerts
