#include "inspect/search/search_terms.h"

#include <gtest/gtest.h>

namespace esafety::search {
namespace {

// The engine and term found in a URL as a browser sends it, through the same
// normalisation the proxy uses; "" when it is not a search.
std::string termOf(std::string_view url, SearchEngine* engine = nullptr) {
  auto normalized = classify::normalizeUrl(url);
  EXPECT_TRUE(normalized.isOk()) << url;
  if (!normalized) return "";
  auto term = extractSearchTerm(*normalized);
  if (!term) return "";
  if (engine != nullptr) *engine = term->engine;
  return term->term;
}

std::string_view engineOf(std::string_view url) {
  SearchEngine engine{};
  if (termOf(url, &engine).empty()) return "";
  return searchEngineName(engine);
}

TEST(SearchTerms, Google) {
  EXPECT_EQ(termOf("https://www.google.com/search?q=red+fox&hl=en"), "red fox");
  EXPECT_EQ(termOf("https://www.google.co.uk/search?client=firefox&q=how%20do%20bees%20fly"),
            "how do bees fly");
  EXPECT_EQ(termOf("http://google.de/search?q=B%C3%BCcher+%C3%BCber+B%C3%A4ren"),
            "B\xC3\xBC"
            "cher \xC3\xBC"
            "ber B\xC3\xA4ren");
  EXPECT_EQ(termOf("https://www.google.com.au/webhp?q=koala"), "koala");
  EXPECT_EQ(termOf("https://www.google.co.uk/search?tbm=isch&q=tudor+houses"), "tudor houses");
  EXPECT_EQ(engineOf("https://www.google.fr/search?q=paris"), "google");
  // Not searches: other paths, autocomplete keystrokes, an empty box, lookalikes.
  EXPECT_EQ(termOf("https://www.google.com/complete/search?q=how+do"), "");
  EXPECT_EQ(termOf("https://www.google.com/maps?q=london"), "");
  EXPECT_EQ(termOf("https://www.google.com/search?q="), "");
  EXPECT_EQ(termOf("https://www.google.com/search?q=+++"), "");
  EXPECT_EQ(termOf("https://www.google.com.evil.example/search?q=x"), "");
  EXPECT_EQ(termOf("https://mail.google.com/search?q=x"), "");
}

TEST(SearchTerms, Bing) {
  EXPECT_EQ(termOf("https://www.bing.com/search?q=volcano+facts&form=QBLH"), "volcano facts");
  EXPECT_EQ(termOf("https://www.bing.com/images/search?q=rainforest%20animals"),
            "rainforest animals");
  EXPECT_EQ(termOf("https://bing.com/videos/search?q=times+tables"), "times tables");
  EXPECT_EQ(engineOf("https://www.bing.com/search?q=x"), "bing");
  EXPECT_EQ(termOf("https://www.bing.com/maps?q=x"), "");
}

TEST(SearchTerms, DuckDuckGo) {
  EXPECT_EQ(termOf("https://duckduckgo.com/?q=solar+system&ia=web"), "solar system");
  EXPECT_EQ(termOf("https://html.duckduckgo.com/html/?q=romans"), "romans");
  EXPECT_EQ(termOf("https://lite.duckduckgo.com/lite/?q=vikings"), "vikings");
  EXPECT_EQ(termOf("https://start.duckduckgo.com/?q=owls"), "owls");
  EXPECT_EQ(engineOf("https://duckduckgo.com/?q=x"), "duckduckgo");
  EXPECT_EQ(termOf("https://duckduckgo.com/ac/?q=sol"), "");
  EXPECT_EQ(termOf("https://links.duckduckgo.com/?q=x"), "");
}

TEST(SearchTerms, Yahoo) {
  EXPECT_EQ(termOf("https://search.yahoo.com/search?p=weather+today&fr=yfp"), "weather today");
  EXPECT_EQ(termOf("https://uk.search.yahoo.com/search;_ylt=AwrE?p=bus+times"), "bus times");
  EXPECT_EQ(termOf("https://images.search.yahoo.com/search/images?p=cats"), "cats");
  EXPECT_EQ(engineOf("https://search.yahoo.com/search?p=x"), "yahoo");
  EXPECT_EQ(termOf("https://search.yahoo.com/search?q=x"), "");  // Yahoo's parameter is p
  EXPECT_EQ(termOf("https://www.yahoo.com/search?p=x"), "");
}

TEST(SearchTerms, Ecosia) {
  EXPECT_EQ(termOf("https://www.ecosia.org/search?method=index&q=tree+planting"), "tree planting");
  EXPECT_EQ(termOf("https://www.ecosia.org/images?q=oak%20leaves"), "oak leaves");
  EXPECT_EQ(engineOf("https://ecosia.org/search?q=x"), "ecosia");
}

TEST(SearchTerms, Brave) {
  EXPECT_EQ(termOf("https://search.brave.com/search?q=lighthouse&source=web"), "lighthouse");
  EXPECT_EQ(termOf("https://search.brave.com/images?q=puffins"), "puffins");
  EXPECT_EQ(engineOf("https://search.brave.com/search?q=x"), "brave");
  EXPECT_EQ(termOf("https://brave.com/search?q=x"), "");
}

TEST(SearchTerms, YouTube) {
  EXPECT_EQ(termOf("https://www.youtube.com/results?search_query=how+to+draw+a+cat"),
            "how to draw a cat");
  EXPECT_EQ(termOf("https://m.youtube.com/results?sp=EgIQAQ%253D%253D&search_query=phonics"),
            "phonics");
  EXPECT_EQ(termOf("https://www.youtube.com/search?q=minecraft+houses"), "minecraft houses");
  EXPECT_EQ(engineOf("https://youtube.com/results?search_query=x"), "youtube");
  EXPECT_EQ(termOf("https://www.youtube.com/watch?v=dQw4w9WgXcQ"), "");
}

TEST(SearchTerms, WikipediaInAnyLanguage) {
  EXPECT_EQ(termOf("https://en.wikipedia.org/w/"
                   "index.php?search=Great+Fire+of+London&title=Special%3ASearch"),
            "Great Fire of London");
  EXPECT_EQ(termOf("https://en.wikipedia.org/wiki/Special:Search?search=mars+rover"), "mars rover");
  EXPECT_EQ(termOf("https://en.wikipedia.org/wiki/Special:Search/Isambard_Kingdom_Brunel"),
            "Isambard Kingdom Brunel");
  EXPECT_EQ(termOf("https://de.wikipedia.org/wiki/Spezial:Suche?search=K%C3%B6ln"), "K\xC3\xB6ln");
  EXPECT_EQ(termOf("https://fr.m.wikipedia.org/w/index.php?search=ch%C3%A2teau"), "ch\xC3\xA2teau");
  EXPECT_EQ(termOf("https://ja.wikipedia.org/wiki/Special:Search/%E6%9D%B1%E4%BA%AC"),
            "\xE6\x9D\xB1\xE4\xBA\xAC");
  EXPECT_EQ(engineOf("https://cy.wikipedia.org/w/index.php?search=Cymru"), "wikipedia");
  // Reading an article is not a search.
  EXPECT_EQ(termOf("https://en.wikipedia.org/wiki/Isambard_Kingdom_Brunel"), "");
  EXPECT_EQ(termOf("https://en.wikipedia.org/wiki/Special:Search"), "");
  EXPECT_EQ(termOf("https://www.wikipedia.org/?search=x"), "");
  EXPECT_EQ(termOf("https://www.wikipedia.org/"
                   "search-redirect.php?family=wikipedia&language=en&search=volcanoes&go=Go"),
            "volcanoes");
}

TEST(SearchTerms, HostPathQueryStringsWork) {
  auto term = extractSearchTerm("www.google.co.uk", "/search", "q=cats%2Bdogs");
  ASSERT_TRUE(term.has_value());
  EXPECT_EQ(term->term, "cats+dogs");  // an encoded '+' is a plus, not a space
  EXPECT_EQ(term->engine, SearchEngine::kGoogle);
  EXPECT_FALSE(extractSearchTerm("www.example.com", "/search", "q=x").has_value());
}

TEST(SearchTerms, FormBodiesAreReadLikeQueries) {
  // html.duckduckgo.com posts its form: the body is the query.
  auto term = extractSearchTerm("html.duckduckgo.com", "/html/", "q=stone+age+tools&b=");
  ASSERT_TRUE(term.has_value());
  EXPECT_EQ(term->term, "stone age tools");
  EXPECT_EQ(term->engine, SearchEngine::kDuckDuckGo);
}

TEST(SearchTerms, FirstNonEmptyParameterWins) {
  EXPECT_EQ(termOf("https://www.google.com/search?q=&q=second&q=third"), "second");
}

TEST(SearchTerms, CleaningFoldsWhiteSpaceAndKeepsUtf8) {
  EXPECT_EQ(cleanSearchTerm("  many   \t spaces\r\nand\x01lines  "), "many spaces and lines");
  EXPECT_EQ(cleanSearchTerm("caf\xC3\xA9\xC2\xA0"
                            "au\xE3\x80\x80lait"),
            "caf\xC3\xA9 au lait");
  // Not UTF-8: read as Latin-1, as old forms send it.
  EXPECT_EQ(cleanSearchTerm("caf\xE9"), "caf\xC3\xA9");
  EXPECT_EQ(termOf("https://www.google.com/search?q=caf%E9"), "caf\xC3\xA9");
}

TEST(SearchTerms, LongTermsAreCutOnACharacterBoundary) {
  std::string query = "q=";
  for (int i = 0; i < 200; ++i) query += "%C3%A9";  // 400 bytes of 'é'
  auto term = extractSearchTerm("www.google.com", "/search", query);
  ASSERT_TRUE(term.has_value());
  EXPECT_TRUE(term->truncated);
  EXPECT_EQ(term->term.size(), kMaxSearchTermBytes);
  EXPECT_EQ(term->term.substr(0, 2), "\xC3\xA9");
  // Three-byte characters: 85 fit in 256 bytes, not 86.
  std::string three;
  for (int i = 0; i < 100; ++i) three += "\xE2\x82\xAC";
  bool truncated = false;
  std::string cut = cleanSearchTerm(three, &truncated);
  EXPECT_TRUE(truncated);
  EXPECT_EQ(cut.size(), 255u);
  EXPECT_FALSE(cleanSearchTerm("short", &truncated).empty());
  EXPECT_FALSE(truncated);
}

}  // namespace
}  // namespace esafety::search
