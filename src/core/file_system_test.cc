#include "core/file_system.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace esafety {
namespace {

TEST(MemoryFileSystem, FilesAndDirectories) {
  MemoryFileSystem fs;
  fs.put("/lists/adult/domains", "a.example\n");
  fs.put("/lists/adult/urls", "a.example/x\n");
  fs.put("/lists/games/domains", "g.example\n");
  EXPECT_EQ(*fs.readFile("/lists/adult/domains"), "a.example\n");
  EXPECT_EQ(fs.readFile("/lists/nope").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(fs.isDirectory("/lists"));
  EXPECT_TRUE(fs.isDirectory("/lists/adult"));
  EXPECT_FALSE(fs.isDirectory("/lists/adult/domains"));
  EXPECT_EQ(*fs.listDirectory("/lists"), (std::vector<std::string>{"adult", "games"}));
  EXPECT_EQ(*fs.fileSize("/lists/games/domains"), 10u);
}

TEST(RealFileSystem, AtomicWriteReplacesTheFileWhole) {
  auto dir = std::filesystem::temp_directory_path() / ("esafety-fs-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "file").string();
  ASSERT_TRUE(writeFileAtomically(path, "first").isOk());
  ASSERT_TRUE(writeFileAtomically(path, "second").isOk());
  RealFileSystem fs;
  EXPECT_EQ(*fs.readFile(path), "second");
  EXPECT_EQ(*fs.listDirectory(dir.string()), std::vector<std::string>{"file"});  // no temp left
  EXPECT_EQ(fs.readFile(dir.string()).status().code(), StatusCode::kInvalidArgument);
  Status s = writeFileAtomically((dir / "missing" / "file").string(), "x");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("missing"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Paths, JoinAndParent) {
  EXPECT_EQ(joinPath("/a", "b"), "/a/b");
  EXPECT_EQ(joinPath("/a/", "b"), "/a/b");
  EXPECT_EQ(joinPath("/a", "/abs"), "/abs");
  EXPECT_EQ(parentPath("/a/b/c"), "/a/b");
  EXPECT_EQ(parentPath("c"), "");
  EXPECT_EQ(parentPath("/c"), "/");
}

}  // namespace
}  // namespace esafety
