#include "serve/alert_streams.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include "control/alert_json.h"

namespace esafety::serve {

AlertStreams::AlertStreams(alerts::AlertNotifier* notifier, control::AlertWatch watch, Limits limits,
                           Post post)
    : notifier_(notifier),
      watch_(std::move(watch)),
      limits_(limits),
      post_(std::move(post)),
      self_(std::make_shared<AlertStreams*>(this)) {}

AlertStreams::~AlertStreams() {
  if (notifier_ != nullptr && listener_ != 0) notifier_->stopListening(listener_);
}

Status AlertStreams::start() {
  ESAFETY_RETURN_IF_ERROR(watch_.prime());
  if (notifier_ != nullptr) {
    listener_ = notifier_->listen([this](const std::vector<int64_t>& ids) { onNotice(ids); });
  }
  return Status::ok();
}

// On the notifying thread: hand over, at most one delivery pending at once.
void AlertStreams::onNotice(const std::vector<int64_t>& ids) {
  {
    MutexLock lock(mutex_);
    pending_ids_.insert(pending_ids_.end(), ids.begin(), ids.end());
    if (posted_) return;
    posted_ = true;
  }
  post_([weak = std::weak_ptr<AlertStreams*>(self_)] {
    auto self = weak.lock();
    if (!self) return;
    AlertStreams& streams = **self;
    std::vector<int64_t> ids;
    {
      MutexLock lock(streams.mutex_);
      streams.posted_ = false;
      ids.swap(streams.pending_ids_);
    }
    streams.deliver(ids);
  });
}

void AlertStreams::deliver(const std::vector<int64_t>& ids) {
  // Asked even with no stream open, so that what it remembers stays current.
  auto news = watch_.changes(ids);
  if (!news) {
    spdlog::error("console: the alerts pages were not told of a change: {}", news.status().message());
    return;
  }
  if (news->empty() || streams_.empty()) return;
  std::vector<std::string> messages;
  for (const auto& a : *news) {
    messages.push_back(fmt::format("id: {}\nevent: alert\ndata: {}\n\n", a.id, control::alertJson(a).dump()));
  }
  // (A copy: waking a stream may close it.)
  auto open = streams_;
  for (auto& s : open) {
    if (s->ended_) continue;
    if (s->pending_.size() + messages.size() > limits_.max_queued) {
      spdlog::warn("console: an alerts stream to {} fell {} messages behind; it is ended", s->client_,
                   s->pending_.size());
      end(*s);
      continue;
    }
    s->pending_.insert(s->pending_.end(), messages.begin(), messages.end());
    if (s->wake_) s->wake_();
  }
}

std::shared_ptr<AlertStreams::Stream> AlertStreams::open(const std::string& client,
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
  stream->wake_ = std::move(wake);
  streams_.push_back(stream);
  last_refusal_ = Refusal::kNone;
  return stream;
}

void AlertStreams::close(const std::shared_ptr<Stream>& stream) {
  auto it = std::find(streams_.begin(), streams_.end(), stream);
  if (it == streams_.end()) return;
  streams_.erase(it);
  auto count = per_client_.find(stream->client_);
  if (count != per_client_.end() && --count->second == 0) per_client_.erase(count);
  stream->ended_ = true;
  stream->wake_ = nullptr;
}

void AlertStreams::end(Stream& stream) {
  stream.ended_ = true;
  stream.pending_.clear();
  if (stream.wake_) stream.wake_();
}

void AlertStreams::endAll() {
  ended_all_ = true;
  auto open = streams_;
  for (auto& s : open) end(*s);
}

}  // namespace esafety::serve
