#include "serve/class_streams.h"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include "core/text.h"
#include "event_log/event_json.h"

namespace esafety::serve {

std::string ClassStreams::topic(std::string_view room) { return "class:" + asciiLower(room); }

ClassStreams::ClassStreams(alerts::ActivityNotifier* activity, Listeners<int64_t>* restrictions,
                           LiveStreams& live, Devices devices, const Clock& clock,
                           Handoff<alerts::FeedEvent>::Post post)
    : activity_(activity),
      restrictions_(restrictions),
      live_(live),
      devices_(std::move(devices)),
      clock_(clock),
      visits_(post, [this](std::vector<alerts::FeedEvent> events) { deliver(events); }),
      changes_(post, [this](std::vector<int64_t>) { restrictionsChanged(); }) {}

ClassStreams::~ClassStreams() {
  if (activity_ != nullptr && activity_listener_ != 0) activity_->stopListening(activity_listener_);
  if (restrictions_ != nullptr && restrictions_listener_ != 0) {
    restrictions_->stopListening(restrictions_listener_);
  }
}

void ClassStreams::start() {
  if (activity_ != nullptr) {
    activity_listener_ = activity_->listen([this](const std::vector<alerts::FeedEvent>& events) {
      // (A relaxed read: a stream opened just now gets the next pass's visits.)
      if (live_.openCount() > 0) visits_.add(events);
    });
  }
  if (restrictions_ != nullptr) {
    restrictions_listener_ = restrictions_->listen([this](const int64_t&) {
      if (live_.openCount() > 0) changes_.add({});
    });
  }
}

Status ClassStreams::readRooms() {
  auto devices = devices_();
  if (!devices) return devices.status();
  topic_of_device_.clear();
  for (const policy::Device& d : *devices) {
    if (!d.room.empty()) topic_of_device_.emplace(d.id, topic(d.room));
  }
  rooms_read_ms_ = clock_.nowUnixMs();
  return Status::ok();
}

void ClassStreams::deliver(const std::vector<alerts::FeedEvent>& events) {
  std::set<std::string> open = live_.topics();
  if (std::none_of(open.begin(), open.end(), [](const std::string& t) { return t.starts_with("class:"); })) {
    return;
  }
  if (rooms_read_ms_ < 0 || clock_.nowUnixMs() - rooms_read_ms_ >= kRoomsMaxAgeMs) {
    if (Status s = readRooms(); !s.isOk()) {
      spdlog::error("console: the class views were not sent their visits: {}", s.message());
      return;
    }
  }
  std::map<std::string, std::vector<std::string>> by_topic;
  for (const alerts::FeedEvent& e : events) {
    auto room = topic_of_device_.find(e.event.device_id);
    if (room == topic_of_device_.end() || !open.count(room->second)) continue;
    events::StoredEvent row{.id = e.id, .event = e.event};
    by_topic[room->second].push_back(fmt::format("event: visit\ndata: {}\n\n", events::eventJson(row).dump()));
  }
  for (const auto& [t, messages] : by_topic) live_.push(t, messages);
}

void ClassStreams::restrictionsChanged() {
  const std::string message = "event: restrictions\ndata: {}\n\n";
  for (const std::string& t : live_.topics()) {
    if (t.starts_with("class:")) live_.push(t, {message});
  }
}

}  // namespace esafety::serve
