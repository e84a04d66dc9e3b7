#include "pages/display_text.h"

#include <cassert>

#include "core/text.h"
#include "pages/utf8_decode.h"

namespace esafety::pages {

std::string shortenForDisplay(std::string_view text, size_t max_code_points) {
  assert(max_code_points >= 1);
  text = trim(text);
  size_t count = 0;
  size_t cut = 0;  // byte offset after max_code_points - 1 code points
  std::string_view rest = text;
  while (!rest.empty()) {
    if (count == max_code_points - 1) cut = text.size() - rest.size();
    if (count == max_code_points) return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";
    rest.remove_prefix(decodeUtf8(rest).length);
    ++count;
  }
  return std::string(text);
}

}  // namespace esafety::pages
