// Multi-index hashing over 16 chunks of 16 bits; the reasoning and memory bound are in the header.
#include "swarmlens/hamming_index.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace swarmlens {

int HammingDistance(const std::array<std::uint64_t, 4>& a, const std::array<std::uint64_t, 4>& b) noexcept {
  return std::popcount(a[0] ^ b[0]) + std::popcount(a[1] ^ b[1]) + std::popcount(a[2] ^ b[2]) +
         std::popcount(a[3] ^ b[3]);
}

std::uint32_t HammingIndex::Insert(const PerceptualHash& hash) {
  if (heads_.empty()) heads_.assign(static_cast<std::size_t>(kChunks) << kChunkBits, kNone);
  const auto id = static_cast<std::uint32_t>(hashes_.size());
  hashes_.push_back(hash.words);
  next_.resize(next_.size() + kChunks);
  for (int t = 0; t < kChunks; ++t) {
    std::uint32_t& head = heads_[(static_cast<std::size_t>(t) << kChunkBits) | Chunk(hash.words, t)];
    next_[static_cast<std::size_t>(id) * kChunks + t] = head;
    head = id;
  }
  return id;
}

void HammingIndex::ScanBucket(int t, std::uint16_t key, const std::array<std::uint64_t, 4>& bits, int radius,
                              std::vector<std::uint32_t>* out) const {
  for (std::uint32_t id = heads_[(static_cast<std::size_t>(t) << kChunkBits) | key]; id != kNone;
       id = next_[static_cast<std::size_t>(id) * kChunks + t]) {
    if (HammingDistance(hashes_[id], bits) <= radius) out->push_back(id);
  }
}

void HammingIndex::Query(const PerceptualHash& hash, int radius, std::vector<std::uint32_t>* out) const {
  out->clear();
  if (radius < 0 || hashes_.empty()) return;
  const auto& bits = hash.words;
  const int flips = radius / kChunks;  // pigeonhole: some chunk is within this many bits
  if (flips >= 4) {
    // 16-bit values within 4 bits of a key: 2517 probes per table, 40k per query; a scan is cheaper
    // for the list sizes this serves.
    for (std::uint32_t id = 0; id < hashes_.size(); ++id)
      if (HammingDistance(hashes_[id], bits) <= radius) out->push_back(id);
    return;
  }
  for (int t = 0; t < kChunks; ++t) {
    const std::uint16_t key = Chunk(bits, t);
    ScanBucket(t, key, bits, radius, out);
    // Every key at 1..flips bits from `key`, each exactly once (bit positions a < b < c).
    for (int a = 0; a < kChunkBits && flips >= 1; ++a) {
      const auto ka = static_cast<std::uint16_t>(key ^ (1u << a));
      ScanBucket(t, ka, bits, radius, out);
      for (int b = a + 1; b < kChunkBits && flips >= 2; ++b) {
        const auto kb = static_cast<std::uint16_t>(ka ^ (1u << b));
        ScanBucket(t, kb, bits, radius, out);
        for (int c = b + 1; c < kChunkBits && flips >= 3; ++c)
          ScanBucket(t, static_cast<std::uint16_t>(kb ^ (1u << c)), bits, radius, out);
      }
    }
  }
  // An entry close in several chunks is found once per such chunk.
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

std::vector<std::uint32_t> HammingIndex::Query(const PerceptualHash& hash, int radius) const {
  std::vector<std::uint32_t> out;
  Query(hash, radius, &out);
  return out;
}

std::size_t HammingIndex::MemoryBytes() const noexcept {
  return heads_.capacity() * sizeof(std::uint32_t) + next_.capacity() * sizeof(std::uint32_t) +
         hashes_.capacity() * sizeof(hashes_[0]);
}

}  // namespace swarmlens
