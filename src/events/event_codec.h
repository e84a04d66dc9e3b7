// The compact byte form of an Event that the EventQueue holds (DESIGN.md §2).
// An Event is a fixed 1.6 KB record so that the data plane never allocates,
// but a typical one (a DNS query, a short URL) uses 150-300 bytes of it: the
// queue stores only the used bytes, so its ring is a few MB, not a hundred.
//
//   uint8_t buffer[kMaxEncodedEventSize];
//   size_t n = encodeEvent(event, buffer);        // n == encodedEventSize(event)
//   Event back;
//   if (!decodeEvent({buffer, n}, back)) { /* not something encodeEvent wrote */ }
//
// The form is private to one process (never stored, never sent): fields in
// declaration order, integers in host byte order, each string as a 16-bit
// length and its bytes. Every field of Event is in it; event_codec.cc checks
// sizeof(Event) at compile time so that a new field cannot be forgotten.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "events/event.h"

namespace esafety::events {

// The fixed part: every field but the strings, plus the strings' lengths.
inline constexpr size_t kEncodedEventFixedSize = 87 + 9 * 2;
// The largest encoding: every string at its limit.
inline constexpr size_t kMaxEncodedEventSize =
    kEncodedEventFixedSize + 64 + 64 + 32 + 16 + 1024 + 48 + 256 + 160 + 96;

size_t encodedEventSize(const Event& event);
// Writes exactly encodedEventSize(event) bytes to `out` and returns that count.
size_t encodeEvent(const Event& event, uint8_t* out);
// Sets every field of `out` from `in`; false (with `out` partly set) when `in`
// is shorter than its lengths say or has bytes left over.
bool decodeEvent(std::span<const uint8_t> in, Event& out);

}  // namespace esafety::events
