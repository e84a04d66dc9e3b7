// Crash safety: a child process pushes events at a steady rate into a real
// writer on a real file and is killed with SIGKILL; the database must open
// clean and hold every event pushed more than one second before the kill
// (the writer's durability contract, event_writer.h).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <thread>

#include "event_log/event_writer.h"
#include "event_log/sqlite_event_store.h"
#include "event_log/test_events.h"

namespace esafety::events {
namespace {

int64_t monotonicNs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

// "Every event up to `sequence` had been pushed by `time_ns`."
struct Marker {
  int64_t sequence;
  int64_t time_ns;
};

// The child: never returns. Pushes one event every 200 us (5,000/s) and
// writes a marker to `fd` every 10 ms.
[[noreturn]] void runChild(const std::string& path, int fd, int64_t first_sequence) {
  SystemClock clock;
  auto store = SqliteEventStore::open(path, clock, {});
  if (!store) _exit(3);
  MetricsRegistry registry;
  EventMetrics metrics(registry);
  EventQueue queue(16384, metrics);
  EventWriter writer(queue, **store, metrics, {});  // production settings
  writer.start();
  int64_t next_marker = monotonicNs();
  for (int64_t sequence = first_sequence;; ++sequence) {
    if (!queue.push(testEvent(sequence))) _exit(4);  // the queue must keep up
    int64_t now = monotonicNs();
    if (now >= next_marker) {
      Marker m{sequence, now};
      if (write(fd, &m, sizeof(m)) != sizeof(m)) _exit(5);
      next_marker = now + 10'000'000;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

// Runs a child for `run_for`, kills it, and returns the last sequence it had
// pushed more than one second before the kill.
int64_t runAndKill(const std::string& path, int64_t first_sequence,
                   std::chrono::milliseconds run_for) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    runChild(path, fds[1], first_sequence);
  }
  close(fds[1]);
  EXPECT_GT(child, 0);
  // Read markers while the child runs (they keep the pipe from filling). The
  // run is timed from the child's first marker, so a slow start (opening the
  // database on a loaded machine) does not eat into it.
  std::vector<Marker> markers;
  Marker first_marker;
  if (read(fds[0], &first_marker, sizeof(first_marker)) == sizeof(first_marker)) {
    markers.push_back(first_marker);
  }
  int64_t kill_at = monotonicNs() + run_for.count() * 1'000'000;
  while (monotonicNs() < kill_at) {
    Marker m;
    ssize_t n = read(fds[0], &m, sizeof(m));
    if (n != sizeof(m)) break;
    markers.push_back(m);
  }
  int64_t killed_at = monotonicNs();
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  close(fds[0]);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the child stopped early with status " << status;
  int64_t durable = first_sequence - 1;
  for (const Marker& m : markers) {
    if (m.time_ns <= killed_at - 1'000'000'000) durable = m.sequence;
  }
  return durable;
}

TEST(CrashSafetyTest, KillNineLosesNothingOlderThanOneSecond) {
  auto dir =
      std::filesystem::temp_directory_path() / ("esafety-crash-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string path = eventsDatabasePath(dir.string());
  std::mt19937 random(std::random_device{}());
  SystemClock clock;

  // Two rounds on the same file: the second child starts on a database the
  // first left behind mid-write.
  for (int64_t round = 0; round < 2; ++round) {
    const int64_t first = round * 1'000'000 + 1;
    auto run_for = std::chrono::milliseconds(1800 + random() % 700);
    int64_t durable = runAndKill(path, first, run_for);
    ASSERT_GT(durable, first + 1000) << "the child pushed too little to judge";

    auto store = SqliteEventStore::open(path, clock, {});
    ASSERT_TRUE(store) << store.status().toString();
    auto check = (*store)->database().prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check && *check->step());
    EXPECT_EQ(check->textAt(0), "ok");

    auto counts = (*store)->database().prepare(
        "SELECT count(*), count(DISTINCT device_id) FROM events"
        " WHERE device_id BETWEEN ?1 AND ?2");
    ASSERT_TRUE(counts);
    counts->bind(1, first).bind(2, durable);
    ASSERT_TRUE(*counts->step());
    EXPECT_EQ(counts->int64At(0), durable - first + 1) << "round " << round;
    EXPECT_EQ(counts->int64At(1), durable - first + 1) << "round " << round;

    auto duplicates =
        (*store)->database().prepare("SELECT count(*) - count(DISTINCT device_id) FROM events");
    ASSERT_TRUE(duplicates && *duplicates->step());
    EXPECT_EQ(duplicates->int64At(0), 0);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace esafety::events
