// Compressors for the tests: the encoders the decoder must undo, and a gzip
// bomb built without compressing a gigabyte. Test-only.
#pragma once

#include <brotli/encode.h>
#include <zlib.h>

#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

namespace esafety::inspect::testing {

// window_bits: 15 + 16 gzip, 15 zlib, -15 raw deflate.
inline std::string deflateWith(std::string_view data, int window_bits, int level = 6) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}
inline std::string gzip(std::string_view data) { return deflateWith(data, 15 + 16); }
inline std::string zlibDeflate(std::string_view data) { return deflateWith(data, 15); }
inline std::string rawDeflate(std::string_view data) { return deflateWith(data, -15); }

inline std::string brotli(std::string_view data, int quality = 5) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size()) + 64;
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                             reinterpret_cast<const uint8_t*>(data.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data()))) {
    throw std::runtime_error("BrotliEncoderCompress");
  }
  out.resize(size);
  return out;
}

// A gzip body that inflates to `mebibytes` MiB of zeros. Deflate cannot do
// better than about 1:1032, so 1 GiB takes about 1 MB; the body is one
// compressed MiB repeated (each copy starts after a full flush, so each is
// valid anywhere) and a trailer whose CRC is combined, not computed.
inline std::string gzipBomb(unsigned mebibytes) {
  const std::string zeros(1 << 20, '\0');
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  std::string block(deflateBound(&z, zeros.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
  z.avail_in = static_cast<uInt>(zeros.size());
  z.next_out = reinterpret_cast<Bytef*>(block.data());
  z.avail_out = static_cast<uInt>(block.size());
  deflate(&z, Z_FULL_FLUSH);
  block.resize(z.total_out);
  deflateEnd(&z);
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
  out.reserve(10 + block.size() * mebibytes + 10);
  uLong crc_mib = crc32(0, reinterpret_cast<const Bytef*>(zeros.data()),
                        static_cast<uInt>(zeros.size()));
  uLong crc = 0;
  for (unsigned i = 0; i < mebibytes; ++i) {
    out += block;
    crc = crc32_combine(crc, crc_mib, static_cast<z_off_t>(zeros.size()));
  }
  out += std::string("\x03\x00", 2);  // a final, empty fixed-Huffman block
  uint32_t size = static_cast<uint32_t>(uint64_t{mebibytes} << 20);
  for (int i = 0; i < 4; ++i) out += static_cast<char>((crc >> (8 * i)) & 0xFF);
  for (int i = 0; i < 4; ++i) out += static_cast<char>((size >> (8 * i)) & 0xFF);
  return out;
}

}  // namespace esafety::inspect::testing
