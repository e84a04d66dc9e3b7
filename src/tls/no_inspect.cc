#include "tls/no_inspect.h"

#include <algorithm>

#include <fmt/format.h>

namespace esafety::tls {

NoInspectList NoInspectList::parse(std::string_view text, std::string_view source_name) {
  NoInspectList list;
  size_t line_number = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    if (line.starts_with("*.")) line.remove_prefix(2);
    else if (line.starts_with(".")) line.remove_prefix(1);
    std::string domain;
    bool ok = !line.empty() && line.size() <= 253;
    for (char c : line) {
      char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      if (!((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '.' ||
            lower == '-' || lower == '_' || lower == ':')) {
        ok = false;
        break;
      }
      domain += lower;
    }
    if (!ok || domain.find("..") != std::string::npos || domain.back() == '.') {
      list.problems.push_back(fmt::format("{}:{}: '{}' is not a domain name", source_name,
                                          line_number, line));
      continue;
    }
    list.domains_.insert(std::move(domain));
  }
  return list;
}

bool NoInspectList::matches(std::string_view host) const {
  if (domains_.empty()) return false;
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  std::string name(host);
  size_t from = 0;
  for (;;) {
    if (domains_.count(name.substr(from))) return true;
    size_t dot = name.find('.', from);
    if (dot == std::string::npos) return false;
    from = dot + 1;
  }
}

std::string_view NoInspectList::defaultText() {
  return R"(# Sites esafety never inspects, even for groups with TLS inspection on.
# One domain per line; each covers every name under it. Edit freely; the
# proxy reads this file again within a few seconds of a change.

# UK government, public services and health
gov.uk
nhs.uk
nhs.net
hmrc.gov.uk
police.uk
parliament.uk
gov.scot
gov.wales

# Banks and payments
barclays.co.uk
barclays.com
hsbc.co.uk
lloydsbank.com
lloydsbank.co.uk
halifax.co.uk
natwest.com
rbs.co.uk
santander.co.uk
nationwide.co.uk
tsb.co.uk
monzo.com
starlingbank.com
metrobankonline.co.uk
co-operativebank.co.uk
firstdirect.com
paypal.com
paypalobjects.com
stripe.com
worldpay.com
sagepay.com
opayo.co.uk

# Apps that pin their certificates, and operating-system services
push.apple.com
itunes.apple.com
apps.apple.com
mzstatic.com
icloud.com
gsa.apple.com
albert.apple.com
captive.apple.com
mdmenrollment.apple.com
deviceenrollment.apple.com
identity.apple.com
ocsp.apple.com
windowsupdate.com
update.microsoft.com
windowsupdate.microsoft.com
delivery.mp.microsoft.com
login.microsoftonline.com
login.live.com
ocsp.digicert.com
crl.microsoft.com
android.clients.google.com
accounts.google.com
clients1.google.com
m.google.com
mtalk.google.com
dropbox.com
whatsapp.net
signal.org
)";
}

}  // namespace esafety::tls
