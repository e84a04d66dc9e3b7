// BlockButtons: POST /blocked/tell-teacher and /blocked/ask-check, the block
// page's two buttons, on the console listener. A post is stored in the inbox
// only when
//   - its `token` is the block page's form token for its `ref` and the
//     address that posts it (identity/block_button_token.h);
//   - its Origin, if the browser sends a real one, is the blocked site's
//     (where the block page was shown, as the event log has it) or the
//     console's own;
//   - the event log, once it holds the reference, says it was this address's
//     request;
//   - the address has made fewer than 10 posts in the last minute.
// Each refusal is a plain page saying what to do instead, and is counted in
// esafety_block_buttons_refused_total{reason}. Writing to the inbox never
// reloads the policy (server.cc watches only policy changes).
//
//   BlockButtons buttons(store, tokens, policy, clock, events_path, public_url, metrics);
//   Response res = buttons.handle(path == "/blocked/tell-teacher", req, client.ip, client.address);
//
// Console thread only.
#pragma once

#include <memory>
#include <span>
#include <string>

#include <boost/beast/http.hpp>

#include "core/clock.h"
#include "core/metrics.h"
#include "event_log/sqlite_event_store.h"
#include "identity/form_token.h"
#include "policy/policy_holder.h"
#include "serve/per_address_limit.h"
#include "store/store.h"

namespace esafety::serve {

class BlockButtons {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  // Posts a minute from one address.
  static constexpr uint32_t kPostsPerMinute = 10;
  // The largest body a button's form sends (ref, token and 500 characters of
  // "why", percent-encoded), with room to spare.
  static constexpr uint64_t kBodyLimit = 16 * 1024;

  BlockButtons(store::Store& store, const identity::FormTokens& tokens, policy::PolicyHolder& policy,
               const Clock& clock, std::string events_path, std::string console_base,
               MetricsRegistry& metrics);

  Response handle(bool tell_teacher, const Request& req, const std::string& client_ip,
                  std::span<const uint8_t> client_address);

 private:
  struct Form {
    std::string ref, token, why;
  };
  static Form parseForm(const std::string& body);
  Response page(int status, std::string_view title, std::string_view words) const;
  Response refuse(std::string_view reason, int status, std::string_view words);
  // The event with this reference, when the log holds it yet.
  std::optional<events::Event> findEvent(uint64_t reference);
  bool originAllowed(std::string_view origin, const std::optional<events::Event>& event) const;

  store::Store& store_;
  const identity::FormTokens& tokens_;
  policy::PolicyHolder& policy_;
  const Clock& clock_;
  std::string events_path_;
  std::string console_base_;
  MetricsRegistry& metrics_;
  PerAddressLimit limit_{kPostsPerMinute, 60};
  std::unique_ptr<events::SqliteEventStore> events_;  // read-only, opened on first use
};

}  // namespace esafety::serve
