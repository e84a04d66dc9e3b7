// esafety ca init [--force] | export --format pem|der|mobileconfig --out FILE
//            | show | inspect GROUP on|off --reason WHY
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "app/cli_common.h"
#include "control/policy_admin.h"
#include "tls/certificate_authority.h"
#include "tls/mobileconfig.h"
#include "tls/no_inspect.h"
#include "tls/secret_file.h"

namespace esafety::app {
namespace {

struct CaOptions {
  bool force = false;
  std::string format = "pem";
  std::string out;
  std::string group;
  std::string state;
  std::string reason;
  std::string by;
};

std::string schoolName(const GlobalOptions& global, Clock& clock) {
  control::DataDir dir{global.data};
  auto store = control::openStore(dir, clock);
  if (!store) return "School";
  auto school = (*store)->school(policy::kDefaultSchool);
  if (!school || !*school || (*school)->name.empty()) return "School";
  return (*school)->name;
}

void printCa(const tls::CertificateAuthority& ca, const tls::TlsPaths& paths) {
  std::time_t until = static_cast<std::time_t>(ca.notAfter());
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&until));
  std::printf("  name:        %s\n  certificate: %s\n  private key: %s (mode 0600)\n"
              "  valid until: %s\n  SHA-256:     %s\n",
              ca.commonName().c_str(), paths.caCert().c_str(), paths.caKey().c_str(), date,
              ca.fingerprint().c_str());
}

int runInit(const GlobalOptions& global, const CaOptions& o) {
  SystemClock clock;
  tls::TlsPaths paths(global.data);
  auto ca = tls::CertificateAuthority::create(paths, schoolName(global, clock), clock, o.force);
  if (!ca) return fail(ca.status());
  std::error_code ec;
  if (!std::filesystem::exists(paths.noInspectList(), ec)) {
    std::ofstream(paths.noInspectList()) << tls::NoInspectList::defaultText();
  }
  std::printf("Created the school's certificate authority\n");
  printCa(*ca, paths);
  std::printf("  never inspected: %s (edit to add banking, health or other sites)\n",
              paths.noInspectList().c_str());
  std::printf("Next: install it on the school's devices (the console's /ca page says how),\n"
              "then turn inspection on for a group: esafety ca inspect KS2 on --reason \"...\"\n");
  return kExitOk;
}

int runExport(const GlobalOptions& global, const CaOptions& o) {
  tls::TlsPaths paths(global.data);
  auto ca = tls::CertificateAuthority::load(paths);
  if (!ca) return fail(ca.status());
  std::string bytes;
  if (o.format == "pem") bytes = ca->pem();
  else if (o.format == "der") bytes = ca->der();
  else if (o.format == "mobileconfig") bytes = tls::renderMobileconfig(ca->der(), ca->commonName());
  else return fail(invalidArgument(fmt::format("--format: '{}' is not pem, der or mobileconfig", o.format)));
  if (o.out == "-") {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return kExitOk;
  }
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return fail(ioError(fmt::format("--out: cannot write {}", o.out)));
  std::fprintf(stderr, "Wrote the CA certificate (%s) to %s\n", o.format.c_str(), o.out.c_str());
  return kExitOk;
}

int runShow(const GlobalOptions& global) {
  tls::TlsPaths paths(global.data);
  auto ca = tls::CertificateAuthority::load(paths);
  if (!ca) return fail(ca.status());
  std::printf("The school's certificate authority\n");
  printCa(*ca, paths);
  SystemClock clock;
  control::DataDir dir{global.data};
  auto store = control::openStore(dir, clock);
  if (!store) return fail(store.status());
  auto groups = (*store)->groups(policy::kDefaultSchool);
  if (!groups) return fail(groups.status());
  std::printf("TLS inspection by group:\n");
  for (const auto& g : *groups) std::printf("  %-16s %s\n", g.name.c_str(), g.inspect_tls ? "on" : "off");
  return kExitOk;
}

int runInspect(const GlobalOptions& global, const CaOptions& o) {
  if (o.state != "on" && o.state != "off") {
    return fail(invalidArgument(fmt::format("'{}' should be on or off", o.state)));
  }
  // The proxy cannot inspect without the school's CA: say so before the
  // change, not at the first HTTPS request.
  if (o.state == "on") {
    auto ca = tls::CertificateAuthority::load(tls::TlsPaths(global.data));
    if (!ca) return fail(ca.status());
  }
  return withStore(global, [&](store::Store& store, const control::DataDir& dir, Clock&) {
    control::PolicyAdmin admin(store, policy::kDefaultSchool, dir.indexPath());
    Status saved = admin.setTlsInspection(o.group, o.state == "on",
                                          o.by.empty() ? defaultActor() : o.by, o.reason);
    if (!saved.isOk()) return fail(saved);
    std::printf("TLS inspection is %s for %s (a running esafety serve picks it up within seconds)\n",
                o.state.c_str(), o.group.c_str());
    return kExitOk;
  });
}

}  // namespace

void addCaCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* ca = app.add_subcommand("ca", "The school's certificate authority, for TLS inspection");
  ca->require_subcommand(1);
  auto o = std::make_shared<CaOptions>();

  auto* init = ca->add_subcommand("init", "Create the CA (its key is kept mode 0600 in the data folder)");
  init->add_flag("--force", o->force, "Replace an existing CA (every device must then trust the new one)");
  init->callback([&global, o, &run] { run = [&global, o] { return runInit(global, *o); }; });

  auto* exp = ca->add_subcommand("export", "Write the CA certificate for devices to install");
  exp->add_option("--format", o->format, "pem, der or mobileconfig (iPad, iPhone, Mac)")
      ->capture_default_str();
  exp->add_option("--out", o->out, "File to write, or - for standard output")->required();
  exp->callback([&global, o, &run] { run = [&global, o] { return runExport(global, *o); }; });

  auto* show = ca->add_subcommand("show", "The CA's name, fingerprint and expiry, and which groups inspect");
  show->callback([&global, &run] { run = [&global] { return runShow(global); }; });

  auto* inspect = ca->add_subcommand("inspect", "Turn TLS inspection on or off for a group");
  inspect->add_option("group", o->group)->required();
  inspect->add_option("state", o->state, "on or off")->required();
  inspect->add_option("--reason", o->reason, "Why (recorded in the audit trail)")->required();
  inspect->add_option("--by", o->by, "Who is making the change (default: your login name)");
  inspect->callback([&global, o, &run] { run = [&global, o] { return runInspect(global, *o); }; });
}

}  // namespace esafety::app
