#include "serve/server.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <boost/asio.hpp>
#include <filesystem>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "alerts/alert_engine.h"
#include "control/alert_admin.h"
#include "control/alert_feed.h"
#include "control/alert_escalator.h"
#include "control/data_dir.h"
#include "control/data_lock.h"
#include "control/mail_sender.h"
#include "control/restriction_publisher.h"
#include "control/selftest_runner.h"
#include "control/smtp_transport.h"
#include "control/snapshot_loader.h"
#include "control/totp_keys.h"
#include "core/metrics.h"
#include "dns/dns_service.h"
#include "events/event_metrics.h"
#include "events/event_queue.h"
#include "event_log/event_writer.h"
#include "event_log/sqlite_event_store.h"
#include "identity/form_token.h"
#include "identity/identity_resolver.h"
#include "identity/sign_in.h"
#include "policy/policy_holder.h"
#include "proxy/proxy_service.h"
#include "serve/console_service.h"
#include "serve/server_metrics.h"
#include "serve/test_clock.h"

namespace esafety::serve {
namespace asio = boost::asio;

class Server::Impl {
 public:
  ServeOptions options;
  ServeConfig config;
  SystemClock clock;
  control::DataDir dir;
  // Held while serving, so `esafety restore` cannot replace the files under us.
  std::optional<control::DataDirLock> data_lock;
  std::unique_ptr<store::Store> store;
  net::NetworkAcl acl;
  std::shared_ptr<policy::StepCounters> counters = std::make_shared<policy::StepCounters>();
  std::unique_ptr<policy::PolicyHolder> holder;
  std::unique_ptr<identity::SignInDesk> sign_in;  // the captive portal and proxy authentication
  std::unique_ptr<identity::IdentityResolver> identity;  // who is asking: proxy, DNS, portal
  identity::FormTokens block_tokens;  // the block page's buttons (identity/block_button_token.h)
  MetricsRegistry metrics;
  std::optional<events::EventMetrics> event_metrics;
  std::unique_ptr<events::EventQueue> queue;
  std::unique_ptr<events::SqliteEventStore> event_store;
  std::unique_ptr<events::EventWriter> writer;
  // Sealed notes' key (opened at start: a missing key file stops the start
  // with its reason) and the rule engine, on its own thread over its own
  // read-only connection to events.db.
  std::unique_ptr<records::Sealer> sealer;
  std::unique_ptr<control::SqliteAlertFeed> alert_feed;
  // The engine tells it of each batch it stores; the console pushes the
  // changes to open alerts pages (serve/alert_streams.h).
  alerts::AlertNotifier alert_notifier;
  // The engine hands it each pass's events; the console pushes each room's
  // to open class views (serve/class_streams.h).
  alerts::ActivityNotifier activity_notifier;
  std::unique_ptr<alerts::AlertEngine> alert_engine;
  // Mails the rota about new alerts and escalates those not acknowledged in
  // time, on its own thread (control/alert_escalator.h); its clock is the
  // system's unless a test moves it (--test-clock, serve/test_clock.h).
  std::unique_ptr<TestClock> test_clock;
  std::unique_ptr<control::AlertEscalator> escalator;
  // The mail outbox's sender, on its own thread (control/mail_sender.h).
  control::CurlSmtpTransport mail_transport;
  std::unique_ptr<control::MailSender> mail_sender;
  // The filter self-test: daily at [selftest] daily_at, and the console's
  // "Run now" (control/selftest_runner.h); through this serve's own listeners.
  std::unique_ptr<control::SelftestRunner> selftest;
  // The teachers' pauses and allow-lists (issue 14, item 4): the proxy reads
  // the board on each request; the console's changes publish at once, the
  // CLI's are found by watchRestrictions' one-second poll.
  policy::RestrictionBoard restriction_board;
  std::unique_ptr<control::RestrictionPublisher> restriction_publisher;
  asio::io_context control{1};
  std::vector<std::unique_ptr<asio::io_context>> workers;
  std::vector<std::unique_ptr<net::Service>> services;
  proxy::ProxyService* proxy = nullptr;
  int64_t last_audit_id = 0;
  std::filesystem::file_time_type last_index_time{};
  bool stopping = false;

  Status init();
  Status reload(std::string_view why);
  Status reloadSignIn();
  // The records key (records/sealer.h): without it (missing, or another
  // installation's) esafety still serves and the records say they are locked.
  Status openSealedRecords();
  bool changedSinceLoad();
  void rememberVersion();
  void watch(asio::steady_timer& timer);
  void watchRestrictions(asio::steady_timer& timer);
  void shutdown();
  size_t inFlight() const;
  // After shutdown(): runs the control thread until the services have ended
  // what they accepted (false: the deadline passed first).
  bool waitForServices();

