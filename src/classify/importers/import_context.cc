#include "classify/importers/import_context.h"

#include <algorithm>
#include <utility>

namespace esafety::classify::importers {

void ImportContext::warning(const std::string& file, uint32_t line, std::string reason,
                            std::string_view text) {
  problems_.report({Severity::kWarning, {file, line}, std::move(reason), excerpt(text)});
}

void ImportContext::error(const std::string& file, uint32_t line, std::string reason,
                          std::string_view text) {
  if (line > 0) ++stats_.rejected;
  problems_.report({Severity::kError, {file, line}, std::move(reason), excerpt(text)});
}

void ImportContext::add(const ListEntry& entry, std::string_view text) {
  Status status = sink_.add(entry);
  if (status.isOk()) {
    ++stats_.entries;
    return;
  }
  // The sink names what it refused ("host 'x' holds ..."): cut, as the line is.
  error(entry.where.file, entry.where.line, cutQuoted(status.message()), text);
}

void ImportContext::planBytes(uint64_t total) {
  planned_ = true;
  bytes_total_ = total;
}

void ImportContext::openFile(uint64_t size) {
  if (!planned_) bytes_total_ += size;
}

void ImportContext::advance(std::string_view file, uint64_t delta, bool force) {
  bytes_done_ += delta;
  if (progress_ == nullptr) return;
  if (!force && bytes_done_ - bytes_reported_ < kProgressStep) return;
  bytes_reported_ = bytes_done_;
  // A file that grew after it was measured must not push "done" past "total".
  bytes_total_ = std::max(bytes_total_, bytes_done_);
  progress_->progress(file, bytes_done_, bytes_total_);
}

}  // namespace esafety::classify::importers
