#include "control/records_desk.h"

#include <algorithm>

#include <fmt/format.h>

#include "identity/permissions.h"

namespace esafety::control {
namespace {

RecordSummary summaryOf(const records::RecordRow& row) {
  return {.id = row.id, .ref = row.ref, .kind = row.kind, .created_at = row.created_at,
          .occurred_at = row.occurred_at, .parties = row.parties, .activity = row.activity,
          .routes = row.routes};
}

RecordReader readerOf(const identity::Person& person) {
  // Only staff accounts read; a pupil's or a shared login's role gives nothing.
  if (person.kind != identity::PersonKind::kStaff) return {.person = person.id};
  return {.person = person.id, .role = person.role};
}

}  // namespace

RecordsDesk RecordsDesk::open(const DataDir& dir, store::Store& store, policy::SchoolId school,
                              const Clock& clock) {
  return RecordsDesk(store, school, clock, records::openRecordKeys(dir.recordsKeyPath(), store));
}

RecordsDesk::RecordsDesk(store::Store& store, policy::SchoolId school, const Clock& clock,
                         Result<std::unique_ptr<records::RecordKeys>> keys)
    : store_(store), school_(school), clock_(clock) {
  if (keys) {
    keys_ = std::move(*keys);
  } else {
    locked_reason_ = std::string(keys.status().message());
  }
}

Status RecordsDesk::requireOpen() const {
  if (keys_) return Status::ok();
  return failedPrecondition(fmt::format("the records are locked: {}", locked_reason_));
}

Result<identity::Person> RecordsDesk::findPupil(std::string_view upn_or_name) {
  auto by_upn = store_.personByUpn(school_, upn_or_name);
  if (!by_upn) return by_upn.status();
  if (by_upn->has_value() && (*by_upn)->kind == identity::PersonKind::kPupil) return **by_upn;
  auto people = store_.people(school_);
  if (!people) return people.status();
  std::vector<identity::Person> named;
  for (auto& p : *people) {
    if (p.kind == identity::PersonKind::kPupil && p.name == upn_or_name) named.push_back(p);
  }
  if (named.empty()) return notFound(fmt::format("no pupil has the UPN or name '{}'", upn_or_name));
  if (named.size() > 1) {
    return invalidArgument(fmt::format("{} pupils are called '{}': give the UPN", named.size(), upn_or_name));
  }
  return named.front();
}

Result<RecordSummary> RecordsDesk::raiseConcern(const identity::Person& by, const ConcernInput& in) {
  ESAFETY_RETURN_IF_ERROR(requireOpen());
  if (by.kind != identity::PersonKind::kStaff ||
      !identity::allowed(by.role, identity::Permission::kRaiseConcern)) {
    return permissionDenied("only members of staff raise a safeguarding concern");
  }
  if (in.saw.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalidArgument("say what you saw or heard");
  }
  auto about = store_.person(school_, in.about);
  if (!about) return about.status();
  if (!about->has_value() || (*about)->kind != identity::PersonKind::kPupil) {
    return invalidArgument("a concern is about one of the school's pupils");
  }
  records::RecordRow row{.ref = records::newRecordRef(), .kind = "concern",
                         .created_at = clock_.nowUnix(), .raised_by = by.login,
                         .raised_by_person = by.id};
  row.occurred_at = in.occurred_at != 0 ? in.occurred_at : row.created_at;
  row.parties = {{.person = in.about, .role = records::PartyRole::kAbout}};
  return sealAndStore(std::move(row),
                      {{"saw", in.saw}, {"child_words", in.child_words}, {"where", in.where}},
                      by.login);
}

Result<RecordSummary> RecordsDesk::sealAndStore(
    records::RecordRow row, const std::vector<std::pair<std::string, std::string>>& fields,
    std::string_view actor) {
  auto key = keys_->newRecordKey(row.ref);
  row.wrapped_key = std::move(key.wrapped);
  for (const auto& [name, text] : fields) {
    if (text.empty()) continue;
    auto sealed = key.sealer->seal(text, records::fieldContext(row.ref, name));
    if (!sealed) return invalidArgument(fmt::format("{}: {}", name, sealed.status().message()));
    row.fields.push_back({.name = name, .sealed = std::move(*sealed)});
  }
  auto id = store_.addRecord(school_, row, keys_->chainKey(), actor);
  if (!id) return id.status();
  row.id = *id;
  return summaryOf(row);
}

Result<RecordParties> RecordsDesk::partiesOf(const records::RecordRow& row) {
  RecordParties out{.raised_by_person = row.raised_by_person};
  for (const auto& p : row.parties) {
    if (p.role != records::PartyRole::kStaffVictim && p.role != records::PartyRole::kStaffInstigator) {
      continue;
    }
    out.named_staff.push_back(p.person);
    if (p.role != records::PartyRole::kStaffInstigator) continue;
    auto person = store_.person(school_, p.person);
    if (!person) return person.status();
    if (person->has_value() && (*person)->role == identity::Role::kHead) out.head_is_instigator = true;
  }
  return out;
}

Result<std::vector<RecordSummary>> RecordsDesk::list(const identity::Person& reader) {
  ESAFETY_RETURN_IF_ERROR(requireOpen());
  auto rows = store_.records(school_);
  if (!rows) return rows.status();
  std::vector<RecordSummary> out;
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
    auto parties = partiesOf(*it);
    if (!parties) return parties.status();
    if (recordAccess(readerOf(reader), *parties) == RecordAccess::kRead) out.push_back(summaryOf(*it));
  }
  return out;
}