  // The proxy, DNS and console services over one context, and their metrics.
  void makeServices();
  // The background threads (event writer, alert engine, escalator, mail
  // sender), then every service; when one fails, stops what started.
  Status startServices();
  // The worker threads that run the services' connections.
  void startWorkers();
  // After the control loop ends: the services end what they accepted, then
  // the workers stop and the writer drains the queue.
  void stopInOrder();

  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> worker_guards;
  std::vector<std::thread> worker_threads;
};

Status Server::Impl::init() {
  // Every client connection is a file descriptor: allow as many as the
  // system lets this process have (10,000 idle keep-alives is a normal day).
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  if (!options.test_clock_path.empty()) ESAFETY_RETURN_IF_ERROR(allowTestClock());
  dir.root = options.data_dir;
  std::string config_path =
      options.config_path.empty() ? dir.root + "/esafety.toml" : options.config_path;
  auto loaded = loadServeConfig(config_path);
  if (!loaded) return loaded.status();
  config = *loaded;
  auto parsed_acl = net::NetworkAcl::parse(config.school_networks);
  if (!parsed_acl) return parsed_acl.status();
  acl = *parsed_acl;
  auto opened = control::openStore(dir, clock);
  if (!opened) return opened.status();
  auto locked = control::DataDirLock::shared(dir);
  if (!locked) return locked.status();
  data_lock.emplace(std::move(*locked));
  store = std::move(*opened);
  mail_sender = std::make_unique<control::MailSender>(*store, mail_transport, clock);
  mail_sender->setAbort([this] { mail_transport.abort(); });
  selftest = std::make_unique<control::SelftestRunner>(*store, policy::kDefaultSchool, clock,
                                                       control::listenersFrom(config),
                                                       config.selftest.dailyMinute());
  restriction_publisher = std::make_unique<control::RestrictionPublisher>(*store, policy::kDefaultSchool,
                                                                         clock, restriction_board);
  ESAFETY_RETURN_IF_ERROR(restriction_publisher->publish());
  rememberVersion();
  auto snapshot = control::loadSnapshot(*store, policy::kDefaultSchool, dir.indexPath(), counters);
  if (!snapshot) return snapshot.status();
  for (const auto& w : (*snapshot)->warnings()) spdlog::warn("policy: {}", w);
  holder = std::make_unique<policy::PolicyHolder>(*snapshot);
  sign_in = std::make_unique<identity::SignInDesk>(*store, *store, policy::kDefaultSchool, clock);
  ESAFETY_RETURN_IF_ERROR(sign_in->restore());
  ESAFETY_RETURN_IF_ERROR(reloadSignIn());
  identity = std::make_unique<identity::IdentityResolver>(sign_in.get(), clock,
                                                          config.console.public_url);

  event_metrics.emplace(metrics);
  queue = std::make_unique<events::EventQueue>(config.events.queue_capacity, *event_metrics);
  auto events_db = events::SqliteEventStore::open(events::eventsDatabasePath(dir.root), clock, {});
  if (!events_db) return events_db.status();
  event_store = std::move(*events_db);
  writer = std::make_unique<events::EventWriter>(*queue, *event_store, *event_metrics,
                                                 events::EventWriterOptions{});
  ESAFETY_RETURN_IF_ERROR(openSealedRecords());
  auto feed = control::SqliteAlertFeed::open(events::eventsDatabasePath(dir.root), clock);
  if (!feed) return feed.status();
  alert_feed = std::move(*feed);
  alert_engine = std::make_unique<alerts::AlertEngine>(
      *store, *store, *alert_feed,
      alerts::AlertEngineOptions{.school = policy::kDefaultSchool, .clock = &clock,
                                 .notifier = &alert_notifier,
                                 .activity = &activity_notifier,
                                 .monitoring_lists = config.inspect.monitoring_lists});

  if (!options.test_clock_path.empty()) {
    test_clock = std::make_unique<TestClock>(options.test_clock_path);
    spdlog::warn("TEST CLOCK: the alert escalator's time is moved by the seconds in {} (for tests only)",
                 options.test_clock_path);
  }
  escalator = std::make_unique<control::AlertEscalator>(
      *store, test_clock ? static_cast<const Clock&>(*test_clock) : clock,
      control::AlertEscalatorOptions{.school = policy::kDefaultSchool});

  unsigned n = config.workers != 0 ? config.workers : std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < n; ++i) workers.push_back(std::make_unique<asio::io_context>(1));
  return Status::ok();
}

