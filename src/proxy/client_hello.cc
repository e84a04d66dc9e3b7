#include "proxy/client_hello.h"

#include <cctype>

namespace esafety::proxy {
namespace {

// A bounds-checked reader over a byte range; any overrun sets `ok` false and
// every later read returns zero.
class Reader {
 public:
  explicit Reader(std::span<const uint8_t> bytes) : bytes_(bytes) {}
  bool ok() const { return ok_; }
  size_t remaining() const { return ok_ ? bytes_.size() - pos_ : 0; }
  uint32_t u8() { return take(1) ? bytes_[pos_ - 1] : 0; }
  uint32_t u16() { return take(2) ? (uint32_t{bytes_[pos_ - 2]} << 8) | bytes_[pos_ - 1] : 0; }
  uint32_t u24() {
    return take(3) ? (uint32_t{bytes_[pos_ - 3]} << 16) | (uint32_t{bytes_[pos_ - 2]} << 8) |
                         bytes_[pos_ - 1]
                   : 0;
  }
  void skip(size_t n) { take(n); }
  std::span<const uint8_t> sub(size_t n) {
    if (!take(n)) return {};
    return bytes_.subspan(pos_ - n, n);
  }

 private:
  bool take(size_t n) {
    if (!ok_ || bytes_.size() - pos_ < n) {
      ok_ = false;
      return false;
    }
    pos_ += n;
    return true;
  }
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void parseExtensions(Reader& ext, ClientHello& out) {
  while (ext.ok() && ext.remaining() >= 4) {
    uint32_t type = ext.u16();
    uint32_t length = ext.u16();
    Reader body(ext.sub(length));
    if (!ext.ok()) break;
    if (type == 0) {  // server_name
      Reader list(body.sub(body.u16()));
      while (list.ok() && list.remaining() >= 3) {
        uint32_t name_type = list.u8();
        auto name = list.sub(list.u16());
        if (!list.ok()) break;
        if (name_type == 0 && !name.empty() && name.size() <= 255) {
          std::string host;
          bool clean = true;
          for (uint8_t c : name) {
            if (c <= 0x20 || c >= 0x7F) clean = false;
            host += static_cast<char>(std::tolower(c));
          }
          if (clean) out.server_name = std::move(host);
          break;
        }
      }
    } else if (type == 16) {  // ALPN
      Reader list(body.sub(body.u16()));
      while (list.ok() && list.remaining() >= 1) {
        auto proto = list.sub(list.u8());
        if (!list.ok()) break;
        static const char kHttp11[] = "http/1.1";
        if (proto.size() == 8 && std::equal(proto.begin(), proto.end(), kHttp11)) {
          out.offers_http11 = true;
        }
      }
    }
  }
}

}  // namespace

ClientHello parseClientHello(std::span<const uint8_t> bytes) {
  ClientHello out;
  if (bytes.empty()) {
    out.state = HelloState::kNeedMore;
    return out;
  }
  if (bytes[0] != 22) {  // handshake record
    out.state = HelloState::kNotTls;
    return out;
  }
  if (bytes.size() < 5) {
    out.state = HelloState::kNeedMore;
    return out;
  }
  if (bytes[1] != 3) {
    out.state = HelloState::kNotTls;
    return out;
  }
  // The ClientHello may span several records; join their payloads.
  std::basic_string<uint8_t> handshake;
  size_t pos = 0;
  uint32_t needed = 0;
  while (true) {
    if (bytes.size() - pos < 5) {
      out.state = HelloState::kNeedMore;
      return out;
    }
    if (bytes[pos] != 22 || bytes[pos + 1] != 3) {
      out.state = HelloState::kMalformed;
      return out;
    }
    size_t record_length = (size_t{bytes[pos + 3]} << 8) | bytes[pos + 4];
    if (record_length == 0 || record_length > 16384) {
      out.state = HelloState::kMalformed;
      return out;
    }
    size_t available = std::min(record_length, bytes.size() - pos - 5);
    handshake.append(bytes.data() + pos + 5, available);
    if (handshake.size() >= 4 && needed == 0) {
      if (handshake[0] != 1) {  // ClientHello
        out.state = HelloState::kMalformed;
        return out;
      }
      needed = (uint32_t{handshake[1]} << 16) | (uint32_t{handshake[2]} << 8) | handshake[3];
      if (needed > kMaxHelloBytes) {
        out.state = HelloState::kMalformed;
        return out;
      }
    }
    if (needed != 0 && handshake.size() >= needed + 4) break;
    if (available < record_length) {
      out.state = HelloState::kNeedMore;
      return out;
    }
    pos += 5 + record_length;
    if (pos >= kMaxHelloBytes) {
      out.state = HelloState::kMalformed;
      return out;
    }
  }
  Reader r(std::span<const uint8_t>(handshake.data() + 4, needed));
  r.skip(2 + 32);        // client_version, random
  r.skip(r.u8());        // session_id
  r.skip(r.u16());       // cipher_suites
  r.skip(r.u8());        // compression_methods
  if (!r.ok()) {
    out.state = HelloState::kMalformed;
    return out;
  }
  if (r.remaining() >= 2) {
    Reader ext(r.sub(r.u16()));
    if (!r.ok()) {
      out.state = HelloState::kMalformed;
      return out;
    }
    parseExtensions(ext, out);
  }
  out.state = HelloState::kComplete;
  return out;
}

}  // namespace esafety::proxy
