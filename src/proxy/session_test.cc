// Failure containment: a session's exception is caught and counted, shutdown
// cancels sessions (idle ones at once, busy ones after the grace), every
// request record finishes its event however its request ends, the
// connection gauge follows the session, and failed accepts back off.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <stdexcept>

#include "proxy/accept_backoff.h"
#include "proxy/session_spawn.h"
#include "proxy/stage_test_support.h"

namespace esafety::proxy {
namespace {

using namespace std::chrono_literals;

// A session that waits on a timer (standing in for a socket read) and says
// how it ended.
asio::awaitable<void> waiting(asio::steady_timer& timer, SessionControl& control, bool busy,
                              std::string& ended) {
  auto membership = control.registry.join(control);
  if (!control.idle()) {  // as serveRequests does before each request
    ended = "closed";
    co_return;
  }
  if (busy) control.busy();
  auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  ended = ec == asio::error::operation_aborted ? "cancelled" : "timer";
  co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));  // throws once cancelled
  ended += ", carried on";
}

// One worker's io_context and registry, and a session on it that waits.
class SessionSpawn : public ::testing::Test {
 protected:
  std::shared_ptr<SessionControl> startWaiting(bool busy) {
    auto control = std::make_shared<SessionControl>(registry_);
    spawnSession(io_, waiting(timer_, *control, busy, ended_), control, stats_);
    return control;
  }

  asio::io_context io_;
  ProxyStats stats_;
  SessionRegistry registry_{io_};
  asio::steady_timer timer_{io_, 1h};
  std::string ended_;
};

TEST_F(SessionSpawn, AnExceptionIsCaughtCountedAndTheWorkerCarriesOn) {
  auto throwing = []() -> asio::awaitable<void> {
    throw std::runtime_error("a bug");
    co_return;
  };
  spawnSession(io_, throwing(), std::make_shared<SessionControl>(registry_), stats_);
  bool later = false;
  asio::post(io_, [&] { later = true; });
  io_.run_for(100ms);
  EXPECT_EQ(stats_.session_errors.load(), 1u);
  EXPECT_TRUE(later);
}

TEST_F(SessionSpawn, ShutdownCancelsIdleSessionsAtOnceWithoutCountingAnError) {
  startWaiting(false);
  io_.run_for(20ms);
  EXPECT_EQ(registry_.size(), 1u);
  auto started = std::chrono::steady_clock::now();
  registry_.beginShutdown(10s);
  while (registry_.size() > 0 && std::chrono::steady_clock::now() - started < 5s) io_.run_one_for(50ms);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);  // not the 10 s grace
  EXPECT_EQ(ended_, "cancelled");  // and the next co_await threw: it did not carry on
  EXPECT_EQ(registry_.size(), 0u);
  EXPECT_EQ(stats_.session_errors.load(), 0u);
}

TEST_F(SessionSpawn, ABusySessionHasTheGraceThenIsCancelled) {
  auto control = startWaiting(true);
  io_.run_for(20ms);
  registry_.beginShutdown(200ms);
  io_.run_for(100ms);
  EXPECT_EQ(ended_, "");  // still serving its request
  EXPECT_FALSE(control->idle());  // and will not take another
  io_.run_for(500ms);
  EXPECT_EQ(ended_, "cancelled");
  EXPECT_EQ(registry_.size(), 0u);
  EXPECT_EQ(stats_.session_errors.load(), 0u);
}

TEST_F(SessionSpawn, ASessionThatStartsAfterShutdownBeganClosesBeforeARequest) {
  registry_.beginShutdown(10s);
  startWaiting(false);
  io_.run_for(100ms);
  EXPECT_EQ(ended_, "closed");
  EXPECT_EQ(registry_.size(), 0u);
}

TEST(ConnectionGaugeTest, CountsFromTakingUntilTheLastHolderIsGone) {
  std::atomic<int64_t> open{0};
  {
    ConnectionGauge gauge(open);
    EXPECT_EQ(open.load(), 1);
    ConnectionGauge moved(std::move(gauge));
    EXPECT_EQ(open.load(), 1);
  }
  EXPECT_EQ(open.load(), 0);
}

TEST(ConnectionGaugeTest, ASessionThatThrowsStillGivesItsCountBack) {
  asio::io_context io;
  ProxyStats stats;
  SessionRegistry registry(io);
  auto throwing = [](ConnectionGauge) -> asio::awaitable<void> {
    throw std::runtime_error("a bug");
    co_return;
  };
  spawnSession(io, throwing(ConnectionGauge(stats.connections_open)),
               std::make_shared<SessionControl>(registry), stats);
  EXPECT_EQ(stats.connections_open.load(), 1);
  io.run();
  EXPECT_EQ(stats.connections_open.load(), 0);
}

TEST(AcceptBackoffTest, WaitsLongerEachTimeUpToASecondAndResetsOnSuccess) {
  AcceptBackoff backoff;
  std::vector<int64_t> waits;
  for (int i = 0; i < 10; ++i) waits.push_back(backoff.next().count());
  EXPECT_EQ(waits, (std::vector<int64_t>{5, 10, 20, 40, 80, 160, 320, 640, 1000, 1000}));
  EXPECT_EQ(backoff.failures(), 10u);
  backoff.reset();
  EXPECT_EQ(backoff.next().count(), 5);
  EXPECT_EQ(backoff.failures(), 1u);
}

class RequestRecordTest : public testing::StageTest {};

TEST_F(RequestRecordTest, ARecordNoOneFinishedFinishesItselfOnce) {
  {
    RequestRecord record(shared_, testing::kKs2);
    record.event().setUrl("games.example/");
    record.noteStatus(200);
    record.noteBytes(10, 20);
  }
  {
    RequestRecord record(shared_, testing::kKs2);
    record.finish(403, 0, 5);
  }
  ASSERT_EQ(events_.events.size(), 2u);
  EXPECT_EQ(events_.events[0].url.view(), "games.example/");
  EXPECT_EQ(events_.events[0].status, 200);
  EXPECT_EQ(events_.events[0].bytes_out, 20u);
  EXPECT_EQ(events_.events[1].status, 403);
}

TEST_F(RequestRecordTest, ARequestCancelledMidFlightStillHasItsEvent) {
  asio::io_context io;
  SessionRegistry registry(io);
  asio::steady_timer timer(io, 1h);
  auto control = std::make_shared<SessionControl>(registry);
  auto request = [&]() -> asio::awaitable<void> {
    auto membership = registry.join(*control);
    control->busy();
    RequestRecord record(shared_, testing::kKs2);
    record.event().setUrl("slow.example/");
    co_await timer.async_wait(asio::use_awaitable);  // throws when cancelled
    record.finish(200, 0, 0);
  };
  spawnSession(io, request(), control, stats_);
  io.run_for(20ms);
  registry.beginShutdown(0ms);
  io.run_for(500ms);
  ASSERT_EQ(events_.events.size(), 1u);
  EXPECT_EQ(events_.events[0].url.view(), "slow.example/");
  EXPECT_EQ(events_.events[0].status, 0);
  EXPECT_EQ(stats_.session_errors.load(), 0u);
}

}  // namespace
}  // namespace esafety::proxy
