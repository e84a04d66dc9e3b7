#include <gtest/gtest.h>

#include "dns/dns_test_util.h"
#include "classify/doh_resolvers.h"
#include "dns/query_policy.h"
#include "dns/responses.h"
#include "policy/policy_test_fixture.h"
#include "policy/safe_search.h"

namespace esafety::dns {
namespace {

using namespace esafety::dns::testing;

class QueryPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto data = policy::testing::testPolicy();
    policy::Device ipad;
    ipad.id = 7;
    ipad.name = "iPad 7";
    ipad.ip = "10.0.0.7";
    ipad.group = "KS1";
    data.devices.push_back(ipad);
    auto snap = policy::Snapshot::build(data, policy::testing::testIndex(),
                                        std::make_shared<policy::StepCounters>());
    ASSERT_TRUE(snap.isOk()) << snap.status().toString();
    snapshot_ = *snap;
  }
  QueryVerdict decide(std::string_view name, std::string_view group, uint16_t qtype = type::kA) {
    Bytes packet = query(name, qtype);
    Query q;
    EXPECT_EQ(parseQuery(packet, q), QueryOutcome::kOk);
    return decideQuery(q, *snapshot_, *snapshot_->group(group), LocalTime{}, scratch_);
  }
  std::shared_ptr<const policy::Snapshot> snapshot_;
  policy::DecisionScratch scratch_;
};

TEST_F(QueryPolicyTest, ClientAddressToDeviceToGroup) {
  const uint8_t ipad[4] = {10, 0, 0, 7};
  auto id = snapshot_->identify(ipad);
  ASSERT_NE(id.device, nullptr);
  EXPECT_EQ(id.group->config.name, "KS1");
}

TEST_F(QueryPolicyTest, BlocksByCategoryThroughTheSharedSnapshot) {
  QueryVerdict v = decide("www.casino.example", "KS2");
  EXPECT_EQ(v.action, QueryAction::kBlock);
  EXPECT_EQ(v.step, policy::StepId::kCategory);
  EXPECT_EQ(v.category, "gambling");
  EXPECT_EQ(decide("casino.example", "Staff").action, QueryAction::kBlock);
  EXPECT_EQ(decide("games.example", "Staff").action, QueryAction::kForward);
  // Illegal content: blocked for every group, step 1.
  EXPECT_EQ(decide("iwf-test.example", "Staff").step, policy::StepId::kIllegal);
}

TEST_F(QueryPolicyTest, SafeSearchRewritesEveryGoogleCountry) {
  for (std::string_view domain : policy::googleSearchDomains()) {
    std::string host = "www." + std::string(domain);
    QueryVerdict v = decide(host, "KS2");
    ASSERT_EQ(v.action, QueryAction::kRewrite) << host;
    EXPECT_EQ(v.rewrite_host, "forcesafesearch.google.com");
  }
  EXPECT_EQ(decide("www.youtube.com", "KS2").rewrite_host, "restrict.youtube.com");
  EXPECT_EQ(decide("www.bing.com", "KS2").rewrite_host, "strict.bing.com");
  EXPECT_EQ(decide("www.google.co.uk", "Staff").action, QueryAction::kForward);
}

TEST_F(QueryPolicyTest, CanaryForEveryoneDohResolversForSafeSearchGroups) {
  for (std::string_view group : {"KS1", "KS2", "Staff"}) {
    QueryVerdict v = decide(classify::kFirefoxCanary, group);
    EXPECT_EQ(v.action, QueryAction::kNxDomain) << group;
    EXPECT_EQ(v.category, "doh-canary");
  }
  for (std::string_view host : {"dns.google", "mozilla.cloudflare-dns.com", "dns.quad9.net",
                                "doh.opendns.com", "cloudflare-dns.com"}) {
    EXPECT_EQ(decide(host, "KS2").action, QueryAction::kBlock) << host;
    EXPECT_EQ(decide(host, "KS2").category, "doh-resolver");
    EXPECT_EQ(decide(host, "Staff").action, QueryAction::kForward) << host;
  }
  EXPECT_FALSE(classify::isDohResolver("notdns.google.example"));
  EXPECT_FALSE(classify::isDohResolver("xdns.google"));
}

