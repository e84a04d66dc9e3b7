#include "proxy/pages/mascot_svg.h"

namespace esafety::pages {
namespace {

// Shared parts, drawn back to front: shadow, ear tufts, feet, body, belly.
#define OWL_BODY                                                                             \
  "<ellipse cx=\"80\" cy=\"151\" rx=\"46\" ry=\"6\" fill=\"#ead3a4\"/>"                      \
  "<path d=\"M40 50 46 12 68 38z\" fill=\"#7a4f2e\" stroke=\"#7a4f2e\" stroke-width=\"4\" "  \
  "stroke-linejoin=\"round\"/>"                                                              \
  "<path d=\"M120 50 114 12 92 38z\" fill=\"#7a4f2e\" stroke=\"#7a4f2e\" stroke-width=\"4\" " \
  "stroke-linejoin=\"round\"/>"                                                              \
  "<ellipse cx=\"80\" cy=\"88\" rx=\"50\" ry=\"57\" fill=\"#9a6a43\"/>"                      \
  "<ellipse cx=\"80\" cy=\"106\" rx=\"32\" ry=\"35\" fill=\"#f6e2bd\"/>"                     \
  "<path d=\"M66 100q5 5 10 0M84 100q5 5 10 0M75 114q5 5 10 0M66 128q5 5 10 0M84 128q5 5 "  \
  "10 0\" stroke=\"#d6b27c\" stroke-width=\"3\" fill=\"none\" stroke-linecap=\"round\"/>"    \
  "<ellipse cx=\"64\" cy=\"145\" rx=\"11\" ry=\"5\" fill=\"#e08a00\"/>"                      \
  "<ellipse cx=\"96\" cy=\"145\" rx=\"11\" ry=\"5\" fill=\"#e08a00\"/>"

// Face parts: eye whites, beak, rosy cheeks.
#define OWL_FACE                                                             \
  "<circle cx=\"60\" cy=\"62\" r=\"19\" fill=\"#fff\"/>"                     \
  "<circle cx=\"100\" cy=\"62\" r=\"19\" fill=\"#fff\"/>"                    \
  "<path d=\"M72 80h16l-8 11z\" fill=\"#f59e0b\" stroke=\"#f59e0b\" "        \
  "stroke-width=\"3\" stroke-linejoin=\"round\"/>"                           \
  "<circle cx=\"42\" cy=\"86\" r=\"7\" fill=\"#f49b9b\" opacity=\".75\"/>"   \
  "<circle cx=\"118\" cy=\"86\" r=\"7\" fill=\"#f49b9b\" opacity=\".75\"/>"

constexpr std::string_view kWaving =
    "<svg class=\"mascot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 160 160\" "
    "width=\"152\" height=\"152\" role=\"img\" aria-label=\"A friendly owl waving hello\">"
    // the left wing hangs down; the right one waves
    "<path d=\"M34 78q-14 32 8 56q8-28-8-56z\" fill=\"#7a4f2e\"/>"
    "<path d=\"M124 84q30-14 30-50q-24 8-34 38z\" fill=\"#7a4f2e\"/>" OWL_BODY OWL_FACE
    "<circle cx=\"62\" cy=\"64\" r=\"9\" fill=\"#2b2118\"/>"
    "<circle cx=\"98\" cy=\"64\" r=\"9\" fill=\"#2b2118\"/>"
    "<circle cx=\"65\" cy=\"60\" r=\"3\" fill=\"#fff\"/>"
    "<circle cx=\"101\" cy=\"60\" r=\"3\" fill=\"#fff\"/>"
    "</svg>";

constexpr std::string_view kHappy =
    "<svg class=\"mascot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 160 160\" "
    "width=\"152\" height=\"152\" role=\"img\" aria-label=\"A happy owl cheering\">"
    // both wings up
    "<path d=\"M36 84q-30-14-30-50q24 8 34 38z\" fill=\"#7a4f2e\"/>"
    "<path d=\"M124 84q30-14 30-50q-24 8-34 38z\" fill=\"#7a4f2e\"/>" OWL_BODY OWL_FACE
    // smiling, closed eyes
    "<path d=\"M50 66q10-12 20 0M90 66q10-12 20 0\" stroke=\"#2b2118\" stroke-width=\"5\" "
    "fill=\"none\" stroke-linecap=\"round\"/>"
    "</svg>";

#undef OWL_BODY
#undef OWL_FACE

}  // namespace

std::string_view mascotSvg(MascotMood mood) {
  return mood == MascotMood::kHappy ? kHappy : kWaving;
}

}  // namespace esafety::pages
