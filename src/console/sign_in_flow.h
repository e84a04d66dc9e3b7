// Console sign-in (POST /api/v1/session) in three steps around the password
// check, so that argon2id (~0.1 s, 64 MiB) runs on identity's
// PasswordCheckPool and never on the console's thread, which also accepts
// every new proxy connection:
//
//   1. beginSignIn, on the console's thread: reads the body and asks the
//      shared LoginThrottle (per login, per address, per both) before any
//      hashing: either an answer now (400, 415, 429 with Retry-After) or a
//      PendingSignIn;
//   2. the check from passwordCheck(), on a pool worker: the password check
//      alone, holding only the store, the clock and a copy of the pending
//      sign-in (the store serialises its calls), so it needs nothing of the
//      console to outlive it;
//   3. finishSignIn, back on the console's thread: counts the result in the
//      throttle, the second step (TOTP, one use per code), the session.
//
//   auto start = beginSignIn(ctx, req);
//   if (auto* answer = std::get_if<ApiResponse>(&start)) return *answer;
//   auto& pending = std::get<PendingSignIn>(start);
//   auto person = passwordCheck(ctx, pending)();              // on the pool
//   return finishSignIn(ctx, req, pending, std::move(person));
//
// signInNow() runs all three on the calling thread (the router's route, for
// tests and for a console without a pool).
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <variant>

#include "console/api_context.h"
#include "console/api_types.h"
#include "identity/model.h"

namespace esafety::console {

struct PendingSignIn {
  std::string email;     // lower case
  std::string password;
  std::string code;      // the TOTP code, when given
};

std::variant<ApiResponse, PendingSignIn> beginSignIn(ApiContext& ctx, const ApiRequest& req);
using PasswordCheck = std::function<Result<identity::Person>()>;
PasswordCheck passwordCheck(const ApiContext& ctx, const PendingSignIn& pending);
ApiResponse finishSignIn(ApiContext& ctx, const ApiRequest& req, const PendingSignIn& pending,
                         Result<identity::Person> person);
ApiResponse signInNow(ApiContext& ctx, const ApiRequest& req);

// The session cookie's Set-Cookie value (empty `value`, 0: clears it).
std::string sessionCookie(const ApiContext& ctx, std::string_view value, int64_t max_age);

// The answer when the PasswordCheckPool is full: 503 with Retry-After.
ApiResponse passwordChecksBusy(int64_t retry_after_s);

}  // namespace esafety::console