Status Server::Impl::openSealedRecords() {
  auto opened_sealer = control::openRecordsSealer(dir, *store);
  if (!opened_sealer) {
    spdlog::warn("the safeguarding records are locked, and sealed notes and two-step sign-in "
                 "cannot be opened, until the key file is back: {}",
                 opened_sealer.status().message());
    return Status::ok();
  }
  sealer = std::move(*opened_sealer);
  // Two-step sign-in keys set up before they were sealed are sealed now.
  auto sealed = control::sealPlainTotpSecrets(*store, policy::kDefaultSchool, *sealer);
  if (!sealed) return sealed.status();
  if (*sealed > 0) spdlog::info("{} two-step sign-in key{} sealed with the records key", *sealed, *sealed == 1 ? "" : "s");
  return Status::ok();
}

// The inbox's rows (a block page's button pressed, a request marked done)
// change nothing the policy holds, so they are not looked at: a flood of
// button presses must not reload the policy for every one.
void Server::Impl::rememberVersion() {
  auto newest = store->newestPolicyAuditId(policy::kDefaultSchool);
  last_audit_id = newest ? *newest : 0;
  std::error_code ec;
  last_index_time = std::filesystem::last_write_time(dir.indexPath(), ec);
}

bool Server::Impl::changedSinceLoad() {
  auto newest = store->newestPolicyAuditId(policy::kDefaultSchool);
  int64_t id = newest ? *newest : 0;
  std::error_code ec;
  auto index_time = std::filesystem::last_write_time(dir.indexPath(), ec);
  return id != last_audit_id || index_time != last_index_time;
}

Status Server::Impl::reload(std::string_view why) {
  // Remember the version first: a change landing while the snapshot loads
  // then shows as newer at the next check, rather than being taken as loaded.
  rememberVersion();
  auto snapshot = control::loadSnapshot(*store, policy::kDefaultSchool, dir.indexPath(), counters);
  if (!snapshot) {
    spdlog::error("policy reload ({}) failed, keeping the policy in force: {}", why,
                  snapshot.status().message());
    return snapshot.status();
  }
  for (const auto& w : (*snapshot)->warnings()) spdlog::warn("policy: {}", w);
  holder->publish(*snapshot);
  (void)reloadSignIn();
  spdlog::info("policy reloaded ({})", why);
  return Status::ok();
}

Status Server::Impl::reloadSignIn() {
  std::vector<std::string> warnings;
  Status loaded = sign_in->reloadSettings(warnings);
  for (const auto& w : warnings) spdlog::warn("sign-in: {}", w);
  if (!loaded.isOk()) spdlog::error("sign-in settings not reloaded: {}", loaded.message());
  return loaded;
}

void Server::Impl::watch(asio::steady_timer& timer) {
  timer.expires_after(std::chrono::seconds(2));
  timer.async_wait([this, &timer](boost::system::error_code ec) {
    if (ec || stopping) return;
    // Ended sign-ins leave the table (and the store, audited) every tick.
    if (size_t ended = sign_in->expireBindings(); ended > 0) {
      spdlog::info("{} sign-in session{} ended", ended, ended == 1 ? "" : "s");
    }
    if (changedSinceLoad()) (void)reload("the school's settings changed");
    watch(timer);
  });
}

void Server::Impl::watchRestrictions(asio::steady_timer& timer) {
  timer.expires_after(std::chrono::seconds(1));
  timer.async_wait([this, &timer](boost::system::error_code ec) {
    if (ec || stopping) return;
    auto published = restriction_publisher->publishIfChanged();
    if (!published) spdlog::error("device restrictions not read: {}", published.status().message());
    watchRestrictions(timer);
  });
}

void Server::Impl::shutdown() {
  if (stopping) return;
  stopping = true;
  spdlog::info("shutting down: no new connections; requests in flight have {} seconds to finish",
               proxy::kShutdownGrace.count());
  for (auto& s : services) s->stop();
}

size_t Server::Impl::inFlight() const {
  size_t total = 0;
  for (const auto& s : services) total += s->inFlight();
  return total;
}

