#include "control/people_admin.h"

#include <fmt/format.h>

#include <set>

#include "control/reason.h"
#include "control/staff_hierarchy.h"
#include "control/totp_keys.h"
#include "core/text.h"
#include "identity/authenticate.h"
#include "identity/password.h"
#include "identity/upn.h"
#include "identity/year_group.h"

namespace esafety::control {

using namespace identity;  // the people model, throughout
namespace {

constexpr std::string_view kVisitorLogin = "visitor";

bool looksLikeUpn(std::string_view text) {
  std::string upn = normalizeUpn(text);
  return upn.size() == 13 && checkUpn(upn).isOk();
}

// The argon2id hash of `password`, or of a generated one (kept in
// `out.generated_password`, to be shown once) when it is empty.
Result<std::string> chosenPasswordHash(std::string_view password, AddedLogin& out) {
  std::string chosen(password);
  if (chosen.empty()) {
    out.generated_password = generatePassword();
    chosen = out.generated_password;
  }
  ESAFETY_RETURN_IF_ERROR(checkNewPassword(chosen));
  return hashPassword(chosen);
}

}  // namespace

Result<ImportPreview> PeopleAdmin::previewImport(std::string_view csv) {
  auto people = store_.people(school_);
  if (!people) return people.status();
  std::set<std::string> upns;
  for (const Person& p : *people) {
    if (!p.upn.empty()) upns.insert(p.upn);
  }
  return previewPupilImport(csv, upns, clock_.localNow());
}

Result<size_t> PeopleAdmin::commitImport(std::string_view csv, std::string_view actor) {
  auto preview = previewImport(csv);
  if (!preview) return preview.status();
  if (size_t errors = preview->errors(); errors > 0) {
    return invalidArgument(fmt::format("the file has {} error{}; nothing was imported", errors,
                                       errors == 1 ? "" : "s"));
  }
  return store_.importPupils(school_, preview->pupils(), actor);
}

Result<AddedLogin> PeopleAdmin::addStaff(const NewStaff& staff, std::string_view password,
                                         std::string_view actor) {
  std::string email(trim(staff.email));
  if (email.empty() || email.find('@') == std::string::npos) {
    return invalidArgument(fmt::format("'{}' is not an e-mail address", staff.email));
  }
  AddedLogin out;
  auto hash = chosenPasswordHash(password, out);
  if (!hash) return hash.status();
  Person p{.kind = PersonKind::kStaff,
           .name = std::string(trim(staff.name)),
           .role = staff.role,
           .login = email,
           .email = email,
           .password_hash = *hash};
  p.class_name = std::string(trim(staff.class_name));
  auto id = store_.addPerson(school_, p, actor);
  if (!id) return id.status();
  out.id = *id;
  out.login = email;
  return out;
}

Result<AddedLogin> PeopleAdmin::setPassword(std::string_view login, std::string_view password,
                                            std::string_view actor) {
  auto person = store_.personByLogin(school_, login);
  if (!person) return person.status();
  if (!*person) return notFound(fmt::format("there is no login '{}'", login));
  AddedLogin out{.id = (*person)->id, .login = (*person)->login};
  auto hash = chosenPasswordHash(password, out);
  if (!hash) return hash.status();
  ESAFETY_RETURN_IF_ERROR(store_.setPasswordHash(school_, out.id, *hash, actor));
  return out;
}

Status PeopleAdmin::setRole(std::string_view login, Role role, std::string_view actor) {
  auto person = store_.personByLogin(school_, trim(login));
  if (!person) return person.status();
  if (!*person || (*person)->kind != PersonKind::kStaff) {
    return notFound(fmt::format("there is no staff login '{}'", login));
  }
  auto acting = store_.personByLogin(school_, trim(actor));
  if (!acting) return acting.status();
  ESAFETY_RETURN_IF_ERROR(checkRoleChangeHierarchy(*acting, **person, role));
  return store_.setStaffRole(school_, (*person)->id, role, actor);
}

Result<AddedLogin> PeopleAdmin::rotateVisitorPassword(std::string_view actor) {
  auto visitor = store_.personByLogin(school_, kVisitorLogin);
  if (!visitor) return visitor.status();
  if (*visitor) return setPassword(kVisitorLogin, "", actor);
  AddedLogin out{.login = std::string(kVisitorLogin), .generated_password = generatePassword()};
  auto hash = hashPassword(out.generated_password);
  if (!hash) return hash.status();
  auto id = store_.addPerson(school_,
                             {.kind = PersonKind::kVisitor,
                              .name = "Visitor",
                              .role = Role::kVisitor,
                              .login = std::string(kVisitorLogin),
                              .password_hash = *hash},
                             actor);
  if (!id) return id.status();
  out.id = *id;
  return out;
}

Result<std::vector<AddedLogin>> PeopleAdmin::ensureYearGroupLogins(std::string_view actor) {
  std::vector<AddedLogin> created;
  for (int year = kReception; year <= 6; ++year) {
    std::string login = yearGroupLogin(year);
    auto existing = store_.personByLogin(school_, login);
    if (!existing) return existing.status();
    if (*existing) continue;
    AddedLogin out{.login = login, .generated_password = generatePassword()};
    auto hash = hashPassword(out.generated_password);
    if (!hash) return hash.status();
    auto id = store_.addPerson(school_,
                               {.kind = PersonKind::kYearGroup,
                                .name = yearGroupName(year) + " login",
                                .role = Role::kPupil,
                                .login = login,
                                .year = year,
                                .password_hash = *hash},
                               actor);
    if (!id) return id.status();
    out.id = *id;
    created.push_back(std::move(out));
  }
  return created;
}

Result<Person> PeopleAdmin::authenticate(std::string_view login, std::string_view password) {
  return identity::authenticate(store_, school_, login, password, clock_.nowUnix());
}

Result<bool> PeopleAdmin::totpEnforced() {
  auto setting = store_.setting(school_, "console.totp");
  if (!setting) return setting.status();
  return !(*setting && **setting == "off");
}

Status PeopleAdmin::setUpTotp(const records::Sealer& sealer, int64_t person,
                              std::string_view secret, std::string_view actor) {
  auto sealed = sealTotpSecret(sealer, person, secret);
  if (!sealed) return sealed.status();
  return store_.setSealedTotpSecret(school_, person, *sealed, actor);
}

Status PeopleAdmin::resetTotp(std::string_view login, std::string_view actor) {
  auto person = store_.personByLogin(school_, trim(login));
  if (!person) return person.status();
  if (!*person || (*person)->kind != PersonKind::kStaff) {
    return notFound(fmt::format("there is no staff login '{}'", login));
  }
  return store_.setSealedTotpSecret(school_, (*person)->id, "", actor);
}

Result<int64_t> PeopleAdmin::addContact(Contact contact, const std::vector<std::string>& pupil_upns,
                                        std::string_view actor) {
  for (const auto& upn : pupil_upns) {
    auto pupil = store_.personByUpn(school_, normalizeUpn(upn));
    if (!pupil) return pupil.status();
    if (!*pupil) return notFound(fmt::format("there is no pupil with UPN {}", normalizeUpn(upn)));
    contact.pupils.push_back((*pupil)->id);
  }
  return store_.addContact(school_, contact, actor);
}

Result<Person> PeopleAdmin::findPerson(std::string_view who) {
  Result<std::optional<Person>> found = std::optional<Person>();
  if (looksLikeUpn(who)) {
    found = store_.personByUpn(school_, normalizeUpn(who));
  } else {
    found = store_.personByLogin(school_, trim(who));
  }
  if (!found) return found.status();
  if (!*found) {
    return notFound(fmt::format("there is no pupil with UPN, or login, '{}'", who));
  }
  return std::move(**found);
}

Result<int64_t> PeopleAdmin::sanction(std::string_view who, SanctionKind kind, int64_t until,
                                      std::string_view reason, std::string_view actor) {
  if (trim(who).empty()) return invalidArgument("who: give the pupil's UPN or the login.");
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  auto person = findPerson(who);
  if (!person) return person.status();
  auto acting = store_.personByLogin(school_, trim(actor));
  if (!acting) return acting.status();
  ESAFETY_RETURN_IF_ERROR(checkSanctionHierarchy(*acting, *person, kind));
  return store_.addSanction(school_, {.person = person->id,
                                      .kind = kind,
                                      .until = until,
                                      .reason = std::string(reason),
                                      .by = std::string(actor)});
}

Status PeopleAdmin::liftSanction(int64_t id, std::string_view reason, std::string_view actor) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  return store_.liftSanction(school_, id, actor, reason);
}

