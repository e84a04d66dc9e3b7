// The owl: a small inline SVG picture for the children's pages, drawn here so
// the page fetches nothing. It is about 2 KB and scales with its CSS width
// (.child .mascot).
//
//   body += mascotSvg(MascotMood::kWaving);
//
// The returned view stays valid for the life of the program; safe from any
// thread. The element has role="img" and an aria-label, so a screen reader says what
// the picture is; the words on the page never depend on it.
#pragma once

#include <string_view>

namespace esafety::pages {

enum class MascotMood {
  kWaving,  // open eyes, one wing raised: the block page ("hello, let's find something else")
  kHappy,   // smiling eyes, both wings up: the thank-you page
};

std::string_view mascotSvg(MascotMood mood);

}  // namespace esafety::pages
