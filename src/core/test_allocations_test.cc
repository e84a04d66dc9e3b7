#include "core/test_allocations.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>

namespace esafety::testing {
namespace {

TEST(AllocationCounterTest, CountsThisThreadsAllocationsWhileLive) {
  AllocationCounter counter;
  auto one = std::make_unique<int>(1);
  std::string long_text(100, 'x');
  EXPECT_EQ(counter.stop(), 2u);
  auto after = std::make_unique<int>(2);  // stopped: not counted
  AllocationCounter again;
  std::thread other([] { auto elsewhere = std::make_unique<int>(3); });
  other.join();  // the thread's own allocations are not this thread's
  EXPECT_LE(again.stop(), 1u) << "at most std::thread's own state";
}

}  // namespace
}  // namespace esafety::testing
