// Reference codes: the short code on a block page ("ES-7K3Q-9D2M") that a
// pupil reads out to a teacher, or a visitor types into an email, and that
// the console turns back into the event id.
//
//   std::string ref = formatReference(event.id);        // "ES-7K3Q-9D2M"
//   Result<uint64_t> id = parseReference("es 7k3q 9d2m"); // == event.id
//
// The code is built to be read aloud and typed back:
//   - its alphabet has no 0, O, 1 or I: 2-9 and A-Z without I and O;
//   - parsing ignores case, spaces and hyphens, and the "ES" prefix is optional;
//   - the last character is a check character (Luhn mod 32), so one wrong
//     character, or two neighbours swapped, is caught rather than naming
//     somebody else's event;
//   - ids are scrambled by a fixed bijection before encoding, so the codes of
//     consecutive events do not look alike (ES-2222-2223, ES-2222-2224 would
//     invite guessing). This is not a secret: the console must still check that
//     a reference belongs to the device that sends it.
//
// Length grows with the id: ids below 2^35 (34 billion events) use 8
// characters, "ES-XXXX-XXXX"; below 2^55, 12; any uint64_t, 16. Each id has
// exactly one code, and parseReference(formatReference(id)) == id for all ids.
//
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety::pages {

// The 32 characters a code uses, in value order.
inline constexpr std::string_view kReferenceAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

std::string formatReference(uint64_t event_id);

// kInvalidArgument, with a message a person can act on, for a code with a
// character outside the alphabet, the wrong length, or a failed check.
Result<uint64_t> parseReference(std::string_view text);

}  // namespace esafety::pages
