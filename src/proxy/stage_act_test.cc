// act: the block page, or the request made ready for the site; for CONNECT,
// refuse, tunnel or inspect.
#include "proxy/stage_test_support.h"

namespace esafety::proxy {
namespace {

using testing::kKs2;
using testing::kStaff;

class ActTest : public testing::StageTest {};

TEST_F(ActTest, ABlockedDecisionGetsTheChildFriendlyBlockPage) {
  RequestContext& r = request(http::verb::get, "http://games.example/play", kKs2);
  Outcome o = run(runStages(r));
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.response->result(), http::status::forbidden);
  EXPECT_EQ(o.tally, Tally::kBlocked);
  EXPECT_TRUE(o.keep_alive);
  EXPECT_NE(body(o).find(std::to_string(r.record.reference())), std::string::npos);
  EXPECT_NE(body(o).find("games.example"), std::string::npos);
}

TEST_F(ActTest, ABlockPageClosesAConnectionWhoseBodyWasNotRead) {
  RequestContext& r = request(http::verb::post, "http://games.example/score", kKs2,
                              {{http::field::content_length, "12"}});
  Outcome o = run(runStages(r));
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_FALSE(o.keep_alive);
}

TEST_F(ActTest, AnAllowedRequestIsRewrittenForTheSite) {
  RequestContext& r = request(http::verb::get, "http://bitesize.example:8080/maths?x=1", kKs2,
                              {{http::field::host, "bitesize.example:8080"},
                               {http::field::proxy_connection, "keep-alive"},
                               {http::field::connection, "close, x-secret"},
                               {http::field::expect, "100-continue"},
                               {http::field::te, "trailers"}});
  r.request.set("X-Secret", "1");
  Outcome o = run(runStages(r));
  ASSERT_EQ(o.next, Next::kForward);
  EXPECT_EQ(r.forward.host, "bitesize.example");
  EXPECT_EQ(r.forward.port, 8080);
  EXPECT_EQ(r.forward.pool_key, "bitesize.example:8080");
  EXPECT_TRUE(r.forward.expect_continue);
  EXPECT_FALSE(r.forward.websocket);
  const RequestHead& head = r.request;
  EXPECT_EQ(head.target(), "/maths?x=1");
  EXPECT_EQ(head[http::field::host], "bitesize.example:8080");
  EXPECT_EQ(head.version(), 11u);
  EXPECT_TRUE(head.keep_alive());  // towards the site, whatever the client said
  EXPECT_FALSE(r.client_keep_alive);
  for (auto field : {http::field::proxy_connection, http::field::expect, http::field::te}) {
    EXPECT_EQ(head.find(field), head.end()) << field;
  }
  EXPECT_EQ(head.find("X-Secret"), head.end());  // named by Connection: hop-by-hop
}

TEST_F(ActTest, AWebSocketUpgradeKeepsItsUpgradeHeaders) {
  RequestContext& r = request(http::verb::get, "http://bitesize.example/ws", kKs2,
                              {{http::field::connection, "Upgrade"}, {http::field::upgrade, "websocket"}});
  ASSERT_EQ(run(runStages(r)).next, Next::kForward);
  EXPECT_TRUE(r.forward.websocket);
  EXPECT_EQ(r.request[http::field::upgrade], "websocket");
}

TEST_F(ActTest, ABlockedConnectIsRefusedInWordsWithoutInspection) {
  RequestContext& r = request(http::verb::connect, "casino.example:443", kStaff);
  Outcome o = run(runStages(r));
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.response->result(), http::status::forbidden);
  EXPECT_EQ(body(o), fmt::format("esafety blocked casino.example: Staff blocks gambling. (reference {})\n",
                                 r.record.reference()));
}

TEST_F(ActTest, AnAllowedConnectIsTunnelled) {
  RequestContext& r = request(http::verb::connect, "bitesize.example:443", kKs2);
  ASSERT_EQ(run(runStages(r)).next, Next::kTunnel);
  EXPECT_EQ(r.forward.host, "bitesize.example");
  EXPECT_EQ(r.forward.port, 443);
}

TEST_F(ActTest, ASafeSearchEngineIsTunnelledToItsSafeHost) {
  RequestContext& r = request(http::verb::connect, "www.google.co.uk:443", kKs2);
  ASSERT_EQ(run(runStages(r)).next, Next::kTunnel);
  EXPECT_EQ(r.forward.host, "forcesafesearch.google.com");
}

TEST_F(ActTest, ATlsNameBlockedBehindAnAllowedConnectClosesTheTunnel) {
  RequestContext& r = request(http::verb::connect, "bitesize.example:443", kKs2);
  ASSERT_EQ(run(runStages(r)).next, Next::kTunnel);
  EXPECT_EQ(checkTlsName(r, std::string("bitesize.example"), 10, 20).next, Next::kContinue);
  EXPECT_EQ(checkTlsName(r, std::nullopt, 10, 20).next, Next::kContinue);
  Outcome o = checkTlsName(r, std::string("Casino.Example"), 10, 20);
  ASSERT_EQ(o.next, Next::kDone);
  EXPECT_EQ(o.tally, Tally::kBlocked);
  EXPECT_EQ(o.status, 200);
  EXPECT_EQ(o.bytes_in, 10u);
  EXPECT_EQ(r.record.event().url.view(), "bitesize.example:443 (TLS name casino.example)");
  EXPECT_EQ(r.record.event().category.view(), "gambling");
}

}  // namespace
}  // namespace esafety::proxy
