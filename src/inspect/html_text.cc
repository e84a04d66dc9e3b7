#include "inspect/html_text.h"

#include <cstring>

#include "inspect/byte_search.h"
#include "inspect/html_entities.h"

namespace esafety::inspect {
namespace {

constexpr size_t kMaxEntity = 32;  // longer than any name we know

bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool isHexDigit(char c) {
  return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isTagSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Phrasing elements a browser runs into the text around them.
bool isInlineTag(std::string_view name) {
  static constexpr std::string_view kInline[] = {
      "a",    "abbr", "b",     "bdi",   "bdo",    "big",  "cite", "code", "data",
      "del",  "dfn",  "em",    "font",  "i",      "ins",  "kbd",  "mark", "q",
      "s",    "samp", "small", "span",  "strike", "strong", "sub", "sup", "time",
      "tt",   "u",    "var",   "wbr"};
  for (std::string_view tag : kInline) {
    if (tag == name) return true;
  }
  return false;
}

}  // namespace

void HtmlTextExtractor::feed(std::string_view html) {
  const char* p = html.data();
  const char* end = p + html.size();
  while (p < end) {
    switch (state_) {
      case State::kText: p = text(p, end); break;
      case State::kTagOpen: p = tagOpen(p, end); break;
      case State::kTagName: p = tagName(p, end); break;
      case State::kTagBody: p = tagBody(p, end); break;
      case State::kQuoted: p = quoted(p, end); break;
      case State::kMarkupDecl: p = markupDecl(p, end); break;
      case State::kComment: p = comment(p, end); break;
      case State::kBogus: p = bogus(p, end); break;
      case State::kRawText: p = rawText(p, end); break;
      case State::kEntity: p = entity(p, end); break;
    }
  }
}

void HtmlTextExtractor::finish() {
  if (state_ == State::kEntity) {
    // The page ends the reference: read it as if a non-name byte followed, so
    // "&#233" and the legacy "&amp" still decode.
    const char terminator = '\0';
    entity(&terminator, &terminator + 1);
    if (state_ == State::kEntity) emitEntityAsText();
  } else if (state_ == State::kTagOpen && !closing_) {
    out_.appendText("<");
  }
  state_ = State::kText;
}

const char* HtmlTextExtractor::text(const char* p, const char* end) {
  const char* special = findEitherOf(p, end, '<', '&');
  if (special > p) out_.appendText({p, static_cast<size_t>(special - p)});
  if (special == end) return end;
  if (*special == '<') {
    state_ = State::kTagOpen;
    closing_ = false;
  } else {
    state_ = State::kEntity;
    entity_size_ = 0;
  }
  return special + 1;
}

const char* HtmlTextExtractor::tagOpen(const char* p, const char* end) {
  char c = *p;
  if (isAsciiLetter(c)) {
    state_ = State::kTagName;
    name_size_ = 0;
    return p;
  }
  if (!closing_) {
    if (c == '/') {
      closing_ = true;
      return p + 1;
    }
    if (c == '!') {
      state_ = State::kMarkupDecl;
      dashes_ = 0;
      return p + 1;
    }
    if (c == '?') {
      state_ = State::kBogus;
      return p + 1;
    }
    out_.appendText("<");  // "a < b": a '<' that opens nothing is text
    state_ = State::kText;
    return p;
  }
  // "</" then something that is not a letter: "</>" is nothing, the rest a
  // bogus comment up to '>'.
  state_ = c == '>' ? State::kText : State::kBogus;
  return p + 1;
}

const char* HtmlTextExtractor::tagName(const char* p, const char* end) {
  for (; p < end; ++p) {
    char c = *p;
    if (isTagSpace(c) || c == '/' || c == '>') {
      startTag();
      state_ = State::kTagBody;
      last_in_tag_ = 0;
      return p;
    }
    if (name_size_ < sizeof(name_) - 1) name_[name_size_] = lower(c);
    if (name_size_ < 255) ++name_size_;
  }
  return end;
}

void HtmlTextExtractor::startTag() {
  std::string_view name(name_, name_size_ < sizeof(name_) ? name_size_ : 0);
  meta_ = false;
  raw_after_ = false;
  if (!isInlineTag(name)) out_.appendSeparator();
  if (closing_) return;
  if (name == "meta") {
    meta_ = true;
    out_.appendText("meta ");
  } else if (name == "script") {
    raw_after_ = true;
    raw_end_ = "</script";
  } else if (name == "style") {
    raw_after_ = true;
    raw_end_ = "</style";
  }
}

const char* HtmlTextExtractor::tagBody(const char* p, const char* end) {
  const char* stop = findAnyOf(p, end, '>', '"', '\'');
  if (meta_ && stop > p) out_.appendText({p, static_cast<size_t>(stop - p)});
  // The last non-space byte before `stop` decides whether a quote opens a value.
  for (const char* q = stop; q > p; --q) {
    if (!isTagSpace(q[-1])) {
      last_in_tag_ = q[-1];
      break;
    }
  }
  if (stop == end) return end;
  if (*stop == '>') {
    if (meta_) out_.appendSeparator();
    meta_ = false;
    if (raw_after_) {
      state_ = State::kRawText;
      match_ = 0;
    } else {
      state_ = State::kText;
    }
    return stop + 1;
  }
  if (meta_) out_.appendText({stop, 1});
  if (last_in_tag_ == '=') {
    state_ = State::kQuoted;
    quote_ = *stop;
  }
  last_in_tag_ = *stop;
  return stop + 1;
}

const char* HtmlTextExtractor::quoted(const char* p, const char* end) {
  const char* close =
      static_cast<const char*>(std::memchr(p, quote_, static_cast<size_t>(end - p)));
  const char* stop = close == nullptr ? end : close;
  if (meta_ && stop > p) out_.appendText({p, static_cast<size_t>(stop - p)});
  if (close == nullptr) return end;
  if (meta_) out_.appendText({close, 1});
  state_ = State::kTagBody;
  last_in_tag_ = quote_;
  return close + 1;
}

const char* HtmlTextExtractor::markupDecl(const char* p, const char* end) {
  // dashes_ counts the '-' read after "<!".
  if (*p == '-') {
    if (++dashes_ == 2) {
      state_ = State::kComment;
      dashes_ = 2;  // "<!-->" and "<!--->" are empty comments
    }
    return p + 1;
  }
  state_ = State::kBogus;
  return p;
}

const char* HtmlTextExtractor::comment(const char* p, const char* end) {
  const char* gt = static_cast<const char*>(std::memchr(p, '>', static_cast<size_t>(end - p)));
  const char* stop = gt == nullptr ? end : gt;
  // Count the '-' just before `stop`, carrying the count over chunks.
  size_t run = 0;
  while (stop - run > p && stop[-1 - static_cast<ptrdiff_t>(run)] == '-') ++run;
  uint8_t dashes = stop - run == p ? static_cast<uint8_t>(dashes_ + run > 2 ? 2 : dashes_ + run)
                                   : static_cast<uint8_t>(run > 2 ? 2 : run);
  if (gt == nullptr) {
    dashes_ = dashes;
    return end;
  }
  if (dashes >= 2) {
    state_ = State::kText;  // "-->"
  } else {
    dashes_ = 0;
  }
  return gt + 1;
}

const char* HtmlTextExtractor::bogus(const char* p, const char* end) {
  const char* gt = static_cast<const char*>(std::memchr(p, '>', static_cast<size_t>(end - p)));
  if (gt == nullptr) return end;
  state_ = State::kText;
  return gt + 1;
}

const char* HtmlTextExtractor::rawText(const char* p, const char* end) {
  while (p < end) {
    if (match_ == 0) {
      p = static_cast<const char*>(std::memchr(p, '<', static_cast<size_t>(end - p)));
      if (p == nullptr) return end;
      match_ = 1;
      ++p;
      continue;
    }
    char c = *p;
    if (match_ < raw_end_.size()) {
      if (lower(c) == raw_end_[match_]) {
        ++match_;
        ++p;
      } else {
        match_ = 0;  // re-read c: it may be the next '<'
      }
      continue;
    }
    // "</script" read: an end tag only if the name ends here.
    match_ = 0;
    if (isTagSpace(c) || c == '/' || c == '>') {
      closing_ = true;
      meta_ = false;
      raw_after_ = false;
      out_.appendSeparator();
      state_ = State::kTagBody;
      last_in_tag_ = 0;
      return p;
    }
  }
  return end;
}

const char* HtmlTextExtractor::entity(const char* p, const char* end) {
  for (; p < end; ++p) {
    char c = *p;
    bool numeric = entity_size_ > 0 && entity_[0] == '#';
    if (entity_size_ == 0 && c == '#') {
      entity_[entity_size_++] = c;
      continue;
    }
    if (numeric) {
      bool hex = entity_size_ > 1 && (entity_[1] == 'x' || entity_[1] == 'X');
      if (entity_size_ == 1 && (c == 'x' || c == 'X')) {
        entity_[entity_size_++] = c;
        continue;
      }
      if ((hex ? isHexDigit(c) : isAsciiDigit(c)) && entity_size_ < kMaxEntity) {
        entity_[entity_size_++] = c;
        continue;
      }
      size_t digits_at = hex ? 2 : 1;
      if (entity_size_ <= digits_at) {  // "&#" or "&#x" without digits
        emitEntityAsText();
        return p;
      }
      unsigned long value = 0;
      for (size_t i = digits_at; i < entity_size_; ++i) {
        char d = entity_[i];
        unsigned digit = isAsciiDigit(d) ? d - '0' : (lower(d) - 'a' + 10);
        value = value * (hex ? 16 : 10) + digit;
        if (value > 0x10FFFF) value = 0x110000;  // clamp: stays out of range
      }
      endEntity(numericEntity(value));
      return c == ';' ? p + 1 : p;
    }
    if ((isAsciiLetter(c) || isAsciiDigit(c)) && entity_size_ < kMaxEntity) {
      entity_[entity_size_++] = c;
      continue;
    }
    std::string_view name(entity_, entity_size_);
    bool needs_semicolon = true;
    char32_t cp = entity_size_ == 0 ? 0 : namedEntity(name, &needs_semicolon);
    if (cp != 0 && (c == ';' || !needs_semicolon)) {
      endEntity(cp);
      return c == ';' ? p + 1 : p;
    }
    emitEntityAsText();
    return p;
  }
  return end;
}

void HtmlTextExtractor::endEntity(char32_t cp) {
  out_.appendCodePoint(cp);
  state_ = State::kText;
}

void HtmlTextExtractor::emitEntityAsText() {
  out_.appendText("&");
  out_.appendText({entity_, entity_size_});
  state_ = State::kText;
}

}  // namespace esafety::inspect
