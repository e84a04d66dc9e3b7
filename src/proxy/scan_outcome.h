// Private to src/proxy: how a response relayed through the phrase scanner
// ended (scanned_relay.h), for the response-scan stage (request_stages.h),
// which turns it into the request's outcome.
#pragma once

#include <boost/system/error_code.hpp>
#include <cstdint>

namespace esafety::proxy {

enum class ScanOutcome : uint8_t {
  kPassed,        // the whole body went to the client
  kBlocked,       // over the limit before any byte went out: send the block page instead
  kCut,           // over the limit after bytes had gone out: cut the client connection
  kInputFailed,   // the site failed or reset mid-body; what came has gone out: cut
  kOutputFailed,  // the client went away
};

struct ScanRelayResult {
  ScanOutcome outcome = ScanOutcome::kPassed;
  uint64_t bytes = 0;  // written to the client
  boost::system::error_code error;
};

}  // namespace esafety::proxy
