// Fuzzes the HTML text extractor and the normaliser behind it
// (src/inspect/html_text.h, text_normalizer.h). The first byte picks the
// charset and a chunk size; the rest is the page. The page's text must be
// the same whole and in chunks, and no bigger than the bounds the extractor
// promises (at most 3 output bytes per input byte, plus the separators).
#include <cstdint>
#include <string>

#include "inspect/html_text.h"

namespace {

std::string extract(std::string_view page, esafety::inspect::Charset charset, size_t chunk) {
  using namespace esafety::inspect;
  TextNormalizer text(charset);
  HtmlTextExtractor html(text);
  text.begin();
  for (size_t at = 0; at < page.size(); at += chunk) html.feed(page.substr(at, chunk));
  html.finish();
  text.finish();
  return std::string(text.output());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using esafety::inspect::Charset;
  if (size == 0) return 0;
  Charset charset = static_cast<Charset>(data[0] % 3);
  size_t chunk = 1 + (data[0] >> 2);
  std::string_view page(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string whole = extract(page, charset, page.size() + 1);
  if (extract(page, charset, chunk) != whole) __builtin_trap();
  if (whole.size() > page.size() * 3 + 16 + page.size() / 2) __builtin_trap();
  if (whole.find("  ") != std::string::npos) __builtin_trap();  // separators collapse
  for (char c : whole) {
    if (c >= 'A' && c <= 'Z') __builtin_trap();  // folded
  }
  return 0;
}