bool Server::Impl::waitForServices() {
  // The grace the proxy gives requests in flight, then time for the
  // cancelled ones to unwind and queue their events.
  auto deadline = std::chrono::steady_clock::now() + proxy::kShutdownGrace + std::chrono::seconds(5);
  while (inFlight() > 0 && std::chrono::steady_clock::now() < deadline) {
    // With its listeners closed the control thread may have nothing left to
    // wait on, and then run_for returns at once: sleep rather than spin.
    if (control.stopped()) control.restart();
    if (control.run_for(std::chrono::milliseconds(20)) == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  if (size_t left = inFlight(); left > 0) {
    spdlog::error("{} connection{} did not end in time; their events are lost", left, left == 1 ? "" : "s");
    return false;
  }
  return true;
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::create(const ServeOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  ESAFETY_RETURN_IF_ERROR(impl->init());
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

void Server::requestStop() {
  asio::post(impl_->control, [impl = impl_.get()] { impl->shutdown(); });
}

void Server::Impl::makeServices() {
  net::ServiceContext context;
  context.config = &config;
  context.school_networks = &acl;
  context.policy = holder.get();
  context.events = queue.get();
  context.metrics = &metrics;
  context.clock = &clock;
  context.control = &control;
  context.data_dir = dir.root;
  context.identity = identity.get();
  context.block_tokens = &block_tokens;
  context.restrictions = &restriction_board;
  for (auto& w : workers) context.workers.push_back(w.get());

  if (config.proxy.enabled) {
    auto service = proxy::makeProxyService(context);
    proxy = service.get();
    services.push_back(std::move(service));
  }
  dns::DnsService* dns = nullptr;
  if (config.dns.enabled) {
    auto service = std::make_unique<dns::DnsService>(context);
    dns = service.get();
    services.push_back(std::move(service));
  }
  services.push_back(makeConsoleService(context, store.get(),
                                        {.alerts = &alert_notifier,
                                         .activity = &activity_notifier,
                                         .selftest = selftest.get(),
                                         .restrictions = restriction_publisher.get()}));
  registerServerMetrics(metrics, *counters, proxy ? &proxy->stats() : nullptr, *holder);
  if (dns != nullptr) registerDnsMetrics(metrics, *dns);
}

Status Server::Impl::startServices() {
  writer->start();
  alert_engine->start();
  escalator->start();
  mail_sender->start();
  for (auto& s : services) {
    Status started = s->start();
    if (!started.isOk()) {
      for (auto& other : services) other->stop();
      alert_engine->stop();
      escalator->stop();
      writer->stop();
      mail_sender->stop();
      return started;
    }
  }
  return Status::ok();
}

void Server::Impl::startWorkers() {
  for (auto& w : workers) {
    worker_guards.push_back(asio::make_work_guard(*w));
    worker_threads.emplace_back([io = w.get()] { io->run(); });
  }
}

void Server::Impl::stopInOrder() {
  escalator->stop();    // a step not taken yet is taken at the next start
  mail_sender->stop();  // a mail in flight stays in the outbox
  selftest->stop();     // a run in flight finishes (its requests need the services)
  const bool ended = waitForServices();
  worker_guards.clear();
  for (auto& w : workers) w->stop();
  for (auto& t : worker_threads) t.join();
  // Password checks still queued end now, while the io_contexts their
  // answers go to still exist.
  sign_in->passwordPool().finish();
  control.stop();
  writer->stop();        // every queued event reaches the database
  alert_engine->stop();  // what it has not read yet, it reads at the next start
  if (!ended) {
    // Sessions still in the workers' queues would be destroyed with them,
    // after the services they refer to: leave them to the process's exit.
    for (auto& w : workers) (void)w.release();
  }
}

Status Server::run() {
  Impl& m = *impl_;
  m.makeServices();
  ESAFETY_RETURN_IF_ERROR(m.startServices());
  m.startWorkers();
  asio::signal_set signals(m.control, SIGINT, SIGTERM, SIGHUP);
  std::function<void(boost::system::error_code, int)> on_signal =
      [&](boost::system::error_code ec, int signal) {
        if (ec) return;
        if (signal == SIGHUP) {
          (void)m.reload("SIGHUP");
          if (m.proxy != nullptr) (void)m.proxy->reloadContentLists();
          signals.async_wait(on_signal);
          return;
        }
        m.shutdown();
      };
  signals.async_wait(on_signal);
  asio::steady_timer watcher(m.control);
  m.watch(watcher);
  asio::steady_timer restriction_watcher(m.control);
  m.watchRestrictions(restriction_watcher);
  m.selftest->startDailyTimer();  // the listeners are open now
  spdlog::info("esafety is serving (data {}; {} worker threads)", m.dir.root, m.workers.size());

  // The control thread runs until shutdown begins; then the services end
  // what they accepted (the proxy cancels its sessions after a grace period),
  // each request's event reaching the queue as it ends, and only then do the
  // workers stop and the writer drain the queue.
  while (!m.stopping) m.control.run_one();
  signals.cancel();
  watcher.cancel();
  restriction_watcher.cancel();
  m.stopInOrder();
  spdlog::info("esafety stopped");
  return Status::ok();
}

}  // namespace esafety::serve
