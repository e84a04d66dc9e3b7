// The Lists routes over a real store and data folder: an upload is kept
// under lists/uploaded, audited with who and why, and compiled in the
// background with its bad lines named by file:line; bad input is named by
// field and changes nothing; a second compile while one runs is 409.
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "console/api_test_fixture.h"
#include "console/gated_file_system.h"
#include "console/list_job.h"

namespace esafety::console {
namespace {

namespace fs = std::filesystem;
using identity::Role;
using nlohmann::json;

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the NUL
  return out;
}

class ListRoutesTest : public ConsoleApiTest {
 protected:
  void SetUp() override {
    ConsoleApiTest::SetUp();
    clock_.set(LocalTime::parse("2026-03-03 09:30").value());
    addCategory("gambling");
    ESAFETY_ASSERT_OK(
        store_->saveGroup(school_, {.name = "KS2", .blocked_categories = {"gambling"}}, "a", "r"));
    fs::create_directories(dir_.file("index"));
    ctx_->index_path = dir_.file("index/categories.idx");
    ctx_->data_dir = dir_.path();
    // The routes again, with a job whose reads wait at the gate.
    // The lists this console may read: <data>/lists and the test's "srv" folder.
    fs::create_directories(dir_.file("srv"));
    ctx_->list_folders = {.folders = {dir_.file("lists"), dir_.file("srv")},
                          .max_file_bytes = 1 << 30,
                          .max_total_bytes = 1 << 30};
    ctx_->list_job = std::make_shared<ListJob>(*store_, school_, ctx_->index_path, gate_, clock_,
                                               ctx_->list_folders);
    router_ = std::make_unique<ApiRouter>(ctx_->sessions);
    addAllRoutes(*router_, *ctx_);
  }
  void TearDown() override {
    gate_.open();
    ctx_->list_job.reset();  // waits for a compile still running
    ConsoleApiTest::TearDown();
  }

