#include "serve/console_sign_in.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <optional>

namespace esafety::serve {

namespace asio = boost::asio;

asio::awaitable<ConsoleWeb::Response> signInOffThread(ConsoleWeb& web,
                                                      identity::PasswordCheckPool& pool,
                                                      const ConsoleWeb::Request& request,
                                                      std::string client_ip) {
  auto start = web.beginSignIn(request, client_ip);
  if (auto* answer = std::get_if<ConsoleWeb::Response>(&start)) co_return std::move(*answer);
  const console::PendingSignIn pending = std::get<console::PendingSignIn>(std::move(start));
  auto ticket = pool.admit(client_ip);
  if (!ticket) co_return web.passwordChecksBusy(request);
  // The check holds only what outlives the pool (the store, the clock) and
  // a copy of the sign-in. It lives in this frame, which waits for it (a
  // coroutine lambda's own captures are not safe with GCC 12: they were
  // destroyed twice). (std::optional: co_spawn's result must be
  // default-constructible.)
  const console::PasswordCheck check = web.passwordCheck(pending);
  std::optional<Result<identity::Person>> person = co_await asio::co_spawn(
      pool.context(),
      [&check]() -> asio::awaitable<std::optional<Result<identity::Person>>> { co_return check(); },
      asio::use_awaitable);
  co_return web.finishSignIn(request, client_ip, pending, std::move(*person));
}

}  // namespace esafety::serve
