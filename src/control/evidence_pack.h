// The DfE evidence pack (issue 14, item 5): what a governor or an inspector
// asks for, written into a folder and zipped (libzip) into one download:
//   report.html                    the printable report (report_html.h)
//   <table>.csv                    the CSV behind each of its tables
//   filter-configuration.csv       each filter decision and its reason
//   monitoring-rules.toml          the alert rules in force, with who set them
//   audit.csv                      every audited change in the period
// and evidence-pack-<from>-to-<to>.zip holding all of them. Making a pack is
// audited ("report.pack") with who asked for it.
//
//   EvidencePackWriter pack(store, events, school, clock);
//   auto made = pack.write(range, "/tmp/out", "dsl.smith", progress);
//   made->zip_path;   // "/tmp/out/evidence-pack-2026-09-01-to-2026-12-18.zip"
//
// Threads: as the store; the event log instance is this writer's own.
#pragma once

#include <string>
#include <vector>

#include "control/school_report.h"

namespace esafety::control {

struct EvidencePack {
  std::string dir;
  std::string html_path;
  std::string zip_path;
  std::vector<std::string> files;  // names inside the zip, in order
  SchoolReport report;
};

class EvidencePackWriter {
 public:
  // `events` may be null (no event log yet).
  EvidencePackWriter(store::Store& store, events::SqliteEventStore* events,
                     policy::SchoolId school, const Clock& clock)
      : store_(store), events_(events), school_(school), clock_(clock) {}

  // Writes the files and the zip into `dir` (made if missing). kInvalidArgument
  // for an empty actor; kIoError for a folder or file that cannot be written.
  Result<EvidencePack> write(const ReportRange& range, const std::string& dir,
                             std::string_view actor, const ReportProgress& progress);

 private:
  Result<std::string> auditCsv(const ReportRange& range);
  Result<std::string> rulesText();

  store::Store& store_;
  events::SqliteEventStore* events_;
  policy::SchoolId school_;
  const Clock& clock_;
};

// Zips `files` (name in the zip, content) into `zip_path`, replacing it.
Status writeZip(const std::string& zip_path,
                const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace esafety::control
