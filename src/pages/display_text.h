// shortenForDisplay: cuts text that a page shows (a blocked URL can be 8 KB of
// tracking parameters) to a length a person can read, without splitting a
// UTF-8 sequence. The result is still untrusted: escape it with htmlEscape.
//
//   shortenForDisplay("https://example.com/a/very/long/path?utm=...", 40)
//     == "https://example.com/a/very/long/path?ut…"
//
// Pure function; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace esafety::pages {

// Returns `text` unchanged when it has at most `max_code_points` code points
// (an invalid byte counts as one); otherwise its first max_code_points - 1
// code points followed by "…" (U+2026), so the result has max_code_points.
// Leading and trailing ASCII whitespace is dropped first. max_code_points must
// be at least 1.
std::string shortenForDisplay(std::string_view text, size_t max_code_points);

}  // namespace esafety::pages
