// HTML character references: "&amp;", "&eacute;", "&#233;", "&#xE9;".
// Private to the HTML text extractor.
#pragma once

#include <string_view>

namespace esafety::inspect {

// The character a named reference stands for ("eacute" -> U+00E9), or 0 when
// the name is not one we know: the Latin-1 set, the markup characters and
// the common typographic ones (dashes, quotes, spaces, the euro sign).
// `needs_semicolon` is false for the legacy names HTML also reads without a
// ';' ("&amp", "&copy", "&eacute").
char32_t namedEntity(std::string_view name, bool* needs_semicolon = nullptr);

// The character for a numeric reference's value, as HTML reads it: 0,
// surrogates and values past U+10FFFF become U+FFFD; 0x80-0x9F are read as
// Windows-1252.
char32_t numericEntity(unsigned long value);

}  // namespace esafety::inspect
