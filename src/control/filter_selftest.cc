#include "control/filter_selftest.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "control/mail_admin.h"
#include "control/selftest_plan.h"

namespace esafety::control {

Result<SelftestReport> FilterSelftest::run(std::string_view trigger, std::string_view actor,
                                           const Progress& progress) {
  auto data = store_.loadPolicy(school_);
  if (!data) return data.status();
  auto devices = store_.devices(school_);  // loadPolicy() leaves the registry to the snapshot loader
  if (!devices) return devices.status();
  data->devices = std::move(*devices);
  SelftestPlan plan = planSelftest(*data);
  if (plan.targets.empty()) {
    return failedPrecondition(fmt::format(
        "nothing to check: no group has a self-test device (a device in the room '{}' with an "
        "address this machine can send from, e.g. `esafety devices add \"Self-test KS1\" --ip "
        "127.0.0.19 --group KS1 --room {}`)",
        kSelftestRoom, kSelftestRoom));
  }
  if (!prober_.hasProxy() && !prober_.hasDns()) {
    return failedPrecondition("nothing to check: neither the proxy nor the DNS filter is on");
  }
  SelftestReport report;
  report.untested_groups = std::move(plan.untested_groups);
  store::SelftestRun& run = report.run;
  run.trigger = std::string(trigger);
  run.actor = std::string(actor);
  run.started_at = clock_.nowUnix();
  const size_t paths = (prober_.hasProxy() ? 1 : 0) + (prober_.hasDns() ? 1 : 0);
  const size_t total = plan.targets.size() * paths;
  auto record = [&](const SelftestTarget& t, std::string_view path, std::string target,
                    ProbeResult r) {
    const bool passed = selftestPasses(true, r.outcome);
    run.results.push_back({.group = t.group,
                           .category = t.category,
                           .path = std::string(path),
                           .target = std::move(target),
                           .expect_blocked = true,
                           .outcome = r.outcome,
                           .detail = std::move(r.detail),
                           .passed = passed});
    run.checks += 1;
    run.failures += passed ? 0 : 1;
    if (progress) progress(run.results.size(), total);
  };
  for (const SelftestTarget& t : plan.targets) {
    if (prober_.hasProxy()) record(t, "proxy", t.url, prober_.proxy(t));
    if (prober_.hasDns()) record(t, "dns", t.host, prober_.dns(t));
  }
  run.finished_at = clock_.nowUnix();
  auto recorded = store_.recordSelftestRun(school_, run, selftestAlerts(run.results));
  if (!recorded) return recorded.status();
  run.id = recorded->run_id;
  report.alert_ids = std::move(recorded->alert_ids);
  mailAlerts(report.alert_ids);
  return report;
}

void FilterSelftest::mailAlerts(const std::vector<int64_t>& alert_ids) {
  if (alert_ids.empty()) return;
  auto people = store_.people(school_);
  if (!people) {
    spdlog::warn("filter self-test: cannot read people for the alert mail: {}",
                 people.status().message());
    return;
  }
  std::vector<std::string> recipients;
  for (const identity::Person& p : *people) {
    if ((p.role == identity::Role::kDsl || p.role == identity::Role::kItAdmin) && !p.email.empty()) {
      recipients.push_back(p.email);
    }
  }
  if (recipients.empty()) return;  // the alert is on the console; nobody to mail
  MailAdmin mail(store_, school_, clock_);
  for (int64_t id : alert_ids) {
    auto queued = mail.queueAlertMail({.level = 4,
                                       .alert_id = id,
                                       .recipients = recipients,
                                       .dedupe_key = fmt::format("alert:{}:selftest", id)});
    if (!queued) {
      spdlog::warn("filter self-test: alert {}'s mail was not queued: {}", id,
                   queued.status().message());
    }
  }
}

}  // namespace esafety::control
