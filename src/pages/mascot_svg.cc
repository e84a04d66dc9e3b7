#include "pages/mascot_svg.h"

#include <string>

namespace esafety::pages {
namespace {

// The owl is drawn back to front in a 160x160 box: raised wings (behind the
// body), shadow, ear tufts, body, belly and its feather marks, feet, then the
// face. The two moods differ only in wings and eyes.

constexpr std::string_view kStart =
    R"svg(<svg class="mascot" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 160" )svg"
    R"svg(width="152" height="152" role="img" )svg";

constexpr std::string_view kRaisedRightWing =
    R"svg(<ellipse cx="134" cy="66" rx="11" ry="27" transform="rotate(38 134 66)" )svg"
    R"svg(fill="#6f4628"/>)svg";
constexpr std::string_view kRaisedLeftWing =
    R"svg(<ellipse cx="26" cy="66" rx="11" ry="27" transform="rotate(-38 26 66)" )svg"
    R"svg(fill="#6f4628"/>)svg";
constexpr std::string_view kRestingLeftWing =
    R"svg(<ellipse cx="35" cy="114" rx="10" ry="23" transform="rotate(12 35 114)" )svg"
    R"svg(fill="#6f4628"/>)svg";

constexpr std::string_view kBody =
    R"svg(<ellipse cx="80" cy="151" rx="46" ry="6" fill="#ead3a4"/>)svg"
    R"svg(<path d="M40 56 43 20 68 42z" fill="#8a5d3b" stroke="#8a5d3b" stroke-width="6" )svg"
    R"svg(stroke-linejoin="round"/>)svg"
    R"svg(<path d="M120 56 117 20 92 42z" fill="#8a5d3b" stroke="#8a5d3b" stroke-width="6" )svg"
    R"svg(stroke-linejoin="round"/>)svg"
    R"svg(<ellipse cx="80" cy="88" rx="50" ry="57" fill="#9a6a43"/>)svg"
    R"svg(<ellipse cx="80" cy="106" rx="32" ry="35" fill="#f6e2bd"/>)svg"
    R"svg(<path d="M66 100q5 5 10 0M84 100q5 5 10 0M75 114q5 5 10 0M66 128q5 5 10 0M84 128q5 5 )svg"
    R"svg(10 0" stroke="#d6b27c" stroke-width="3" fill="none" stroke-linecap="round"/>)svg"
    R"svg(<ellipse cx="64" cy="145" rx="11" ry="5" fill="#e08a00"/>)svg"
    R"svg(<ellipse cx="96" cy="145" rx="11" ry="5" fill="#e08a00"/>)svg";

constexpr std::string_view kBeakAndCheeks =
    R"svg(<path d="M72 80h16l-8 11z" fill="#f59e0b" stroke="#f59e0b" stroke-width="3" )svg"
    R"svg(stroke-linejoin="round"/>)svg"
    R"svg(<circle cx="42" cy="86" r="7" fill="#f49b9b" opacity=".75"/>)svg"
    R"svg(<circle cx="118" cy="86" r="7" fill="#f49b9b" opacity=".75"/>)svg";

// Big round eyes with a sparkle.
constexpr std::string_view kOpenEyes = R"svg(<circle cx="60" cy="62" r="19" fill="#fff"/>)svg"
                                       R"svg(<circle cx="100" cy="62" r="19" fill="#fff"/>)svg"
                                       R"svg(<circle cx="62" cy="64" r="9" fill="#2b2118"/>)svg"
                                       R"svg(<circle cx="98" cy="64" r="9" fill="#2b2118"/>)svg"
                                       R"svg(<circle cx="65" cy="60" r="3" fill="#fff"/>)svg"
                                       R"svg(<circle cx="101" cy="60" r="3" fill="#fff"/>)svg";

// Pale face discs and smiling, closed eyes.
constexpr std::string_view kSmilingEyes =
    R"svg(<circle cx="60" cy="63" r="17" fill="#c48f62"/>)svg"
    R"svg(<circle cx="100" cy="63" r="17" fill="#c48f62"/>)svg"
    R"svg(<path d="M50 67q10-12 20 0M90 67q10-12 20 0" stroke="#2b2118" stroke-width="5" )svg"
    R"svg(fill="none" stroke-linecap="round"/>)svg";

std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out += part;
  return out;
}

}  // namespace

std::string_view mascotSvg(MascotMood mood) {
  static const std::string kWaving =
      join({kStart, R"svg(aria-label="A friendly owl waving hello">)svg", kRaisedRightWing, kBody,
            kRestingLeftWing, kBeakAndCheeks, kOpenEyes, "</svg>"});
  static const std::string kHappy =
      join({kStart, R"svg(aria-label="A happy owl cheering">)svg", kRaisedLeftWing,
            kRaisedRightWing, kBody, kBeakAndCheeks, kSmilingEyes, "</svg>"});
  return mood == MascotMood::kHappy ? kHappy : kWaving;
}

}  // namespace esafety::pages
