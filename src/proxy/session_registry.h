// Private to src/proxy: the client sessions one worker is running, so that
// shutdown can end them (Beast's "graceful shutdown by cancellation").
//
// Each session has a SessionControl: the cancellation signal its co_spawn is
// bound to (session_spawn.h) and whether it is serving a request or waiting
// for the next one. The session joins its worker's registry when it starts
// and leaves when it ends (SessionRegistry::Membership). Shutdown, on each
// worker's thread:
//   1. beginShutdown(grace): sessions waiting for a request are cancelled at
//      once; busy ones finish the request they are on (its event is written)
//      and then close instead of reading another (SessionControl::idle()
//      returns false).
//   2. after `grace`, every session left (a long download, a tunnel) is
//      cancelled: its pending I/O ends with operation_aborted, the coroutine
//      unwinds, and its RequestRecord finishes the event in its destructor.
//
// Thread safety: a registry and its sessions belong to one worker's
// io_context; every call is made on that worker's thread (the service posts
// beginShutdown there).
//
//   auto control = std::make_shared<SessionControl>(worker.sessions);
//   spawnSession(worker.io, runSession(...), control, stats);   // session_spawn.h
//   // in the session:
//   auto membership = control->registry.join(*control);
//   while (control->idle()) { read a head; control->busy(); serve it; }
#pragma once

#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <unordered_set>

namespace esafety::proxy {

class SessionRegistry;

struct SessionControl {
  explicit SessionControl(SessionRegistry& owner) : registry(owner) {}
  SessionControl(const SessionControl&) = delete;
  SessionControl& operator=(const SessionControl&) = delete;

  // Between requests. False once shutdown has begun: the session must close
  // rather than read another request.
  bool idle();
  // A request head has arrived: the session is serving it.
  void busy() { busy_ = true; }
  bool isBusy() const { return busy_; }
  void cancel() { signal.emit(boost::asio::cancellation_type::terminal); }

  SessionRegistry& registry;
  boost::asio::cancellation_signal signal;  // bound to the session's co_spawn

 private:
  bool busy_ = false;
};

class SessionRegistry {
 public:
  explicit SessionRegistry(boost::asio::io_context& io) : grace_timer_(io) {}
  SessionRegistry(const SessionRegistry&) = delete;
  SessionRegistry& operator=(const SessionRegistry&) = delete;

  // A session's place in the registry, for as long as it lives.
  class Membership {
   public:
    Membership(SessionRegistry& registry, SessionControl& session);
    ~Membership();
    Membership(const Membership&) = delete;
    Membership& operator=(const Membership&) = delete;

   private:
    SessionRegistry& registry_;
    SessionControl& session_;
  };
  Membership join(SessionControl& session) { return Membership(*this, session); }

  // Shutdown: idle sessions are cancelled now, busy ones after `grace`.
  // A session that joins afterwards finds idle() false and closes.
  void beginShutdown(std::chrono::milliseconds grace);
  bool stopping() const { return stopping_; }
  size_t size() const { return sessions_.size(); }

 private:
  void cancelAll();

  std::unordered_set<SessionControl*> sessions_;
  boost::asio::steady_timer grace_timer_;
  bool stopping_ = false;
};

}  // namespace esafety::proxy
