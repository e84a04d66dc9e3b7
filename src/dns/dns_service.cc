#include "dns/dns_service.h"

#include <fmt/format.h>

#include "dns/dns_shared.h"
#include "dns/dns_worker.h"
#include "dns/forwarder.h"
#include "identity/identity_resolver.h"

namespace esafety::dns {

DnsService::DnsService(const net::ServiceContext& ctx) : ctx_(ctx) {}

DnsService::~DnsService() = default;

Status DnsService::start() {
  if (ctx_.config == nullptr || ctx_.policy == nullptr || ctx_.clock == nullptr) {
    return failedPrecondition("dns: the service needs a config, a policy and a clock");
  }
  if (ctx_.workers.empty()) return failedPrecondition("dns: no worker io_contexts to run on");
  const ServeConfig& config = *ctx_.config;
  if (config.dns.listen.empty()) return invalidArgument("dns.listen: no endpoint to listen on");
  ESAFETY_RETURN_IF_ERROR(validateUpstreams(config.dns.upstreams));
  auto block = BlockAnswer::fromConfig(config);
  if (!block) return block.status();
  net::NetworkAcl acl;
  if (ctx_.school_networks != nullptr) {
    acl = *ctx_.school_networks;
  } else {
    auto parsed = net::NetworkAcl::parse(config.school_networks);
    if (!parsed) return parsed.status();
    acl = std::move(*parsed);
  }
  const identity::IdentityResolver* resolver = ctx_.identity;
  if (resolver == nullptr) {  // no sign-in: the device registry and check-outs alone
    registry_only_ = std::make_unique<identity::IdentityResolver>(nullptr, *ctx_.clock, "");
    resolver = registry_only_.get();
  }
  shared_ = std::make_unique<DnsShared>(config, std::move(acl), *ctx_.policy, *resolver, ctx_.events,
                                        *ctx_.clock, *block, ctx_.workers.size());
  endpoints_ = config.dns.listen;
  for (size_t i = 0; i < ctx_.workers.size(); ++i) {
    auto worker = std::make_unique<DnsWorker>(*shared_, *ctx_.workers[i], i);
    Status s = worker->listen(endpoints_);
    if (!s) {
      for (auto& w : workers_) w->stop();
      return s;
    }
    workers_.push_back(std::move(worker));
  }
  if (workers_.size() > 1) {
    Status s = workers_.front()->spreadUdp(workers_.size());
    if (!s) {
      stop();
      return s;
    }
  }
  return Status::ok();
}

void DnsService::stop() {
  for (auto& w : workers_) w->stop();
}

DnsCounts DnsService::counts() const { return shared_ ? shared_->stats.total() : DnsCounts{}; }

size_t DnsService::cacheEntries() const { return shared_ ? shared_->cache.size() : 0; }

std::unique_ptr<net::Service> makeDnsService(const net::ServiceContext& ctx) {
  return std::make_unique<DnsService>(ctx);
}

}  // namespace esafety::dns
