#include "html_gen.h"

#include <string_view>

namespace esafety::bench {
namespace {

constexpr std::string_view kWords[] = {
    "the",      "of",        "and",       "to",        "in",        "is",       "you",
    "that",     "it",        "he",        "was",       "for",       "on",       "are",
    "as",       "with",      "his",       "they",      "at",        "be",       "this",
    "have",     "from",      "or",        "one",       "had",       "by",       "word",
    "but",      "not",       "what",      "all",       "were",      "we",       "when",
    "your",     "can",       "said",      "there",     "use",       "an",       "each",
    "which",    "she",       "do",        "how",       "their",     "if",       "will",
    "up",       "other",     "about",     "out",       "many",      "then",     "them",
    "these",    "so",        "some",      "her",       "would",     "make",     "like",
    "him",      "into",      "time",      "has",       "look",      "two",      "more",
    "write",    "go",        "see",       "number",    "no",        "way",      "could",
    "people",   "my",        "than",      "first",     "water",     "been",     "call",
    "who",      "oil",       "its",       "now",       "find",      "long",     "down",
    "day",      "did",       "get",       "come",      "made",      "may",      "part",
    "school",   "pupils",    "teacher",   "children",  "learning",  "reading",  "science",
    "history",  "geography", "mathematics", "homework", "library",  "football", "weather",
    "council",  "government", "minister", "election",  "hospital",  "health",   "market",
    "business", "economy",   "company",   "shares",    "report",    "police",   "court",
    "village",  "festival",  "music",     "concert",   "theatre",   "museum",   "gallery",
    "season",   "match",     "league",    "players",   "manager",   "goal",     "result",
    "recipe",   "garden",    "flowers",   "holiday",   "travel",    "railway",  "station",
    "computer", "software",  "internet",  "website",   "online",    "safety",   "privacy",
    "research", "university", "students", "exam",      "results",   "parents",  "families",
    "community", "charity",  "volunteers", "weekend",  "morning",   "evening",  "yesterday",
    "tomorrow", "important", "different", "following", "national",  "local",    "public",
    "information", "development", "environment", "climate", "energy", "transport", "housing",
    "café",     "naïve",     "résumé",    "Zürich",    "São",       "Paulo",    "Kraków"};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

class Generator {
 public:
  Generator(uint64_t seed, PageShape shape)
      : state_(seed * 0x9E3779B97F4A7C15ull + 1), shape_(shape) {}

