// HammingIndex against brute force on random hashes with planted near-duplicates, for radii on
// both sides of every probe-depth boundary (15/16, 31/32, 47/48, 63/64).
#include "swarmlens/hamming_index.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "synthetic_avatars.h"

namespace swarmlens {
namespace {

PerceptualHash RandomHash(testing::Rng& rng) {
  PerceptualHash h;
  for (auto& w : h.words) w = rng.Next();
  return h;
}

/// Flips `bits` distinct random bit positions.
PerceptualHash Perturb(PerceptualHash h, int bits, testing::Rng& rng) {
  std::vector<bool> used(256, false);
  for (int flipped = 0; flipped < bits;) {
    const int b = static_cast<int>(rng.Next() % 256);
    if (used[b]) continue;
    used[b] = true;
    h.words[b / 64] ^= std::uint64_t{1} << (b % 64);
    ++flipped;
  }
  return h;
}

std::vector<std::uint32_t> BruteForce(const std::vector<PerceptualHash>& all, std::size_t count,
                                      const PerceptualHash& q, int radius) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < count; ++i)
    if (HammingDistance(all[i], q) <= radius) out.push_back(i);
  return out;
}

/// 2000 random hashes plus 150 centres with 6 copies each at 0..70 flipped bits, shuffled in.
std::vector<PerceptualHash> PlantedSet(std::uint64_t seed) {
  testing::Rng rng(seed);
  std::vector<PerceptualHash> all;
  for (int i = 0; i < 2000; ++i) all.push_back(RandomHash(rng));
  for (int c = 0; c < 150; ++c) {
    const PerceptualHash centre = RandomHash(rng);
    all.push_back(centre);
    for (int k = 0; k < 6; ++k) all.push_back(Perturb(centre, static_cast<int>(rng.Next() % 71), rng));
  }
  for (std::size_t i = all.size() - 1; i > 0; --i) std::swap(all[i], all[rng.Next() % (i + 1)]);
  return all;
}

TEST(HammingIndex, MatchesBruteForceOnPlantedData) {
  const std::vector<PerceptualHash> all = PlantedSet(42);
  HammingIndex index;
  for (std::size_t i = 0; i < all.size(); ++i) ASSERT_EQ(index.Insert(all[i]), i);
  testing::Rng rng(7);
  std::size_t nonempty = 0;
  for (int radius : {0, 1, 5, 15, 16, 31, 32, 40, 47, 48, 63, 64, 90}) {
    for (int q = 0; q < 120; ++q) {
      // Queries: stored hashes, perturbed stored hashes, and fresh random ones.
      PerceptualHash query = all[rng.Next() % all.size()];
      if (q % 3 == 1) query = Perturb(query, static_cast<int>(rng.Next() % 40), rng);
      if (q % 3 == 2) query = RandomHash(rng);
      const auto expected = BruteForce(all, all.size(), query, radius);
      const auto got = index.Query(query, radius);
      ASSERT_EQ(got, expected) << "radius " << radius << " query " << q;
      nonempty += expected.size() > 1;
    }
  }
  EXPECT_GT(nonempty, 100u);  // the planted neighbours were actually exercised
}

TEST(HammingIndex, IncrementalInsertsMatchBruteForceOnThePrefix) {
  const std::vector<PerceptualHash> all = PlantedSet(9);
  HammingIndex index;
  for (std::size_t i = 0; i < 1200; ++i) {
    // Query before inserting: the index holds exactly the prefix all[0..i).
    ASSERT_EQ(index.Query(all[i], kAvatarMatchRadius), BruteForce(all, i, all[i], kAvatarMatchRadius)) << i;
    index.Insert(all[i]);
  }
}

TEST(HammingIndex, EdgeCases) {
  HammingIndex index;
  PerceptualHash h;
  EXPECT_TRUE(index.Query(h, 31).empty());
  EXPECT_EQ(index.MemoryBytes(), 0u);  // tables are allocated on the first insert
  index.Insert(h);
  index.Insert(h);
  EXPECT_EQ(index.Query(h, 0), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_TRUE(index.Query(h, -1).empty());
  PerceptualHash far;
  for (auto& w : far.words) w = ~0ull;
  EXPECT_TRUE(index.Query(far, 255).empty());
  EXPECT_EQ(index.Query(far, 256).size(), 2u);
}

TEST(HammingIndex, MemoryStaysWithinTheDocumentedBound) {
  testing::Rng rng(3);
  HammingIndex index;
  const std::size_t n = 20000;
  for (std::size_t i = 0; i < n; ++i) index.Insert(RandomHash(rng));
  const std::size_t tables = std::size_t{16} * 65536 * 4;
  // 96 bytes per entry, with up to 2x vector growth slack.
  EXPECT_LE(index.MemoryBytes(), tables + 2 * 96 * n);
  EXPECT_GE(index.MemoryBytes(), tables + 96 * n);
}

}  // namespace
}  // namespace swarmlens
