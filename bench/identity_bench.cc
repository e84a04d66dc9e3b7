// Who is asking, per DNS query (issue 18): Snapshot::identify (what the DNS
// filter called before) against identity::IdentityResolver::resolve (what it
// calls now), for a registered device with nobody signed in anywhere, for
// the same with other addresses signed in (the bindings' shared lock is then
// taken), and for an address signed in at the portal (the person named,
// their group looked up, their sanctions checked).
//
// Run: build/release/bench/esafety_identity_bench
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "control/people_admin.h"
#include "identity/identity_resolver.h"
#include "identity/sign_in.h"
#include "policy/snapshot.h"
#include "store/sqlite/sqlite_store.h"

namespace esafety::bench {
namespace {

constexpr uint8_t kDevice[4] = {127, 0, 0, 21};    // the demo's KS2 device, as in bench/dns.sh
constexpr uint8_t kSignedIn[4] = {127, 0, 0, 13};  // a shared iPad signed in as Year 3

struct School {
  School() {
    char folder[] = "/tmp/esafety-identity-bench-XXXXXX";
    dir = mkdtemp(folder);
    clock.setUnix(1772530200);
    store = std::move(*store::openSqliteStore(dir + "/esafety.db", clock));
    school = *store->createSchool("Bench Primary", "100001", "bench");
    for (const char* g : {"KS1", "KS2", "Staff", "Visitor"}) (void)store->saveGroup(school, {.name = g}, "b", "b");
    control::PeopleAdmin admin(*store, school, clock);
    (void)admin.ensureYearGroupLogins("bench");
    (void)admin.setPassword("year3", "tiger-lemon-42", "bench");
    desk = std::make_unique<identity::SignInDesk>(*store, *store, school, clock);
    std::vector<std::string> warnings;
    (void)desk->reloadSettings(warnings);
    resolver = std::make_unique<identity::IdentityResolver>(desk.get(), clock, "http://127.0.0.1:8080");

    policy::PolicyData data;
    for (const char* name : {"KS1", "KS2", "Staff", "Visitor", "Unknown device"}) {
      policy::Group g;
      g.name = name;
      data.groups.push_back(g);
    }
    data.devices.push_back({.id = 1, .name = "Year 5 iPad 01", .ip = "127.0.0.21", .group = "KS2"});
    data.devices.push_back({.id = 2, .name = "Year 1 iPad 03", .ip = "127.0.0.13", .group = "KS1"});
    snapshot = *policy::Snapshot::build(std::move(data), nullptr, nullptr, &clock);
  }
  ~School() { std::filesystem::remove_all(dir); }

  void signIn(std::span<const uint8_t> address) {
    auto out = desk->signIn({.login = "year3", .password = "tiger-lemon-42",
                             .client_ip = identity::addressText(address), .registered_device = true});
    if (!out.binding) std::abort();
  }

  std::string dir;
  FakeClock clock{LocalTime{}};
  std::unique_ptr<store::Store> store;
  policy::SchoolId school = 0;
  std::unique_ptr<identity::SignInDesk> desk;
  std::unique_ptr<identity::IdentityResolver> resolver;
  std::shared_ptr<const policy::Snapshot> snapshot;
};

School& school() {
  static School s;
  return s;
}

void BM_SnapshotIdentify(benchmark::State& state) {
  School& s = school();
  size_t named = 0;
  for (auto _ : state) {
    named += s.snapshot->identify(kDevice, s.clock.nowUnix()).device != nullptr;
  }
  benchmark::DoNotOptimize(named);
}
BENCHMARK(BM_SnapshotIdentify);

void resolve(benchmark::State& state, std::span<const uint8_t> address) {
  School& s = school();
  identity::ResolvedClient who;
  size_t named = 0;
  for (auto _ : state) {
    s.resolver->resolve({.address = address, .kind = identity::RequestKind::kAddressOnly,
                         .host = "site.example"},
                        *s.snapshot, who);
    named += who.identity.group != nullptr;
  }
  benchmark::DoNotOptimize(named);
}

// Nobody signed in: the bindings are not even locked.
void BM_ResolveDeviceNoBindings(benchmark::State& state) { resolve(state, kDevice); }
BENCHMARK(BM_ResolveDeviceNoBindings);

// Someone else signed in: a shared lock and a hash miss.
void BM_ResolveDeviceWithBindings(benchmark::State& state) {
  school().signIn(kSignedIn);
  resolve(state, kDevice);
}
BENCHMARK(BM_ResolveDeviceWithBindings);

// This address signed in: the person, their group by name, their sanctions.
void BM_ResolveSignedIn(benchmark::State& state) {
  school().signIn(kSignedIn);
  resolve(state, kSignedIn);
}
BENCHMARK(BM_ResolveSignedIn);

}  // namespace
}  // namespace esafety::bench

BENCHMARK_MAIN();
