#include "dns/query_pipeline.h"

#include <chrono>

#include "dns/dns_events.h"

namespace esafety::dns {

using Stage = QueryPipeline::Item::Stage;

struct QueryPipeline::Pending {
  Query query;
  ClientAddress client;
  size_t limit = 0;
  bool tcp = false;
  size_t bytes_in = 0;
  QueryVerdict verdict;
  policy::ClientIdentity identity;
  std::string user_name;                             // identity.user_name's storage
  std::shared_ptr<const policy::Snapshot> snapshot;  // keeps identity's pointers alive
  std::string key;                                   // what was asked, as a cache key
  int64_t started_us = 0;
  int64_t time_ms = 0;
  Reply reply;
};

QueryPipeline::QueryPipeline(DnsShared& shared, DnsStats::Worker& stats, Forwarder& forwarder)
    : shared_(shared),
      stats_(stats),
      forwarder_(forwarder),
      reader_(shared.policy),
      async_out_(std::make_unique<std::array<uint8_t, kMaxMessage>>()) {}

QueryPipeline::~QueryPipeline() = default;

const LocalTime& QueryPipeline::localNow() {
  int64_t second = shared_.clock.nowUnix();
  if (second != local_second_) {
    local_ = shared_.clock.localNow();
    local_second_ = second;
  }
  return local_;
}

void QueryPipeline::run(std::span<Item> items) {
  batch_ms_ = steadyMs();
  batch_us_ = steadyUs();
  batch_wall_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const policy::Snapshot& snapshot = reader_.get();
  for (Item& item : items) prepare(item, snapshot);
  decideAll(items, snapshot);
  for (Item& item : items) {
    if (item.stage == Stage::kAct) act(item, snapshot);
  }
}

void QueryPipeline::prepare(Item& item, const policy::Snapshot& snapshot) {
  item.response = {};
  item.pending = false;
  item.stage = Stage::kDone;
  item.identity = {};
  item.verdict = {};
  bump(stats_.queries);
  if (item.tcp) bump(stats_.tcp_queries);
  QueryOutcome outcome = parseQuery(item.packet, item.query);

  if (!shared_.acl.allows(item.client.view())) {
    bump(stats_.refused);
    bump(stats_.refused_clients);
    if (outcome != QueryOutcome::kOk) return;  // not worth an answer or an event
    item.verdict.action = QueryAction::kRefuse;
    item.verdict.verdict = policy::Verdict::kBlock;
    item.verdict.category = "outside-school-networks";
    item.response = writeRcode(item.query, Rcode::kRefused, item.out, item.query.udpLimit());
    bump(stats_.answered);
    // Spoofed sources cost nothing: all counted, a sample logged (event_budget.h).
    if (!shared_.refused_events.take(batch_ms_)) {
      bump(stats_.refused_unlogged);
      return;
    }
    QueryFacts f{&item.query, item.client.view(), nullptr, &item.verdict, item.response,
                 item.packet.size(), batch_us_, batch_wall_ms_, true};
    emitEvent(shared_, f, event_, stats_);
    return;
  }
  if (shared_.limiter.enabled() && !shared_.limiter.allow(item.client.view(), batch_ms_)) {
    bump(stats_.rate_limited);
    return;
  }
  switch (outcome) {
    case QueryOutcome::kOk:
      break;
    case QueryOutcome::kDrop:
      bump(stats_.malformed);
      return;
    case QueryOutcome::kFormErr:
    case QueryOutcome::kNotImp:
    case QueryOutcome::kBadVers:
      bump(stats_.malformed);
      item.response = writeHeaderOnly(
          item.packet,
          outcome == QueryOutcome::kFormErr  ? Rcode::kFormErr
          : outcome == QueryOutcome::kNotImp ? Rcode::kNotImp
                                             : Rcode::kNoError,
          outcome == QueryOutcome::kBadVers, item.out);
      if (!item.response.empty()) bump(stats_.answered);
      return;
  }
  if (!item.tcp) item.limit = item.query.udpLimit();
  identify(item, snapshot);
  if (auto fixed = fixedVerdict(item.query)) {
    item.verdict = *fixed;
    item.stage = Stage::kAct;
  } else if (item.identity.group == nullptr) {
    item.stage = Stage::kAct;  // a school with no groups at all: nothing to enforce
  } else {
    item.stage = Stage::kDecide;
  }
}

void QueryPipeline::identify(Item& item, const policy::Snapshot& snapshot) {
  shared_.identity.resolve({.address = item.client.view(),
                            .kind = identity::RequestKind::kAddressOnly,
                            .host = item.query.name.text()},
                           snapshot, item.resolved);
  item.identity = item.resolved.identity;
  // DNS cannot send anyone to the portal: until they sign in, they get what
  // an unknown device gets. The device stays on the event.
  if (item.resolved.needsSignIn()) item.identity.group = snapshot.unknownDeviceGroup();
}

void QueryPipeline::decideAll(std::span<Item> items, const policy::Snapshot& snapshot) {
  // One decideHosts() per group in the batch (usually one: a school's NAT).
  for (size_t first = 0; first < items.size(); ++first) {
    if (items[first].stage != Stage::kDecide) continue;
    const policy::GroupPolicy* group = items[first].identity.group;
    size_t n = 0;
    for (size_t i = first; i < items.size(); ++i) {
      if (items[i].stage == Stage::kDecide && items[i].identity.group == group) {
        members_[n] = i;
        hosts_[n] = items[i].query.name.text();
        ++n;
      }
    }
    snapshot.decideHosts(*group, std::span(hosts_.data(), n), localNow(), {},
                         std::span(scratch_.data(), n), std::span(decisions_.data(), n));
    for (size_t k = 0; k < n; ++k) {
      Item& item = items[members_[k]];
      item.verdict = verdictFor(snapshot, *group, decisions_[k], hosts_[k]);
      item.stage = Stage::kAct;
    }
  }
}

void QueryPipeline::act(Item& item, const policy::Snapshot& snapshot) {
  const Query& q = item.query;
  switch (item.verdict.action) {
    case QueryAction::kRefuse:
      bump(stats_.refused);
      item.response = writeRcode(q, Rcode::kRefused, item.out, item.limit);
      break;
    case QueryAction::kBlock:
      bump(stats_.blocked);
      item.response = writeBlock(q, shared_.block, item.out, item.limit);
      break;
    case QueryAction::kNxDomain:
      bump(stats_.canary);
      item.response = writeRcode(q, Rcode::kNxDomain, item.out, item.limit);
      break;
    case QueryAction::kForward:
      AnswerCache::makeKey(q.name, q.qtype, q.qclass, key_);
      if (!shared_.cache.lookup(key_, batch_ms_, Freshness::kFreshOnly, copy_)) {
        bump(stats_.cache_misses);
        goUpstream(item, q.name, q.qtype);
        return;
      }
      bump(stats_.cache_hits);
      item.response = writeCached(q, copy_, item.out, item.limit);
      break;
    case QueryAction::kRewrite: {
      bump(stats_.rewritten);
      Name target;
      if (nameFromText(item.verdict.rewrite_host, target) != NameError::kOk) {
        item.response = writeRcode(q, Rcode::kServFail, item.out, item.limit);
        break;
      }
      if (q.qtype == type::kCname) {
        copy_ = {};
        item.response = writeRewrite(q, item.verdict.rewrite_host, copy_, item.out, item.limit);
        break;
      }
      AnswerCache::makeKey(target, q.qtype, kClassIn, key_);
      if (!shared_.cache.lookup(key_, batch_ms_, Freshness::kFreshOnly, copy_)) {
        bump(stats_.cache_misses);
        goUpstream(item, target, q.qtype);
        return;
      }
      bump(stats_.cache_hits);
      item.response = writeRewrite(q, item.verdict.rewrite_host, copy_, item.out, item.limit);
      break;
    }
  }
  if (!item.tcp && item.response.size() >= kHeaderSize && (item.response[2] & 0x02)) {
    bump(stats_.truncated);
  }
  bump(stats_.answered);
  emit(item);
}

void QueryPipeline::goUpstream(Item& item, const Name& ask, uint16_t qtype) {
  auto p = std::make_shared<Pending>();
  p->query = item.query;
  p->client = item.client;
  p->limit = item.limit;
  p->tcp = item.tcp;
  p->bytes_in = item.packet.size();
  p->verdict = item.verdict;
  p->identity = item.identity;
  p->user_name.assign(item.identity.user_name);
  p->identity.user_name = p->user_name;
  p->snapshot = reader_.share();
  p->key = key_;
  p->started_us = batch_us_;
  p->time_ms = batch_wall_ms_;
  p->reply = (*item.make_reply)(item);
  item.pending = true;
  forwarder_.resolve(ask, qtype, kClassIn,
                     [this, p](const Status& status, const Answer& answer) {
                       finishPending(*p, status, answer);
                     });
}

void QueryPipeline::finishPending(Pending& p, const Status& status, const Answer& answer) {
  std::span<uint8_t> out(*async_out_);
  int64_t now = steadyMs();
  bool have = false;
  if (status.isOk()) {
    shared_.cache.insert(p.key, answer, now);
    copy_.rcode = answer.rcode;
    copy_.counts = answer.counts;
    copy_.records.assign(answer.records.begin(), answer.records.end());
    copy_.stale = false;
    have = true;
  } else if (shared_.cache.options().serve_stale &&
             shared_.cache.lookup(p.key, now, Freshness::kAllowStale, copy_)) {
    bump(stats_.stale_answers);
    have = true;
  }
  std::span<const uint8_t> response;
  if (!have) {
    bump(stats_.servfail);
    response = writeRcode(p.query, Rcode::kServFail, out, p.limit);
  } else if (p.verdict.action == QueryAction::kRewrite) {
    response = writeRewrite(p.query, p.verdict.rewrite_host, copy_, out, p.limit);
  } else {
    response = writeCached(p.query, copy_, out, p.limit);
  }
  if (!p.tcp && response.size() >= kHeaderSize && (response[2] & 0x02)) bump(stats_.truncated);
  bump(stats_.answered);
  if (p.reply) p.reply(response);
  QueryFacts f{&p.query,   p.client.view(), &p.identity, &p.verdict, response,
               p.bytes_in, p.started_us,    p.time_ms,   false};
  emitEvent(shared_, f, event_, stats_);
}

void QueryPipeline::emit(const Item& item) {
  QueryFacts f{&item.query,        item.client.view(), &item.identity, &item.verdict, item.response,
               item.packet.size(), batch_us_,          batch_wall_ms_, false};
  emitEvent(shared_, f, event_, stats_);
}

}  // namespace esafety::dns
