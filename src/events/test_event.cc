#include "events/test_event.h"

#include <fmt/format.h>

namespace esafety::events {

Event testEvent(int64_t sequence) {
  Event e;
  e.reference = 7000000 + static_cast<uint64_t>(sequence);
  e.time_ms = 1772540100000 + sequence;
  e.kind = EventKind::kHttp;
  e.setClientIp(fmt::format("10.0.{}.{}", (sequence / 250) % 250, sequence % 250 + 1));
  e.device_id = sequence;
  e.user_id = sequence;
  e.device_name.assign("iPad 7");
  e.user_name.assign("amy.smith");
  e.group.assign("KS2");
  e.method.assign("GET");
  e.setUrl(fmt::format("http://www.example.com/page/{}?q=1", sequence));
  e.category.assign("news");
  e.status = 200;
  e.bytes_out = 5120;
  e.duration_us = 1500;
  return e;
}

}  // namespace esafety::events
