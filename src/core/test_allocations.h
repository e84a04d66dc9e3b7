// Counting heap allocations in a test, for code that must allocate nothing
// on a hot path (Snapshot::identify, the identity resolver's DNS path).
// Linking esafety_test_allocations replaces the global operator new of the
// whole test binary; it counts only on the thread that holds a live counter.
//
//   esafety::testing::AllocationCounter counter;  // counts this thread's allocations
//   for (...) code_under_test();
//   EXPECT_EQ(counter.stop(), 0u);                // stop before gtest allocates
//
// Thread safety: a counter belongs to the thread that made it.
#pragma once

#include <cstddef>

namespace esafety::testing {

class AllocationCounter {
 public:
  AllocationCounter();   // starts at zero
  ~AllocationCounter();  // stops, if stop() was not called
  AllocationCounter(const AllocationCounter&) = delete;
  AllocationCounter& operator=(const AllocationCounter&) = delete;

  // Stops counting and returns how many allocations there were.
  size_t stop();
};

}  // namespace esafety::testing
