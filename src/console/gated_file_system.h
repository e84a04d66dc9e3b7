// Test support for the list compile: a file system that reads real files
// only once the test opens its gate, so a compile can be held "running" for
// as long as a test needs, without depending on timing.
//
//   GatedFileSystem gate;
//   ListJob job(store, school, index, gate, clock);
//   OpenOnExit guard{gate};       // declared after the job: opens before it joins
//   job.start("it"); gate.waitForReader();   // the job is running now
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "core/file_system.h"

namespace esafety::console {

// Reads real files, but only once the test opens the gate.
class GatedFileSystem final : public FileSystem {
 public:
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  // Waits until a read is waiting at the gate (or has passed it).
  bool waitForReader() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(30), [this] { return reading_; });
  }
  Result<std::string> readFile(const std::string& path) const override {
    std::unique_lock lock(mutex_);
    reading_ = true;
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
    lock.unlock();
    return real_.readFile(path);
  }
  bool isDirectory(const std::string& path) const override { return real_.isDirectory(path); }
  bool exists(const std::string& path) const override { return real_.exists(path); }
  Result<std::vector<std::string>> listDirectory(const std::string& path) const override {
    return real_.listDirectory(path);
  }
  Result<uint64_t> fileSize(const std::string& path) const override { return real_.fileSize(path); }

 private:
  RealFileSystem real_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool open_ = false;
  mutable bool reading_ = false;
};

// Opens the gate when it goes, before the job it is declared after waits
// for its compile to end.
struct OpenOnExit {
  GatedFileSystem& gate;
  ~OpenOnExit() { gate.open(); }
};

}  // namespace esafety::console
