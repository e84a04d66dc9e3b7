// Private to src/serve: the console's sign-in (POST /api/v1/session) with
// its password check on identity's PasswordCheckPool, so argon2id never runs
// on the control thread that accepts the proxy's connections. The pool
// admits a bounded number of checks, a few per client address: past that
// the answer is 503 with Retry-After, at once, with nothing hashed.
//
//   if (ConsoleWeb::isSignIn(req)) res = co_await signInOffThread(web, pool, req, client_ip);
//
// Runs on the console's (control) thread; only the password check leaves it.
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>

#include "identity/password_check_pool.h"
#include "serve/console_web.h"

namespace esafety::serve {

boost::asio::awaitable<ConsoleWeb::Response> signInOffThread(ConsoleWeb& web,
                                                             identity::PasswordCheckPool& pool,
                                                             const ConsoleWeb::Request& request,
                                                             std::string client_ip);

}  // namespace esafety::serve
