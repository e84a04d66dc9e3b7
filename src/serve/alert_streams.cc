#include "serve/alert_streams.h"

#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include "control/alert_json.h"

namespace esafety::serve {

AlertStreams::AlertStreams(alerts::AlertNotifier* notifier, control::AlertWatch watch, LiveStreams& live,
                           Handoff<int64_t>::Post post)
    : notifier_(notifier),
      watch_(std::move(watch)),
      live_(live),
      handoff_(std::move(post), [this](std::vector<int64_t> ids) { deliver(ids); }) {}

AlertStreams::~AlertStreams() {
  if (notifier_ != nullptr && listener_ != 0) notifier_->stopListening(listener_);
}

Status AlertStreams::start() {
  ESAFETY_RETURN_IF_ERROR(watch_.prime());
  if (notifier_ != nullptr) {
    listener_ = notifier_->listen([this](const std::vector<int64_t>& ids) { handoff_.add(ids); });
  }
  return Status::ok();
}

void AlertStreams::deliver(const std::vector<int64_t>& ids) {
  // Asked even with no stream open, so that what it remembers stays current.
  auto news = watch_.changes(ids);
  if (!news) {
    spdlog::error("console: the alerts pages were not told of a change: {}", news.status().message());
    return;
  }
  if (news->empty() || live_.openCount() == 0) return;
  std::vector<std::string> messages;
  for (const auto& a : *news) {
    messages.push_back(fmt::format("id: {}\nevent: alert\ndata: {}\n\n", a.id, control::alertJson(a).dump()));
  }
  live_.push(kTopic, messages);
}

}  // namespace esafety::serve
