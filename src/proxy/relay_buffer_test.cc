#include "proxy/relay_buffer.h"

#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

namespace esafety::proxy {
namespace {

TEST(RelayBufferTest, ABufferGivenBackIsTheNextOneTakenOnThatThread) {
  char* first = nullptr;
  {
    RelayBuffer buffer;
    first = buffer.data();
    first[0] = 'a';
    first[RelayBuffer::kSize - 1] = 'z';  // the whole 64 KB is usable
  }
  EXPECT_GE(RelayBuffer::spareOnThisThread(), 1u);
  RelayBuffer again;
  EXPECT_EQ(again.data(), first);
}

TEST(RelayBufferTest, BuffersInUseAtOnceAreDistinct) {
  RelayBuffer a, b;
  EXPECT_NE(a.data(), b.data());
}

TEST(RelayBufferTest, TheSpareBuffersAreBounded) {
  {
    std::vector<std::unique_ptr<RelayBuffer>> many;
    for (size_t i = 0; i < RelayBuffer::kMaxSpare + 10; ++i) many.push_back(std::make_unique<RelayBuffer>());
  }
  EXPECT_EQ(RelayBuffer::spareOnThisThread(), RelayBuffer::kMaxSpare);
}

TEST(RelayBufferTest, EachThreadKeepsItsOwnSpares) {
  { RelayBuffer here; }
  size_t here = RelayBuffer::spareOnThisThread();
  size_t there_before = 99, there_after = 99;
  std::thread([&] {
    there_before = RelayBuffer::spareOnThisThread();
    { RelayBuffer buffer; }
    there_after = RelayBuffer::spareOnThisThread();
  }).join();
  EXPECT_EQ(there_before, 0u);
  EXPECT_EQ(there_after, 1u);
  EXPECT_EQ(RelayBuffer::spareOnThisThread(), here);
}

}  // namespace
}  // namespace esafety::proxy
