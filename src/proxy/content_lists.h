// Private to src/proxy: what content inspection reads, loaded once and shared
// read-only by every worker: the e2guardian phrase lists compiled into one
// Vectorscan database, and the monitoring lists' term matcher for searches.
//
//   auto phrases = loadPhraseDatabase(config.inspect);   // at start and on SIGHUP
//   shared.phrases.store(*phrases);                      // null: scanning off
//   auto db = shared.phrases.load();                     // per response
//
// Loading logs each bad list line as file:line and reads the rest; a missing
// folder turns scanning off with a warning. Thread safety: the loaders keep
// no state; the results are immutable.
#pragma once

#include <memory>
#include <string>

#include "core/config.h"
#include "core/status.h"

namespace esafety::inspect {
class PhraseDatabase;
}
namespace esafety::search {
class TermMatcher;
}

namespace esafety::proxy {

// Null (and a warning) when `config.phrase_lists` is "" or missing; an error
// only when Vectorscan cannot compile what was read.
Result<std::shared_ptr<const inspect::PhraseDatabase>> loadPhraseDatabase(
    const ServeConfig::Inspect& config);

// The built-in monitoring lists (data/monitoring) and the school's own
// ([inspect] monitoring_lists, "" for none), compiled; a bad line is logged
// with its file:line and skipped.
Result<std::shared_ptr<const search::TermMatcher>> loadMonitoringMatcher(
    const std::string& school_lists = {});

// Only these are scanned: text/html, application/xhtml+xml, text/plain.
bool isScannedContentType(std::string_view content_type);

}  // namespace esafety::proxy