  json upload(const std::string& name, const std::string& text,
              const std::string& category = "gambling") {
    return {{"name", name},
            {"content_base64", base64(text)},
            {"format", "plain"},
            {"category", category},
            {"reason", "Reported by Year 6"}};
  }
  // Polls GET /lists/job until the compile has ended (at most 30 s).
  json finishedJob(const ConsoleSession& s) {
    json job;
    for (int i = 0; i < 3000; ++i) {
      ApiResponse r = call("GET", "/api/v1/lists/job", s);
      EXPECT_EQ(r.status, 200);
      job = json::parse(r.body);
      if (job["state"] != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return job;
  }
  std::string lastAudit(std::string_view action) {
    auto rows = store_->audit(school_, 50);
    EXPECT_TRUE(rows);
    if (!rows) return "";
    for (const auto& a : *rows) {
      if (a.action == action)
        return a.actor + " | " + a.target + " | " + a.detail + " | " + a.reason;
    }
    return "";
  }
  size_t auditCount(std::string_view action) {
    auto rows = store_->audit(school_, 50);
    EXPECT_TRUE(rows);
    size_t n = 0;
    if (rows) {
      for (const auto& a : *rows) n += a.action == action;
    }
    return n;
  }
  size_t listCount() {
    auto sources = store_->listSources(school_);
    EXPECT_TRUE(sources);
    return sources ? sources->size() : 0;
  }

  GatedFileSystem gate_;
};

TEST_F(ListRoutesTest, AnUploadIsKeptAuditedAndCompiledWithItsBadLinesNamed) {
  gate_.open();
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  ApiResponse r =
      call("POST", "/api/v1/lists", it,
           upload("Our blocks (v2).txt", "casino-test.example\nthis is not a site\n# a comment\n"));
  ASSERT_EQ(r.status, 202) << r.body;
  json added = json::parse(r.body);
  EXPECT_EQ(added["list"]["path"], "lists/uploaded/Our-blocks-v2-.txt");
  EXPECT_EQ(added["list"]["uploaded"], true);
  EXPECT_EQ(added["list"]["format"], "plain");
  EXPECT_EQ(added["list"]["added_by"], "someone@school.example");
  EXPECT_TRUE(fs::exists(dir_.file("lists/uploaded/Our-blocks-v2-.txt")));
  // One audit row, written with the list in one transaction, says who and why.
  EXPECT_EQ(lastAudit("list_source.add"),
            "someone@school.example | " + dir_.file("lists/uploaded/Our-blocks-v2-.txt") +
                " | plain list for category 'gambling' | Reported by Year 6");
  EXPECT_EQ(auditCount("list_source.add"), 1u);
  EXPECT_EQ(auditCount("list.add"), 0u) << "no second row in a transaction of its own";

  json job = finishedJob(it);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["entries"], 1);
  EXPECT_EQ(job["rejected"], 1);
  EXPECT_EQ(job["bytes_done"], job["bytes_total"]);
  EXPECT_EQ(job["started_by"], "someone@school.example");
  EXPECT_EQ(job["error_count"], 1);
  ASSERT_EQ(job["problems"].size(), 1u);
  EXPECT_EQ(job["problems"][0]["file"], "lists/uploaded/Our-blocks-v2-.txt");
  EXPECT_EQ(job["problems"][0]["line"], 2);
  EXPECT_EQ(job["problems"][0]["text"].get<std::string>().rfind(
                "lists/uploaded/Our-blocks-v2-.txt:2: ", 0),
            0u)
      << job["problems"][0]["text"];

  r = call("GET", "/api/v1/lists", it);
  ASSERT_EQ(r.status, 200) << r.body;
  json view = json::parse(r.body);
  ASSERT_EQ(view["lists"].size(), 1u);
  EXPECT_EQ(view["lists"][0]["entries"], 1);
  EXPECT_EQ(view["lists"][0]["rejected"], 1);
  EXPECT_EQ(view["index"]["exists"], true);
  EXPECT_GT(view["index"]["bytes"].get<uint64_t>(), 0u);
  EXPECT_EQ(view["job"]["state"], "done");
  bool gambling = false;
  for (const auto& c : view["categories"]) gambling = gambling || c["name"] == "gambling";
  EXPECT_TRUE(gambling);

  // The new index is what "check a site" (built as the filter builds its own) uses.
  const ConsoleSession& head = sessionFor(Role::kHead);
  ApiRequest check = request("GET", "/api/v1/policy/check", &head);
  check.query["url"] = "www.casino-test.example";
  check.query["group"] = "KS2";
  r = router_->handle(check);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["verdict"], "block") << r.body;
}

TEST_F(ListRoutesTest, BadInputIsNamedByFieldAndChangesNothing) {
  gate_.open();
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  auto expect400 = [&](json body, std::string_view field) {
    ApiResponse r = call("POST", "/api/v1/lists", it, body);
    EXPECT_EQ(r.status, 400) << body.dump().substr(0, 200) << " -> " << r.body;
    EXPECT_EQ(json::parse(r.body)["error"].get<std::string>().rfind(std::string(field), 0), 0u)
        << "names " << field << ": " << r.body;
  };
  json good = upload("blocks.txt", "casino-test.example\n");
  json body = good;
  body.erase("reason");
  expect400(body, "reason:");
  body["reason"] = "   ";
  expect400(body, "reason:");
  body = good;
  body["content_base64"] = "not*base64!";
  expect400(body, "content_base64:");
  body = good;
  body["format"] = "word-document";
  expect400(body, "format:");
  body = good;
  body["category"] = "no-such-category";
  expect400(body, "category:");
  body = good;
  body.erase("category");
  expect400(body, "category:");  // a plain list needs one
  body = good;
  body["name"] = "../..";
  expect400(body, "name:");
  body = good;
  body["path"] = "/etc";
  expect400(body, "Either upload a file");
  expect400({{"reason", "r"}}, "Either upload a file");
  expect400({{"reason", "r"}, {"path", "relative/list.txt"}}, "path:");
  expect400({{"reason", "r"}, {"path", "/no/such/list.txt"}}, "path:");
  body = good;
  body["format"] = "squidguard";
  expect400(body, "format:");
  EXPECT_EQ(call("POST", "/api/v1/lists", it, json::array({1})).status, 400);

  EXPECT_EQ(listCount(), 0u);
  EXPECT_FALSE(fs::exists(dir_.file("lists/uploaded/blocks.txt")));
  EXPECT_EQ(lastAudit("list_source.add"), "");
  EXPECT_EQ(json::parse(call("GET", "/api/v1/lists/job", it).body)["state"], "idle");

  // The same name twice: the second is refused, the first kept.
  ASSERT_EQ(call("POST", "/api/v1/lists", it, good).status, 202);
  EXPECT_EQ(finishedJob(it)["state"], "done");
  ApiResponse again = call("POST", "/api/v1/lists", it, upload("blocks.txt", "other.example\n"));
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("name: a list called blocks.txt"), std::string::npos) << again.body;
  EXPECT_EQ(listCount(), 1u);
}

