#include "console/api_context.h"

namespace esafety::console {

Result<events::SqliteEventStore*> ApiContext::events() {
  if (!events_) {
    auto opened = events::SqliteEventStore::open(events_path, clock, {.read_only = true});
    if (!opened) return opened.status();
    events_ = std::move(*opened);
  }
  return events_.get();
}

}  // namespace esafety::console
