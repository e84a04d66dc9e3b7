// Names of the list formats, as the CLI (--format) and the console spell them.
#include <fmt/format.h>

#include "classify/importers.h"
#include "core/text.h"

namespace esafety::classify {

std::string_view listFormatName(ListFormat format) {
  switch (format) {
    case ListFormat::kAuto:
      return "auto";
    case ListFormat::kSquidGuard:
      return "squidguard";
    case ListFormat::kE2Guardian:
      return "e2guardian";
    case ListFormat::kHosts:
      return "hosts";
    case ListFormat::kPlainDomains:
      return "plain";
    case ListFormat::kAdblock:
      return "adblock";
  }
  return "?";
}

Result<ListFormat> parseListFormat(std::string_view name) {
  std::string key = asciiLower(trim(name));
  if (key == "auto") return ListFormat::kAuto;
  if (key == "squidguard" || key == "ut1") return ListFormat::kSquidGuard;
  if (key == "e2guardian" || key == "dansguardian") return ListFormat::kE2Guardian;
  if (key == "hosts") return ListFormat::kHosts;
  if (key == "plain" || key == "domains") return ListFormat::kPlainDomains;
  if (key == "adblock" || key == "abp") return ListFormat::kAdblock;
  return invalidArgument(fmt::format(
      "unknown list format \"{}\": use auto, squidguard, e2guardian, hosts, plain or adblock",
      name));
}

}  // namespace esafety::classify
