// Checks every page test shares: the page is a well-formed, self-contained
// HTML5 document. Test-only.
//
//   std::string html = renderBlockPage(info);
//   expectSelfContainedPage(html);
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace esafety::pages::testing {

inline size_t countOf(std::string_view haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// The attribute names of a tag's text (between < and >), lower-cased.
inline std::vector<std::string> attributeNames(std::string_view tag) {
  std::vector<std::string> names;
  size_t i = tag.find_first_of(" \n");
  while (i != std::string_view::npos && i < tag.size()) {
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\n' || tag[i] == '/')) ++i;
    size_t start = i;
    while (i < tag.size() && tag[i] != '=' && tag[i] != ' ' && tag[i] != '\n') ++i;
    if (i > start) names.push_back(asciiLower(tag.substr(start, i - start)));
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        size_t close = tag.find(tag[i], i + 1);
        i = close == std::string_view::npos ? tag.size() : close + 1;
      } else {
        while (i < tag.size() && tag[i] != ' ') ++i;
      }
    }
  }
  return names;
}

// Returns "" when every non-void element is closed in order and no element
// has an event-handler attribute, else what broke.
inline std::string tagBalanceProblem(std::string_view html) {
  static const std::vector<std::string_view> kVoid = {"meta", "input", "br",   "img", "link",
                                                      "hr",   "area",  "base", "col", "wbr"};
  std::vector<std::string> open;
  size_t at = 0;
  while ((at = html.find('<', at)) != std::string_view::npos) {
    size_t end = html.find('>', at);
    if (end == std::string_view::npos) return "unterminated tag";
    std::string_view tag = html.substr(at + 1, end - at - 1);
    at = end + 1;
    if (tag.starts_with("!")) continue;  // doctype; the pages carry no comments
    for (const std::string& attribute : attributeNames(tag)) {
      if (attribute.starts_with("on")) return "event handler in <" + std::string(tag) + ">";
    }
    bool closing = tag.starts_with("/");
    if (closing) tag.remove_prefix(1);
    size_t name_end = tag.find_first_of(" \n/");
    std::string name = asciiLower(tag.substr(0, name_end));
    if (closing) {
      if (open.empty() || open.back() != name) {
        return "</" + name + "> closes " + (open.empty() ? "nothing" : "<" + open.back() + ">");
      }
      open.pop_back();
      continue;
    }
    if (tag.ends_with("/")) continue;  // SVG's self-closing elements
    bool is_void = false;
    for (auto v : kVoid) is_void = is_void || v == name;
    if (is_void) continue;
    open.push_back(name);
    if (name == "style" || name == "textarea" || name == "title") {  // raw text
      size_t close = html.find("</" + name + ">", at);
      if (close == std::string_view::npos) return "<" + name + "> never closed";
      at = close;
    }
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  return "";
}

inline void expectSelfContainedPage(const std::string& html) {
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
  EXPECT_TRUE(contains(html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(contains(html, "<meta name=\"viewport\" content=\"width=device-width"));
  EXPECT_EQ(countOf(html, "<title>"), 1u);
  EXPECT_EQ(countOf(html, "<main"), 1u);
  EXPECT_EQ(countOf(html, "<h1>"), 1u);
  std::string lower = asciiLower(html);
  EXPECT_FALSE(contains(lower, "<script")) << "pages need no script";
  EXPECT_FALSE(contains(lower, "<link")) << "pages load nothing";
  EXPECT_FALSE(contains(lower, "<img")) << "pictures are inline SVG";
  EXPECT_FALSE(contains(lower, "<iframe"));
  EXPECT_FALSE(contains(lower, "url(")) << "CSS fetches nothing";
  EXPECT_FALSE(contains(lower, "@import"));
  EXPECT_FALSE(contains(lower, "@font-face")) << "no web fonts";
  EXPECT_TRUE(isValidUtf8(html));
  EXPECT_EQ(tagBalanceProblem(html), "");
}

}  // namespace esafety::pages::testing
