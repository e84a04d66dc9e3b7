#include "control/alert_rota.h"

#include <fmt/format.h>

#include "control/mail_settings.h"
#include "control/rota_addresses.h"

namespace esafety::control {
namespace {

void warnAboutNobody(const Rota& rota, RotaKind kind, const RotaAddresses& book,
                     std::vector<std::string>& warnings) {
  const auto& rungs = rota.rungs(kind);
  size_t reachable = 0;
  for (size_t i = 0; i < rungs.size(); ++i) {
    if (!book.addresses(rungs[i]).empty()) {
      ++reachable;
      continue;
    }
    warnings.push_back(fmt::format("{} rung {} ({}): nobody there has an email address; "
                                   "alerts skip to the next rung",
                                   rotaKindName(kind), i + 1, rungs[i].text()));
  }
  if (reachable == 0) {
    warnings.push_back(fmt::format("{}: nobody on this rota has an email address, so an alert "
                                   "reaches nobody by mail",
                                   rotaKindName(kind)));
  }
}

}  // namespace

Result<Rota> loadRota(alerts::EscalationStore& store, policy::SchoolId school,
                      std::vector<std::string>& warnings) {
  auto stored = store.alertRota(school);
  if (!stored) return stored.status();
  if (!stored->has_value()) return Rota{};
  auto parsed = parseRota((*stored)->text);
  if (!parsed) {
    warnings.push_back(fmt::format("the stored rota version {} does not read ({}); the defaults apply",
                                   (*stored)->version, parsed.status().message()));
    return Rota{};
  }
  return std::move(*parsed);
}

Result<RotaView> AlertRotaAdmin::view() {
  RotaView view;
  auto rota = loadRota(store_, school_, view.warnings);
  if (!rota) return rota.status();
  view.rota = std::move(*rota);
  auto stored = store_.alertRota(school_);
  if (!stored) return stored.status();
  if (stored->has_value()) {
    view.version = (*stored)->version;
    view.set_at = (*stored)->set_at;
    view.set_by = (*stored)->set_by;
    view.reason = (*stored)->reason;
  } else {
    view.set_by = "esafety";
    view.reason = "the defaults (the policy's order)";
  }
  auto book = RotaAddresses::load(store_, school_, clock_.nowUnix());
  if (!book) return book.status();
  warnAboutNobody(view.rota, RotaKind::kInHours, *book, view.warnings);
  warnAboutNobody(view.rota, RotaKind::kOutOfHours, *book, view.warnings);
  std::vector<std::string> mail_warnings;
  auto mail = loadMailSettings(store_, school_, mail_warnings);
  if (!mail) return mail.status();
  if (Status ready = mail->readyToSend(); !ready.isOk()) {
    view.warnings.push_back(fmt::format(
        "mail is not set up ({}): alert mails wait in the outbox until it is", ready.message()));
  }
  return view;
}

Result<int64_t> AlertRotaAdmin::change(const std::vector<SettingChange>& changes,
                                       std::string_view actor, std::string_view reason) {
  if (changes.empty()) return invalidArgument("Nothing to change: no rota field was given.");
  std::vector<std::string> warnings;
  auto rota = loadRota(store_, school_, warnings);
  if (!rota) return rota.status();
  for (const SettingChange& c : changes) ESAFETY_RETURN_IF_ERROR(applyRotaField(*rota, c.key, c.value));
  return store_.setAlertRota(school_, formatRota(*rota), actor, reason);
}

}  // namespace esafety::control
