#include "control/list_compiler.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "classify/category_index.h"

namespace esafety::control {
namespace {

// Passes entries to the builder and notes the categories the lists name
// that the school does not have yet.
class CategoryNotingSink final : public classify::EntrySink {
 public:
  CategoryNotingSink(classify::IndexBuilder& builder, std::set<std::string> known)
      : builder_(builder), known_(std::move(known)) {}
  Status add(const classify::ListEntry& entry) override {
    if (entry.category != last_category_) {
      last_category_ = entry.category;
      if (!known_.count(entry.category)) {
        if (entry.category == "uncategorised") {
          return invalidArgument("'uncategorised' is a rule, not a list; choose another category");
        }
        known_.insert(entry.category);
        fresh_.push_back(entry.category);
      }
    }
    return builder_.add(entry);
  }
  const std::vector<std::string>& fresh() const { return fresh_; }

 private:
  classify::IndexBuilder& builder_;
  std::set<std::string> known_;
  std::vector<std::string> fresh_;
  std::string last_category_;
};

// Sizes a source before it is read: a file's size, or a folder's files added
// up (squidGuard trees are two levels deep; deeper ones are not listed).
uint64_t plannedBytes(const FileSystem& fs, const std::string& path, int depth = 0) {
  if (!fs.isDirectory(path)) {
    auto size = fs.fileSize(path);
    return size ? *size : 0;
  }
  if (depth >= 3) return 0;
  auto names = fs.listDirectory(path);
  if (!names) return 0;
  uint64_t total = 0;
  for (const auto& name : *names) total += plannedBytes(fs, joinPath(path, name), depth + 1);
  return total;
}

// Turns each source's own progress (from 0 for every importList call) into
// one run from 0 to 100% across all sources: the bytes of the sources read
// before, plus this one's, of everything planned.
class AcrossSources final : public classify::ProgressSink {
 public:
  AcrossSources(classify::ProgressSink& out, std::vector<uint64_t> planned)
      : out_(out), planned_(std::move(planned)) {
    for (uint64_t p : planned_) rest_ += p;
  }
  void startSource(size_t index) {
    base_ += current_done_;
    current_done_ = current_total_ = 0;
    current_planned_ = planned_[index];
    rest_ -= std::min(rest_, current_planned_);
  }
  void progress(std::string_view file, uint64_t done, uint64_t total) override {
    current_done_ = done;
    current_total_ = total;
    out_.progress(file, base_ + done, base_ + std::max(total, current_planned_) + rest_);
  }

 private:
  classify::ProgressSink& out_;
  std::vector<uint64_t> planned_;
  uint64_t base_ = 0, rest_ = 0;
  uint64_t current_done_ = 0, current_total_ = 0, current_planned_ = 0;
};

}  // namespace

Result<CompileReport> compileLists(store::Store& store, policy::SchoolId school,
                                   const FileSystem& fs, const std::string& index_path,
                                   classify::ProgressSink* progress,
                                   classify::ProblemSink& problems) {
  auto start = std::chrono::steady_clock::now();
  auto categories = store.categories(school);
  if (!categories) return categories.status();
  auto sources = store.listSources(school);
  if (!sources) return sources.status();

  classify::IndexBuilder builder;
  // Every category the school has gets an id, even one with no entries yet,
  // and unoverridable ones refuse exceptions.
  for (const auto& c : *categories) {
    builder.declareCategory(c.name);
    if (c.unoverridable || c.name == "illegal") builder.setUnoverridable(c.name);
  }
  CompileReport report;
  std::set<std::string> known;
  for (const auto& c : *categories) known.insert(c.name);
  CategoryNotingSink sink(builder, std::move(known));
  std::optional<AcrossSources> across;
  if (progress != nullptr) {
    std::vector<uint64_t> planned;
    for (const auto& source : *sources) planned.push_back(plannedBytes(fs, source.path));
    across.emplace(*progress, std::move(planned));
  }
  for (size_t i = 0; i < sources->size(); ++i) {
    const policy::ListSource& source = (*sources)[i];
    if (across) across->startSource(i);
    classify::ImportRequest request;
    request.path = source.path;
    request.category = source.category;
    auto format = classify::parseListFormat(source.format.empty() ? "auto" : source.format);
    request.format = format ? *format : classify::ListFormat::kAuto;
    classify::ImportStats stats =
        classify::importList(fs, request, sink, problems, across ? &*across : nullptr);
    ++report.sources;
    report.files += stats.files;
    report.lines += stats.lines;
    report.entries += stats.entries;
    report.rejected += stats.rejected;
    Status counted = store.updateListSourceCounts(school, source.id, stats.entries, stats.rejected,
                                                  "system");
    if (!counted.isOk()) return counted;
  }
  // Categories first seen in a list become the school's own, blocked by no
  // group until someone decides, so that they can be chosen in the console.
  for (const auto& name : sink.fresh()) {
    policy::CategoryDef def;
    def.name = name;
    def.title = name;
    def.description = "Added when a list that names it was imported.";
    ESAFETY_RETURN_IF_ERROR(
        store.upsertCategory(school, def, "system", "first named by an imported list"));
    report.new_categories.push_back(name);
  }
  ESAFETY_RETURN_IF_ERROR(builder.write(index_path, problems));
  auto size = fs.fileSize(index_path);
  report.index_bytes = size ? *size : 0;
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace esafety::control
