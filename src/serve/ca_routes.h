// The console's certificate routes: GET /ca (how to install the school's CA),
// /ca.pem, /ca.der and /ca.mobileconfig (the certificate itself). The CA is
// read from the data directory on each request, so one made with
// `esafety ca init` while the server runs is offered straight away.
//
//   if (auto reply = caRoute(path, data_dir)) send(reply->status, reply->content_type, reply->body);
//
// Called on the console's thread; reads files, nothing else.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace esafety::serve {

struct CaReply {
  int status = 200;
  std::string content_type;
  std::string body;
  std::string download_name;  // for Content-Disposition; empty for the page
};

// nullopt when `path` is not one of the CA routes.
std::optional<CaReply> caRoute(std::string_view path, const std::string& data_dir);

}  // namespace esafety::serve
