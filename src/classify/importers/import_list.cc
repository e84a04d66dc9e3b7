// importList(): picks the parser for a request and runs it. Folders are
// squidGuard; files are read once, their format detected when asked, and
// handed to the parser for that format.
#include <fmt/format.h>

#include "classify/importers.h"
#include "classify/importers/adblock.h"
#include "classify/importers/e2guardian.h"
#include "classify/importers/format_detect.h"
#include "classify/importers/hosts_file.h"
#include "classify/importers/import_context.h"
#include "classify/importers/plain_domains.h"
#include "classify/importers/squidguard.h"

namespace esafety::classify {

ImportStats importList(const FileSystem& fs, const ImportRequest& request, EntrySink& sink,
                       ProblemSink& problems, ProgressSink* progress) {
  importers::ImportContext ctx(fs, sink, problems, progress);
  const std::string& path = request.path;
  bool folder = fs.isDirectory(path);
  if (request.format == ListFormat::kSquidGuard ||
      (request.format == ListFormat::kAuto && folder)) {
    importers::importSquidGuard(ctx, path, request.category);
    return ctx.stats();
  }
  if (folder) {
    ctx.error(path, 0,
              fmt::format("is a folder: only squidGuard lists are folders, not {} lists",
                          listFormatName(request.format)));
    return ctx.stats();
  }
  auto text = fs.readFile(path);
  if (!text) {
    ctx.error(path, 0, text.status().message());
    return ctx.stats();
  }
  ListFormat format = request.format;
  if (format == ListFormat::kAuto) format = importers::detectListFormat(*text);
  if (format != ListFormat::kE2Guardian && request.category.empty()) {
    ctx.error(path, 0,
              fmt::format("no category: pass --category for a {} list", listFormatName(format)));
    return ctx.stats();
  }
  switch (format) {
    case ListFormat::kE2Guardian:
      importers::importE2Guardian(ctx, path, *text, request.category);
      break;
    case ListFormat::kHosts:
      importers::importHostsFile(ctx, path, *text, request.category);
      break;
    case ListFormat::kAdblock:
      importers::importAdblock(ctx, path, *text, request.category);
      break;
    case ListFormat::kPlainDomains:
      importers::importPlainDomains(ctx, path, *text, request.category);
      break;
    case ListFormat::kAuto:        // detectListFormat never answers kAuto
    case ListFormat::kSquidGuard:  // handled above, before the file is read
      break;
  }
  return ctx.stats();
}

}  // namespace esafety::classify
