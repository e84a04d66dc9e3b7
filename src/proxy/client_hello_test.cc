#include "proxy/client_hello.h"

#include <gtest/gtest.h>

#include <vector>

namespace esafety::proxy {
namespace {

// Builds a minimal TLS 1.2-style ClientHello with the given SNI and ALPN.
std::vector<uint8_t> hello(const std::string& sni, bool alpn = true, size_t split_at = 0) {
  std::vector<uint8_t> ext;
  auto put16 = [](std::vector<uint8_t>& v, size_t x) {
    v.push_back(static_cast<uint8_t>(x >> 8));
    v.push_back(static_cast<uint8_t>(x));
  };
  if (!sni.empty()) {
    put16(ext, 0);
    put16(ext, sni.size() + 5);
    put16(ext, sni.size() + 3);
    ext.push_back(0);
    put16(ext, sni.size());
    ext.insert(ext.end(), sni.begin(), sni.end());
  }
  if (alpn) {
    std::string protos = "\x02h2\x08http/1.1";
    put16(ext, 16);
    put16(ext, protos.size() + 2);
    put16(ext, protos.size());
    ext.insert(ext.end(), protos.begin(), protos.end());
  }
  std::vector<uint8_t> body = {3, 3};
  body.insert(body.end(), 32, 0xAB);  // random
  body.push_back(0);                  // session id
  put16(body, 2);
  body.push_back(0x13);
  body.push_back(0x01);               // one cipher suite
  body.push_back(1);
  body.push_back(0);                  // compression: null
  put16(body, ext.size());
  body.insert(body.end(), ext.begin(), ext.end());
  std::vector<uint8_t> hs = {1, 0, static_cast<uint8_t>(body.size() >> 8),
                             static_cast<uint8_t>(body.size())};
  hs.insert(hs.end(), body.begin(), body.end());
  std::vector<uint8_t> out;
  auto record = [&](size_t from, size_t to) {
    out.push_back(22);
    out.push_back(3);
    out.push_back(1);
    put16(out, to - from);
    out.insert(out.end(), hs.begin() + static_cast<long>(from), hs.begin() + static_cast<long>(to));
  };
  if (split_at == 0 || split_at >= hs.size()) {
    record(0, hs.size());
  } else {
    record(0, split_at);
    record(split_at, hs.size());
  }
  return out;
}

TEST(ClientHello, ReadsServerNameAndAlpn) {
  auto bytes = hello("Blocked.Example");
  auto h = parseClientHello(bytes);
  EXPECT_EQ(h.state, HelloState::kComplete);
  EXPECT_EQ(h.server_name.value_or(""), "blocked.example");
  EXPECT_TRUE(h.offers_http11);
}

TEST(ClientHello, NoSniIsCompleteWithoutAName) {
  auto h = parseClientHello(hello("", false));
  EXPECT_EQ(h.state, HelloState::kComplete);
  EXPECT_FALSE(h.server_name);
}

TEST(ClientHello, EveryPrefixAsksForMore) {
  auto bytes = hello("www.example.com");
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto h = parseClientHello(std::span(bytes.data(), n));
    EXPECT_EQ(h.state, HelloState::kNeedMore) << n;
  }
}

TEST(ClientHello, SpansTwoRecords) {
  auto h = parseClientHello(hello("split.example", true, 20));
  EXPECT_EQ(h.state, HelloState::kComplete);
  EXPECT_EQ(h.server_name.value_or(""), "split.example");
}

TEST(ClientHello, NotTlsAndMalformed) {
  std::string get = "GET / HTTP/1.1\r\n";
  EXPECT_EQ(parseClientHello(std::span(reinterpret_cast<const uint8_t*>(get.data()), get.size())).state,
            HelloState::kNotTls);
  auto bytes = hello("x.example");
  bytes[5] = 2;  // ServerHello, not ClientHello
  EXPECT_EQ(parseClientHello(bytes).state, HelloState::kMalformed);
  bytes = hello("x.example");
  bytes[3] = 0;
  bytes[4] = 0;  // zero-length record
  EXPECT_EQ(parseClientHello(bytes).state, HelloState::kMalformed);
  // A server_name length that runs past its extension.
  bytes = hello("x.example", false);
  bytes[bytes.size() - 10] = 0xFF;
  auto h = parseClientHello(bytes);
  EXPECT_NE(h.server_name.value_or(""), "x.example");
}

}  // namespace
}  // namespace esafety::proxy
