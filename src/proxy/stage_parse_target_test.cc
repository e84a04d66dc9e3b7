// parse-target: what the client asked for, or a refusal that says why.
#include "proxy/stage_test_support.h"

namespace esafety::proxy {
namespace {

using testing::kKs2;

class ParseTargetTest : public testing::StageTest {};

TEST_F(ParseTargetTest, AnAbsoluteHttpUrlIsNormalisedOntoTheEvent) {
  RequestContext& r = request(http::verb::get, "http://Games.Example:80/Play?x=1#top");
  Outcome o = parseHttpTarget(r);
  EXPECT_EQ(o.next, Next::kContinue);
  ASSERT_TRUE(r.url);
  EXPECT_EQ(r.url->host, "games.example");
  EXPECT_EQ(r.record.event().url.view(), "games.example/Play?x=1");
  EXPECT_FALSE(r.search_term);
}

TEST_F(ParseTargetTest, ASearchPutsItsWordsOnTheEvent) {
  RequestContext& r = request(http::verb::get, "http://www.bing.com/search?q=volcano+facts");
  ASSERT_EQ(parseHttpTarget(r).next, Next::kContinue);
  ASSERT_TRUE(r.search_term);
  EXPECT_EQ(r.search_term->term, "volcano facts");
  EXPECT_EQ(r.record.event().search_terms.view(), "volcano facts");
}

TEST_F(ParseTargetTest, RefusalsSayWhatIsWrongAndBlockTheEvent) {
  const std::pair<const char*, const char*> kCases[] = {
      {"https://bank.example/", "HTTPS addresses go through the proxy with CONNECT"},
      {"/index.html", "this is the school"},
      {"http://user:secret@games.example/", "a user name or password"},
      {"http://exa mple.com/", "the host name holds a space"},
  };
  for (const auto& [target, words] : kCases) {
    RequestContext& r = request(http::verb::get, target);
    Outcome o = parseHttpTarget(r);
    ASSERT_EQ(o.next, Next::kRespond) << target;
    EXPECT_EQ(o.response->result(), http::status::bad_request) << target;
    EXPECT_EQ(o.tally, Tally::kBadRequest);
    EXPECT_FALSE(o.keep_alive);
    EXPECT_NE(body(o).find(words), std::string::npos) << target << ": " << body(o);
    EXPECT_EQ(r.record.event().verdict, policy::Verdict::kBlock);
  }
}

TEST_F(ParseTargetTest, InsideAnInspectedConnectAPathIsForTheConnectsSite) {
  InspectedOrigin origin{"games.example", 443, false};
  RequestContext& r = request(http::verb::get, "/play", kKs2, {}, &origin);
  ASSERT_EQ(parseHttpTarget(r).next, Next::kContinue);
  EXPECT_EQ(r.target, "https://games.example:443/play");
  EXPECT_EQ(r.record.event().url.view(), "https://games.example/play");
}

TEST_F(ParseTargetTest, InsideAnInspectedConnectAnotherSiteIsRefused) {
  InspectedOrigin origin{"games.example", 443, false};
  RequestContext& r = request(http::verb::get, "https://casino.example/", kKs2, {}, &origin);
  Outcome o = parseHttpTarget(r);
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_NE(body(o).find("must be for the same site"), std::string::npos);
  RequestContext& plain = request(http::verb::get, "http://games.example/", kKs2, {}, &origin);
  EXPECT_EQ(parseHttpTarget(plain).next, Next::kRespond);
}

TEST_F(ParseTargetTest, ConnectNeedsHostAndPortOnly) {
  RequestContext& ok = request(http::verb::connect, "games.example:443");
  EXPECT_EQ(parseConnectTarget(ok).next, Next::kContinue);
  EXPECT_EQ(ok.url->port, 443);
  for (const char* target : {"games.example", "games.example:443/path", "a:b@games.example:443"}) {
    RequestContext& r = request(http::verb::connect, target);
    Outcome o = parseConnectTarget(r);
    ASSERT_EQ(o.next, Next::kRespond) << target;
    EXPECT_EQ(o.response->result(), http::status::bad_request);
    EXPECT_EQ(body(o), fmt::format("esafety: CONNECT needs host:port, not '{}'\n", target));
  }
}

}  // namespace
}  // namespace esafety::proxy
