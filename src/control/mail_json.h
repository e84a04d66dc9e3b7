// The JSON of the mail outbox and the mail settings, written once for the
// console's API (routes_mail.cc) and `esafety mail ... --json`; the shapes
// are docs/api/openapi.yaml's OutboxMail and MailSettings. The body of a
// mail is not in it (it is what the mail says; the console shows who it went
// to and whether it went). Times are Unix milliseconds, 0 for "not yet".
//
// Pure functions; any thread.
#pragma once

#include <nlohmann/json.hpp>

#include "control/mail_admin.h"
#include "store/mail_store.h"

namespace esafety::control {

// "queued" (never tried), "failing" (tried, waiting to try again), "sending", "sent"
std::string_view outboxStatus(const store::OutboxMail& mail);
// {"id", "kind", "recipients", "subject", "status", "attempts", "last_error",
//  "created_ms", "next_try_ms" (0 once sent), "sent_ms" (0 until sent)}
nlohmann::json outboxMailJson(const store::OutboxMail& mail);
// {"smtp_host", "smtp_port", "security", "username", "password_set", "from",
//  "school_name", "public_url", "ca_file", "ready", "not_ready_because", "warnings"}
nlohmann::json mailSettingsJson(const MailSettingsView& view);

}  // namespace esafety::control
