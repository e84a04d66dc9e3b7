#include "control/mail_backoff.h"

namespace esafety::control {

int64_t mailRetryDelaySeconds(int failures) {
  int64_t delay = kFirstMailRetrySeconds;
  for (int i = 1; i < failures && delay < kLongestMailRetrySeconds; ++i) delay *= 2;
  return delay < kLongestMailRetrySeconds ? delay : kLongestMailRetrySeconds;
}

}  // namespace esafety::control