Result<RecordView> RecordsDesk::show(const identity::Person& reader, int64_t id) {
  ESAFETY_RETURN_IF_ERROR(requireOpen());
  auto row = store_.record(school_, id);
  if (!row) return row.status();
  if (!row->has_value()) return notFound(fmt::format("no record {}", id));
  const records::RecordRow& r = **row;
  auto parties = partiesOf(r);
  if (!parties) return parties.status();
  RecordAccess access = recordAccess(readerOf(reader), *parties);
  if (access != RecordAccess::kRead) {
    // A refused attempt is kept too (the audit trail, not the record log).
    ESAFETY_RETURN_IF_ERROR(store_.appendAudit(school_, reader.login, "record.read_refused", r.ref,
                                               refusal(access), ""));
    // Someone the record names is not told that it exists.
    if (access == RecordAccess::kNamedInRecord || access == RecordAccess::kHeadIsInstigator) {
      return notFound(fmt::format("no record {}", id));
    }
    return permissionDenied(std::string(refusal(access)));
  }
  ESAFETY_RETURN_IF_ERROR(store_.logRecordRead(school_, r.ref, keys_->chainKey(), reader.login));
  auto sealer = keys_->recordSealer(r.wrapped_key, r.ref);
  if (!sealer) return sealer.status();
  RecordView view{.summary = summaryOf(r), .raised_by = r.raised_by, .fields = {}};
  for (const auto& f : r.fields) {
    auto text = (*sealer)->open(f.sealed, records::fieldContext(r.ref, f.name));
    if (!text) return text.status();
    view.fields.emplace_back(f.name, std::move(*text));
  }
  std::sort(view.fields.begin(), view.fields.end());
  return view;
}

Result<RecordsVerification> RecordsDesk::verify() {
  ESAFETY_RETURN_IF_ERROR(requireOpen());
  auto rows = store_.records(school_);
  if (!rows) return rows.status();
  auto log = store_.recordLog(school_);
  if (!log) return log.status();
  std::map<std::string, std::string> digests;
  for (const auto& r : *rows) digests[r.ref] = records::recordDigest(r);
  return RecordsVerification{.entries = log->size(), .records = rows->size(),
                             .broken = records::verifyRecordLog(*log, digests, keys_->chainKey())};
}

}  // namespace esafety::control
