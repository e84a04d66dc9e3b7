#include "console/api_router.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "console/api_test_fixture.h"
#include "console/routes.h"
#include "identity/password.h"
#include "store/sqlite/test_store.h"

namespace esafety::console {
namespace {

using identity::Permission;
using identity::Role;
using nlohmann::json;

// The RBAC matrix test: every role against every route. A role without the
// route's permission gets 403; a role with it never gets 401 or 403.
TEST_F(ConsoleApiTest, EveryRoleAgainstEveryRoute) {
  int checked = 0;
  for (const ApiRoute& route : router_->routes()) {
    if (!route.permission) continue;
    for (Role role : identity::kAllRoles) {
      const ConsoleSession& s = sessionFor(role);
      ApiResponse r = router_->handle(request(route.method, route.path, &s));
      if (identity::allowed(role, *route.permission)) {
        EXPECT_NE(r.status, 401) << route.path << " as " << identity::roleName(role);
        EXPECT_NE(r.status, 403) << route.path << " as " << identity::roleName(role) << ": " << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << route.path << " as " << identity::roleName(role);
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 4 * 9);
}

// docs/api/openapi.yaml describes every route, with the permission it needs.
TEST_F(ConsoleApiTest, EveryRouteIsDocumented) {
  std::ifstream in(std::string(ESAFETY_SOURCE_DIR) + "/docs/api/openapi.yaml");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  ASSERT_FALSE(doc.empty());
  for (const ApiRoute& route : router_->routes()) {
    std::string path = route.path.substr(std::string("/api/v1").size());
    size_t at = doc.find("\n  " + path + ":\n");
    ASSERT_NE(at, std::string::npos) << route.path << " is not in openapi.yaml";
    size_t end = doc.find("\n  /", at + 1);
    std::string section = doc.substr(at, end == std::string::npos ? std::string::npos : end - at);
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(c - 'A' + 'a');
    size_t op = section.find("\n    " + method + ":");
    ASSERT_NE(op, std::string::npos) << route.method << " " << route.path << " is not in openapi.yaml";
    if (route.permission) {
      size_t next = section.find("\n    ", op + 1);
      while (next != std::string::npos && section.compare(next + 5, 1, " ") == 0) next = section.find("\n    ", next + 1);
      std::string operation = section.substr(op, next == std::string::npos ? std::string::npos : next - op);
      EXPECT_NE(operation.find("x-permission: " + std::string(identity::permissionName(*route.permission))),
                std::string::npos)
          << route.method << " " << route.path;
    }
  }
}

TEST_F(ConsoleApiTest, WithoutASessionEveryProtectedRouteSaysSignIn) {
  for (const ApiRoute& route : router_->routes()) {
    if (!route.permission) continue;
    ApiResponse r = router_->handle(request(route.method, route.path));
    EXPECT_EQ(r.status, 401) << route.path;
    EXPECT_NE(r.body.find("sign in"), std::string::npos) << r.body;
  }
}

// CSRF: a state-changing request needs the session's own token.
TEST_F(ConsoleApiTest, StateChangesNeedTheSessionsCsrfToken) {
  int ran = 0;
  router_->add("POST", "/api/v1/test-change", Permission::kManageSettings,
               [&ran](const ApiRequest&, const ConsoleSession*) {
                 ++ran;
                 return jsonResponse(200, {{"ok", true}});
               });
  const ConsoleSession& admin = sessionFor(Role::kItAdmin);
  const ConsoleSession& other = sessionFor(Role::kItAdmin);
  ApiRequest r = request("POST", "/api/v1/test-change", &admin);
  r.csrf_token.clear();
  EXPECT_EQ(router_->handle(r).status, 403) << "no token";
  r.csrf_token = other.csrf;
  EXPECT_EQ(router_->handle(r).status, 403) << "another session's token";
  r.csrf_token = admin.csrf;
  r.csrf_token.back() = r.csrf_token.back() == '0' ? '1' : '0';
  EXPECT_EQ(router_->handle(r).status, 403) << "one character wrong";
  EXPECT_EQ(ran, 0);
  r.csrf_token = admin.csrf;
  EXPECT_EQ(router_->handle(r).status, 200);
  EXPECT_EQ(ran, 1);
}

// The listener asks admit() from the head alone, before reading a body: the
// list upload without a session, a role or the CSRF token is refused there.
TEST_F(ConsoleApiTest, AdmitRefusesFromTheHeadWithoutTheBody) {
  ApiRequest head = request("POST", "/api/v1/lists");
  ApiAdmission anonymous = router_->admit(head);
  ASSERT_TRUE(anonymous.refusal);
  EXPECT_EQ(anonymous.refusal->status, 401);
  EXPECT_EQ(anonymous.route, nullptr);
  const ConsoleSession& teacher = sessionFor(Role::kTeacher);
  ApiAdmission teacher_admission = router_->admit(request("POST", "/api/v1/lists", &teacher));
  ASSERT_TRUE(teacher_admission.refusal);
  EXPECT_EQ(teacher_admission.refusal->status, 403);
  const ConsoleSession& admin = sessionFor(Role::kItAdmin);
  ApiRequest no_csrf = request("POST", "/api/v1/lists", &admin);
  no_csrf.csrf_token.clear();
  ASSERT_TRUE(router_->admit(no_csrf).refusal);
  ApiAdmission admitted = router_->admit(request("POST", "/api/v1/lists", &admin));
  EXPECT_FALSE(admitted.refusal);
  ASSERT_NE(admitted.route, nullptr);
  EXPECT_TRUE(admitted.route->permission.has_value());
  ApiAdmission sign_in = router_->admit(request("POST", "/api/v1/session"));
  EXPECT_FALSE(sign_in.refusal);
  EXPECT_FALSE(sign_in.route->permission.has_value());
  EXPECT_EQ(router_->admit(request("POST", "/api/v1/nothing")).refusal->status, 404);
}

TEST_F(ConsoleApiTest, BodiesMustBeJsonAndUnknownPathsAndMethodsAreNamed) {
  ApiRequest form = request("POST", "/api/v1/session");
  form.content_type = "application/x-www-form-urlencoded";
  form.body = "email=a&password=b";
  EXPECT_EQ(router_->handle(form).status, 415);
  EXPECT_EQ(router_->handle(request("GET", "/api/v1/nothing")).status, 404);
  EXPECT_EQ(router_->handle(request("PUT", "/api/v1/events")).status, 405);
}

TEST_F(ConsoleApiTest, SignInSessionAndSignOut) {
  addStaff("teacher@school.example", Role::kTeacher, "correct horse battery");
  ApiResponse bad = signIn("teacher@school.example", "wrong password!");
  EXPECT_EQ(bad.status, 401);
  EXPECT_TRUE(bad.headers.empty()) << "no cookie for a wrong password";

  ApiResponse ok = signIn("Teacher@School.Example", "correct horse battery");
  ASSERT_EQ(ok.status, 200) << ok.body;
  ASSERT_EQ(ok.headers.size(), 1u);
  const std::string& cookie = ok.headers[0].second;
  EXPECT_EQ(ok.headers[0].first, "Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  json body = json::parse(ok.body);
  EXPECT_EQ(body["user"]["role"], "teacher");
  EXPECT_EQ(body["csrf"].get<std::string>().size(), 64u);
  auto perms = body["user"]["permissions"];
  EXPECT_NE(std::find(perms.begin(), perms.end(), "search_activity"), perms.end());

  ApiRequest me = request("GET", "/api/v1/session");
  me.cookie = cookie.substr(0, cookie.find(';'));
  ASSERT_EQ(router_->handle(me).status, 200);

  ApiRequest out = request("DELETE", "/api/v1/session");
  out.cookie = me.cookie;
  EXPECT_EQ(router_->handle(out).status, 403) << "signing out needs the CSRF token too";
  out.csrf_token = body["csrf"];
  EXPECT_EQ(router_->handle(out).status, 204);
  EXPECT_EQ(router_->handle(me).status, 401);
}

TEST_F(ConsoleApiTest, RepeatedWrongPasswordsAreSlowedDown) {
  addStaff("office@school.example", Role::kOffice, "correct horse battery");
  int limited = 0;
  for (int i = 0; i < 6; ++i) {
    ApiResponse r = signIn("office@school.example", "guess " + std::to_string(i));
    if (r.status == 429) {
      ++limited;
      EXPECT_GT(json::parse(r.body)["retry_after_s"].get<int>(), 0);
    }
  }
  EXPECT_GE(limited, 2);
  EXPECT_EQ(signIn("office@school.example", "correct horse battery").status, 429)
      << "even the right password waits out the back-off";
  clock_.setUnix(kStartTime + 3600);
  EXPECT_EQ(signIn("office@school.example", "correct horse battery").status, 200);
}

TEST_F(ConsoleApiTest, OnlyStaffAccountsSignInToTheConsole) {
  identity::Person visitor;
  visitor.kind = identity::PersonKind::kVisitor;
  visitor.name = "Visitor";
  visitor.role = Role::kVisitor;
  visitor.login = "visitor";
  visitor.password_hash = identity::hashPassword("visitor password").value();
  ASSERT_TRUE(store_->addPerson(school_, visitor, "test"));
  EXPECT_EQ(signIn("visitor", "visitor password").status, 401);
  EXPECT_EQ(signIn("nobody@school.example", "whatever it is").status, 401);
}

}  // namespace
}  // namespace esafety::console
