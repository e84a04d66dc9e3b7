// HtmlTextExtractor: the text a reader sees on an HTML page, from the page's
// bytes in chunks of any size, in one pass and bounded memory (a few dozen
// bytes of state, however long a line or a tag is).
//   - tags are removed; a block-level tag (<p>, <td>, <br>...) is a word
//     break, an inline one (<b>, <span>, <a>...) is not, so "<b>p</b>orn"
//     reads "porn" as a browser shows it;
//   - comments, <!DOCTYPE> and <?...?> are removed; so is everything inside
//     <script> and <style>;
//   - attribute values in quotes may hold '>' ("<a title='a>b'>");
//   - a <meta> tag's attributes are kept as text, so the content labels of
//     e2guardian's safelabel and rta lists ("meta name=rating content=mature")
//     can match;
//   - character references are decoded: the named ones in html_entities.h and
//     every numeric one; an unknown one stays as written.
// The text goes to a TextNormalizer, which folds case and decodes the charset.
//
//   TextNormalizer text(Charset::kUtf8);
//   HtmlTextExtractor html(text);
//   text.begin();
//   for (auto chunk : body) html.feed(chunk);
//   html.finish();
//   text.finish();
//
// Not thread-safe; one per page. The normalizer must outlive the extractor.
#pragma once

#include <cstdint>
#include <string_view>

#include "inspect/text_normalizer.h"

namespace esafety::inspect {

class HtmlTextExtractor {
 public:
  explicit HtmlTextExtractor(TextNormalizer& out) : out_(out) {}

  void feed(std::string_view html);
  // Ends the page: a reference or '<' left open at the end is text.
  void finish();

 private:
  enum class State : uint8_t {
    kText,        // between tags
    kTagOpen,     // after '<' (or "</")
    kTagName,     // reading the tag's name
    kTagBody,     // attributes, up to '>'
    kQuoted,      // inside a quoted attribute value
    kMarkupDecl,  // after "<!": a comment or a declaration
    kComment,     // inside <!-- -->
    kBogus,       // <!DOCTYPE ...>, <?xml ...?>, </ 3>: up to '>'
    kRawText,     // inside <script> or <style>, up to its end tag
    kEntity,      // after '&'
  };

  const char* text(const char* p, const char* end);
  const char* tagOpen(const char* p, const char* end);
  const char* tagName(const char* p, const char* end);
  const char* tagBody(const char* p, const char* end);
  const char* quoted(const char* p, const char* end);
  const char* markupDecl(const char* p, const char* end);
  const char* comment(const char* p, const char* end);
  const char* bogus(const char* p, const char* end);
  const char* rawText(const char* p, const char* end);
  const char* entity(const char* p, const char* end);

  void startTag();       // the name is read: decide what the tag does
  void emitEntityAsText();
  void endEntity(char32_t cp);

  TextNormalizer& out_;
  State state_ = State::kText;
  bool closing_ = false;     // "</name"
  bool meta_ = false;        // copying a <meta> tag's attributes as text
  bool raw_after_ = false;   // the tag opens <script> or <style>
  char quote_ = 0;
  char last_in_tag_ = 0;     // the last non-space byte seen in the tag body
  uint8_t dashes_ = 0;       // '-' bytes just before, in a comment
  uint8_t match_ = 0;        // bytes of "</script" or "</style" matched
  uint8_t name_size_ = 0;
  char name_[16] = {};       // the tag name, lower case, cut at 15 bytes
  std::string_view raw_end_; // "</script" or "</style"
  uint8_t entity_size_ = 0;
  char entity_[40] = {};     // the reference's bytes after '&'
};

}  // namespace esafety::inspect
