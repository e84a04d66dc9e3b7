#include "serve/live_streams.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace esafety::serve {

std::shared_ptr<LiveStreams::Stream> LiveStreams::open(const std::string& client, std::string topic,
                                                       std::function<void()> wake) {
  if (ended_all_) {
    last_refusal_ = Refusal::kEnded;
    return nullptr;
  }
  if (streams_.size() >= limits_.max_total) {
    last_refusal_ = Refusal::kTotal;
    return nullptr;
  }
  uint32_t& mine = per_client_[client];
  if (mine >= limits_.max_per_client) {
    last_refusal_ = Refusal::kPerClient;
    return nullptr;
  }
  ++mine;
  auto stream = std::make_shared<Stream>();
  stream->client_ = client;
  stream->topic_ = std::move(topic);
  stream->wake_ = std::move(wake);
  streams_.push_back(stream);
  open_count_.store(streams_.size(), std::memory_order_relaxed);
  last_refusal_ = Refusal::kNone;
  return stream;
}

void LiveStreams::close(const std::shared_ptr<Stream>& stream) {
  auto it = std::find(streams_.begin(), streams_.end(), stream);
  if (it == streams_.end()) return;
  streams_.erase(it);
  open_count_.store(streams_.size(), std::memory_order_relaxed);
  auto count = per_client_.find(stream->client_);
  if (count != per_client_.end() && --count->second == 0) per_client_.erase(count);
  stream->ended_ = true;
  stream->wake_ = nullptr;
}

std::set<std::string> LiveStreams::topics() const {
  std::set<std::string> out;
  for (const auto& s : streams_) {
    if (!s->ended_) out.insert(s->topic_);
  }
  return out;
}

void LiveStreams::push(std::string_view topic, const std::vector<std::string>& messages) {
  if (messages.empty()) return;
  // (A copy: waking a stream may close it.)
  auto open = streams_;
  for (auto& s : open) {
    if (s->ended_ || s->topic_ != topic) continue;
    if (s->pending_.size() + messages.size() > limits_.max_queued) {
      spdlog::warn("console: a live stream ({}) to {} fell {} messages behind; it is ended", s->topic_,
                   s->client_, s->pending_.size());
      end(*s);
      continue;
    }
    s->pending_.insert(s->pending_.end(), messages.begin(), messages.end());
    if (s->wake_) s->wake_();
  }
}

void LiveStreams::end(Stream& stream) {
  stream.ended_ = true;
  stream.pending_.clear();
  if (stream.wake_) stream.wake_();
}

void LiveStreams::endAll() {
  ended_all_ = true;
  auto open = streams_;
  for (auto& s : open) end(*s);
}

}  // namespace esafety::serve
