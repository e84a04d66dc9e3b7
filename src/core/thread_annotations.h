// Clang's thread-safety annotations (https://clang.llvm.org/docs/ThreadSafetyAnalysis.html),
// as LevelDB and Abseil use them: they say which mutex guards which data and
// which functions need it held, and the clang build (`cmake --preset
// clang-tsa`, run in CI) checks every access with -Wthread-safety -Werror.
// With GCC they expand to nothing.
//
//   class Counter {
//    public:
//     void add() EXCLUDES(mutex_) { MutexLock lock(mutex_); ++count_; }
//    private:
//     void addLocked() REQUIRES(mutex_) { ++count_; }
//     Mutex mutex_;
//     int count_ GUARDED_BY(mutex_) = 0;
//   };
//
// Use them with core/mutex.h's Mutex and SharedMutex: std::mutex carries no
// annotations in libstdc++, so the analysis cannot see it.
#pragma once

#if defined(__clang__)
#define ESAFETY_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define ESAFETY_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) ESAFETY_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY ESAFETY_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) ESAFETY_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) ESAFETY_THREAD_ANNOTATION(pt_guarded_by(x))
#define ACQUIRED_BEFORE(...) ESAFETY_THREAD_ANNOTATION(acquired_before(__VA_ARGS__))
#define ACQUIRED_AFTER(...) ESAFETY_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))
#define REQUIRES(...) ESAFETY_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define REQUIRES_SHARED(...) ESAFETY_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
#define ACQUIRE(...) ESAFETY_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define ACQUIRE_SHARED(...) ESAFETY_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define RELEASE(...) ESAFETY_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define RELEASE_SHARED(...) ESAFETY_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define RELEASE_GENERIC(...) ESAFETY_THREAD_ANNOTATION(release_generic_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) ESAFETY_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define EXCLUDES(...) ESAFETY_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define RETURN_CAPABILITY(x) ESAFETY_THREAD_ANNOTATION(lock_returned(x))
#define NO_THREAD_SAFETY_ANALYSIS ESAFETY_THREAD_ANNOTATION(no_thread_safety_analysis)
