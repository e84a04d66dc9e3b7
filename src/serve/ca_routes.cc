#include "serve/ca_routes.h"

#include <ctime>

#include "pages/ca_page.h"
#include "tls/certificate_authority.h"
#include "tls/mobileconfig.h"

namespace esafety::serve {

std::optional<CaReply> caRoute(std::string_view path, const std::string& data_dir) {
  if (path != "/ca" && path != "/ca.pem" && path != "/ca.der" && path != "/ca.mobileconfig") {
    return std::nullopt;
  }
  auto ca = tls::CertificateAuthority::load(tls::TlsPaths(data_dir));
  CaReply reply;
  if (path == "/ca") {
    reply.content_type = "text/html; charset=utf-8";
    if (!ca) {
      reply.body = pages::renderCaPage({});
      return reply;
    }
    std::string name = ca->commonName(), fingerprint = ca->fingerprint();
    std::time_t until = static_cast<std::time_t>(ca->notAfter());
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&until));
    reply.body = pages::renderCaPage({.ca_name = name, .fingerprint = fingerprint, .valid_until = date});
    return reply;
  }
  if (!ca) {
    reply.status = 404;
    reply.content_type = "text/plain; charset=utf-8";
    reply.body = "The school has no web filter certificate yet (esafety ca init).\n";
    return reply;
  }
  if (path == "/ca.pem") {
    reply.content_type = "application/x-pem-file";
    reply.body = ca->pem();
    reply.download_name = "school-web-filter-ca.pem";
  } else if (path == "/ca.der") {
    // The type browsers and Windows recognise as "a certificate to install".
    reply.content_type = "application/x-x509-ca-cert";
    reply.body = ca->der();
    reply.download_name = "school-web-filter-ca.der";
  } else {
    // Safari offers to install a profile served with this type.
    reply.content_type = "application/x-apple-aspen-config";
    reply.body = tls::renderMobileconfig(ca->der(), ca->commonName());
    reply.download_name = "school-web-filter-ca.mobileconfig";
  }
  return reply;
}

}  // namespace esafety::serve
