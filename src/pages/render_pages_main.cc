// esafety_render_pages: writes every page this library renders, with sample
// data (including hostile input), to a folder, so the browser tests
// (tests/browser) can load each one in Chromium. Development tool only.
//
//   esafety_render_pages <outdir> [--console-base http://127.0.0.1:8080]
//
// Writes <name>.html for each page, proxy.pac, and manifest.json:
//   {"console_base": "...", "pac": "proxy.pac",
//    "headers": {pageHeaders()}, "pac_headers": {pacHeaders()},
//    "pages": [{"name", "file", "kind", "audience", "status", "hostile"}]}
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pages/block_page.h"
#include "pages/client_error_pages.h"
#include "pages/pac.h"
#include "pages/page_headers.h"
#include "pages/thanks_page.h"
#include "pages/unknown_device_page.h"
#include "pages/upstream_error_page.h"

namespace {

using esafety::pages::Audience;
using esafety::pages::BlockCause;
using esafety::pages::BlockPageInfo;

struct Page {
  std::string name, kind;
  Audience audience;
  int status;
  bool hostile;
  std::string html;
};

constexpr std::string_view kHostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";

BlockPageInfo sampleBlock(Audience audience, const std::string& console_base) {
  BlockPageInfo info;
  info.audience = audience;
  info.console_base = console_base;
  info.school_name = "St Mary's C of E Primary";
  info.event_id = 48213;
  if (audience == Audience::kChild) {
    info.cause = BlockCause::kCategory;
    info.site = "https://www.coolmath-games.example/play/123";
    info.category_title = "Games";
    info.reason = "KS1 blocks Games.";
    info.when = "Tue 3 March 2026, 10:42";
    info.group = "KS1";
  } else {
    info.cause = BlockCause::kSchoolBlocked;
    info.site = "https://quiz-demo.example/answers/year-6-sats?utm_source=newsletter";
    info.category_title = "Quizzes";
    info.reason =
        "The school has blocked quiz-demo.example/answers: Quiz answers (it.technician, "
        "2026-02-10).";
    info.when = "Tue 3 March 2026, 12:15";
    info.group = "Staff";
  }
  return info;
}

BlockPageInfo hostileBlock(Audience audience, const std::string& console_base) {
  BlockPageInfo info = sampleBlock(audience, console_base);
  info.site = "http://evil.example/" + std::string(kHostile) + "/" + std::string(300, 'a') +
              "?q=" + std::string(kHostile);
  info.category_title = "<b>Bold</b> " + std::string(kHostile);
  info.reason = "Reason " + std::string(kHostile) + " \xE2\x80\xAEmoc.elgoog";
  info.group = std::string(kHostile);
  info.when = "</title><script>alert(3)</script>";
  info.form_token = std::string(kHostile);
  info.school_name = "</header>" + std::string(kHostile);
  return info;
}

std::vector<Page> allPages(const std::string& console_base) {
  using namespace esafety::pages;
  std::vector<Page> pages;
  for (Audience a : {Audience::kChild, Audience::kAdult}) {
    std::string who = a == Audience::kChild ? "child" : "adult";
    pages.push_back({"block-" + who, "block", a, kBlockPageStatus, false,
                     renderBlockPage(sampleBlock(a, console_base))});
    pages.push_back({"block-" + who + "-hostile", "block", a, kBlockPageStatus, true,
                     renderBlockPage(hostileBlock(a, console_base))});
    pages.push_back({"thanks-told-teacher-" + who, "thanks", a, 200, false,
                     renderThanksPage(ThanksKind::kToldTeacher, a)});
    pages.push_back({"thanks-asked-check-" + who, "thanks", a, 200, false,
                     renderThanksPage(ThanksKind::kAskedCheck, a)});
  }
  BlockPageInfo account = sampleBlock(Audience::kChild, console_base);
  account.cause = BlockCause::kAccount;
  account.category_title.clear();
  account.reason =
      "This account cannot browse until the sanction ends or the acceptable use policy is "
      "accepted.";
  pages.push_back({"block-child-account", "block", Audience::kChild, kBlockPageStatus, false,
                   renderBlockPage(account)});

  for (UpstreamError kind :
       {UpstreamError::kDnsFailure, UpstreamError::kConnectionRefused, UpstreamError::kTimeout,
        UpstreamError::kConnectionReset, UpstreamError::kTlsFailure, UpstreamError::kBadResponse}) {
    RenderedPage page =
        renderUpstreamErrorPage(kind, "www.example-museum.example",
                                "sample detail for " + std::string(upstreamErrorName(kind)));
    pages.push_back({"error-" + std::string(upstreamErrorName(kind)), "upstream-error",
                     Audience::kAdult, page.status, false, page.html});
  }
  RenderedPage hostile_error =
      renderUpstreamErrorPage(UpstreamError::kBadResponse, kHostile, kHostile);
  pages.push_back({"error-hostile", "upstream-error", Audience::kAdult, hostile_error.status, true,
                   hostile_error.html});

  RenderedPage refused = renderRefusedPage();
  pages.push_back({"refused", "refused", Audience::kAdult, refused.status, false, refused.html});
  for (int status : {400, 408, 431}) {
    RenderedPage page = renderBadRequestPage(status, "sample parser message");
    pages.push_back({"bad-request-" + std::to_string(status), "bad-request", Audience::kAdult,
                     page.status, false, page.html});
  }
  RenderedPage unknown = renderUnknownDevicePage({.console_base = console_base,
                                                  .school_name = "St Mary's C of E Primary",
                                                  .device_address = "10.20.4.117"});
  pages.push_back(
      {"unknown-device", "unknown-device", Audience::kAdult, unknown.status, false, unknown.html});
  return pages;
}

bool writeFile(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "esafety_render_pages: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string outdir, console_base = "http://127.0.0.1:8080";
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--console-base" && i + 1 < args.size()) {
      console_base = args[++i];
    } else if (outdir.empty() && !args[i].starts_with("-")) {
      outdir = args[i];
    } else {
      outdir.clear();
      break;
    }
  }
  if (outdir.empty()) {
    std::fprintf(stderr, "usage: esafety_render_pages <outdir> [--console-base URL]\n");
    return 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(outdir, ec);
  if (ec) {
    std::fprintf(stderr, "esafety_render_pages: cannot create %s: %s\n", outdir.c_str(),
                 ec.message().c_str());
    return 1;
  }

  nlohmann::json manifest = {{"console_base", console_base}, {"pac", "proxy.pac"}};
  manifest["headers"] = nlohmann::json::object();
  for (const auto& [name, value] : esafety::pages::pageHeaders(console_base)) {
    manifest["headers"][name] = value;
  }
  manifest["pac_headers"] = nlohmann::json::object();
  for (const auto& [name, value] : esafety::pages::pacHeaders())
    manifest["pac_headers"][name] = value;
  manifest["pages"] = nlohmann::json::array();
  for (const Page& page : allPages(console_base)) {
    std::string file = page.name + ".html";
    if (!writeFile(std::filesystem::path(outdir) / file, page.html)) return 1;
    manifest["pages"].push_back(
        {{"name", page.name},
         {"file", file},
         {"kind", page.kind},
         {"audience", page.audience == Audience::kChild ? "child" : "adult"},
         {"status", page.status},
         {"hostile", page.hostile}});
  }

  esafety::pages::PacOptions pac_options;
  pac_options.proxies = {"filter1.la.example:3128", "filter2.la.example:3128"};
  pac_options.console_host = "esafety.school.internal";
  pac_options.bypass_domains = {"school.internal", ".mis.example"};
  pac_options.bypass_networks = {"10.20.0.0/16", "192.168.50.0/24"};
  auto pac = esafety::pages::renderPac(pac_options);
  if (!pac) {
    std::fprintf(stderr, "esafety_render_pages: %s\n", pac.status().toString().c_str());
    return 1;
  }
  if (!writeFile(std::filesystem::path(outdir) / "proxy.pac", *pac)) return 1;
  if (!writeFile(std::filesystem::path(outdir) / "manifest.json", manifest.dump(2) + "\n"))
    return 1;
  std::printf("esafety_render_pages: wrote %zu pages and proxy.pac to %s\n",
              manifest["pages"].size(), outdir.c_str());
  return 0;
}
