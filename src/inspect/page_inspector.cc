#include "inspect/page_inspector.h"

#include <fmt/format.h>

#include "core/text.h"

namespace esafety::inspect {
namespace {

constexpr size_t kFlushAt = 64 * 1024;

std::string_view mediaType(std::string_view content_type) {
  return trim(content_type.substr(0, content_type.find(';')));
}

}  // namespace

BodyType bodyTypeFromContentType(std::string_view content_type) {
  std::string type = asciiLower(mediaType(content_type));
  if (type == "text/html" || type == "application/xhtml+xml") return BodyType::kHtml;
  if (type.starts_with("text/") || type == "application/json" || type.ends_with("+json") ||
      type == "application/xml" || type.ends_with("+xml") || type == "application/javascript" ||
      type == "application/x-javascript") {
    return BodyType::kText;
  }
  return BodyType::kOther;
}

std::string_view charsetParameter(std::string_view content_type) {
  size_t pos = content_type.find(';');
  while (pos != std::string_view::npos) {
    size_t next = content_type.find(';', pos + 1);
    std::string_view param = trim(content_type.substr(pos + 1, next - pos - 1));
    size_t eq = param.find('=');
    if (eq != std::string_view::npos && asciiLower(trim(param.substr(0, eq))) == "charset") {
      std::string_view value = trim(param.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return value;
    }
    pos = next;
  }
  return {};
}

std::string_view inspectStateName(InspectState state) {
  switch (state) {
    case InspectState::kScanning: return "scanning";
    case InspectState::kCapped: return "capped";
    case InspectState::kFinished: return "finished";
    case InspectState::kFailed: return "failed";
  }
  return "?";
}

PageInspector::PageInspector(std::shared_ptr<const PhraseDatabase> db,
                             const PageInspectorOptions& options)
    : type_(bodyTypeFromContentType(options.content_type)),
      text_(charsetFromName(charsetParameter(options.content_type))),
      html_(text_),
      scan_(std::move(db)),
      sink_([this](std::string_view bytes) { decoded(bytes); }) {
  text_.begin();
  auto coding = parseContentEncoding(options.content_encoding);
  if (!coding) {
    fail(DecodeState::kUnsupported, coding.status().message());
    return;
  }
  decoder_.emplace(*coding, options.max_scanned_bytes);
}

void PageInspector::decoded(std::string_view bytes) {
  if (type_ == BodyType::kHtml) {
    html_.feed(bytes);
  } else {
    text_.appendText(bytes);
  }
  if (text_.outputSize() >= kFlushAt) flush();
}

void PageInspector::flush() {
  if (text_.outputSize() == 0) return;
  Status status = scan_.scan(text_.output());
  text_.clearOutput();
  if (!status.isOk() && state_ != InspectState::kFailed) {
    state_ = InspectState::kFailed;
    error_ = status.message();
  }
}

void PageInspector::fail(DecodeState state, std::string message) {
  state_ = InspectState::kFailed;
  decode_state_ = state;
  error_ = std::move(message);
}

InspectState PageInspector::feed(std::string_view body_chunk) {
  if (state_ != InspectState::kScanning) return state_;
  DecodeState decode = decoder_->feed(body_chunk, sink_);
  flush();
  if (decode == DecodeState::kCapped) {
    state_ = InspectState::kCapped;
    decode_state_ = decode;
  } else if (decode != DecodeState::kOk) {
    fail(decode, fmt::format("Content-Encoding {}: {}{}", contentCodingName(decoder_->coding()),
                             decodeStateName(decode),
                             decoder_->error().empty() ? "" : ": " + decoder_->error()));
  }
  return state_;
}

InspectState PageInspector::finish() {
  if (state_ == InspectState::kFinished) return state_;
  if (state_ == InspectState::kScanning) {
    DecodeState decode = decoder_->finish();
    if (decode != DecodeState::kOk) {
      fail(decode, fmt::format("Content-Encoding {}: {}", contentCodingName(decoder_->coding()),
                               decodeStateName(decode)));
    }
  }
  // What was read is scored to its end, whatever happened to the rest.
  if (type_ == BodyType::kHtml) html_.finish();
  text_.finish();
  flush();
  Status status = scan_.finish();
  if (!status.isOk() && state_ != InspectState::kFailed) {
    state_ = InspectState::kFailed;
    error_ = status.message();
  }
  if (state_ == InspectState::kScanning) state_ = InspectState::kFinished;
  return state_;
}

}  // namespace esafety::inspect
