#include "control/list_admin.h"

#include <fmt/format.h>

#include <filesystem>

#include "control/reason.h"

namespace esafety::control {
namespace {

std::string formatWords(classify::ListFormat format) {
  switch (format) {
    case classify::ListFormat::kPlainDomains:
      return "a plain list (one site per line)";
    case classify::ListFormat::kHosts:
      return "a hosts file";
    case classify::ListFormat::kAdblock:
      return "an Adblock list";
    default:
      return fmt::format("a {} list", classify::listFormatName(format));
  }
}

}  // namespace

Status ListAdmin::check(const NewList& list, std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  if (!list.category.empty()) {
    auto category = store_.category(school_, list.category);
    if (!category) return category.status();
    if (!*category || list.category == "uncategorised") {
      return invalidArgument(fmt::format(
          "category: there is no category '{}'; choose one of the school's categories.",
          list.category));
    }
  }
  // e2guardian lists say their category (#listcategory), squidGuard folders
  // by their folder names, and "auto" finds out which it is when it reads.
  const bool names_its_own = list.format == classify::ListFormat::kE2Guardian ||
                             list.format == classify::ListFormat::kAuto ||
                             fs_.isDirectory(list.path);
  if (list.category.empty() && !names_its_own) {
    return invalidArgument(fmt::format("category: choose the category for the sites in {}.",
                                       formatWords(list.format)));
  }
  return Status::ok();
}

Result<policy::ListSource> ListAdmin::addList(NewList list, std::string_view actor,
                                              std::string_view reason) {
  if (list.path.starts_with('/')) {
    list.path = std::filesystem::path(list.path).lexically_normal().string();
    if (list.path.size() > 1 && list.path.ends_with('/')) list.path.pop_back();
  }
  ESAFETY_RETURN_IF_ERROR(check(list, reason));
  if (!list.path.starts_with('/')) {
    return invalidArgument("path: give the full path on the server, starting with '/'.");
  }
  // Production passes a ConfinedListFiles (list_folders.h): a path outside
  // the list folders is refused here, before anything is stored.
  if (auto real = fs_.canonicalPath(list.path); !real) {
    if (real.status().code() == StatusCode::kNotFound) {
      return invalidArgument(fmt::format("path: {} does not exist on the server.", list.path));
    }
    return Status(real.status().code(), "path: " + real.status().message());
  }
  if (!fs_.isDirectory(list.path)) {
    // With no byte allowed, a regular file answers kResourceExhausted (or
    // its empty text) unread; a device, FIFO or socket kInvalidArgument.
    auto probe = fs_.readRegularFile(list.path, 0);
    if (!probe && probe.status().code() != StatusCode::kResourceExhausted) {
      return Status(probe.status().code(), "path: " + probe.status().message());
    }
  }
  policy::ListSource source{.path = list.path,
                            .format = std::string(classify::listFormatName(list.format)),
                            .category = list.category,
                            .added_by = std::string(actor)};
  auto id = store_.addListSource(school_, source, reason);
  if (!id) return id.status();
  auto stored = store_.listSources(school_);
  if (!stored) return stored.status();
  for (policy::ListSource& s : *stored) {
    if (s.id == *id) return std::move(s);
  }
  return internalError(fmt::format("list {} was added but cannot be read back", *id));
}

Result<policy::ListSource> ListAdmin::removeList(int64_t id, std::string_view actor,
                                                 std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  auto sources = store_.listSources(school_);
  if (!sources) return sources.status();
  for (policy::ListSource& s : *sources) {
    if (s.id != id) continue;
    ESAFETY_RETURN_IF_ERROR(store_.removeListSource(school_, id, actor, reason));
    return std::move(s);
  }
  return notFound(fmt::format("there is no list source {}", id));
}

}  // namespace esafety::control
