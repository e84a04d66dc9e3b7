#include "inspect/search/query_params.h"

#include "core/text.h"

namespace esafety::search {
namespace {

std::string percentDecode(std::string_view raw, bool plus_is_space) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%' && i + 2 < raw.size() && hexDigitValue(raw[i + 1]) >= 0 && hexDigitValue(raw[i + 2]) >= 0) {
      out += static_cast<char>(hexDigitValue(raw[i + 1]) * 16 + hexDigitValue(raw[i + 2]));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

bool keyEqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Calls fn(key, value, whole_parameter) for each '&'-separated parameter.
template <typename Fn>
void forEachParam(std::string_view query, Fn&& fn) {
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view param = query.substr(pos, amp - pos);
    size_t eq = param.find('=');
    std::string_view key = param.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : param.substr(eq + 1);
    fn(key, value, param);
    pos = amp + 1;
  }
}

}  // namespace

std::string_view findQueryParam(std::string_view query, std::string_view key, bool* found) {
  bool seen = false;
  std::string_view result;
  bool done = false;
  forEachParam(query, [&](std::string_view k, std::string_view v, std::string_view) {
    if (done || k != key) return;
    seen = true;
    if (!v.empty()) {
      result = v;
      done = true;
    }
  });
  if (found != nullptr) *found = seen;
  return result;
}

std::string decodeQueryComponent(std::string_view raw) {
  return percentDecode(raw, true);
}
std::string decodePathComponent(std::string_view raw) {
  return percentDecode(raw, false);
}

std::string forceQueryParam(std::string_view query, std::string_view key, std::string_view value) {
  int occurrences = 0;
  bool last_is_exact = false;
  forEachParam(query, [&](std::string_view k, std::string_view v, std::string_view param) {
    last_is_exact = false;
    if (!keyEqualsIgnoringCase(k, key)) return;
    ++occurrences;
    last_is_exact = k == key && v == value && param.size() == key.size() + 1 + value.size();
  });
  if (occurrences == 1 && last_is_exact) return std::string(query);

  std::string out;
  out.reserve(query.size() + key.size() + value.size() + 2);
  forEachParam(query, [&](std::string_view k, std::string_view, std::string_view param) {
    if (param.empty() || keyEqualsIgnoringCase(k, key)) return;  // drop "&&" and the old value
    if (!out.empty()) out += '&';
    out += param;
  });
  if (!out.empty()) out += '&';
  out += key;
  out += '=';
  out += value;
  return out;
}

}  // namespace esafety::search
