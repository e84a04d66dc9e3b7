// A deterministic HTML page for the scanner benchmarks: the shape of a news
// or school site page (navigation lists, paragraphs with inline links and
// entities, images, tables, inline script and style, comments, some UTF-8),
// with ordinary English vocabulary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace esafety::bench {

// About `bytes` bytes of HTML (whole elements, so a little more), the same
// for the same seed on every machine.
std::string generateHtml(size_t bytes, uint64_t seed);

}  // namespace esafety::bench
