#include "core/test_allocations.h"

#include <cstdlib>
#include <new>

namespace {
thread_local bool g_counting = false;
thread_local size_t g_allocations = 0;
}  // namespace

void* operator new(std::size_t size) {
  if (g_counting) ++g_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace esafety::testing {

AllocationCounter::AllocationCounter() {
  g_allocations = 0;
  g_counting = true;
}

AllocationCounter::~AllocationCounter() { g_counting = false; }

size_t AllocationCounter::stop() {
  g_counting = false;
  return g_allocations;
}

}  // namespace esafety::testing
