// Query-string helpers for search URLs as browsers send them: find a
// parameter, decode it, and force one parameter to a value.
//
//   std::string_view raw = findQueryParam("hl=en&q=red+fox", "q");  // "red+fox"
//   std::string term = decodeQueryComponent(raw);                    // "red fox"
//   std::string q = forceQueryParam("q=x&safe=off", "safe", "active");
//   // "q=x&safe=active"
//
// Why not Boost.URL's params view: it parses only RFC 3986-valid queries, and
// real traffic carries raw spaces, '|', lone '%' and raw UTF-8 (url.h gives
// the same reason). These functions accept any bytes, in linear time, and
// never fail; a malformed escape is kept as literal text, as browsers do.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace esafety::search {

// The raw (still encoded) value of the first `key=` parameter whose value is
// not empty; when every one is empty, an empty view. `key` matches exactly
// (after decoding the key's own escapes is not done: engines do not encode
// their own parameter names). `found` (optional) says whether the key occurs.
std::string_view findQueryParam(std::string_view query, std::string_view key,
                                bool* found = nullptr);

// Percent-decodes a query value, with '+' as a space. Invalid escapes are
// kept as they are. The result is bytes: the caller checks UTF-8.
std::string decodeQueryComponent(std::string_view raw);
// The same for a path segment: '+' stays a '+'.
std::string decodePathComponent(std::string_view raw);

// Returns `query` with every `key=...` parameter (key compared without regard
// to ASCII case, so "SAFE=off" goes too) removed and `key=value` appended.
// When the query already holds exactly one such parameter, as the last one,
// with exactly this value, it is returned unchanged: applying this twice gives
// the same query as applying it once. Other parameters keep their order and
// their bytes.
std::string forceQueryParam(std::string_view query, std::string_view key, std::string_view value);

}  // namespace esafety::search
