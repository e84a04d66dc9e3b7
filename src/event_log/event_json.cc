#include "event_log/event_json.h"

#include "events/event_host.h"
#include "events/event_time.h"
#include "pages/reference.h"

namespace esafety::events {

nlohmann::json eventJson(const StoredEvent& row) {
  const Event& e = row.event;
  return {{"id", row.id},
          {"reference", e.reference == 0 ? std::string() : pages::formatReference(e.reference)},
          {"time_ms", e.time_ms},
          {"time", formatEventTime(e.time_ms)},
          {"kind", eventKindName(e.kind)},
          {"client_ip", e.clientIpText()},
          {"device_id", e.device_id},
          {"device", e.device_name.view()},
          {"user_id", e.user_id},
          {"user", e.user_name.view()},
          {"group", e.group.view()},
          {"decision", policy::verdictName(e.verdict)},
          {"step", policy::stepInfo(e.step).name},
          {"category", e.category.view()},
          {"method", e.method.view()},
          {"url", e.url.view()},
          {"host", eventHost(e)},
          {"search_terms", e.search_terms.view()},
          {"status", e.status},
          {"bytes_in", e.bytes_in},
          {"bytes_out", e.bytes_out},
          {"duration_us", e.duration_us},
          {"scores", e.scores.view()},
          {"tags", e.tags.view()},
          {"truncated", e.truncated}};
}

}  // namespace esafety::events
