// guard-upstream: where a request goes must be somewhere the proxy may fetch
// from (upstream_guard.h), with a page that says so, a tagged event and a count.
#include "proxy/stage_test_support.h"

namespace esafety::proxy {
namespace {

using testing::kKs2;
using testing::kStaff;

class GuardUpstreamTest : public testing::StageTest {
 protected:
  Outcome finish(RequestContext& r) {
    Outcome o = run(runStages(r));
    r.record.finish(o.response ? o.response->result_int() : 0, 0, 0);
    return o;
  }
  uint64_t refused(pages::UpstreamRefusal kind) const {
    return stats_.upstream_refused[static_cast<size_t>(kind)].load();
  }
};

TEST_F(GuardUpstreamTest, APrivateAddressIsRefusedWithAPageInChildrensWords) {
  RequestContext& r = request(http::verb::get, "http://10.0.0.5/admin", kKs2);
  Outcome o = finish(r);
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.response->result_int(), 403);
  EXPECT_NE(body(o).find("inside the school's own computers"), std::string::npos);
  EXPECT_EQ(o.tally, Tally::kBlocked);
  ASSERT_EQ(events_.events.size(), 1u);
  const events::Event& e = events_.events.back();
  EXPECT_EQ(e.verdict, policy::Verdict::kBlock);
  EXPECT_EQ(e.category.view(), "internal-address");
  EXPECT_EQ(e.tags.view(), "upstream-refused;private");
  EXPECT_EQ(refused(pages::UpstreamRefusal::kInternalAddress), 1u);
}

TEST_F(GuardUpstreamTest, EveryInternalRangeIsRefusedForStaffToo) {
  for (std::string_view target : {"http://127.0.0.1:8080/metrics", "http://169.254.169.254/latest/meta-data/",
                                  "http://192.168.1.1/", "http://172.16.0.1/", "http://100.64.0.1/",
                                  "http://0.0.0.0/", "http://[::1]/", "http://[fe80::1]/", "http://[fd00::1]/",
                                  "http://[::ffff:127.0.0.1]/", "http://[::]/"}) {
    RequestContext& r = request(http::verb::get, target, kStaff);
    Outcome o = run(runStages(r));
    ASSERT_EQ(o.next, Next::kRespond) << target;
    EXPECT_EQ(o.response->result_int(), 403) << target;
    EXPECT_NE(body(o).find("does not open addresses inside the school's network"), std::string::npos)
        << target << body(o);
  }
  EXPECT_EQ(refused(pages::UpstreamRefusal::kInternalAddress), 11u);
}

TEST_F(GuardUpstreamTest, TheAllowListLetsTheSchoolsIntranetThrough) {
  shared_.guard = UpstreamGuard::make({"10.0.0.0/24", "intranet.example"}, {}).value();
  EXPECT_EQ(run(runStages(request(http::verb::get, "http://10.0.0.5/", kStaff))).next, Next::kForward);
  EXPECT_EQ(run(runStages(request(http::verb::get, "http://10.0.1.5/", kStaff))).next, Next::kRespond);
}

TEST_F(GuardUpstreamTest, PlainHttpOnlyGoesToTheConfiguredPorts) {
  EXPECT_EQ(run(runStages(request(http::verb::get, "http://bitesize.example:8080/", kKs2))).next, Next::kForward);
  RequestContext& r = request(http::verb::get, "http://bitesize.example:22/", kStaff);
  Outcome o = finish(r);
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.response->result_int(), 403);
  EXPECT_NE(body(o).find("port 22 is not one of the ports"), std::string::npos);
  EXPECT_EQ(events_.events.back().category.view(), "http-port");
  EXPECT_EQ(refused(pages::UpstreamRefusal::kPort), 1u);
  config_.proxy.http_ports = {80, 22};
  EXPECT_EQ(run(runStages(request(http::verb::get, "http://bitesize.example:22/", kStaff))).next, Next::kForward);
}

TEST_F(GuardUpstreamTest, InsideAnInspectedTunnelOnlyTheConnectsPortIsReached) {
  InspectedOrigin origin{"bitesize.example", 443, false};
  EXPECT_EQ(run(runStages(request(http::verb::get, "/page", kKs2, {}, &origin))).next, Next::kForward);
  EXPECT_EQ(run(runStages(request(http::verb::get, "https://bitesize.example/x", kKs2, {}, &origin))).next,
            Next::kForward);
  RequestContext& r = request(http::verb::get, "https://bitesize.example:8443/x", kKs2, {}, &origin);
  Outcome o = finish(r);
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.response->result_int(), 403);
  EXPECT_EQ(events_.events.back().category.view(), "tunnel-port");
  EXPECT_EQ(refused(pages::UpstreamRefusal::kTunnelPort), 1u);
}

TEST_F(GuardUpstreamTest, ATunnelToAnInternalAddressIsRefused) {
  RequestContext& r = request(http::verb::connect, "169.254.169.254:443", kStaff);
  Outcome o = run(runStages(r));
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.response->result_int(), 403);
  EXPECT_NE(body(o).find("169.254.169.254 is a link-local address"), std::string::npos) << body(o);
  EXPECT_EQ(run(runStages(request(http::verb::connect, "bitesize.example:443", kStaff))).next, Next::kTunnel);
}

TEST_F(GuardUpstreamTest, ARefusalAtConnectTimeIsTheSameRefusal) {
  RequestContext& r = request(http::verb::get, "http://intranet.example/", kStaff);
  ASSERT_EQ(run(runStages(r)).next, Next::kForward);  // a name: checked where it is resolved
  Outcome o = refuseUpstream(r, AddressRefusal{AddressKind::kOwn, "192.0.2.7"});
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_NE(body(o).find("192.0.2.7 is this filter server&#39;s own address"), std::string::npos) << body(o);
  EXPECT_EQ(r.record.event().tags.view(), "upstream-refused;own-address");
}

}  // namespace
}  // namespace esafety::proxy
