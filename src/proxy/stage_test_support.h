// Test support for the request stages (request_stages.h), included by the
// proxy's *_test.cc files only: a small school (policy_test_fixture.h's
// groups, with devices), a ProxyShared around it, and requests built from
// Beast heads, the way the session builds them, with no socket anywhere.
//
//   class ParseTargetTest : public StageTest {};
//   TEST_F(ParseTargetTest, ...) {
//     RequestContext& r = request(http::verb::get, "http://games.example/");
//     Outcome o = runStages(r);            // or one stage: parseHttpTarget(r)
//     EXPECT_EQ(o.next, Next::kRespond);
//   }
//
// Devices: kKs1 (10.0.0.11), kKs2 (10.0.0.21) and kStaff (10.0.0.31) are
// registered to those groups; kStranger (10.0.0.99) is not, and the school's
// "Unknown device" group applies. KS2 scans pages, blocks searches at risk
// level 4 and above and blocks the circumvention category. The clock reads
// Tuesday 2026-03-03 10:00.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <array>
#include <deque>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "inspect/search/term_matcher.h"
#include "policy/policy_holder.h"
#include "policy/policy_test_fixture.h"
#include "proxy/content_lists.h"
#include "proxy/request_context.h"
#include "proxy/request_stages.h"

namespace esafety::proxy::testing {

inline constexpr std::array<uint8_t, 4> kKs1{10, 0, 0, 11};
inline constexpr std::array<uint8_t, 4> kKs2{10, 0, 0, 21};
inline constexpr std::array<uint8_t, 4> kStaff{10, 0, 0, 31};
inline constexpr std::array<uint8_t, 4> kStranger{10, 0, 0, 99};

class CapturedEvents final : public events::EventSink {
 public:
  bool push(const events::Event& event) noexcept override {
    events.push_back(event);
    return true;
  }
  std::vector<events::Event> events;
};

inline policy::PolicyData stageTestPolicy() {
  policy::PolicyData data = policy::testing::testPolicy();
  data.categories.push_back({"circumvention", "Getting round the filter", "", false, false});
  for (auto& group : data.groups) {
    if (group.name != "KS2") continue;
    group.inspect = true;
    group.block_search_level = 4;
    group.blocked_categories.insert("circumvention");
  }
  policy::Group unknown;
  unknown.name = "Unknown device";
  unknown.allow_list_only = true;
  data.groups.push_back(unknown);
  int64_t id = 1;
  for (auto [name, ip, group] : {std::tuple{"iPad 11", "10.0.0.11", "KS1"},
                                 std::tuple{"iPad 21", "10.0.0.21", "KS2"},
                                 std::tuple{"Laptop 31", "10.0.0.31", "Staff"}}) {
    policy::Device device;
    device.id = id++;
    device.name = name;
    device.ip = ip;
    device.group = group;
    data.devices.push_back(device);
  }
  return data;
}

class StageTest : public ::testing::Test {
 protected:
  StageTest()
      : counters_(std::make_shared<policy::StepCounters>()),
        holder_(policy::Snapshot::build(stageTestPolicy(), policy::testing::testIndex(), counters_,
                                        &clock_)
                    .value()),
        acl_(net::NetworkAcl::parse({"10.0.0.0/8"}).value()),
        shared_{config_, acl_, holder_, &events_, clock_, stats_, {}, {}} {
    shared_.terms = loadMonitoringMatcher().value();
    config_.console.public_url = "http://console.school.example";
  }

  // A request from `address`, as its head was read: `target` as the client
  // wrote it, and any headers.
  RequestContext& request(http::verb method, std::string_view target,
                          std::span<const uint8_t> address = kKs2,
                          std::vector<std::pair<http::field, std::string>> headers = {},
                          const InspectedOrigin* origin = nullptr) {
    Held& held = held_.emplace_back();
    held.head.method(method);
    held.head.target(target);
    held.head.version(11);
    for (auto& [name, value] : headers) held.head.set(name, value);
    held.record = std::make_unique<RequestRecord>(shared_, address);
    held.context = std::make_unique<RequestContext>(shared_, *held.record, scratch_, held.head,
                                                    address, origin);
    held.context->snapshot = holder_.current();
    return *held.context;
  }

  // Runs a stage that awaits (identify, runStages) to its end.
  Outcome run(asio::awaitable<Outcome> stage) {
    asio::io_context io;
    Outcome out;
    asio::co_spawn(io, std::move(stage), [&](std::exception_ptr e, Outcome o) {
      if (e) std::rethrow_exception(e);
      out = std::move(o);
    });
    io.run();
    return out;
  }

  // The body of a response the proxy made itself.
  static std::string body(const Outcome& o) { return o.response ? o.response->body() : ""; }

  const policy::Snapshot& snapshot() const { return *holder_.current(); }

  FakeClock clock_{policy::testing::at("2026-03-03 10:00")};
  std::shared_ptr<policy::StepCounters> counters_;
  policy::PolicyHolder holder_;
  ServeConfig config_;
  net::NetworkAcl acl_;
  CapturedEvents events_;
  ProxyStats stats_;
  ProxyShared shared_;
  policy::DecisionScratch scratch_;

 private:
  struct Held {
    RequestHead head;
    std::unique_ptr<RequestRecord> record;
    std::unique_ptr<RequestContext> context;
  };
  std::deque<Held> held_;
};

}  // namespace esafety::proxy::testing