TEST_F(ListRoutesTest, AFileOnTheServerIsAddedByItsPath) {
  gate_.open();
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  std::string path = dir_.file("srv/srv-list.txt");
  std::ofstream(path) << "casino-test.example\ncasino-two.example\n";
  ApiResponse r = call("POST", "/api/v1/lists", it,
                       {{"path", path}, {"category", "gambling"}, {"reason", "The trust's list"}});
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(json::parse(r.body)["list"]["uploaded"], false);
  json job = finishedJob(it);
  EXPECT_EQ(job["state"], "done");
  EXPECT_EQ(job["entries"], 2);
  EXPECT_EQ(job["problem_count"], 0);
  r = call("POST", "/api/v1/lists", it,
           {{"path", path}, {"category", "gambling"}, {"reason", "again"}});
  EXPECT_EQ(r.status, 409) << r.body;
}

TEST_F(ListRoutesTest, APathOutsideTheListFoldersIsRefusedAndNothingIsRead) {
  gate_.open();
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  std::string secret = dir_.file("secret.env");
  std::ofstream(secret) << "DB_PASSWORD:hunter2-secret-long-value\n";
  fs::create_symlink(secret, dir_.file("srv/innocent.txt"));
  for (std::string path : {secret, dir_.file("srv/innocent.txt"), std::string("/etc/passwd"),
                           std::string("/dev/zero"), dir_.file("srv/../secret.env")}) {
    ApiResponse r = call("POST", "/api/v1/lists", it,
                         {{"path", path}, {"category", "gambling"}, {"reason", "r"}});
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_NE(r.body.find("outside the list folders"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("hunter2"), std::string::npos) << r.body;
  }
  ::mkfifo(dir_.file("srv/fifo").c_str(), 0600);
  ApiResponse r = call("POST", "/api/v1/lists", it,
                       {{"path", dir_.file("srv/fifo")}, {"category", "gambling"}, {"reason", "r"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("not a regular file"), std::string::npos) << r.body;
  EXPECT_EQ(listCount(), 0u);
  EXPECT_EQ(lastAudit("list_source.add"), "");
}

TEST_F(ListRoutesTest, ASecretInAListComesBackOnlyCut) {
  gate_.open();
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  std::string path = dir_.file("srv/settings.env");
  std::ofstream(path) << "casino-test.example\nDB_PASSWORD:hunter2-secret-long-value\n";
  ApiResponse r = call("POST", "/api/v1/lists", it,
                       {{"path", path}, {"category", "gambling"}, {"reason", "r"}});
  ASSERT_EQ(r.status, 202) << r.body;
  json job = finishedJob(it);
  ASSERT_EQ(job["state"], "done");
  ASSERT_EQ(job["problems"].size(), 1u) << job.dump();
  EXPECT_EQ(job["problems"][0]["line"], 2);
  EXPECT_EQ(job["problems"][0]["excerpt"], "DB_PASSWORD:hunter2-secr\xE2\x80\xA6");
  std::string shown = call("GET", "/api/v1/lists/job", it).body + call("GET", "/api/v1/lists", it).body;
  EXPECT_EQ(shown.find("hunter2-secret-long-value"), std::string::npos) << shown;
  EXPECT_NE(shown.find("hunter2-secr"), std::string::npos) << "the line is named, cut";
}

TEST_F(ListRoutesTest, RemovingAListNeedsAReasonDeletesItsUploadAndCompilesTheRest) {
  gate_.open();
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  ApiResponse r = call("POST", "/api/v1/lists", it, upload("wrong.txt", "casino-one.example\n"));
  ASSERT_EQ(r.status, 202) << r.body;
  int64_t id = json::parse(r.body)["list"]["id"];
  ASSERT_EQ(finishedJob(it)["entries"], 1);
  std::string kept = dir_.file("lists/uploaded/wrong.txt");
  ASSERT_TRUE(fs::exists(kept));

  r = call("POST", "/api/v1/lists/remove", it, {{"id", id}, {"reason", "  "}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["field"], "reason");
  EXPECT_EQ(call("POST", "/api/v1/lists/remove", it, {{"reason", "no id"}}).status, 400);
  EXPECT_EQ(call("POST", "/api/v1/lists/remove", it, {{"id", 999}, {"reason", "x"}}).status, 404);
  EXPECT_EQ(listCount(), 1u);

  r = call("POST", "/api/v1/lists/remove", it, {{"id", id}, {"reason", "Uploaded the wrong file"}});
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(finishedJob(it)["entries"], 0);
  EXPECT_EQ(listCount(), 0u);
  EXPECT_FALSE(fs::exists(kept)) << "the uploaded copy goes with the list";
  EXPECT_EQ(lastAudit("list_source.remove"),
            it.email + " | " + kept + " | list source " + std::to_string(id) + " | Uploaded the wrong file");
  // The name is free again.
  EXPECT_EQ(call("POST", "/api/v1/lists", it, upload("wrong.txt", "casino-two.example\n")).status, 202);
}

TEST_F(ListRoutesTest, AListOfAnUnoverridableCategoryIsNotRemoved) {
  gate_.open();
  addCategory("illegal", /*unoverridable=*/true);
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  ApiResponse r = call("POST", "/api/v1/lists", it, upload("iwf.txt", "abuse-test.example\n", "illegal"));
  ASSERT_EQ(r.status, 202) << r.body;
  int64_t id = json::parse(r.body)["list"]["id"];
  finishedJob(it);
  r = call("POST", "/api/v1/lists/remove", it, {{"id", id}, {"reason", "tidying"}});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(json::parse(r.body)["error"].get<std::string>().find("cannot be removed"), std::string::npos);
  EXPECT_EQ(listCount(), 1u);
  EXPECT_TRUE(fs::exists(dir_.file("lists/uploaded/iwf.txt")));
  // The page knows which categories nobody may unblock.
  json view = json::parse(call("GET", "/api/v1/lists", it).body);
  bool marked = false;
  for (const auto& c : view["categories"]) marked |= c["name"] == "illegal" && c["unoverridable"] == true;
  EXPECT_TRUE(marked);
}

TEST_F(ListRoutesTest, ASecondCompileWhileOneRunsIsRefused) {
  OpenOnExit guard{gate_};
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  std::string path = dir_.file("srv/srv-list.txt");
  std::ofstream(path) << "casino-test.example\n";
  ASSERT_TRUE(store_->addListSource(
      school_, {.path = path, .format = "plain", .category = "gambling", .added_by = "t"}, "r"));
  ApiResponse r =
      call("POST", "/api/v1/lists/compile", it, {{"reason", "New lists from the trust"}});
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(json::parse(r.body)["job"]["state"], "running");
  ASSERT_TRUE(gate_.waitForReader());

  r = call("POST", "/api/v1/lists/compile", it);
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("being compiled already"), std::string::npos) << r.body;
  r = call("POST", "/api/v1/lists", it, upload("more.txt", "casino-three.example\n"));
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("Wait for it to finish"), std::string::npos) << r.body;
  EXPECT_FALSE(fs::exists(dir_.file("lists/uploaded/more.txt"))) << "nothing kept while refused";
  EXPECT_EQ(json::parse(call("GET", "/api/v1/lists/job", it).body)["state"], "running");
  EXPECT_NE(lastAudit("list.compile").find("New lists from the trust"), std::string::npos);

  gate_.open();
  EXPECT_EQ(finishedJob(it)["state"], "done");
  EXPECT_EQ(call("POST", "/api/v1/lists/compile", it).status, 202) << "free again once it ended";
  EXPECT_EQ(finishedJob(it)["state"], "done");
}

TEST_F(ListRoutesTest, AFileOverTheLimitIsRefusedWith413) {
  gate_.open();
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  json body = upload("huge.txt", "x");
  body["content_base64"] = std::string(90u * 1024 * 1024, 'A');
  ApiResponse r = call("POST", "/api/v1/lists", it, body);
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("64 MB"), std::string::npos) << r.body;
  EXPECT_EQ(listCount(), 0u);
}

TEST_F(ListRoutesTest, OnlyRolesThatManageListsMaySeeThem) {
  EXPECT_EQ(call("GET", "/api/v1/lists", sessionFor(Role::kTeacher)).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/lists/compile", sessionFor(Role::kDsl)).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/lists/job", sessionFor(Role::kItAdmin)).status, 200);
}

}  // namespace
}  // namespace esafety::console
