#include "serve/console_head.h"

#include "serve/block_buttons.h"

namespace esafety::serve {

namespace http = boost::beast::http;

namespace {

void countRefusal(MetricsRegistry& metrics, std::string_view reason) {
  metrics
      .counter("esafety_console_requests_refused_total",
               "Console requests refused from their head, before any body was read, by reason",
               {{"reason", std::string(reason)}})
      .inc();
}

ConsoleResponse refused(MetricsRegistry& metrics, std::string_view reason, http::status status,
                        std::string body) {
  countRefusal(metrics, reason);
  return plainResponse(status, "text/plain; charset=utf-8", std::move(body));
}

}  // namespace

ConsoleResponse plainResponse(http::status status, std::string_view content_type, std::string body) {
  ConsoleResponse res{status, 11};
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, "no-store");
  res.body() = std::move(body);
  res.keep_alive(false);
  res.prepare_payload();
  hardenResponse(res);
  return res;
}

void hardenResponse(ConsoleResponse& res) {
  if (res.find("Content-Security-Policy") == res.end()) {
    res.set("Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'");
  }
  if (res.find("X-Content-Type-Options") == res.end()) res.set("X-Content-Type-Options", "nosniff");
}

HeadScreen screenHead(const ConsoleGate& gate, ConsoleWeb& web, const ConsoleRequest& head,
                      bool body_pending, std::span<const uint8_t> peer, MetricsRegistry& metrics) {
  HeadScreen out;
  auto client = gate.client(peer, head["X-Forwarded-For"]);
  if (!client) {
    out.refusal = refused(metrics, "forwarded_for", http::status::bad_request, client.status().message() + "\n");
    return out;
  }
  out.client = std::move(*client);
  if (!gate.allowsClient(out.client.address)) {
    out.refusal = refused(metrics, "network", http::status::forbidden,
                          "The school's console answers only the school's own networks.\n");
    return out;
  }
  if (!gate.allowsHost(head[http::field::host])) {
    out.refusal = refused(metrics, "host", http::status::misdirected_request,
                          "This console does not answer to that name. Use the address the school gave you.\n");
    return out;
  }
  std::string_view target = head.target();
  std::string_view path = target.substr(0, target.find('?'));
  if (path == "/metrics" &&
      !gate.allowsMetrics(out.client.address, head[http::field::authorization])) {
    out.refusal = refused(metrics, "metrics", http::status::unauthorized,
                          "/metrics needs the metrics token (docs/operations.md).\n");
    out.refusal->set(http::field::www_authenticate, "Bearer");
    return out;
  }
  if (path == "/blocked/tell-teacher" || path == "/blocked/ask-check") {
    out.body_limit = BlockButtons::kBodyLimit;
    return out;
  }
  if (!body_pending || !path.starts_with("/api/")) return out;
  bool needs_session = false;
  if (auto refusal = web.refuseHead(head, out.client.ip, needs_session)) {
    countRefusal(metrics, "api");
    refusal->keep_alive(false);
    out.refusal = std::move(*refusal);
    return out;
  }
  if (needs_session) {
    bool list_upload = head.method() == http::verb::post && path == "/api/v1/lists";
    out.body_limit = list_upload ? kListUploadBodyLimit : kSignedInBodyLimit;
  }
  return out;
}

}  // namespace esafety::serve
