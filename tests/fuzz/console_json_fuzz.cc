// Fuzzes the console's JSON bodies (src/console): the first byte picks one of
// the API's routes that take a body, the rest is sent as its JSON body by a
// signed-in person whose role has the route's permission, with the CSRF
// token, against a real store in a temporary folder. Any bytes give an
// answer, never a crash: a status from 200 to 599 and a JSON answer that
// parses. The body helpers (console/json_body.h) get the bytes too.
//
// Skipped: sign-in (argon2id, ~0.1 s a try) and the list routes, whose
// compile runs on its own thread and writes to the data folder.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "console/api_context.h"
#include "console/api_router.h"
#include "console/json_body.h"
#include "console/routes.h"
#include "identity/role.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using namespace esafety;

struct Console {
  Console() {
    dir = std::filesystem::temp_directory_path() / ("console_json_fuzz." + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    clock.setUnix(1772530200);
    auto opened = store::openSqliteStore((dir / "esafety.db").string(), clock);
    if (!opened) std::abort();
    store = std::move(*opened);
    auto school = store->createSchool("Fuzz Primary", "100001", "setup");
    if (!school) std::abort();
    ctx = std::make_unique<console::ApiContext>(*store, clock, (dir / "events.db").string());
    ctx->school = *school;
    router = std::make_unique<console::ApiRouter>(ctx->sessions);
    console::addAllRoutes(*router, *ctx);
    for (const console::ApiRoute& route : router->routes()) {
      if (route.method == "GET" || route.method == "HEAD") continue;
      if (route.path == "/api/v1/session" || route.path.starts_with("/api/v1/lists")) continue;
      routes.push_back(&route);
    }
    if (routes.empty()) std::abort();
  }
  ~Console() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  const console::ConsoleSession* sessionFor(const console::ApiRoute& route) {
    for (identity::Role role : identity::kAllRoles) {
      if (route.permission && !identity::allowed(role, *route.permission)) continue;
      console::ConsoleSession s;
      s.person = 1;
      s.name = "Fuzz";
      s.email = "fuzz@school.example";
      s.role = role;
      s.idle_s = 1800;
      s.expires_at = 1772530200 + 3600 * 24 * 365;
      return &ctx->sessions.create(s);
    }
    return nullptr;
  }

  std::filesystem::path dir;
  FakeClock clock{LocalTime{}};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<console::ApiContext> ctx;
  std::unique_ptr<console::ApiRouter> router;
  std::vector<const console::ApiRoute*> routes;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Console console;
  if (size == 0) return 0;
  const console::ApiRoute& route = *console.routes[data[0] % console.routes.size()];
  console::ApiRequest request;
  request.method = route.method;
  request.path = route.path;
  request.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  request.content_type = "application/json";
  request.client_ip = "127.0.0.1";
  const console::ConsoleSession* session = console.sessionFor(route);
  if (session == nullptr) return 0;  // no role has it (none today)
  request.cookie = "esafety_session=" + session->id;
  request.csrf_token = session->csrf;

  // The helpers on their own.
  if (auto body = console::jsonBody(request)) {
    for (const char* key : {"name", "id", "data", "email", "enabled"}) {
      (void)console::stringField(*body, key);
      (void)console::intField(*body, key);
      (void)console::boolField(*body, key);
    }
    (void)console::decodeBase64(console::stringField(*body, "data"));
  }
  (void)console::decodeBase64(request.body);

  console::ApiResponse response = console.router->handle(request);
  if (response.status < 200 || response.status > 599) std::abort();
  if (response.content_type.starts_with("application/json") && !response.body.empty() &&
      nlohmann::json::accept(response.body) == false) {
    std::abort();
  }
  console.ctx->sessions.end(session->id);
  return 0;
}