  std::string page(size_t bytes) {
    out_.reserve(bytes + 4096);
    out_ +=
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>";
    sentence(8);
    out_ +=
        "</title><link rel=\"stylesheet\" href=\"/static/css/site.min.css?v=20260401\">"
        "<style>body{font-family:Arial,sans-serif;margin:0;padding:0}.nav a{color:#333;"
        "text-decoration:none}.lead{font-size:1.2em}</style>"
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push("
        "arguments);}gtag('js',new Date());</script></head><body class=\"page article\">";
    while (out_.size() < bytes) block();
    out_ += "</body></html>\n";
    return std::move(out_);
  }

 private:
  uint64_t next() {  // xorshift64*
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1Dull;
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
  std::string_view word() { return kWords[below(kWordCount)]; }

  void sentence(size_t words) {
    for (size_t i = 0; i < words; ++i) {
      if (i > 0) out_ += ' ';
      std::string_view w = word();
      if (i == 0 && w[0] >= 'a' && w[0] <= 'z') {
        out_ += static_cast<char>(w[0] - 'a' + 'A');
        out_ += w.substr(1);
      } else {
        out_ += w;
      }
    }
  }

  void paragraph() {
    out_ += "<p class=\"";
    out_ += below(3) == 0 ? "lead" : "body-text";
    out_ += "\">";
    size_t sentences = 2 + below(5);
    for (size_t s = 0; s < sentences; ++s) {
      sentence(6 + below(12));
      switch (below(6)) {
        case 0:
          out_ += " <a href=\"https://www.example.org/";
          out_ += word();
          out_ += "/";
          out_ += word();
          out_ += "?ref=home\" class=\"inline-link\">";
          sentence(2 + below(3));
          out_ += "</a>";
          break;
        case 1:
          out_ += " <strong>";
          sentence(2);
          out_ += "</strong>";
          break;
        case 2:
          out_ += " &amp; ";
          out_ += word();
          out_ += "&nbsp;&mdash; ";
          out_ += word();
          break;
        default:
          break;
      }
      out_ += ". ";
    }
    out_ += "</p>\n";
  }

  void navigation() {
    out_ += "<nav class=\"nav\" aria-label=\"Sections\"><ul class=\"nav-list\">";
    size_t items = 5 + below(8);
    for (size_t i = 0; i < items; ++i) {
      out_ += "<li class=\"nav-item\"><a class=\"nav-link\" href=\"/section/";
      out_ += word();
      out_ += "-";
      out_ += word();
      out_ += "\" data-track=\"nav-";
      out_ += std::to_string(i);
      out_ += "\">";
      sentence(1 + below(2));
      out_ += "</a></li>";
    }
    out_ += "</ul></nav>\n";
  }

  void figure() {
    out_ += "<figure class=\"image\"><img src=\"/media/images/";
    out_ += std::to_string(next() % 100000);
    out_ += ".jpg\" alt=\"";
    sentence(4);
    out_ += "\" width=\"640\" height=\"360\" loading=\"lazy\" decoding=\"async\"><figcaption>";
    sentence(6 + below(6));
    out_ += "</figcaption></figure>\n";
  }

  void table() {
    out_ += "<table class=\"results\"><thead><tr><th>Team</th><th>Played</th><th>Points</th>"
            "</tr></thead><tbody>";
    for (size_t r = 0; r < 4 + below(6); ++r) {
      out_ += "<tr><td>";
      sentence(2);
      out_ += "</td><td>";
      out_ += std::to_string(below(40));
      out_ += "</td><td>";
      out_ += std::to_string(below(100));
      out_ += "</td></tr>";
    }
    out_ += "</tbody></table>\n";
  }

  void script() {
    out_ += "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
            "\"@type\":\"NewsArticle\",\"headline\":\"";
    sentence(6);
    out_ += "\",\"datePublished\":\"2026-04-01T08:00:00Z\",\"author\":{\"@type\":\"Person\","
            "\"name\":\"";
    sentence(2);
    out_ += "\"}}</script>\n<!-- ad slot ";
    out_ += std::to_string(below(1000));
    out_ += " -->\n";
  }

  // A framework's inline state: JSON with words, ids and URLs.
  void bigScript() {
    out_ += "<script>window.__INITIAL_STATE__={\"page\":{\"items\":[";
    size_t items = 10 + below(20);
    for (size_t i = 0; i < items; ++i) {
      if (i > 0) out_ += ',';
      out_ += "{\"id\":\"";
      out_ += std::to_string(next() % 100000000);
      out_ += "\",\"url\":\"/news/";
      out_ += word();
      out_ += "-";
      out_ += std::to_string(next() % 100000);
      out_ += "\",\"title\":\"";
      sentence(5);
      out_ += "\",\"tags\":[\"";
      out_ += word();
      out_ += "\",\"";
      out_ += word();
      out_ += "\"],\"promo\":false}";
    }
    out_ += "]}};</script>\n";
  }

  void card() {
    out_ += "<div class=\"card card--promo gel-layout__item gel-1/2@m gel-1/4@l\" "
            "data-component=\"promo\" data-entityid=\"";
    out_ += std::to_string(next() % 100000000);
    out_ += "\"><a class=\"card__link\" href=\"/news/";
    out_ += word();
    out_ += "-";
    out_ += std::to_string(next() % 100000);
    out_ += "\"><span class=\"card__headline\">";
    sentence(4 + below(6));
    out_ += "</span></a></div>";
  }

  void portalBlock() {
    out_ += "<section class=\"region region--";
    out_ += word();
    out_ += "\">";
    switch (below(3)) {
      case 0: bigScript(); break;
      case 1: navigation(); break;
      default: break;
    }
    for (size_t c = 0; c < 3 + below(6); ++c) card();
    if (below(4) == 0) paragraph();
    out_ += "</section>\n";
  }

  void block() {
    if (shape_ == PageShape::kPortal) {
      portalBlock();
      return;
    }
    out_ += "<section class=\"story\" id=\"s";
    out_ += std::to_string(next() % 1000000);
    out_ += "\"><h2>";
    sentence(5 + below(5));
    out_ += "</h2>\n";
    switch (below(8)) {
      case 0: navigation(); break;
      case 1: figure(); break;
      case 2: table(); break;
      case 3: script(); break;
      default: break;
    }
    for (size_t p = 0; p < 1 + below(4); ++p) paragraph();
    out_ += "</section>\n";
  }

  uint64_t state_;
  PageShape shape_;
  std::string out_;
};

}  // namespace

std::string generateHtml(size_t bytes, uint64_t seed, PageShape shape) {
  return Generator(seed, shape).page(bytes);
}

}  // namespace esafety::bench
