#include "proxy/message_rules.h"

#include <boost/beast/core/string.hpp>
#include <string>
#include <vector>

namespace esafety::proxy {
namespace http = boost::beast::http;

namespace {
bool listHas(boost::beast::string_view list, boost::beast::string_view token) {
  for (auto part : http::token_list{list}) {
    if (boost::beast::iequals(part, token)) return true;
  }
  return false;
}
}  // namespace

bool isWebSocketUpgrade(const http::fields& fields) {
  auto upgrade = fields.find(http::field::upgrade);
  auto connection = fields.find(http::field::connection);
  return upgrade != fields.end() && connection != fields.end() &&
         boost::beast::iequals(upgrade->value(), "websocket") &&
         listHas(connection->value(), "upgrade");
}

void removeHopByHop(http::fields& fields, bool keep_upgrade) {
  std::vector<std::string> named;
  for (auto it = fields.find(http::field::connection); it != fields.end() &&
                                                       it->name() == http::field::connection;
       ++it) {
    for (auto token : http::token_list{it->value()}) {
      std::string name(token);
      if (keep_upgrade && boost::beast::iequals(name, "upgrade")) continue;
      named.push_back(std::move(name));
    }
  }
  for (const auto& name : named) fields.erase(name);
  fields.erase(http::field::connection);
  fields.erase(http::field::proxy_connection);
  fields.erase(http::field::keep_alive);
  fields.erase(http::field::proxy_authorization);
  fields.erase(http::field::proxy_authenticate);
  fields.erase(http::field::te);
  fields.erase(http::field::trailer);
  if (keep_upgrade) {
    fields.set(http::field::connection, "Upgrade");
  } else {
    fields.erase(http::field::upgrade);
  }
}

}  // namespace esafety::proxy
