#include "core/test_allocations.h"

#include <cstdlib>
#include <new>

namespace {
thread_local bool g_counting = false;
thread_local size_t g_allocations = 0;
}  // namespace

// Every plain and nothrow form, so that nothing allocated by another
// library's operator new is released by this free() (or the reverse): the
// sanitizers check that they pair up. Arrays go through these by default;
// over-aligned allocations keep the library's own pair.
void* operator new(std::size_t size) {
  if (g_counting) ++g_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  if (g_counting) ++g_allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }

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
