// Errors are values: the public API never throws (the wasm build uses -fno-exceptions).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace swarmlens {

/// What went wrong, coarse enough for a caller to branch on.
enum class ErrorCode : std::uint8_t {
  kMalformedJson,    ///< The text is not valid JSON at `offset`.
  kTruncated,        ///< The text ended before the JSON value was complete.
  kUnexpectedType,   ///< A known field had the wrong JSON type (e.g. `users` not an array).
  kUnknownShape,     ///< Valid JSON, but none of the payload shapes the engine understands.
  kIo,               ///< A file could not be read (CLI only).
  kInvalidArgument,  ///< A caller passed an argument outside its contract.
  kCorrupt,          ///< A snapshot (case file) is damaged: bad checksum, impossible value or index.
  kUnsupportedVersion,  ///< A snapshot written by a format version this build does not read.
};

/// Stable lower-case name of an error code, e.g. "malformed_json".
const char* ErrorCodeName(ErrorCode code) noexcept;

/// An error that says what and where: the input's name, the byte offset into it, what was expected.
struct Error {
  ErrorCode code = ErrorCode::kMalformedJson;
  std::string source;       ///< File name, URL or label given by the caller; may be empty.
  std::uint64_t offset = 0; ///< Byte offset into the input where the problem was found.
  std::string message;      ///< Human sentence, e.g. "expected an array for \"users\"".

  /// "source: byte N: message (code)".
  std::string ToString() const;
};

/// Either a value or an Error. Check `ok()` before `value()`.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  /// Precondition: ok().
  T& value() & { return *std::get_if<0>(&v_); }
  const T& value() const& { return *std::get_if<0>(&v_); }
  T&& value() && { return std::move(*std::get_if<0>(&v_)); }
  /// Precondition: !ok().
  const Error& error() const& { return *std::get_if<1>(&v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace swarmlens
