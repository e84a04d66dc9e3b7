#include "inspect/phrase_line.h"

#include <fmt/format.h>

#include <charconv>

#include "core/text.h"

namespace esafety::inspect {
namespace {

void skipSpaces(std::string_view line, size_t& pos) {
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
}

// Reads "<...>" at pos; the inside goes to `group`.
Status readGroup(std::string_view line, size_t& pos, std::string_view& group) {
  size_t close = line.find('>', pos + 1);
  if (close == std::string_view::npos) {
    return invalidArgument(fmt::format("missing '>' after \"{}\"", line.substr(pos, 40)));
  }
  group = line.substr(pos + 1, close - pos - 1);
  pos = close + 1;
  return Status::ok();
}

Status parseWeight(std::string_view group, ParsedPhraseLine& parsed) {
  std::string_view text = trim(group);
  bool percent = text.ends_with('%');
  if (percent) text.remove_suffix(1);
  if (text.starts_with('+')) text.remove_prefix(1);
  int64_t weight = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), weight);
  if (text.empty() || ec == std::errc::invalid_argument || end != text.data() + text.size()) {
    return invalidArgument(fmt::format(
        "expected a weight such as <10> or <-5> after the phrase, found <{}>", group));
  }
  if (ec == std::errc::result_out_of_range || weight > kMaxPhraseWeight ||
      weight < -kMaxPhraseWeight) {
    return invalidArgument(
        fmt::format("weight <{}> is out of range (at most {} either way)", group, kMaxPhraseWeight));
  }
  parsed.has_weight = true;
  parsed.weight = static_cast<int32_t>(weight);
  parsed.percent = percent;
  return Status::ok();
}

}  // namespace

Result<ParsedPhraseLine> parsePhraseLine(std::string_view line) {
  ParsedPhraseLine parsed;
  size_t pos = 0;
  skipSpaces(line, pos);
  if (pos == line.size() || line[pos] != '<') {
    return invalidArgument("expected a phrase in angle brackets, such as <word><10>");
  }
  while (true) {
    std::string_view group;
    ESAFETY_RETURN_IF_ERROR(readGroup(line, pos, group));
    if (group.empty()) return invalidArgument("empty phrase <>");
    if (group.find('<') != std::string_view::npos) {
      return invalidArgument(fmt::format("'<' inside the phrase <{}>: is a '>' missing?", group));
    }
    parsed.phrases.push_back(group);
    skipSpaces(line, pos);
    if (pos < line.size() && line[pos] == ',') {
      ++pos;
      skipSpaces(line, pos);
      if (pos == line.size() || line[pos] != '<') {
        return invalidArgument("expected another phrase in angle brackets after ','");
      }
      continue;
    }
    if (pos < line.size() && line[pos] == '<') {
      std::string_view weight;
      ESAFETY_RETURN_IF_ERROR(readGroup(line, pos, weight));
      ESAFETY_RETURN_IF_ERROR(parseWeight(weight, parsed));
    }
    break;
  }
  std::string_view rest = trim(line.substr(pos));
  if (!rest.starts_with('#')) parsed.trailing = rest;
  return parsed;
}

}  // namespace esafety::inspect
