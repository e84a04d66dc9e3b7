#include "proxy/session_registry.h"

#include <vector>

namespace esafety::proxy {

bool SessionControl::idle() {
  busy_ = false;
  return !registry.stopping();
}

SessionRegistry::Membership::Membership(SessionRegistry& registry, SessionControl& session)
    : registry_(registry), session_(session) {
  // One that starts after shutdown began finds idle() false before its
  // first request and closes; cancelling it here, inside its own first
  // steps, is not needed.
  registry_.sessions_.insert(&session_);
}

SessionRegistry::Membership::~Membership() { registry_.sessions_.erase(&session_); }

void SessionRegistry::beginShutdown(std::chrono::milliseconds grace) {
  if (stopping_) return;
  stopping_ = true;
  // Cancelling may end a session on the spot; take the list first.
  std::vector<SessionControl*> idle;
  for (SessionControl* s : sessions_) {
    if (!s->isBusy()) idle.push_back(s);
  }
  for (SessionControl* s : idle) {
    if (sessions_.contains(s)) s->cancel();
  }
  grace_timer_.expires_after(grace);
  grace_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) cancelAll();
  });
}

void SessionRegistry::cancelAll() {
  std::vector<SessionControl*> all(sessions_.begin(), sessions_.end());
  for (SessionControl* s : all) {
    if (sessions_.contains(s)) s->cancel();
  }
}

}  // namespace esafety::proxy
