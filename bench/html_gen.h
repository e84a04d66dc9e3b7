// A deterministic HTML page for the scanner benchmarks: the shape of a news
// or school site page (navigation lists, paragraphs with inline links and
// entities, images, tables, inline script and style, comments, some UTF-8),
// with ordinary English vocabulary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace esafety::bench {

enum class PageShape {
  kArticle,  // text-heavy: ~60% of the bytes are visible text
  kPortal,   // markup-heavy, like a news front page: big inline scripts and
             // data, long class lists, navigation; ~15% visible text
};

// About `bytes` bytes of HTML (whole elements, so a little more), the same
// for the same seed on every machine.
std::string generateHtml(size_t bytes, uint64_t seed, PageShape shape = PageShape::kArticle);

}  // namespace esafety::bench
