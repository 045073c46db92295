// The byte codec of the case file (docs/case-file.md): LEB128 varints, zigzag for signed values,
// little-endian fixed 64-bit words and doubles, length-prefixed strings. Each engine unit writes
// and reads its own section with these; the framing (magic, version, checksum) is snapshot.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/error.h"

namespace swarmlens {

/// Appends values to a byte buffer. Never fails.
class SnapshotWriter {
 public:
  /// One byte.
  void U8(std::uint8_t v) { bytes_.push_back(v); }
  /// Unsigned LEB128 (1 byte below 128).
  void Varint(std::uint64_t v);
  /// Zigzag + LEB128 (small magnitudes of either sign stay short).
  void Signed(std::int64_t v);
  /// 8 bytes little-endian (hashes, fingerprints: their bits are uniform, a varint would grow them).
  void Fixed64(std::uint64_t v);
  /// The IEEE-754 bits of `v` as Fixed64 (exact round trip, NaN payloads included).
  void F64(double v);
  /// Varint length, then the bytes.
  void Str(std::string_view s);
  /// Presence byte (0/1), then Str.
  void OptStr(const std::optional<std::string>& s);
  /// Presence byte (0/1), then Signed.
  void OptSigned(const std::optional<std::int64_t>& v);
  /// Raw bytes, no length.
  void Raw(const void* data, std::size_t size);
  /// The bytes written so far.
  std::vector<std::uint8_t>& bytes() noexcept { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
};

/// Reads what SnapshotWriter wrote. Every read names the field it reads; the first failure is
/// kept (with that field and the byte offset) and every later read fails too, so a unit's loader
/// can read a whole record and check once.
class SnapshotReader {
 public:
  /// `base` is the offset of data[0] in the whole snapshot (errors report snapshot offsets).
  SnapshotReader(std::span<const std::uint8_t> data, std::uint64_t base, std::string source)
      : data_(data), base_(base), source_(std::move(source)) {}

  bool U8(const char* field, std::uint8_t* out);
  /// A byte that must be 0 or 1.
  bool Bool(const char* field, bool* out);
  bool Varint(const char* field, std::uint64_t* out);
  bool Signed(const char* field, std::int64_t* out);
  bool Fixed64(const char* field, std::uint64_t* out);
  bool F64(const char* field, double* out);
  bool Str(const char* field, std::string* out);
  bool OptStr(const char* field, std::optional<std::string>* out);
  bool OptSigned(const char* field, std::optional<std::int64_t>* out);
  /// A varint that must be below `limit` (an index into something already read).
  bool Index(const char* field, std::uint64_t limit, std::uint32_t* out);
  /// An element count: each element takes at least `min_bytes` bytes, so a count the remaining
  /// bytes cannot hold is refused before anything is allocated for it.
  bool Count(const char* field, std::size_t min_bytes, std::size_t* out);
  /// Raw bytes.
  bool Raw(const char* field, void* out, std::size_t size);
  /// Skips n bytes (precondition: n <= remaining()).
  void Skip(std::size_t n) { pos_ += n; }
  /// Records a failure at the current offset (kCorrupt unless `code` says otherwise); returns false.
  bool Fail(const char* field, const std::string& message, ErrorCode code = ErrorCode::kCorrupt);
  /// Fails unless every byte was read.
  bool ExpectEnd(const char* section);

  bool ok() const noexcept { return !error_; }
  const std::optional<Error>& error() const noexcept { return error_; }
  std::size_t remaining() const noexcept { return data_.size() - pos_; }
  /// Offset of the next byte in the whole snapshot.
  std::uint64_t offset() const noexcept { return base_ + pos_; }

 private:
  bool Need(const char* field, std::size_t n);

  std::span<const std::uint8_t> data_;
  std::size_t pos_ = 0;
  std::uint64_t base_ = 0;
  std::string source_;
  std::optional<Error> error_;
};

}  // namespace swarmlens
