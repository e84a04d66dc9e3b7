#include "core/config.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace esafety {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    std::ofstream(path_) << text;
    return path_;
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string path_ = (std::filesystem::temp_directory_path() /
                       ("esafety-config-" + std::to_string(getpid()) + ".toml"))
                          .string();
};

TEST_F(ConfigTest, MissingFileGivesTheDefaults) {
  auto c = loadServeConfig("/nonexistent/esafety.toml");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->proxy.listen[0].toString(), "127.0.0.1:3128");
  EXPECT_EQ(c->dns.listen[0].toString(), "127.0.0.1:5353");
  EXPECT_EQ(c->dns.rate_limit_qps, 0u);
}

TEST_F(ConfigTest, DefaultFileParsesToTheDefaults) {
  auto c = loadServeConfig(write(defaultServeConfigText()));
  ASSERT_TRUE(c) << c.status().toString();
  EXPECT_EQ(c->school_networks, (std::vector<std::string>{"127.0.0.0/8", "::1/128"}));
}

TEST_F(ConfigTest, ReadsEverySection) {
  auto c = loadServeConfig(write(R"(
[school]
networks = ["10.20.0.0/16", "fd00::/8"]
[server]
workers = 4
[proxy]
listen = ["0.0.0.0:3128", "[::]:3128"]
connect_ports = [443, 8443]
[dns]
block_answer = "zero"
upstreams = ["192.0.2.53:53"]
[console]
listen = "[::1]:8080"
)"));
  ASSERT_TRUE(c) << c.status().toString();
  EXPECT_EQ(c->workers, 4u);
  EXPECT_EQ(c->proxy.listen[1].host, "::");
  EXPECT_EQ(c->proxy.listen[1].toString(), "[::]:3128");
  EXPECT_EQ(c->proxy.connect_ports, (std::vector<uint16_t>{443, 8443}));
  EXPECT_EQ(c->dns.block_answer, "zero");
  EXPECT_EQ(c->console.listen.toString(), "[::1]:8080");
}

TEST_F(ConfigTest, ErrorsNameFileLineAndSetting) {
  auto c = loadServeConfig(write("[proxy]\n\nlisten = [\"127.0.0.1:99999\"]\n"));
  ASSERT_FALSE(c);
  EXPECT_NE(c.status().message().find(path_ + ":3: listen"), std::string::npos)
      << c.status().message();
  c = loadServeConfig(write("[dns]\nblock_answer = \"maybe\"\n"));
  ASSERT_FALSE(c);
  EXPECT_NE(c.status().message().find("nxdomain, zero, blockpage"), std::string::npos);
  c = loadServeConfig(write("[school]\nnetworks = [\"10.0.0.0/33\"]\n"));
  ASSERT_FALSE(c);
  EXPECT_NE(c.status().message().find("is not a network"), std::string::npos);
  c = loadServeConfig(write("[proxy\nlisten = 1\n"));
  ASSERT_FALSE(c);
  EXPECT_NE(c.status().message().find(path_ + ":1"), std::string::npos) << c.status().message();
  c = loadServeConfig(write("[server]\nworkers = -1\n"));
  ASSERT_FALSE(c);
}

TEST_F(ConfigTest, ReadsTheTlsSection) {
  auto c = loadServeConfig(write(R"(
[tls]
extra_trust_file = "/etc/school/ca.pem"
no_inspect_file = "/etc/school/no-inspect.txt"
leaf_cache_entries = 500
)"));
  ASSERT_TRUE(c) << c.status().toString();
  EXPECT_EQ(c->tls.extra_trust_file, "/etc/school/ca.pem");
  EXPECT_EQ(c->tls.no_inspect_file, "/etc/school/no-inspect.txt");
  EXPECT_EQ(c->tls.leaf_cache_entries, 500u);
  EXPECT_EQ(loadServeConfig("/nonexistent")->tls.leaf_cache_entries, 10000u);

  auto bad = loadServeConfig(write("[tls]\nleaf_cache_entries = 0\n"));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.status().message().find(":2:"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("leaf_cache_entries"), std::string::npos);
}

TEST_F(ConfigTest, ConsoleTlsIsOffByDefaultAndNamesWhatIsMissing) {
  auto plain = loadServeConfig("/nonexistent");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->console.tlsOn());
  EXPECT_EQ(plain->console.public_url, "http://127.0.0.1:8080");

  // With TLS on, public_url's default follows the listener, over https.
  auto ca = loadServeConfig(write("[console]\nlisten = \"127.0.0.1:8443\"\ntls = \"school-ca\"\n"));
  ASSERT_TRUE(ca) << ca.status().toString();
  EXPECT_TRUE(ca->console.tlsOn());
  EXPECT_EQ(ca->console.public_url, "https://127.0.0.1:8443");

  auto files = loadServeConfig(write(
      "[console]\ntls = \"files\"\ntls_cert = \"/etc/c.pem\"\ntls_key = \"/etc/k.pem\"\n"
      "public_url = \"https://esafety.school.example\"\n"));
  ASSERT_TRUE(files) << files.status().toString();
  EXPECT_EQ(files->console.tls_cert, "/etc/c.pem");
  EXPECT_EQ(files->console.tls_key, "/etc/k.pem");

  auto message = [&](const std::string& text) {
    auto c = loadServeConfig(write(text));
    return c ? std::string("(accepted)") : c.status().message();
  };
  EXPECT_NE(message("[console]\ntls = \"on\"\n").find("'on' is not one of: off, school-ca, files"),
            std::string::npos);
  EXPECT_NE(message("[console]\ntls = \"files\"\ntls_key = \"/k.pem\"\n").find("needs tls_cert"),
            std::string::npos);
  EXPECT_NE(message("[console]\ntls = \"files\"\ntls_cert = \"/c.pem\"\n").find("needs tls_key"),
            std::string::npos);
  EXPECT_NE(message("[console]\ntls_cert = \"/c.pem\"\n").find("tls_cert: is only read with tls = \"files\""),
            std::string::npos);
  std::string http = message("[console]\npublic_url = \"http://esafety.school\"\ntls = \"school-ca\"\n");
  EXPECT_NE(http.find(":2: public_url: must start with https://"), std::string::npos) << http;
}

TEST(PackagingExample, ParsesAndServesTheConsoleOverHttps) {
  auto c = loadServeConfig(std::string(ESAFETY_SOURCE_DIR) + "/packaging/esafety.toml");
  ASSERT_TRUE(c) << c.status().toString();
  EXPECT_EQ(c->console.tls, "school-ca");
  EXPECT_TRUE(c->console.public_url.starts_with("https://"));
}

TEST(Endpoint, Parses) {
  EXPECT_EQ(parseEndpoint("localhost:80")->host, "localhost");
  EXPECT_EQ(parseEndpoint("[::1]:53")->port, 53);
  EXPECT_FALSE(parseEndpoint("nope"));
  EXPECT_FALSE(parseEndpoint("[::1]53"));
  EXPECT_FALSE(parseEndpoint("a:"));
}

TEST_F(ConfigTest, SelftestDailyTimeIsHHMMOrOff) {
  auto c = loadServeConfig(write(""));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->selftest.dailyMinute(), 7 * 60 + 30);  // the default, 07:30
  c = loadServeConfig(write("[selftest]\ndaily_at = \"18:05\"\ntimeout_ms = 800\n"));
  ASSERT_TRUE(c) << c.status().message();
  EXPECT_EQ(c->selftest.dailyMinute(), 18 * 60 + 5);
  EXPECT_EQ(c->selftest.timeout_ms, 800u);
  c = loadServeConfig(write("[selftest]\ndaily_at = \"off\"\n"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->selftest.dailyMinute(), -1);
  for (const char* bad : {"7:30", "24:00", "07:60", "morning"}) {
    c = loadServeConfig(write(fmt::format("[selftest]\ndaily_at = \"{}\"\n", bad)));
    ASSERT_FALSE(c) << bad;
    EXPECT_NE(c.status().message().find(path_ + ":2: daily_at"), std::string::npos)
        << c.status().message();
  }
}

}  // namespace
}  // namespace esafety
