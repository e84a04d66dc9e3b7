// The console API tests' fixture: a store in a temporary folder, a test
// clock, every route on a router, and helpers to make sessions and requests.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "console/api_router.h"
#include "console/routes.h"
#include "identity/password.h"
#include "store/sqlite/test_store.h"

namespace esafety::console {

class ConsoleApiTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clock_.setUnix(kStartTime);
    ctx_ = std::make_unique<ApiContext>(*store_, clock_, dir_.file("events.db"));
    ctx_->school = school_;
    ctx_->data_dir = dir_.path();  // the records key file (TOTP secrets, notes)
    router_ = std::make_unique<ApiRouter>(ctx_->sessions);
    addAllRoutes(*router_, *ctx_);
  }

  const ConsoleSession& sessionFor(identity::Role role) {
    ConsoleSession s;
    s.person = 99;
    s.name = "Someone";
    s.email = "someone@school.example";
    s.role = role;
    s.idle_s = 1800;
    s.expires_at = kStartTime + 3600;
    return ctx_->sessions.create(s);
  }

  ApiRequest request(std::string method, std::string path, const ConsoleSession* s = nullptr) {
    ApiRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.client_ip = "127.0.0.1";
    if (s != nullptr) {
      r.cookie = "other=1; esafety_session=" + s->id;
      r.csrf_token = s->csrf;
    }
    return r;
  }

  // `method path` with a JSON body, as the session (with its CSRF token).
  ApiResponse call(std::string method, std::string path, const ConsoleSession& s,
                   const nlohmann::json& body = nullptr) {
    ApiRequest r = request(std::move(method), std::move(path), &s);
    if (!body.is_null()) {
      r.content_type = "application/json";
      r.body = body.dump();
    }
    return router_->handle(r);
  }

  ApiResponse signIn(std::string_view email, std::string_view password) {
    ApiRequest r = request("POST", "/api/v1/session");
    r.content_type = "application/json";
    r.body = nlohmann::json{{"email", email}, {"password", password}}.dump();
    return router_->handle(r);
  }

  int64_t addStaff(std::string_view email, identity::Role role, std::string_view password) {
    identity::Person p;
    p.kind = identity::PersonKind::kStaff;
    p.name = "Ms Staff";
    p.role = role;
    p.login = std::string(email);
    p.email = std::string(email);
    p.password_hash = identity::hashPassword(password).value();
    auto id = store_->addPerson(school_, p, "test");
    EXPECT_TRUE(id) << id.status().toString();
    return id ? *id : 0;
  }

  std::unique_ptr<ApiContext> ctx_;
  std::unique_ptr<ApiRouter> router_;
};

}  // namespace esafety::console
