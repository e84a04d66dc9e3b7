#include "inspect/content_decoder.h"

#include <brotli/decode.h>
#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "core/text.h"

namespace esafety::inspect {

// One decompressor. step() reads what it can of the input and fills `out`;
// ContentDecoder loops over it and hands each block on.
class ContentDecoder::Codec {
 public:
  enum class Step : uint8_t { kNeedInput, kOutputFull, kEnd, kError };
  virtual ~Codec() = default;
  virtual Step step(const uint8_t*& in, size_t& in_size, uint8_t* out, size_t& out_size) = 0;
  virtual bool ended() const = 0;
  virtual std::string error() const = 0;
};

class ContentDecoder::ZlibCodec final : public Codec {
 public:
  // window_bits: 15 + 16 for gzip, 15 for zlib, -15 for raw deflate.
  explicit ZlibCodec(int window_bits) : gzip_(window_bits > 15) {
    std::memset(&z_, 0, sizeof(z_));
    ok_ = inflateInit2(&z_, window_bits) == Z_OK;
  }
  ~ZlibCodec() override {
    if (ok_) inflateEnd(&z_);
  }

  Step step(const uint8_t*& in, size_t& in_size, uint8_t* out, size_t& out_size) override {
    if (!ok_) {
      message_ = "zlib could not start";
      return Step::kError;
    }
    if (ended_) {
      // A gzip body may hold several members; anything else after the end
      // is ignored, as browsers do.
      if (!(gzip_ && in_size > 0 && in[0] == 0x1f)) {
        in += in_size;
        in_size = 0;
        out_size = 0;
        return Step::kEnd;
      }
      inflateReset(&z_);
      ended_ = false;
    }
    z_.next_in = const_cast<Bytef*>(in);
    z_.avail_in = static_cast<uInt>(std::min<size_t>(in_size, 1u << 30));
    z_.next_out = out;
    z_.avail_out = static_cast<uInt>(out_size);
    int rc = inflate(&z_, Z_NO_FLUSH);
    size_t consumed = static_cast<size_t>(z_.next_in - in);
    in += consumed;
    in_size -= consumed;
    out_size -= z_.avail_out;
    switch (rc) {
      case Z_OK:
        return z_.avail_out == 0 ? Step::kOutputFull : Step::kNeedInput;
      case Z_STREAM_END:
        ended_ = true;
        return in_size > 0 && gzip_ ? Step::kOutputFull : Step::kEnd;
      case Z_BUF_ERROR:  // no progress possible: more input is needed
        return Step::kNeedInput;
      default:
        message_ = z_.msg != nullptr ? z_.msg : fmt::format("zlib error {}", rc);
        return Step::kError;
    }
  }
  bool ended() const override { return ended_; }
  std::string error() const override { return message_; }

 private:
  z_stream z_;
  bool gzip_;
  bool ok_ = false;
  bool ended_ = false;
  std::string message_;
};

class ContentDecoder::BrotliCodec final : public Codec {
 public:
  BrotliCodec() : state_(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr)) {}
  ~BrotliCodec() override {
    if (state_ != nullptr) BrotliDecoderDestroyInstance(state_);
  }

  Step step(const uint8_t*& in, size_t& in_size, uint8_t* out, size_t& out_size) override {
    if (state_ == nullptr) {
      message_ = "brotli could not start";
      return Step::kError;
    }
    if (ended_) {
      in += in_size;
      in_size = 0;
      out_size = 0;
      return Step::kEnd;
    }
    size_t avail_out = out_size;
    uint8_t* next_out = out;
    BrotliDecoderResult rc =
        BrotliDecoderDecompressStream(state_, &in_size, &in, &avail_out, &next_out, nullptr);
    out_size -= avail_out;
    switch (rc) {
      case BROTLI_DECODER_RESULT_SUCCESS:
        ended_ = true;
        return Step::kEnd;
      case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
        return Step::kNeedInput;
      case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
        return Step::kOutputFull;
      case BROTLI_DECODER_RESULT_ERROR:
        break;
    }
    message_ = BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state_));
    return Step::kError;
  }
  bool ended() const override { return ended_; }
  std::string error() const override { return message_; }

 private:
  BrotliDecoderState* state_;
  bool ended_ = false;
  std::string message_;
};

