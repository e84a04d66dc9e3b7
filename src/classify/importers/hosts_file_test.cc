#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classify/importers/test_support.h"

namespace esafety::classify {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::runImport;

ImportRequest hosts(std::string path) {
  return testing::request(std::move(path), ListFormat::kHosts, "advertising");
}

TEST(importers_Hosts, EveryNameAfterTheAddressIsADomain) {
  MemoryFileSystem fs;
  fs.put("/l/hosts",
         "# StevenBlack-style header\n"
         "127.0.0.1 localhost\n"
         "127.0.0.1 localhost.localdomain\n"
         "255.255.255.255 broadcasthost\n"
         "::1 localhost ip6-localhost ip6-loopback\n"
         "fe80::1%lo0 localhost\n"
         "ff02::1 ip6-allnodes\n"
         "0.0.0.0 0.0.0.0\n"
         "0.0.0.0 ads.example.com\n"
         "127.0.0.1\tone.example two.example   # trackers\n"
         ":: six.example\n"
         "192.0.2.7 internal.example\n");
  auto run = runImport(fs, hosts("/l/hosts"));
  EXPECT_THAT(run.entries(),
              ElementsAre("domain ads.example.com /l/hosts:9", "domain one.example /l/hosts:10",
                          "domain two.example /l/hosts:10", "domain six.example /l/hosts:11",
                          "domain internal.example /l/hosts:12"));
  EXPECT_THAT(run.problems(), IsEmpty());
  EXPECT_EQ(run.sink.entries[0].category, "advertising");
}

TEST(importers_Hosts, LineWithoutAnAddressIsAnErrorAndTheRestIsRead) {
  MemoryFileSystem fs;
  fs.put("/l/hosts",
         "0.0.0.0 a.example\n"
         "b.example\n"
         "0.0.0.0\n"
         "999.1.1.1 c.example\n"
         "0.0.0.0 d.example\r\n");
  auto run = runImport(fs, hosts("/l/hosts"));
  EXPECT_THAT(run.entries(),
              ElementsAre("domain a.example /l/hosts:1", "domain d.example /l/hosts:5"));
  EXPECT_THAT(run.problems(),
              ElementsAre("/l/hosts:2: error", "/l/hosts:3: error", "/l/hosts:4: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("address first"));
  EXPECT_EQ(run.stats.rejected, 3u);
}

TEST(importers_Hosts, BinaryAndLongLinesAreErrors) {
  MemoryFileSystem fs;
  fs.put("/l/hosts", "0.0.0.0 a.example\n0.0.0.0 \x02x.example\n0.0.0.0 " + std::string(5000, 'z') +
                         "\n0.0.0.0 b.example\n");
  auto run = runImport(fs, hosts("/l/hosts"));
  EXPECT_THAT(run.entries(),
              ElementsAre("domain a.example /l/hosts:1", "domain b.example /l/hosts:4"));
  EXPECT_THAT(run.problems(), ElementsAre("/l/hosts:2: error", "/l/hosts:3: error"));
}

}  // namespace
}  // namespace esafety::classify
