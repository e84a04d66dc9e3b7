// The web console's static files (web/, built by Vite and embedded in the
// binary at build time), ready to serve.
//
//   const Asset& a = assetForPath("/activity");  // a page path: index.html
//   if (clientAcceptsGzip && !a.gzip.empty()) send(a.gzip, "Content-Encoding: gzip");
//   else send(a.body);                            // with a.content_type and a.etag
//
// Paths that name a file ("/app.js") give that file or nothing; any other
// path is one of the app's pages and gives index.html, whose script then
// picks the page. Thread safety: the table is built once, then read-only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace esafety::console {

struct Asset {
  std::string path;          // "/app.js"
  std::string content_type;  // "text/javascript; charset=utf-8"
  std::string_view body;
  std::string_view gzip;     // the same, gzip-compressed (empty if none)
  std::string etag;          // "\"<xxh3 of body>\""
};

// Every embedded file, "/index.html" included.
const std::vector<Asset>& consoleAssets();

// The file at `path`, or index.html for a page path; nullptr for a missing
// file (a path whose last segment has a dot).
const Asset* assetForPath(std::string_view path);

}  // namespace esafety::console
