// RestrictionPublisher: hands the device restrictions in force from the
// store to the proxy's RestrictionBoard (policy/restriction_board.h). The
// console's changes publish at once (DeviceRestrictions calls publish());
// `esafety serve` also calls publishIfChanged() about every second, which
// reads one row (the store's restriction generation) and publishes only when
// another process (the CLI) changed something.
//
//   RestrictionPublisher publisher(store, kDefaultSchool, clock, board);
//   publisher.publish();                 // at start
//   publisher.publishIfChanged();        // each second
//   publisher.published().listen(...);   // told the generation after each publish
//
// Thread safety: any thread; one publish at a time (a Mutex), so an older
// set never replaces a newer one.
#pragma once

#include <cstdint>

#include "core/clock.h"
#include "core/listeners.h"
#include "core/mutex.h"
#include "core/status.h"
#include "policy/restriction_board.h"
#include "store/store.h"

namespace esafety::control {

class RestrictionPublisher {
 public:
  RestrictionPublisher(store::Store& store, policy::SchoolId school, const Clock& clock,
                       policy::RestrictionBoard& board)
      : store_(store), school_(school), clock_(clock), board_(board) {}

  // Reads the restrictions in force and publishes them. On a store error the
  // board keeps what it had.
  Status publish();
  // publish() when the store's restriction generation moved since the last
  // publish; true when it published.
  Result<bool> publishIfChanged();
  // Told the store's restriction generation after each publish (on the
  // publishing thread): the console's class views read their room again.
  Listeners<int64_t>& published() { return published_; }

 private:
  Status publishLocked() REQUIRES(mutex_);

  store::Store& store_;
  policy::SchoolId school_;
  const Clock& clock_;
  policy::RestrictionBoard& board_;
  Mutex mutex_;
  int64_t published_generation_ GUARDED_BY(mutex_) = -1;
  Listeners<int64_t> published_;
};

}  // namespace esafety::control
