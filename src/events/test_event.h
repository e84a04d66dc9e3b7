// Test support for the event record (not part of the library): a plausible
// event to push through queues, codecs and stores.
//
//   Event e = testEvent(42);   // device_id 42, user_id 42, time 42 ms past a fixed point
#pragma once

#include <cstdint>

#include "events/event.h"

namespace esafety::events {

// A plausible HTTP event; `sequence` goes into device_id and user_id so a
// test can check that nothing was lost, duplicated or reordered.
Event testEvent(int64_t sequence);

}  // namespace esafety::events
