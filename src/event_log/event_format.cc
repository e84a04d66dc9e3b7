#include "event_log/event_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <vector>

#include "event_log/event_json.h"
#include "events/event_host.h"
#include "events/event_time.h"

namespace esafety::events {
namespace {

// The length of the UTF-8 sequence starting at s[i], or 0 when it is not
// well-formed (bad lead byte, missing continuation, overlong 2-byte form).
size_t utf8Length(std::string_view s, size_t i) {
  auto byte = static_cast<unsigned char>(s[i]);
  size_t n = byte < 0x80                    ? 1
             : byte >= 0xC2 && byte <= 0xDF ? 2
             : byte >= 0xE0 && byte <= 0xEF ? 3
             : byte >= 0xF0 && byte <= 0xF4 ? 4
                                            : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

size_t displayWidth(std::string_view clean) {
  size_t width = 0;
  for (char c : clean) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

std::string whoText(const Event& e) {
  std::string user(e.user_name.view()), device(e.device_name.view());
  if (!user.empty() && !device.empty()) return user + " (" + device + ")";
  if (!user.empty()) return user;
  if (!device.empty()) return device;
  return "-";
}

std::string orDash(std::string_view s) {
  return s.empty() ? "-" : std::string(s);
}

// RFC 4180: quote a field holding a comma, quote, CR or LF, doubling quotes.
// Text a spreadsheet would evaluate as a formula gets a leading apostrophe.
std::string csvField(std::string_view value, bool is_text) {
  std::string v(value);
  if (is_text && !v.empty() && std::string_view("=+-@\t\r").find(v[0]) != std::string_view::npos) {
    v.insert(0, "'");
  }
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string_view decisionWord(policy::Verdict verdict) {
  switch (verdict) {
    case policy::Verdict::kAllow:
      return "allowed";
    case policy::Verdict::kBlock:
      return "blocked";
    case policy::Verdict::kRewrite:
      return "rewritten";
  }
  return "?";
}

std::string terminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = utf8Length(text, i);
    auto byte = static_cast<unsigned char>(text[i]);
    // C0 controls, DEL, and C1 controls (U+0080..U+009F, encoded C2 80..C2 9F).
    bool control = n == 1
                       ? (byte < 0x20 || byte == 0x7F)
                       : n == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    if (n == 0 || control) {
      out += '?';
      i += n == 0 ? 1 : n;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string cutToWidth(std::string_view clean, size_t width) {
  if (displayWidth(clean) <= width) return std::string(clean);
  if (width == 0) return {};
  // Keep width - 1 characters, then the ellipsis.
  size_t kept = 0, i = 0;
  while (i < clean.size() && kept < width - 1) {
    ++i;
    while (i < clean.size() && (static_cast<unsigned char>(clean[i]) & 0xC0) == 0x80) ++i;
    ++kept;
  }
  return std::string(clean.substr(0, i)) + "…";
}

std::string eventsTable(std::span<const StoredEvent> rows, size_t width) {
  constexpr size_t kColumns = 7;
  static const std::array<std::string_view, kColumns> kHeads = {
      "TIME", "CLIENT", "WHO", "GROUP", "DECISION", "CATEGORY", "URL"};
  // The widest a column other than the URL may grow; the URL takes the rest.
  static const std::array<size_t, kColumns - 1> kCaps = {19, 39, 32, 16, 9, 20};
  std::vector<std::array<std::string, kColumns>> cells;
  cells.reserve(rows.size());
  for (const StoredEvent& row : rows) {
    const Event& e = row.event;
    cells.push_back({formatEventTime(e.time_ms), e.clientIpText(), terminalSafe(whoText(e)),
                     terminalSafe(orDash(e.group.view())), std::string(decisionWord(e.verdict)),
                     terminalSafe(orDash(e.category.view())), terminalSafe(orDash(e.url.view()))});
  }
  std::array<size_t, kColumns> widths{};
  for (size_t c = 0; c < kColumns; ++c) widths[c] = kHeads[c].size();
  for (const auto& line : cells) {
    for (size_t c = 0; c < kColumns; ++c) widths[c] = std::max(widths[c], displayWidth(line[c]));
  }
  size_t used = 0;
  for (size_t c = 0; c + 1 < kColumns; ++c) {
    widths[c] = std::min(widths[c], kCaps[c]);
    used += widths[c] + 2;
  }
  widths[kColumns - 1] =
      std::min(widths[kColumns - 1], std::max<size_t>(20, width > used ? width - used : 0));

  std::string out;
  auto emit = [&](const auto& line) {
    std::string text;
    for (size_t c = 0; c < kColumns; ++c) {
      std::string cell = cutToWidth(line[c], widths[c]);
      text += cell;
      if (c + 1 < kColumns) text.append(widths[c] - displayWidth(cell) + 2, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  };
  emit(kHeads);
  for (const auto& line : cells) emit(line);
  return out;
}

std::string eventsCsv(std::span<const StoredEvent> rows) {
  std::string out =
      "id,time,client_ip,device,user,group,decision,step,category,kind,method,url,search_terms,"
      "status,bytes_in,bytes_out,duration_us,scores,tags\r\n";
  for (const StoredEvent& row : rows) {
    const Event& e = row.event;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n", row.id,
                       formatEventTime(e.time_ms), e.clientIpText(),
                       csvField(e.device_name.view(), true), csvField(e.user_name.view(), true),
                       csvField(e.group.view(), true), policy::verdictName(e.verdict),
                       policy::stepInfo(e.step).name, csvField(e.category.view(), true),
                       eventKindName(e.kind), csvField(e.method.view(), true),
                       csvField(e.url.view(), true), csvField(e.search_terms.view(), true),
                       e.status, e.bytes_in, e.bytes_out, e.duration_us,
                       csvField(e.scores.view(), true), csvField(e.tags.view(), true));
  }
  return out;
}

std::string eventsJson(std::span<const StoredEvent> rows) {
  nlohmann::json array = nlohmann::json::array();
  for (const StoredEvent& row : rows) array.push_back(eventJson(row));
  // URLs and names are untrusted: replace invalid UTF-8 rather than throw.
  return array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace esafety::events
