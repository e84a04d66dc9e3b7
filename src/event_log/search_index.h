// The activity search's index (migration 0002_search_index.sql): a search
// for a pupil, a device or a site reads one range of events_search, newest
// first, instead of testing every event in the asked time range.
//
// Keys: "p:" + the user's name and "p:" + the device's name (the console's
// "pupil or device" filter), and "h:" + the host and each of its parent
// domains with two labels or more, so that "site.example" finds
// www.site.example too.
//
// The index is brought up to date in passes (extendSearchIndex) that take
// thousands of events at once, sorted by key, so each index page a pass
// touches takes many rows. Maintaining it row by row in every batch would
// touch an index page per row and, measured, cut the writer's rate tenfold.
// Events newer than the last pass are found by reading them directly (they
// are few), so a search is always complete.
//
//   std::vector<std::string> keys;
//   searchKeysInto("Pupil 5", "iPad 3", "www.site.example", keys);
//   // {"p:Pupil 5", "p:iPad 3", "h:www.site.example", "h:site.example"}
//   auto key = searchKeyFor(query);     // "p:Pupil 5", or nullopt: no usable key
//   auto done = extendSearchIndex(db, 20000);   // the writer's connection
//
// Threads: plain functions over a connection the caller owns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "event_log/event_store.h"
#include "sqlite/database.h"

namespace esafety::events {

// Appends the event's search keys to `keys` (which it does not clear).
void searchKeysInto(std::string_view user, std::string_view device, std::string_view host,
                    std::vector<std::string>& keys);

// What the index stores for a key: its XXH3-64 hash (collisions are safe:
// every search also tests the event's own fields).
int64_t searchKeyHash(std::string_view key);

// The key that answers `q` from the index: its user filter, else its host
// filter when that names a domain of two labels or more. nullopt otherwise.
std::optional<std::string> searchKeyFor(const EventQuery& q);

// The highest event id whose keys are in the index.
Result<int64_t> searchIndexedThrough(sqlite::Database& db);

// Indexes up to `max_events` events after searchIndexedThrough(), in one
// write transaction, and returns how many it took (0: the index is current).
Result<int64_t> extendSearchIndex(sqlite::Database& db, int64_t max_events);

}  // namespace esafety::events