Result<Person> PeopleAdmin::activeAccount(int64_t id) {
  auto person = store_.person(school_, id);
  if (!person) return person.status();
  if (!*person) return notFound(fmt::format("there is no person with id {}", id));
  auto sanctions = store_.activeSanctions(school_, clock_.nowUnix());
  if (!sanctions) return sanctions.status();
  for (const Sanction& s : *sanctions) {
    if (s.person == id && s.kind == SanctionKind::kDeactivate) {
      return permissionDenied(fmt::format("this account is deactivated: {}", s.reason));
    }
  }
  return std::move(**person);
}

Result<std::vector<PersonRecord>> PeopleAdmin::roster() {
  auto people = store_.people(school_);
  if (!people) return people.status();
  auto sanctions = store_.activeSanctions(school_, clock_.nowUnix());
  if (!sanctions) return sanctions.status();
  std::vector<PersonRecord> out;
  out.reserve(people->size());
  for (Person& p : *people) {
    PersonRecord record{.person = std::move(p)};
    for (const Sanction& s : *sanctions) {
      if (s.person == record.person.id) record.sanctions.push_back(s);
    }
    out.push_back(std::move(record));
  }
  return out;
}

Result<std::vector<std::pair<Sanction, Person>>> PeopleAdmin::activeSanctions() {
  auto sanctions = store_.activeSanctions(school_, clock_.nowUnix());
  if (!sanctions) return sanctions.status();
  std::vector<std::pair<Sanction, Person>> out;
  for (Sanction& s : *sanctions) {
    auto person = store_.person(school_, s.person);
    if (!person) return person.status();
    if (!*person) continue;  // cannot happen: the foreign key holds it
    out.emplace_back(std::move(s), std::move(**person));
  }
  return out;
}

}  // namespace esafety::control
