// Status and Result<T>: errors from the network, the disk and user input are
// values, never exceptions (STYLE.md §2).
//
//   Result<int> parsePort(std::string_view s);
//   auto port = parsePort(text);
//   if (!port) return port.status();      // propagate
//   use(*port);
//
// A Status carries one of a few canonical codes and a message that a person can
// act on ("lists/adult/domains:12: label longer than 63 bytes"). Both types are
// [[nodiscard]]: ignoring an error is a compile error under -Werror.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace esafety {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller's input is wrong; say which field
  kNotFound,            // a named thing does not exist
  kAlreadyExists,       // a unique thing exists already
  kPermissionDenied,    // refused by policy (e.g. allowing an unoverridable category)
  kFailedPrecondition,  // the system is not in a state to do this
  kResourceExhausted,   // a limit was hit
  kUnavailable,         // transient; retrying may work
  kDataLoss,            // stored data is corrupt
  kIoError,             // the OS said no
  kInternal,            // a bug
};

std::string_view statusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }
  bool isOk() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return isOk(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid argument: <message>"
  std::string toString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status invalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status notFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status alreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status permissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
inline Status failedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status dataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status ioError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status internalError(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Holds either a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).isOk() && "Result built from an OK status");
  }

  bool isOk() const { return v_.index() == 0; }
  explicit operator bool() const { return isOk(); }

  const Status& status() const {
    static const Status kOk;
    return isOk() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace esafety

// Propagates a non-OK Status from an expression returning Status.
#define ESAFETY_RETURN_IF_ERROR(expr)          \
  do {                                         \
    ::esafety::Status status_ = (expr);        \
    if (!status_.isOk()) return status_;       \
  } while (0)
