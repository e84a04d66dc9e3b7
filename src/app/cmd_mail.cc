// esafety mail set|show|test|outbox|retry
//
// Mail to the DSL through the school's SMTP relay (control/mail_admin.h, the
// same service as the console's Mail page). `esafety serve` sends the outbox;
// these commands set it up and look at it.
//   esafety mail set mail.smtp_host smtp.school.example --by it.technician
//   esafety mail set mail.password -          reads the password from stdin
//   esafety mail show                         the settings (never the password)
//   esafety mail test dsl@school.example      queues a test mail and waits for the result
//   esafety mail outbox [--json]              waiting, failing (with the error), sent lately
//   esafety mail retry                        tries every waiting mail now
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <thread>

#include "app/cli_common.h"
#include "control/mail_admin.h"
#include "control/mail_json.h"

namespace esafety::app {
namespace {

struct MailOptions {
  std::string key, value, by, address;
  int wait_seconds = 60;
  bool json = false;
};

Status unavailableStatus(std::string message) {
  return {StatusCode::kUnavailable, std::move(message)};
}

std::string actorOf(const MailOptions& o) {
  return o.by.empty() ? defaultActor() : o.by;
}

std::string localTime(int64_t unix_seconds) {
  if (unix_seconds == 0) return "-";
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm local{};
  localtime_r(&t, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
  return text;
}

int set(const GlobalOptions& global, MailOptions o) {
  if (o.value == "-") {
    std::getline(std::cin, o.value);  // a password kept out of the shell's history
  }
  return withStore(global, [&](store::Store& store, const control::DataDir&, Clock& clock) {
    control::MailAdmin mail(store, policy::kDefaultSchool, clock);
    Status saved = mail.changeSettings({{o.key, o.value}}, actorOf(o));
    if (!saved.isOk()) return fail(saved);
    const bool secret = o.key == "mail.password";
    std::printf("%s = %s\n", o.key.c_str(), secret ? "(set; not shown)" : o.value.c_str());
    return kExitOk;
  });
}

int show(const GlobalOptions& global) {
  return withStore(global, [&](store::Store& store, const control::DataDir&, Clock& clock) {
    auto view = control::MailAdmin(store, policy::kDefaultSchool, clock).settings();
    if (!view) return fail(view.status());
    const control::MailSettings& s = view->settings;
    std::printf("mail.smtp_host    %s\n", s.smtp_host.empty() ? "(not set)" : s.smtp_host.c_str());
    std::printf("mail.smtp_port    %d\n", s.port());
    std::printf("mail.security     %s\n", std::string(control::smtpSecurityName(s.security)).c_str());
    std::printf("mail.username     %s\n", s.username.empty() ? "(none)" : s.username.c_str());
    std::printf("mail.password     %s\n", view->password_set ? "(set; not shown)" : "(none)");
    std::printf("mail.from         %s\n", s.from.empty() ? "(not set)" : s.from.c_str());
    std::printf("mail.school_name  %s\n", s.school_name.c_str());
    std::printf("mail.public_url   %s\n", s.public_url.empty() ? "(not set)" : s.public_url.c_str());
    std::printf("mail.ca_file      %s\n", s.ca_file.empty() ? "(the system's)" : s.ca_file.c_str());
    for (const auto& w : view->warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    if (Status ready = s.readyToSend(); !ready.isOk()) std::printf("%s\n", ready.message().c_str());
    return kExitOk;
  });
}

// Waits for the first try of mail `id`: sent, failed, or nobody tried.
int awaitFirstTry(control::MailAdmin& mail, int64_t id, const MailOptions& o) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(o.wait_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    auto row = mail.mail(id);
    if (!row) return fail(row.status());
    if (!*row) return fail(notFound(fmt::format("mail {} has left the outbox", id)));
    const store::OutboxMail& m = **row;
    if (m.state == store::MailState::kSent) {
      std::printf("Sent: the relay accepted the test mail to %s (mail %lld).\n", o.address.c_str(),
                  static_cast<long long>(id));
      return kExitOk;
    }
    if (m.state == store::MailState::kQueued && m.attempts > 0) {
      return fail(unavailableStatus(fmt::format(
          "the test mail to {} was not sent: {}. It stays in the outbox and is tried again at {} "
          "(see `esafety mail outbox`).",
          o.address, m.last_error, localTime(m.next_attempt_at))));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return fail(unavailableStatus(fmt::format(
      "nobody tried to send the test mail in {} s: is `esafety serve` running for {}? "
      "It stays in the outbox (mail {}) and goes when it is.",
      o.wait_seconds, "this data folder", id)));
}

int test(const GlobalOptions& global, const MailOptions& o) {
  return withStore(global, [&](store::Store& store, const control::DataDir&, Clock& clock) {
    control::MailAdmin mail(store, policy::kDefaultSchool, clock);
    auto id = mail.queueTestMail(o.address, actorOf(o));
    if (!id) return fail(id.status());
    std::fprintf(stderr, "Queued test mail %lld to %s; waiting for esafety serve to send it...\n",
                 static_cast<long long>(*id), o.address.c_str());
    return awaitFirstTry(mail, *id, o);
  });
}

void printOutboxTable(const std::vector<store::OutboxMail>& mails) {
  if (mails.empty()) {
    std::printf("The outbox is empty: nothing waiting, nothing sent in the last 7 days.\n");
    return;
  }
  std::printf("%-6s %-8s %-6s %-19s %-19s %-30s %s\n", "MAIL", "STATUS", "KIND", "QUEUED",
              "SENT / NEXT TRY", "TO", "LAST ERROR");
  for (const auto& m : mails) {
    std::string to;
    for (const auto& r : m.recipients) to += fmt::format("{}{}", to.empty() ? "" : ",", r);
    const bool sent = m.state == store::MailState::kSent;
    std::printf("%-6lld %-8s %-6s %-19s %-19s %-30s %s\n", static_cast<long long>(m.id),
                std::string(control::outboxStatus(m)).c_str(), m.kind.c_str(),
                localTime(m.created_at).c_str(),
                localTime(sent ? m.sent_at.value_or(0) : m.next_attempt_at).c_str(), to.c_str(),
                m.last_error.c_str());
  }
}

int outbox(const GlobalOptions& global, const MailOptions& o) {
  return withStore(global, [&](store::Store& store, const control::DataDir&, Clock& clock) {
    auto mails = control::MailAdmin(store, policy::kDefaultSchool, clock).outbox();
    if (!mails) return fail(mails.status());
    if (o.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& m : *mails) out.push_back(control::outboxMailJson(m));
      std::printf("%s\n", nlohmann::json{{"mail", out}}.dump(2).c_str());
    } else {
      printOutboxTable(*mails);
    }
    return kExitOk;
  });
}

int retry(const GlobalOptions& global, const MailOptions& o) {
  return withStore(global, [&](store::Store& store, const control::DataDir&, Clock& clock) {
    auto due = control::MailAdmin(store, policy::kDefaultSchool, clock).retryNow(actorOf(o));
    if (!due) return fail(due.status());
    std::printf("%d waiting mail%s will be tried within a few seconds.\n", *due, *due == 1 ? "" : "s");
    return kExitOk;
  });
}

}  // namespace

void addMailCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* cmd = app.add_subcommand("mail", "Mail to staff through the school's SMTP relay: settings, test, outbox");
  cmd->require_subcommand(1);
  auto o = std::make_shared<MailOptions>();
  auto* set_cmd = cmd->add_subcommand("set", "Change a mail setting (esafety mail show lists them)");
  set_cmd->add_option("key", o->key, "e.g. mail.smtp_host, mail.from, mail.password")->required();
  set_cmd->add_option("value", o->value, "the value; - reads it from stdin (for the password)")->required();
  set_cmd->add_option("--by", o->by, "Who is making the change (default: your login name)");
  set_cmd->callback([&global, o, &run] { run = [&global, o] { return set(global, *o); }; });
  cmd->add_subcommand("show", "The mail settings (never the password)")->callback([&global, &run] {
    run = [&global] { return show(global); };
  });
  auto* test_cmd = cmd->add_subcommand("test", "Send a test mail through the outbox and wait for the result");
  test_cmd->add_option("address", o->address, "who gets it, e.g. dsl@school.example")->required();
  test_cmd->add_option("--wait", o->wait_seconds, "Seconds to wait for esafety serve to try it")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  test_cmd->add_option("--by", o->by, "Who is asking (default: your login name)");
  test_cmd->callback([&global, o, &run] { run = [&global, o] { return test(global, *o); }; });
  auto* outbox_cmd = cmd->add_subcommand("outbox", "Mail waiting, failing (with the error) and sent in the last 7 days");
  outbox_cmd->add_flag("--json", o->json, "JSON instead of a table");
  outbox_cmd->callback([&global, o, &run] { run = [&global, o] { return outbox(global, *o); }; });
  auto* retry_cmd = cmd->add_subcommand("retry", "Try every waiting mail now, not at its next try");
  retry_cmd->add_option("--by", o->by, "Who is asking (default: your login name)");
  retry_cmd->callback([&global, o, &run] { run = [&global, o] { return retry(global, *o); }; });
}

}  // namespace esafety::app
