// Verified TLS connections to sites, for inspected HTTPS (tls_streams.h).
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <fmt/format.h>

#include "proxy/tls_streams.h"

namespace esafety::proxy {
namespace {

// What a failed certificate check means, in words for the error page.
std::string verifyFailureWords(long result, const std::string& host) {
  switch (result) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return "the website's security certificate has expired";
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return "the website's security certificate is not valid yet";
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return fmt::format("the website's security certificate is not for {}", host);
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return "the website's security certificate is not from an authority this school trusts";
    case X509_V_ERR_CERT_REVOKED:
      return "the website's security certificate has been withdrawn";
    default:
      return "the website's security certificate could not be checked";
  }
}

}  // namespace

awaitable<TlsConnectResult> connectUpstreamTls(const std::string& host, uint16_t port,
                                               ProxyShared& shared, WorkerState& worker) {
  TlsConnectResult result;
  ConnectResult plain = co_await connectUpstream(host, port, shared, worker);
  if (!plain.connection) {
    result.error = plain.error;
    result.detail = std::move(plain.detail);
    result.refused = std::move(plain.refused);
    co_return result;
  }
  auto connection = std::make_unique<TlsUpstreamConnection>(std::move(plain.connection->stream),
                                                            shared.tls.load(std::memory_order_acquire)->client);
  connection->buffer.reserve(16384);
  SSL* ssl = connection->stream.native_handle();
  boost::system::error_code ec;
  auto literal = asio::ip::make_address(host, ec);
  if (!ec) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), literal.to_string().c_str());
  } else {
    SSL_set_tlsext_host_name(ssl, host.c_str());
    SSL_set1_host(ssl, host.c_str());
  }
  static const unsigned char kAlpn[] = "\x08http/1.1";
  SSL_set_alpn_protos(ssl, kAlpn, sizeof kAlpn - 1);
  beast::get_lowest_layer(connection->stream)
      .expires_after(seconds(shared.config.proxy.upstream_connect_timeout_s));
  auto [hec] = co_await connection->stream.async_handshake(ssl::stream_base::client, kTuple);
  if (hec) {
    result.error = hec == beast::error::timeout ? pages::UpstreamError::kTimeout
                                                : pages::UpstreamError::kTlsFailure;
    long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) {
      result.verify_failed = true;
      shared.stats.tls_upstream_verify_failures.fetch_add(1, std::memory_order_relaxed);
      result.detail = fmt::format("{} ({})", verifyFailureWords(verify, host),
                                  X509_verify_cert_error_string(verify));
    } else {
      result.detail = hec == beast::error::timeout ? "the secure connection took too long to set up"
                                                   : "no secure connection: " + hec.message();
    }
    co_return result;
  }
  result.connection = std::move(connection);
  co_return result;
}

}  // namespace esafety::proxy
