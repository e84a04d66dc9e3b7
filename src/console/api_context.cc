#include "console/api_context.h"

#include "control/people_admin.h"

namespace esafety::console {

Result<events::SqliteEventStore*> ApiContext::events() {
  if (!events_) {
    auto opened = events::SqliteEventStore::open(events_path, clock, {.read_only = true});
    if (!opened) return opened.status();
    events_ = std::move(*opened);
  }
  return events_.get();
}

Result<const records::Sealer*> ApiContext::sealer() {
  if (!sealer_) {
    if (data_dir.empty()) return failedPrecondition("the console has no data folder for its key file");
    auto opened = records::openSealer(data_dir + "/records.key", store);
    if (!opened) return opened.status();
    sealer_ = std::move(*opened);
  }
  return sealer_.get();
}

}  // namespace esafety::console

namespace esafety::console {

void ApiContext::watchAccounts(std::function<uint64_t()> generation) {
  sessions.watchAccounts(std::move(generation), [this](const ConsoleSession& s) {
    control::PeopleAdmin people(store, school, clock);
    auto person = people.activeAccount(s.person);
    // A store that cannot be read signs nobody out; the next check retries.
    if (!person) return person.status().code() != StatusCode::kNotFound &&
                        person.status().code() != StatusCode::kPermissionDenied;
    return person->role == s.role && person->password_hash == s.password_hash;
  });
}

}  // namespace esafety::console
