// Lists: the category lists the index is compiled from, adding one (a file
// uploaded from the technician's computer, kept under <data>/lists/uploaded,
// or a file or folder already on the server), removing one (with a reason;
// never a list of an unoverridable category), and compiling them all again.
// Adding and removing are control::ListAdmin's, with the same checks and the
// one audit row (who and why) as `esafety lists import|remove`; this file
// reads the request, keeps an upload, and answers. The compile runs in the
// background (list_job.h), one at a time, and the page polls its progress;
// its reading of lists is control::compileLists, shared with the CLI too.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "classify/importers.h"
#include "classify/importers/format_detect.h"
#include "console/json_body.h"
#include "console/list_job.h"
#include "console/routes.h"
#include "control/list_admin.h"
#include "control/reason.h"
#include "core/text.h"

namespace esafety::console {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The biggest list file the console takes (a whole UT1 category is ~20 MB).
constexpr size_t kMaxUploadBytes = 64 * 1024 * 1024;
constexpr std::string_view kUploadFolder = "lists/uploaded";

const RealFileSystem& realFileSystem() {
  static const RealFileSystem fs;
  return fs;
}

std::string uploadDir(const ApiContext& ctx) {
  return joinPath(ctx.data_dir, kUploadFolder);
}

// A path under the data folder is shown relative to it ("lists/uploaded/x.txt").
std::string shownPath(const ApiContext& ctx, const std::string& path) {
  if (!ctx.data_dir.empty()) {
    std::string prefix = ctx.data_dir.ends_with('/') ? ctx.data_dir : ctx.data_dir + "/";
    if (path.starts_with(prefix)) return path.substr(prefix.size());
  }
  return path;
}

// A line's text is only ever its excerpt (classify/list_entry.h): a path
// named by mistake may hold a secret.
json problemJson(const ApiContext& ctx, const classify::ImportProblem& p) {
  std::string file = shownPath(ctx, p.where.file);
  bool error = p.severity == classify::Severity::kError;
  std::string text = p.where.line > 0 ? fmt::format("{}:{}: {}", file, p.where.line, p.reason)
                                      : fmt::format("{}: {}", file, p.reason);
  if (!p.excerpt.empty()) text += fmt::format(" (line: \"{}\")", p.excerpt);
  return {{"file", file},
          {"line", p.where.line},
          {"severity", error ? "error" : "warning"},
          {"reason", p.reason},
          {"excerpt", p.excerpt},
          {"text", text}};
}

json jobJson(const ApiContext& ctx, const ListJobState& s) {
  json problems = json::array();
  for (const auto& p : s.problems) problems.push_back(problemJson(ctx, p));
  return {{"state", listJobPhaseName(s.phase)},
          {"started_by", s.started_by},
          {"started_at_ms", s.started_at * 1000},
          {"file", shownPath(ctx, s.file)},
          {"bytes_done", s.bytes_done},
          {"bytes_total", s.bytes_total},
          {"seconds", s.seconds},
          {"sources", s.report.sources},
          {"files", s.report.files},
          {"lines", s.report.lines},
          {"entries", s.report.entries},
          {"rejected", s.report.rejected},
          {"index_bytes", s.report.index_bytes},
          {"new_categories", s.report.new_categories},
          {"problems", problems},
          {"problem_count", s.problem_count},
          {"error_count", s.error_count},
          {"error", s.error}};
}

json sourceJson(const ApiContext& ctx, const policy::ListSource& s) {
  bool uploaded = !ctx.data_dir.empty() && s.path.starts_with(uploadDir(ctx) + "/");
  return {{"id", s.id},
          {"path", shownPath(ctx, s.path)},
          {"name", fs::path(s.path).filename().string()},
          {"uploaded", uploaded},
          {"format", s.format},
          {"category", s.category},
          {"added_by", s.added_by},
          {"added_at_ms", s.added_at * 1000},
          {"entries", s.entries},
          {"rejected", s.rejected}};
}

ApiResponse listsView(ApiContext& ctx) {
  auto sources = ctx.store.listSources(ctx.school);
  if (!sources) return statusResponse(sources.status(), "The lists cannot be read");
  auto categories = ctx.store.categories(ctx.school);
  if (!categories) return statusResponse(categories.status(), "The categories cannot be read");
  json lists = json::array();
  uint64_t entries = 0;
  for (const auto& s : *sources) {
    lists.push_back(sourceJson(ctx, s));
    entries += s.entries;
  }
  json index = {{"exists", false}, {"bytes", 0}, {"modified_ms", 0}, {"entries", entries}};
  std::error_code ec;
  if (!ctx.index_path.empty() && fs::is_regular_file(ctx.index_path, ec)) {
    index["exists"] = true;
    index["bytes"] = fs::file_size(ctx.index_path, ec);
    auto modified = fs::last_write_time(ctx.index_path, ec);
    if (!ec) {
      auto system = std::chrono::file_clock::to_sys(modified);
      index["modified_ms"] =
          std::chrono::duration_cast<std::chrono::milliseconds>(system.time_since_epoch()).count();
    }
  }
  json names = json::array();
  for (const auto& c : *categories) {
    if (c.name != "uncategorised") {
      names.push_back({{"name", c.name}, {"title", c.title}, {"unoverridable", c.unoverridable}});
    }
  }
  return jsonResponse(
      200, {{"lists", lists},
            {"index", index},
            {"job", jobJson(ctx, ctx.list_job->state())},
            {"categories", names},
            {"formats", {"auto", "plain", "hosts", "adblock", "e2guardian", "squidguard"}},
            {"max_upload_bytes", kMaxUploadBytes},
            {"uploads", !ctx.data_dir.empty()}});
}

// "Year 6 blocks (v2).txt" -> "Year-6-blocks-v2-.txt": letters, digits, '.',
// '-' and '_' only, no folders, not hidden; "" when nothing is left.
std::string safeName(std::string_view name) {
  if (size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  std::string out;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_';
    char put = ok ? c : '-';
    if (put == '-' && !out.empty() && out.back() == '-') continue;
    out += put;
  }
  while (!out.empty() && (out.front() == '.' || out.front() == '-')) out.erase(0, 1);
  if (out.size() > 100) out.resize(100);
  return out;
}

// kResourceExhausted, answered as 413.
Status tooBig() {
  return Status(StatusCode::kResourceExhausted,
                fmt::format("The file is too big: the most the console takes is {} MB.",
                            kMaxUploadBytes / (1024 * 1024)));
}

ApiResponse startedResponse(ApiContext& ctx, int status, json body) {
  body["job"] = jobJson(ctx, ctx.list_job->state());
  return jsonResponse(status, body);
}

// A new list as the body asks for it: a file uploaded (its bytes, and where
// it will be kept) or a path on the server. Only the request's own fields
// are checked here; ListAdmin checks the list.
struct ListRequest {
  std::string reason;
  control::NewList list;
  std::string upload_name;  // as sent
  std::string content;      // the uploaded bytes
  bool upload = false;
};

Result<ListRequest> readListRequest(ApiContext& ctx, const json& body) {
  ListRequest n;
  n.reason = stringField(body, "reason");
  std::string format = stringField(body, "format");
  auto parsed = classify::parseListFormat(format.empty() ? "auto" : format);
  if (!parsed) return invalidArgument("format: " + parsed.status().message());
  n.list.format = *parsed;
  n.list.category = std::string(trim(stringField(body, "category")));
  bool has_upload = body.contains("content_base64");
  std::string path = stringField(body, "path");
  if (has_upload == !path.empty()) {
    return invalidArgument(
        "Either upload a file (name and content_base64) or give a path on the server, not both.");
  }
  if (!has_upload) {
    n.list.path = path;
    return n;
  }
  if (ctx.data_dir.empty()) return failedPrecondition("This console cannot keep uploaded files.");
  if (!body["content_base64"].is_string())
    return invalidArgument("content_base64: send the file as base64 text.");
  n.upload = true;
  n.upload_name = stringField(body, "name");
  std::string safe = safeName(n.upload_name);
  if (safe.empty())
    return invalidArgument("name: give the file's name (letters, digits, '.', '-' or '_').");
  if (n.list.format == classify::ListFormat::kSquidGuard) {
    return invalidArgument(
        "format: a squidGuard list is a folder; upload its files one at a time as plain lists, "
        "or give the folder's path on the server.");
  }
  n.list.path = joinPath(uploadDir(ctx), safe);
  const std::string& b64 = body["content_base64"].get_ref<const std::string&>();
  if (b64.size() / 4 * 3 > kMaxUploadBytes + 3 * 1024 * 1024) {  // room for line breaks
    return tooBig();
  }
  auto bytes = decodeBase64(b64);
  if (!bytes) {
    return invalidArgument("content_base64: the file is not base64; choose the file again.");
  }
  n.content = std::move(*bytes);
  if (n.content.size() > kMaxUploadBytes) return tooBig();
  if (n.content.empty()) return invalidArgument("content_base64: the file is empty.");
  if (n.list.format == classify::ListFormat::kAuto) {
    n.list.format = classify::importers::detectListFormat(n.content);
  }
  return n;
}

// Keeps an upload under <data>/lists/uploaded, once ListAdmin would take it.
Status keepUpload(ApiContext& ctx, const ListRequest& n) {
  std::error_code ec;
  if (fs::exists(n.list.path, ec)) {
    return alreadyExists(fmt::format(
        "name: a list called {} was uploaded already. Give the new file another name.",
        fs::path(n.list.path).filename().string()));
  }
  fs::create_directories(uploadDir(ctx), ec);
  if (ec) return ioError(ec.message());
  return writeFileAtomically(n.list.path, n.content);
}

ApiResponse addList(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body) {
    return errorResponse(
        400, "Send {\"reason\", \"name\" and \"content_base64\"} or {\"reason\", \"path\"}.");
  }
  if (ctx.list_job->running()) {
    return errorResponse(
        409, "The lists are being compiled now. Wait for it to finish, then add the list.");
  }
  auto n = readListRequest(ctx, *body);
  if (!n) {
    if (n.status().code() == StatusCode::kResourceExhausted) {
      return errorResponse(413, n.status().message());
    }
    return statusResponse(n.status(), "The list cannot be added");
  }
  control::ConfinedListFiles files(realFileSystem(), ctx.list_folders);
  control::ListAdmin lists(ctx.store, ctx.school, files);
  if (n->upload) {
    if (Status s = lists.check(n->list, n->reason); !s.isOk()) {
      return statusResponse(s, "The list cannot be added");
    }
    if (Status s = keepUpload(ctx, *n); !s.isOk()) {
      return statusResponse(s, "The file cannot be kept");
    }
  }
  auto added = lists.addList(n->list, session.email, n->reason);
  if (!added) {
    std::error_code ec;
    if (n->upload) fs::remove(n->list.path, ec);
    if (added.status().code() == StatusCode::kAlreadyExists) {
      return errorResponse(409, fmt::format("path: {} is one of the lists already.", n->list.path));
    }
    if (added.status().code() == StatusCode::kPermissionDenied) {  // outside the list folders
      return jsonResponse(400, {{"error", added.status().message()}, {"field", "path"}});
    }
    return statusResponse(added.status(), "The list cannot be added");
  }
  if (Status s = ctx.list_job->start(session.email); !s.isOk()) {
    return statusResponse(s, "The list was added but cannot be compiled");
  }
  return startedResponse(ctx, 202, {{"list", sourceJson(ctx, *added)}});
}

