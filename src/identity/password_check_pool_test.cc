#include "identity/password_check_pool.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <atomic>
#include <future>
#include <optional>
#include <thread>
#include <vector>

namespace esafety::identity {
namespace {

TEST(PasswordCheckPoolTest, AdmitsUpToWorkersAndQueueThenRefusesAtOnce) {
  PasswordCheckPool pool({.workers = 1, .queue = 2, .per_address = 10, .worker_nice = 0});
  std::vector<PasswordCheckPool::Ticket> held;
  for (int i = 0; i < 3; ++i) {
    auto t = pool.admit("10.0.0." + std::to_string(i));
    ASSERT_TRUE(t.has_value()) << i;
    held.push_back(std::move(*t));
  }
  EXPECT_FALSE(pool.admit("10.0.0.9").has_value());  // 1 running + 2 waiting: full
  EXPECT_EQ(pool.refused(), 1u);
  held.pop_back();  // one check done
  EXPECT_TRUE(pool.admit("10.0.0.9").has_value());
}

TEST(PasswordCheckPoolTest, OneAddressGetsOnlyItsShare) {
  PasswordCheckPool pool({.workers = 1, .queue = 16, .per_address = 2, .worker_nice = 0});
  auto a = pool.admit("10.0.0.5");
  auto b = pool.admit("10.0.0.5");
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(pool.admit("10.0.0.5").has_value());  // a third from the same address
  EXPECT_TRUE(pool.admit("10.0.0.6").has_value());   // another address still gets in
  a.reset();
  EXPECT_TRUE(pool.admit("10.0.0.5").has_value());
  EXPECT_EQ(pool.inFlight(), 1u);  // only b is still held
}

TEST(PasswordCheckPoolTest, RunsWorkOffTheCallersThread) {
  PasswordCheckPool pool;
  std::promise<std::thread::id> ran;
  boost::asio::post(pool.context(), [&] { ran.set_value(std::this_thread::get_id()); });
  auto f = ran.get_future();
  ASSERT_EQ(f.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_NE(f.get(), std::this_thread::get_id());
}

TEST(PasswordCheckPoolTest, FinishRunsWhatIsQueuedThenJoins) {
  PasswordCheckPool pool({.workers = 1, .queue = 16, .per_address = 2, .worker_nice = 0});
  std::atomic<int> ran{0};
  for (int i = 0; i < 5; ++i) {
    boost::asio::post(pool.context(), [&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      ++ran;
    });
  }
  pool.finish();
  EXPECT_EQ(ran.load(), 5);
}

}  // namespace
}  // namespace esafety::identity
