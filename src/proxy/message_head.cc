#include "proxy/message_head.h"

#include <charconv>

namespace esafety::proxy {
namespace http = boost::beast::http;
namespace {

void appendVersion(unsigned version, std::string& out) {
  out += "HTTP/";
  out += static_cast<char>('0' + version / 10 % 10);
  out += '.';
  out += static_cast<char>('0' + version % 10);
}

void appendFields(const http::fields& fields, std::string& out) {
  for (const auto& field : fields) {
    out.append(field.name_string().data(), field.name_string().size());
    out += ": ";
    out.append(field.value().data(), field.value().size());
    out += "\r\n";
  }
  out += "\r\n";
}

}  // namespace

void appendHead(const http::request_header<>& head, std::string& out) {
  auto method = head.method_string();
  auto target = head.target();
  out.append(method.data(), method.size());
  out += ' ';
  out.append(target.data(), target.size());
  out += ' ';
  appendVersion(head.version(), out);
  out += "\r\n";
  appendFields(head, out);
}

void appendHead(const http::response_header<>& head, std::string& out) {
  appendVersion(head.version(), out);
  char status[8];
  auto [end, ec] = std::to_chars(status, status + sizeof status, head.result_int());
  out += ' ';
  out.append(status, end);
  out += ' ';
  auto reason = head.reason();
  out.append(reason.data(), reason.size());
  out += "\r\n";
  appendFields(head, out);
}

ChunkSizeLine::ChunkSizeLine(size_t size) {
  auto [end, ec] = std::to_chars(bytes_.data(), bytes_.data() + bytes_.size() - 2, size, 16);
  end[0] = '\r';
  end[1] = '\n';
  length_ = static_cast<size_t>(end + 2 - bytes_.data());
}

std::span<const boost::asio::const_buffer> OutgoingMessage::pieces(std::string_view piece,
                                                                 bool last) {
  size_t count = 0;
  if (!head_sent_) {
    buffers_[count++] = boost::asio::buffer(head_);
    head_sent_ = true;
  }
  if (has_body_ && !piece.empty()) {
    if (chunked_) {
      size_line_ = ChunkSizeLine(piece.size());
      buffers_[count++] = boost::asio::buffer(size_line_.view().data(), size_line_.view().size());
    }
    buffers_[count++] = boost::asio::buffer(piece.data(), piece.size());
    if (chunked_) buffers_[count++] = boost::asio::buffer("\r\n", 2);
  }
  if (has_body_ && last && chunked_) {
    buffers_[count++] = boost::asio::buffer(kLastChunk.data(), kLastChunk.size());
  }
  return {buffers_.data(), count};
}

}  // namespace esafety::proxy