ApiResponse compileAll(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  std::string reason;
  if (!req.body.empty()) {
    auto body = jsonBody(req);
    if (!body) return errorResponse(400, "Send {\"reason\": \"...\"} or nothing.");
    reason = std::string(trim(stringField(*body, "reason")));
  }
  if (Status s = ctx.list_job->start(session.email); !s.isOk()) {
    return statusResponse(s, "The lists cannot be compiled");
  }
  Status audited = ctx.store.appendAudit(ctx.school, session.email, "list.compile", "all lists",
                                         "compile started from the console", reason);
  if (!audited.isOk())
    return statusResponse(audited, "The compile started but the audit log cannot be written");
  return startedResponse(ctx, 202, json::object());
}

// {"id", "reason"}: stops using a list and compiles the rest. An uploaded
// file goes with it (only the console used it, and its name is free again);
// a file or folder that was already on the server is left where it is.
ApiResponse removeList(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  auto id = body ? intField(*body, "id") : std::nullopt;
  if (!id) return errorResponse(400, "Send {\"id\", \"reason\"}: the list's number and why it goes.");
  std::string reason = stringField(*body, "reason");
  if (Status s = control::requireReason(reason); !s.isOk()) {
    return jsonResponse(400, {{"error", s.message()}, {"field", "reason"}});
  }
  if (ctx.list_job->running()) {
    return errorResponse(
        409, "The lists are being compiled now. Wait for it to finish, then remove the list.");
  }
  control::ListAdmin lists(ctx.store, ctx.school, realFileSystem());
  auto removed = lists.removeList(*id, session.email, reason);
  if (!removed) return statusResponse(removed.status(), "The list cannot be removed");
  if (!ctx.data_dir.empty() && removed->path.starts_with(uploadDir(ctx) + "/")) {
    std::error_code ec;
    fs::remove(removed->path, ec);  // a file left behind only keeps its name taken
  }
  if (Status s = ctx.list_job->start(session.email); !s.isOk()) {
    return statusResponse(s, "The list was removed but the rest cannot be compiled");
  }
  return startedResponse(ctx, 202, {{"removed", *id}});
}

}  // namespace

void addListRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  if (ctx.list_folders.folders.empty()) {
    ctx.list_folders = control::ListFolders::forDataDir(ctx.data_dir, ServeConfig::Lists{});
  }
  if (!ctx.list_job) {
    ctx.list_job = std::make_shared<ListJob>(ctx.store, ctx.school, ctx.index_path,
                                             realFileSystem(), ctx.clock, ctx.list_folders);
  }
  router.add("GET", "/api/v1/lists", Permission::kManageLists,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return listsView(ctx); });
  router.add(
      "POST", "/api/v1/lists", Permission::kManageLists,
      [&ctx](const ApiRequest& req, const ConsoleSession* s) { return addList(ctx, req, *s); });
  router.add("GET", "/api/v1/lists/job", Permission::kManageLists,
             [&ctx](const ApiRequest&, const ConsoleSession*) {
               return jsonResponse(200, jobJson(ctx, ctx.list_job->state()));
             });
  router.add(
      "POST", "/api/v1/lists/remove", Permission::kManageLists,
      [&ctx](const ApiRequest& req, const ConsoleSession* s) { return removeList(ctx, req, *s); });
  router.add(
      "POST", "/api/v1/lists/compile", Permission::kManageLists,
      [&ctx](const ApiRequest& req, const ConsoleSession* s) { return compileAll(ctx, req, *s); });
}

}  // namespace esafety::console
