// PasswordCheckPool: the threads that check passwords (argon2id, ~0.1 s and
// 64 MiB each), shared by the console's sign-in, the captive portal and proxy
// authentication. Nothing else may hash on the control thread, which also
// accepts every new proxy connection, or on a data-plane worker.
//
// Admission is bounded: at most `workers` checks run at once, at most
// `queue` more wait, and one client address has at most `per_address` in
// flight; past any of these admit() says no at once and the caller answers
// "busy, try again shortly" (the console: 503 with Retry-After) without
// hashing anything. The workers run at a lower CPU priority (`worker_nice`),
// so a flood of sign-ins cannot take the CPU from filtering.
//
//   PasswordCheckPool& pool = desk.passwordPool();
//   auto ticket = pool.admit(client_ip);
//   if (!ticket) return busy(PasswordCheckPool::kRetryAfterSeconds);
//   auto person = co_await asio::co_spawn(pool.context(), check(), asio::use_awaitable);
//   // the ticket, destroyed, frees the slot
//
// Thread safety: admit() and the tickets from any thread. finish() (at
// shutdown, once nothing new is admitted) lets the queued checks end and
// joins the threads, so no completion reaches an io_context after it is
// gone; the destructor drops whatever is still queued.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/mutex.h"

namespace boost::asio {
class io_context;
}

namespace esafety::identity {

struct PasswordPoolOptions {
  unsigned workers = 1;      // argon2id at once (each takes 64 MiB)
  size_t queue = 16;         // admitted and waiting for a worker
  size_t per_address = 2;    // in flight from one client address
  int worker_nice = 10;      // added to the workers' nice value (0: none)
};

class PasswordCheckPool {
 public:
  // What a busy answer asks the client to wait.
  static constexpr int64_t kRetryAfterSeconds = 1;

  explicit PasswordCheckPool(PasswordPoolOptions options = {});
  ~PasswordCheckPool();
  PasswordCheckPool(const PasswordCheckPool&) = delete;
  PasswordCheckPool& operator=(const PasswordCheckPool&) = delete;

  // A place in the pool for one check from one address; move-only, frees
  // the place when destroyed. Must not outlive the pool.
  class Ticket {
   public:
    Ticket(Ticket&& other) noexcept : pool_(other.pool_), ip_(std::move(other.ip_)) {
      other.pool_ = nullptr;
    }
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket();

   private:
    friend class PasswordCheckPool;
    Ticket(PasswordCheckPool* pool, std::string ip) : pool_(pool), ip_(std::move(ip)) {}
    PasswordCheckPool* pool_;
    std::string ip_;
  };

  // nullopt when the pool or this address is full.
  std::optional<Ticket> admit(std::string_view client_ip) EXCLUDES(mutex_);
  // Where checks run: co_spawn onto it, or post to it.
  boost::asio::io_context& context();

  // Runs what is queued to its end, then joins the threads. Once only.
  void finish();

  size_t inFlight() const EXCLUDES(mutex_);
  uint64_t refused() const EXCLUDES(mutex_);

 private:
  void release(const std::string& ip) EXCLUDES(mutex_);

  const PasswordPoolOptions options_;
  struct Threads;
  std::unique_ptr<Threads> threads_;
  mutable Mutex mutex_;
  size_t in_flight_ GUARDED_BY(mutex_) = 0;
  uint64_t refused_ GUARDED_BY(mutex_) = 0;
  std::unordered_map<std::string, size_t> by_address_ GUARDED_BY(mutex_);
};

}  // namespace esafety::identity
