#include "control/evidence_pack.h"

#include <zip.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "alerts/rules.h"
#include "control/filter_configuration.h"
#include "control/report_html.h"
#include "identity/local_times.h"

namespace esafety::control {
namespace {

Status writeFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) return ioError(fmt::format("cannot write {}", path));
  return Status::ok();
}

}  // namespace

Status writeZip(const std::string& zip_path,
                const std::vector<std::pair<std::string, std::string>>& files) {
  int error = 0;
  zip_t* zip = zip_open(zip_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (zip == nullptr) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    Status s = ioError(fmt::format("cannot create {}: {}", zip_path, zip_error_strerror(&ze)));
    zip_error_fini(&ze);
    return s;
  }
  for (const auto& [name, content] : files) {
    // The buffers stay alive (in `files`) until zip_close() reads them.
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    if (source == nullptr ||
        zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
      if (source != nullptr) zip_source_free(source);
      Status s = ioError(fmt::format("cannot add {} to {}: {}", name, zip_path, zip_strerror(zip)));
      zip_discard(zip);
      return s;
    }
  }
  if (zip_close(zip) != 0) {
    Status s = ioError(fmt::format("cannot write {}: {}", zip_path, zip_strerror(zip)));
    zip_discard(zip);
    return s;
  }
  return Status::ok();
}

Result<std::string> EvidencePackWriter::auditCsv(const ReportRange& range) {
  std::string csv = csvRecord({"id", "when", "who", "action", "target", "detail", "reason"});
  ESAFETY_RETURN_IF_ERROR(store_.forEachAuditBetween(
      school_, range.from, range.to, [&](const store::AuditEntry& e) {
        csv += csvRecord({std::to_string(e.id), identity::formatLocal(clock_, e.at), e.actor,
                          e.action, e.target, e.detail, e.reason});
      }));
  return csv;
}

Result<std::string> EvidencePackWriter::rulesText() {
  auto stored = store_.alertRules(school_);
  if (!stored) return stored.status();
  if (!stored->has_value()) {
    return fmt::format("# The default monitoring rules (never changed by the school).\n{}",
                       alerts::defaultRulesText());
  }
  const auto& v = **stored;
  return fmt::format("# Monitoring rules version {}, set {} by {}: {}\n{}", v.version,
                     identity::formatLocal(clock_, v.set_at), v.set_by, v.reason, v.text);
}

Result<EvidencePack> EvidencePackWriter::write(const ReportRange& range, const std::string& dir,
                                               std::string_view actor,
                                               const ReportProgress& progress) {
  if (actor.empty()) return invalidArgument("who is making the pack is required");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return ioError(fmt::format("cannot make {}: {}", dir, ec.message()));

  // One scale for the console's bar: the report's steps, then the writing.
  constexpr int kTotal = kReportSteps + 1;
  auto tell = [&](std::string_view step, int done) {
    if (progress) progress(step, done, kTotal);
  };
  auto report = buildSchoolReport(store_, events_, school_, range, clock_,
                                  [&](std::string_view step, int done, int) { tell(step, done); });
  if (!report) return report.status();
  tell("writing", kReportSteps);
  std::vector<ReportTable> tables = reportTables(*report, clock_);
  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back("report.html", reportHtml(*report, tables, clock_));
  for (const auto& t : tables) files.emplace_back(t.name + ".csv", tableCsv(t));
  auto config = filterConfigurationTable(store_, school_, clock_);
  if (!config) return config.status();
  files.emplace_back("filter-configuration.csv", tableCsv(*config));
  auto rules = rulesText();
  if (!rules) return rules.status();
  files.emplace_back("monitoring-rules.toml", std::move(*rules));
  auto audit = auditCsv(range);
  if (!audit) return audit.status();
  files.emplace_back("audit.csv", std::move(*audit));

  EvidencePack pack{.dir = dir, .html_path = dir + "/report.html"};
  for (const auto& [name, content] : files) {
    ESAFETY_RETURN_IF_ERROR(writeFile(dir + "/" + name, content));
    pack.files.push_back(name);
  }
  pack.zip_path = fmt::format("{}/evidence-pack-{}-to-{}.zip", dir, range.from_date, range.to_date);
  ESAFETY_RETURN_IF_ERROR(writeZip(pack.zip_path, files));
  ESAFETY_RETURN_IF_ERROR(store_.appendAudit(
      school_, actor, "report.pack", fmt::format("{} to {}", range.from_date, range.to_date),
      fmt::format("evidence pack of {} files", files.size()), ""));
  tell("done", kTotal);
  pack.report = std::move(*report);
  return pack;
}

}  // namespace esafety::control
