// Finds every stored 256-bit hash within a Hamming radius of a query without comparing all
// pairs: multi-index hashing (Norouzi, Punjani, Fleet, "Fast Search in Hamming Space with
// Multi-Index Hashing", CVPR 2012).
//
// The math: the 256 bits are cut into m = 16 disjoint 16-bit chunks. If d(a, b) <= r, the 16
// chunk distances sum to at most r, so at least one chunk differs in at most floor(r / 16) bits
// (pigeonhole). A query therefore probes, in each of the 16 chunk tables, the buckets of every
// 16-bit value within floor(r / 16) bits of its own chunk, and verifies the candidates with the
// full 256-bit distance: nothing within r is missed, nothing beyond r is returned. For the match
// radius 31, floor(31 / 16) = 1: 17 buckets per table, 272 per query. With n random hashes a
// bucket holds n / 65536 entries, so a query verifies about 272 n / 65536 = n / 241 candidates
// instead of n. (32 chunks of 8 bits would need only exact probes, but each bucket would hold
// n / 256 entries: n / 8 candidates. 8 chunks of 32 bits need 5489 probes per table.)
// Radii of 64 and more fall back to a linear scan (the probe count would exceed the entries).
//
// Memory: 16 bucket-head tables of 65536 x 4 bytes (4 MiB, allocated on the first insert) plus
// 96 bytes per entry (the 32-byte hash and one 4-byte next link per table), plus vector growth
// slack. 100,000 hashes: 4 MiB + 9.2 MiB (16 MiB measured with slack).
// Speed (bench/avatar_bench.cpp, one core): at 100,000 random hashes a radius-31 query takes
// about 28 us against 860 us for a brute-force scan (31x); at 10,000, 2.9 us against 84 us.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "swarmlens/image_hash.h"

namespace swarmlens {

/// An insert-only index of 256-bit hashes answering "which stored hashes are within radius r".
class HammingIndex {
 public:
  /// Number of chunk tables (m) and bits per chunk.
  static constexpr int kChunks = 16;
  static constexpr int kChunkBits = 16;

  /// Stores the bits of `hash` (quality is not looked at) and returns its entry id: 0 for the
  /// first insert, then 1, 2, ... Amortised O(1) besides the one-time table allocation.
  std::uint32_t Insert(const PerceptualHash& hash);

  /// Appends to `out` (after clearing it) the ids of all stored entries whose distance to `hash`
  /// is <= radius, ascending, each once. Negative radii match nothing.
  void Query(const PerceptualHash& hash, int radius, std::vector<std::uint32_t>* out) const;

  /// Convenience form of Query returning a new vector.
  std::vector<std::uint32_t> Query(const PerceptualHash& hash, int radius) const;

  /// Number of stored entries.
  std::size_t size() const noexcept { return hashes_.size(); }

  /// The bits stored under `id` (quality 0). Precondition: id < size().
  const std::array<std::uint64_t, 4>& Bits(std::uint32_t id) const { return hashes_[id]; }

  /// Bytes held by the index (tables, hashes and links), for the documented memory bound.
  std::size_t MemoryBytes() const noexcept;

 private:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  /// Chunk t (0..15) of a hash: bits 16t .. 16t+15.
  static std::uint16_t Chunk(const std::array<std::uint64_t, 4>& bits, int t) {
    return static_cast<std::uint16_t>(bits[t / 4] >> (16 * (t % 4)));
  }
  /// Walks bucket `key` of table `t`, appending entries within `radius` of `bits`.
  void ScanBucket(int t, std::uint16_t key, const std::array<std::uint64_t, 4>& bits, int radius,
                  std::vector<std::uint32_t>* out) const;

  std::vector<std::array<std::uint64_t, 4>> hashes_;
  std::vector<std::uint32_t> heads_;  ///< kChunks * 65536 bucket heads, kNone when empty.
  std::vector<std::uint32_t> next_;   ///< next_[id * kChunks + t]: next entry in the same bucket.
};

/// Distance between two stored bit arrays.
int HammingDistance(const std::array<std::uint64_t, 4>& a, const std::array<std::uint64_t, 4>& b) noexcept;

}  // namespace swarmlens
