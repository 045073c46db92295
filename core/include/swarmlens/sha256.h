// SHA-256 (FIPS 180-4), so a case can show that a captured payload is unaltered: the case file
// keeps the digest of every payload's bytes as observed, and the report's manifest the digest of
// every file it writes. Self-contained (no crypto library in the wasm build).
//
//   swarmlens::Sha256 h;
//   h.Update(bytes);                       // as often as needed
//   std::string hex = swarmlens::Sha256Hex(h.Final());
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace swarmlens {

/// A 32-byte SHA-256 digest.
using Sha256Digest = std::array<std::uint8_t, 32>;

/// Incremental SHA-256. Update any number of times, then Final once.
class Sha256 {
 public:
  Sha256();
  /// Hashes more bytes.
  void Update(std::span<const std::uint8_t> bytes);
  /// Hashes more bytes (of a string).
  void Update(std::string_view text);
  /// The digest of everything given; the object must not be used afterwards.
  Sha256Digest Final();

 private:
  void Block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  ///< Bytes hashed so far.
};

/// SHA-256 of one buffer.
Sha256Digest Sha256Of(std::string_view bytes);
/// Lower-case hex of a digest (64 characters).
std::string Sha256Hex(const Sha256Digest& digest);

}  // namespace swarmlens
