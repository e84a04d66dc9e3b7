// EventStore: where events are kept (DESIGN.md §5: append-only, indexed by
// time, purged later by retention rules). The EventWriter appends batches;
// `esafety logs` and (later) the console query them.
//
//   EventQuery q;
//   q.from_ms = start; q.verdict = policy::Verdict::kBlock; q.host = "example.com";
//   auto rows = store.query(q);           // newest first, at most q.limit
//   auto total = store.count(q);          // ignores limit and offset
//
// There is deliberately no update or delete: the log is evidence. Retention
// purges will come as their own, audited operation.
//
// Threads: an EventStore is not internally synchronised; each thread uses its
// own instance (with SQLite, its own connection: WAL lets readers run while
// the writer appends). Implementations: sqlite_event_store.h; tests use fakes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "events/event.h"

namespace esafety::events {

// Filters; an empty or unset field matches everything. All given filters
// must match (AND).
struct EventQuery {
  int64_t school = 1;
  std::optional<int64_t> from_ms;  // time_ms >= from_ms
  std::optional<int64_t> to_ms;    // time_ms <  to_ms
  std::string client_ip;           // exact, in Event::clientIpText() form
  std::string group;               // exact group name
  std::optional<policy::Verdict> verdict;
  std::string category;  // exact category name
  std::string host;      // the event's host equals it or ends with "." + host
  std::string user;      // the user name or the device name equals it
  std::optional<EventKind> kind;
  std::optional<uint64_t> reference;  // the number on a block page
  int64_t limit = 100;                // at most this many rows (query() only)
  int64_t offset = 0;                 // skip this many of the newest first
};

// One stored event with the id the store gave it (a reference number a
// teacher can quote).
struct StoredEvent {
  int64_t id = 0;
  Event event;
};

class EventStore {
 public:
  virtual ~EventStore() = default;

  // Stores every event or none (one transaction). kUnavailable for a
  // database locked by another process, kResourceExhausted for a full disk,
  // kIoError for other disk errors: the caller may retry the same batch.
  virtual Status append(std::span<const Event> events) = 0;
  // Matching events, newest first (by time, then by id).
  virtual Result<std::vector<StoredEvent>> query(const EventQuery& query) = 0;
  // How many events match, ignoring limit and offset.
  virtual Result<int64_t> count(const EventQuery& query) = 0;

  // Work the store defers off the write path (for SQLite, its search
  // index), which the writer thread does when it has time: how many events
  // await it, and doing it for up to `max_events` of them (returning how
  // many). A store with none keeps these defaults.
  virtual int64_t backlog() const { return 0; }
  virtual Result<int64_t> catchUp(int64_t /*max_events*/) { return int64_t{0}; }
};

}  // namespace esafety::events
