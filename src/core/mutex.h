// Mutex and SharedMutex: std::mutex and std::shared_mutex with the clang
// thread-safety annotations (core/thread_annotations.h), so that the clang
// build checks that every GUARDED_BY member is touched only with its mutex
// held. MutexLock, ReaderLock and WriterLock are their scoped guards.
//
//   Mutex mutex_;
//   std::vector<Row> rows_ GUARDED_BY(mutex_);
//   std::condition_variable changed_;
//
//   void add(Row row) EXCLUDES(mutex_) {
//     MutexLock lock(mutex_);
//     rows_.push_back(std::move(row));
//     changed_.notify_all();
//   }
//   void waitForRows() EXCLUDES(mutex_) {
//     MutexLock lock(mutex_);
//     mutex_.await(changed_, [this]() REQUIRES(mutex_) { return !rows_.empty(); });
//   }
//
// A predicate passed to await() runs with the mutex held; say so with
// REQUIRES on the lambda, as above, so the analysis accepts its reads.
//
// Thread safety: that is what they are for. Not recursive.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>

#include "core/thread_annotations.h"

namespace esafety {

class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() ACQUIRE() { mutex_.lock(); }
  void unlock() RELEASE() { mutex_.unlock(); }
  bool tryLock() TRY_ACQUIRE(true) { return mutex_.try_lock(); }

  // Waits on `cv` until `ready()` is true; the mutex is held on return.
  template <class Ready>
  void await(std::condition_variable& cv, Ready ready) REQUIRES(this) {
    std::unique_lock<std::mutex> lock(mutex_, std::adopt_lock);
    cv.wait(lock, ready);
    lock.release();
  }
  // As await(), giving up at `deadline`; returns ready()'s last answer.
  template <class Clock, class Duration, class Ready>
  bool awaitUntil(std::condition_variable& cv, std::chrono::time_point<Clock, Duration> deadline,
                  Ready ready) REQUIRES(this) {
    std::unique_lock<std::mutex> lock(mutex_, std::adopt_lock);
    bool done = cv.wait_until(lock, deadline, ready);
    lock.release();
    return done;
  }
  template <class Rep, class Period, class Ready>
  bool awaitFor(std::condition_variable& cv, std::chrono::duration<Rep, Period> timeout,
                Ready ready) REQUIRES(this) {
    return awaitUntil(cv, std::chrono::steady_clock::now() + timeout, ready);
  }

 private:
  std::mutex mutex_;
};

class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mutex) ACQUIRE(mutex) : mutex_(mutex) { mutex_.lock(); }
  ~MutexLock() RELEASE() { mutex_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mutex_;
};

// Many readers or one writer (std::shared_mutex).
class CAPABILITY("shared mutex") SharedMutex {
 public:
  SharedMutex() = default;
  SharedMutex(const SharedMutex&) = delete;
  SharedMutex& operator=(const SharedMutex&) = delete;

  void lock() ACQUIRE() { mutex_.lock(); }
  void unlock() RELEASE() { mutex_.unlock(); }
  void lockShared() ACQUIRE_SHARED() { mutex_.lock_shared(); }
  void unlockShared() RELEASE_SHARED() { mutex_.unlock_shared(); }

 private:
  std::shared_mutex mutex_;
};

class SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(SharedMutex& mutex) ACQUIRE(mutex) : mutex_(mutex) { mutex_.lock(); }
  ~WriterLock() RELEASE() { mutex_.unlock(); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  SharedMutex& mutex_;
};

class SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex& mutex) ACQUIRE_SHARED(mutex) : mutex_(mutex) {
    mutex_.lockShared();
  }
  ~ReaderLock() RELEASE() { mutex_.unlockShared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex& mutex_;
};

}  // namespace esafety
