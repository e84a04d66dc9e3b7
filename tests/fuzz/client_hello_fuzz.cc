// libFuzzer target for the TLS ClientHello reader: the first bytes of every
// CONNECT tunnel come from an untrusted client. Each input is read whole and
// cut at every length up to 64 bytes past the first record header (as the
// proxy sees it while reading). Checks: no crash, no read out of bounds
// (ASan), no undefined behaviour (UBSan); a prefix of a complete hello is
// never called malformed or not TLS; a server name, when there is one, is
// lower case, non-empty and at most 255 bytes.
//
//   cmake --preset fuzz && cmake --build --preset fuzz --target client_hello_fuzz
//   build/fuzz/tests/fuzz/client_hello_fuzz -max_total_time=60 tests/fuzz/corpus/client_hello_fuzz
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "proxy/client_hello.h"

using namespace esafety::proxy;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void checkName(const ClientHello& hello) {
  if (!hello.server_name) return;
  const std::string& name = *hello.server_name;
  check(!name.empty() && name.size() <= 255);
  for (char c : name) check(std::tolower(static_cast<unsigned char>(c)) == static_cast<unsigned char>(c));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> bytes(data, size);
  ClientHello whole = parseClientHello(bytes);
  checkName(whole);
  if (whole.state != HelloState::kComplete) return 0;
  // Every prefix of a complete hello is either complete (trailing bytes) or
  // asks for more: the proxy must never refuse a client for reading early.
  for (size_t cut = 0; cut < size && cut < 5 + 64; ++cut) {
    ClientHello part = parseClientHello(bytes.first(cut));
    check(part.state == HelloState::kComplete || part.state == HelloState::kNeedMore);
    checkName(part);
  }
  return 0;
}
