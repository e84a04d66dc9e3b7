#include "control/alert_escalator.h"

#include <spdlog/spdlog.h>

#include <optional>

#include <fmt/format.h>

#include "control/alert_rota.h"
#include "control/escalation_plan.h"
#include "control/mail_admin.h"
#include "control/rota_addresses.h"

namespace esafety::control {
namespace {

using alerts::EscalationStep;

// The steps that take `alert` from `next` up to the first rung with an
// address (mailed), queueing its mail; or to the end of the rota.
Result<std::vector<EscalationStep>> climb(const Rota& rota, const alerts::WaitingAlert& alert,
                                          NextRung next, const RotaAddresses& book,
                                          MailAdmin& mail, int64_t now, NotifyPass& pass) {
  std::vector<EscalationStep> steps;
  const auto& rungs = rota.rungs(next.kind);
  const std::string kind(rotaKindName(next.kind));
  for (int r = next.rung; r < static_cast<int>(rungs.size()); ++r) {
    EscalationStep step{.alert_id = alert.alert_id,
                        .rung = r,
                        .rota = kind,
                        .target = rungs[static_cast<size_t>(r)].text(),
                        .addresses = book.addresses(rungs[static_cast<size_t>(r)]),
                        .at = now};
    if (step.addresses.empty()) {
      step.outcome = EscalationStep::Outcome::kNoAddress;
      steps.push_back(std::move(step));
      ++pass.no_address;
      continue;
    }
    auto id = mail.queueAlertMail({.level = alert.level,
                                   .alert_id = alert.alert_id,
                                   .recipients = step.addresses,
                                   .dedupe_key = fmt::format("alert:{}:rung:{}", alert.alert_id, r)});
    if (!id) return id.status();
    step.outcome = EscalationStep::Outcome::kMailed;
    step.mail_id = *id;
    steps.push_back(std::move(step));
    ++pass.mailed;
    return steps;
  }
  if (next.rung == 0) {
    spdlog::error("alert {} (level {}) reached NOBODY: no rung of the {} rota has anyone with an "
                  "email address; set the rota or the staff's addresses on the console",
                  alert.alert_id, alert.level, kind);
    steps.push_back({.alert_id = alert.alert_id,
                     .rung = static_cast<int>(rungs.size()),
                     .rota = kind,
                     .target = "nobody",
                     .outcome = EscalationStep::Outcome::kNobody,
                     .at = now});
    ++pass.nobody;
  } else {
    spdlog::warn("alert {} (level {}): nobody above rung {} of the {} rota has an email address; "
                 "its escalation ends there",
                 alert.alert_id, alert.level, next.rung, kind);
  }
  return steps;
}

}  // namespace

AlertEscalator::AlertEscalator(store::Store& store, const Clock& clock, AlertEscalatorOptions options)
    : store_(store),
      clock_(clock),
      options_(options),
      worker_("alert mail and escalation", options.interval, [this] { return workerPass(); }) {}

Result<NotifyPass> AlertEscalator::runOnce() {
  std::vector<std::string> warnings;
  auto rota = loadRota(store_, options_.school, warnings);
  if (!rota) return rota.status();
  auto waiting = store_.alertsWaiting(options_.school, rota->mail_level, options_.batch);
  if (!waiting) return waiting.status();
  if (static_cast<int>(waiting->size()) >= options_.batch) {
    spdlog::warn("{} or more open alerts nobody has acknowledged: only the newest {} are mailed "
                 "and escalated; triage the old ones",
                 options_.batch, options_.batch);
  }
  NotifyPass pass;
  const int64_t now = clock_.nowUnix();
  const LocalTime local = clock_.localNow();
  std::optional<RotaAddresses> book;
  MailAdmin mail(store_, options_.school, clock_);
  for (const alerts::WaitingAlert& alert : *waiting) {
    auto next = nextRung(*rota, alert, now, local);
    if (!next) continue;
    if (!book) {
      auto loaded = RotaAddresses::load(store_, options_.school, now);
      if (!loaded) return loaded.status();
      book = std::move(*loaded);
    }
    auto steps = climb(*rota, alert, *next, *book, mail, now, pass);
    if (!steps) return steps.status();
    ESAFETY_RETURN_IF_ERROR(store_.recordEscalationSteps(options_.school, *steps));
  }
  return pass;
}

Result<bool> AlertEscalator::workerPass() {
  auto pass = runOnce();
  if (!pass) return pass.status();
  if (pass->mailed > 0) spdlog::info("{} alert mail(s) queued for the rota", pass->mailed);
  return false;
}

}  // namespace esafety::control
