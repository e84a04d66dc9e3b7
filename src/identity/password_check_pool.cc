#include "identity/password_check_pool.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <thread>
#include <vector>

namespace esafety::identity {

struct PasswordCheckPool::Threads {
  boost::asio::io_context context{1};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard{
      context.get_executor()};
  std::vector<std::thread> threads;
};

PasswordCheckPool::PasswordCheckPool(PasswordPoolOptions options)
    : options_(options), threads_(std::make_unique<Threads>()) {
  const unsigned n = std::max(1u, options_.workers);
  for (unsigned i = 0; i < n; ++i) {
    threads_->threads.emplace_back([ctx = &threads_->context, niceness = options_.worker_nice] {
      // Linux keeps a nice value per thread: only this worker yields.
      if (niceness != 0 &&
          setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), niceness) != 0) {
        spdlog::warn("the password-check thread keeps its priority: setpriority failed");
      }
      ctx->run();
    });
  }
}

PasswordCheckPool::~PasswordCheckPool() {
  threads_->guard.reset();
  threads_->context.stop();
  for (std::thread& t : threads_->threads) {
    if (t.joinable()) t.join();
  }
}

void PasswordCheckPool::finish() {
  threads_->guard.reset();  // run() returns once the queue is empty
  for (std::thread& t : threads_->threads) {
    if (t.joinable()) t.join();
  }
}

boost::asio::io_context& PasswordCheckPool::context() { return threads_->context; }

std::optional<PasswordCheckPool::Ticket> PasswordCheckPool::admit(std::string_view client_ip) {
  const size_t capacity = std::max(1u, options_.workers) + options_.queue;
  std::string ip(client_ip);
  MutexLock lock(mutex_);
  size_t& mine = by_address_[ip];
  if (in_flight_ >= capacity || mine >= options_.per_address) {
    if (mine == 0) by_address_.erase(ip);
    ++refused_;
    return std::nullopt;
  }
  ++mine;
  ++in_flight_;
  return Ticket(this, std::move(ip));
}

void PasswordCheckPool::release(const std::string& ip) {
  MutexLock lock(mutex_);
  --in_flight_;
  auto it = by_address_.find(ip);
  if (it != by_address_.end() && --it->second == 0) by_address_.erase(it);
}

PasswordCheckPool::Ticket::~Ticket() {
  if (pool_ != nullptr) pool_->release(ip_);
}

size_t PasswordCheckPool::inFlight() const {
  MutexLock lock(mutex_);
  return in_flight_;
}

uint64_t PasswordCheckPool::refused() const {
  MutexLock lock(mutex_);
  return refused_;
}

}  // namespace esafety::identity