TEST_F(QueryPolicyTest, RefusesTransfersOtherClassesAndAmbiguousNames) {
  EXPECT_EQ(decide("a.example", "Staff", type::kAxfr).action, QueryAction::kRefuse);
  EXPECT_EQ(decide("a.example", "Staff", type::kIxfr).action, QueryAction::kRefuse);
  Bytes chaos = query("version.bind", type::kTxt);
  chaos[chaos.size() - 1] = 3;
  Query q;
  ASSERT_EQ(parseQuery(chaos, q), QueryOutcome::kOk);
  EXPECT_EQ(fixedVerdict(q)->action, QueryAction::kRefuse);
}

TEST(BlockAnswerTest, FromConfig) {
  ServeConfig config;
  EXPECT_EQ(BlockAnswer::fromConfig(config)->mode, BlockAnswer::Mode::kNxDomain);
  config.dns.block_answer = "zero";
  auto zero = BlockAnswer::fromConfig(config);
  EXPECT_TRUE(zero->has_v4 && zero->has_v6);
  config.dns.block_answer = "blockpage";
  config.console.listen = {"10.1.2.3", 8080};
  auto page = BlockAnswer::fromConfig(config);
  ASSERT_TRUE(page.isOk());
  EXPECT_EQ(page->v4, (std::array<uint8_t, 4>{10, 1, 2, 3}));
  EXPECT_FALSE(page->has_v6);
  // Listening everywhere: the public URL's host.
  config.console.listen = {"0.0.0.0", 8080};
  config.console.public_url = "http://10.9.8.7:8080/";
  EXPECT_EQ(BlockAnswer::fromConfig(config)->v4, (std::array<uint8_t, 4>{10, 9, 8, 7}));
  config.console.public_url = "http://filter.school.example:8080/";
  EXPECT_FALSE(BlockAnswer::fromConfig(config).isOk());
}

TEST(ResponsesTest, BlockAnswersAndTruncation) {
  Bytes packet = query("adult.example", type::kA, 5, true);
  Query q;
  ASSERT_EQ(parseQuery(packet, q), QueryOutcome::kOk);
  std::array<uint8_t, 1232> buf;
  BlockAnswer zero;
  zero.mode = BlockAnswer::Mode::kZero;
  zero.has_v4 = zero.has_v6 = true;
  auto r = writeBlock(q, zero, buf, q.udpLimit());
  Header h = readHeader(r);
  EXPECT_EQ(h.id, 5);
  EXPECT_EQ(h.rcode(), 0);
  EXPECT_EQ(h.ancount, 1);
  EXPECT_EQ(h.arcount, 1);  // our OPT
  EXPECT_EQ(load32(&r[r.size() - 11 - 4]), 0u);  // 0.0.0.0 just before the OPT
  auto nx = writeBlock(q, BlockAnswer{}, buf, q.udpLimit());
  EXPECT_EQ(readHeader(nx).rcode(), 3);
  EXPECT_EQ(readHeader(nx).qdcount, 1);
  // A limit too small for the answer: TC with the question only.
  auto tc = writeBlock(q, zero, buf, 12 + 19 + 11 + 5);
  EXPECT_TRUE(readHeader(tc).truncated());
  EXPECT_EQ(readHeader(tc).ancount, 0);
  // FORMERR for junk keeps the id.
  const uint8_t junk[5] = {0xAB, 0xCD, 0, 0, 0};
  auto fe = writeHeaderOnly(junk, Rcode::kFormErr, false, buf);
  EXPECT_EQ(readHeader(fe).id, 0xABCD);
  EXPECT_EQ(readHeader(fe).rcode(), 1);
}

}  // namespace
}  // namespace esafety::dns