Result<ContentCoding> parseContentEncoding(std::string_view header) {
  ContentCoding found = ContentCoding::kIdentity;
  int codings = 0;
  size_t pos = 0;
  while (pos <= header.size()) {
    size_t comma = std::min(header.find(',', pos), header.size());
    std::string lowered = asciiLower(trim(header.substr(pos, comma - pos)));
    pos = comma + 1;
    if (lowered.empty() || lowered == "identity") continue;
    ContentCoding coding;
    if (lowered == "gzip" || lowered == "x-gzip") {
      coding = ContentCoding::kGzip;
    } else if (lowered == "deflate") {
      coding = ContentCoding::kDeflate;
    } else if (lowered == "br") {
      coding = ContentCoding::kBrotli;
    } else {
      return invalidArgument(
          fmt::format("Content-Encoding \"{}\" is not one we decode (gzip, deflate, br)", lowered));
    }
    if (++codings > 1) {
      return invalidArgument(
          fmt::format("Content-Encoding \"{}\" applies several codings; only one is decoded",
                      trim(header)));
    }
    found = coding;
  }
  return found;
}

std::string_view contentCodingName(ContentCoding coding) {
  switch (coding) {
    case ContentCoding::kIdentity: return "identity";
    case ContentCoding::kGzip: return "gzip";
    case ContentCoding::kDeflate: return "deflate";
    case ContentCoding::kBrotli: return "br";
  }
  return "?";
}

std::string_view decodeStateName(DecodeState state) {
  switch (state) {
    case DecodeState::kOk: return "ok";
    case DecodeState::kCapped: return "capped";
    case DecodeState::kCorrupt: return "corrupt";
    case DecodeState::kTruncated: return "truncated";
    case DecodeState::kUnsupported: return "unsupported";
  }
  return "?";
}

ContentDecoder::ContentDecoder(ContentCoding coding, uint64_t max_output)
    : coding_(coding), max_output_(max_output) {
  if (coding == ContentCoding::kGzip) codec_ = std::make_unique<ZlibCodec>(15 + 16);
  if (coding == ContentCoding::kBrotli) codec_ = std::make_unique<BrotliCodec>();
  // deflate waits for its first two bytes to tell zlib from raw deflate.
}

ContentDecoder::~ContentDecoder() = default;

bool ContentDecoder::emit(const char* data, size_t size, const Sink& sink) {
  uint64_t room = max_output_ - decoded_;
  size_t allowed = static_cast<size_t>(std::min<uint64_t>(size, room));
  if (allowed > 0) sink({data, allowed});
  decoded_ += allowed;
  if (allowed < size) {
    state_ = DecodeState::kCapped;
    return false;
  }
  return true;
}

DecodeState ContentDecoder::feed(std::string_view input, const Sink& sink) {
  if (state_ != DecodeState::kOk || input.empty()) return state_;
  fed_ = true;
  if (coding_ == ContentCoding::kIdentity) {
    emit(input.data(), input.size(), sink);
    return state_;
  }
  std::string joined;
  if (codec_ == nullptr) {  // deflate: zlib header or raw?
    if (pending_.size() + input.size() < 2) {
      pending_.append(input);
      return state_;
    }
    joined = pending_;
    joined.append(input);
    pending_.clear();
    input = joined;
    auto cmf = static_cast<uint8_t>(input[0]);
    auto flg = static_cast<uint8_t>(input[1]);
    bool zlib = (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
    codec_ = std::make_unique<ZlibCodec>(zlib ? 15 : -15);
  }
  if (!block_) block_ = std::make_unique<uint8_t[]>(kDecodeBlock);
  auto in = reinterpret_cast<const uint8_t*>(input.data());
  size_t in_size = input.size();
  while (true) {
    size_t out_size = kDecodeBlock;
    size_t in_before = in_size;
    Codec::Step step = codec_->step(in, in_size, block_.get(), out_size);
    if (out_size > 0 && !emit(reinterpret_cast<const char*>(block_.get()), out_size, sink)) {
      return state_;
    }
    if (step == Codec::Step::kError) {
      state_ = DecodeState::kCorrupt;
      error_ = codec_->error();
      return state_;
    }
    if (step == Codec::Step::kEnd) return state_;
    if (step == Codec::Step::kNeedInput && (in_size == 0 || in_size == in_before)) return state_;
  }
}

DecodeState ContentDecoder::finish() {
  if (state_ != DecodeState::kOk || coding_ == ContentCoding::kIdentity) return state_;
  if (!fed_) return state_;  // an empty body has nothing to decode
  if (codec_ == nullptr || !codec_->ended()) state_ = DecodeState::kTruncated;
  return state_;
}

}  // namespace esafety::inspect
