// NoInspectList: the sites whose TLS is never opened, even for a group that
// inspects: banking, health, government, and apps that pin their
// certificates (they break when inspected). On by default (defaultText());
// the school edits `<data>/tls/no-inspect.txt`, which `esafety ca init`
// writes from the default and the proxy re-reads when it changes.
//
// Format: one domain per line; "example.com", ".example.com" and
// "*.example.com" all mean the domain and every name under it. '#' starts a
// comment. A bad line is reported as "file:line: reason" and skipped; the
// rest of the list still applies.
//
//   auto list = NoInspectList::parse(text, "tls/no-inspect.txt");
//   for (auto& p : list.problems) log(p);
//   if (list.matches("www.hsbc.co.uk")) tunnel();
//
// Thread safety: immutable after parse(); share freely.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace esafety::tls {

class NoInspectList {
 public:
  static NoInspectList parse(std::string_view text, std::string_view source_name);
  // The list shipped with esafety.
  static std::string_view defaultText();

  // True when `host` (normalised, lower case) is a listed domain or under one.
  bool matches(std::string_view host) const;
  size_t size() const { return domains_.size(); }

  std::vector<std::string> problems;  // "file:line: reason"

 private:
  std::unordered_set<std::string> domains_;
};

}  // namespace esafety::tls
