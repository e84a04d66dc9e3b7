#include "console/assets.h"

#include <gtest/gtest.h>

namespace esafety::console {
namespace {

TEST(ConsoleAssets, TheBuiltAppIsEmbeddedWithGzipAndEtags) {
  const Asset* index = assetForPath("/index.html");
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_NE(index->body.find("/app.js"), std::string_view::npos) << "index.html loads the app";
  const Asset* app = assetForPath("/app.js");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->content_type, "text/javascript; charset=utf-8");
  ASSERT_FALSE(app->gzip.empty());
  EXPECT_LT(app->gzip.size(), app->body.size());
  EXPECT_EQ(static_cast<unsigned char>(app->gzip[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(app->gzip[1]), 0x8b);
  EXPECT_EQ(app->etag.size(), 18u);
  EXPECT_NE(app->etag, index->etag);
  EXPECT_NE(assetForPath("/app.css"), nullptr);
}

TEST(ConsoleAssets, PagePathsGetIndexAndMissingFilesGetNothing) {
  const Asset* index = assetForPath("/index.html");
  EXPECT_EQ(assetForPath("/"), index);
  EXPECT_EQ(assetForPath("/activity"), index);
  EXPECT_EQ(assetForPath("/people/import"), index);
  EXPECT_EQ(assetForPath("/missing.js"), nullptr);
  EXPECT_EQ(assetForPath("/favicon.ico"), nullptr);
}

}  // namespace
}  // namespace esafety::console
