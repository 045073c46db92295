// Shared-picture detection costs: perceptual hashing of a 150x150 RGBA avatar (Instagram's list
// size), HammingIndex queries at 100k stored hashes against a brute-force scan of the same data,
// and AvatarClusters::Add. Data is built outside the timed loops.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "../tests/core/synthetic_avatars.h"
#include "swarmlens/avatar_clusters.h"
#include "swarmlens/hamming_index.h"
#include "swarmlens/image_hash.h"

namespace {

using swarmlens::PerceptualHash;

std::vector<std::uint8_t> Rgba(const swarmlens::testing::RgbImage& img) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < img.rgb.size(); i += 3) out.insert(out.end(), {img.rgb[i], img.rgb[i + 1], img.rgb[i + 2], 255});
  return out;
}

void BM_PerceptualHash(benchmark::State& state) {
  const int side = static_cast<int>(state.range(0));
  const std::vector<std::uint8_t> px = Rgba(swarmlens::testing::MakeAvatar(1, side));
  const swarmlens::ImageView view{px.data(), static_cast<std::uint32_t>(side), static_cast<std::uint32_t>(side),
                                  static_cast<std::size_t>(side) * 4, swarmlens::PixelFormat::kRgba8};
  const bool with_crops = state.range(1) != 0;  // 0: the whole frame only (the hash before crop variants)
  for (auto _ : state) benchmark::DoNotOptimize(swarmlens::ComputePerceptualHash(view, with_crops));
  state.counters["images"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PerceptualHash)->ArgNames({"side", "crops"})->Args({150, 0})->Args({150, 1})->Args({320, 0})->Args({320, 1});

/// n random hashes (distinct pictures) plus the queries: stored hashes with 10 bits flipped.
struct IndexData {
  std::vector<PerceptualHash> stored, queries;
  swarmlens::HammingIndex index;
  explicit IndexData(std::size_t n) {
    swarmlens::testing::Rng rng(1);
    for (std::size_t i = 0; i < n; ++i) {
      PerceptualHash h;
      for (auto& w : h.words) w = rng.Next();
      stored.push_back(h);
      index.Insert(h);
    }
    for (int q = 0; q < 1024; ++q) {
      PerceptualHash h = stored[rng.Next() % n];
      for (int b = 0; b < 10; ++b) h.words[b % 4] ^= std::uint64_t{1} << (rng.Next() % 64);
      queries.push_back(h);
    }
  }
};

void BM_IndexQuery(benchmark::State& state) {
  const IndexData data(static_cast<std::size_t>(state.range(0)));
  std::vector<std::uint32_t> out;
  std::size_t q = 0, found = 0;
  for (auto _ : state) {
    data.index.Query(data.queries[q++ & 1023], swarmlens::kAvatarMatchRadius, &out);
    found += out.size();
  }
  benchmark::DoNotOptimize(found);
  state.counters["queries"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["index_MiB"] = static_cast<double>(data.index.MemoryBytes()) / (1 << 20);
}
BENCHMARK(BM_IndexQuery)->Arg(10000)->Arg(100000);

void BM_BruteForceQuery(benchmark::State& state) {
  const IndexData data(static_cast<std::size_t>(state.range(0)));
  std::vector<std::uint32_t> out;
  std::size_t q = 0;
  for (auto _ : state) {
    out.clear();
    const PerceptualHash& query = data.queries[q++ & 1023];
    for (std::uint32_t i = 0; i < data.stored.size(); ++i)
      if (swarmlens::HammingDistance(data.stored[i], query) <= swarmlens::kAvatarMatchRadius) out.push_back(i);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["queries"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BruteForceQuery)->Arg(10000)->Arg(100000);

/// Adding n accounts (10% of them in swarms of 50 sharing a picture) to AvatarClusters. With
/// crops = 1 every picture carries kCropVariants crop hashes (random for distinct pictures; a
/// swarm copy carries its source's, with noise), as ComputePerceptualHash gives; crops = 0 is the
/// frame-only hash (before crop variants, and what --avatar-hashes files give).
void BM_AvatarClustersAdd(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const bool with_crops = state.range(1) != 0;
  std::vector<PerceptualHash> hashes;
  swarmlens::testing::Rng rng(2);
  PerceptualHash shared;
  for (std::size_t i = 0; i < n; ++i) {
    PerceptualHash h;
    h.quality = 100;
    for (auto& w : h.words) w = rng.Next();
    if (with_crops) {
      for (auto& crop : h.crops)
        for (auto& w : crop) w = rng.Next();
      h.crop_count = swarmlens::kCropVariants;
    }
    if (i % 10 == 0) {
      if (i % 500 == 0) shared = h;
      h = shared;
      h.words[0] ^= rng.Next() & 0x0101010101ull;  // re-encoding noise: a few bits
      for (auto& crop : h.crops) crop[1] ^= rng.Next() & 0x0101010101ull;
    }
    hashes.push_back(h);
  }
  double memory = 0;
  for (auto _ : state) {
    swarmlens::AvatarClusters clusters;
    for (std::size_t i = 0; i < n; ++i) clusters.Add(static_cast<std::uint32_t>(i), hashes[i]);
    benchmark::DoNotOptimize(clusters.Clusters().size());
    memory = static_cast<double>(clusters.MemoryBytes());
  }
  state.counters["accounts"] =
      benchmark::Counter(static_cast<double>(state.iterations() * n), benchmark::Counter::kIsRate);
  state.counters["MiB"] = memory / (1 << 20);
}
BENCHMARK(BM_AvatarClustersAdd)
    ->ArgNames({"n", "crops"})
    ->Args({10000, 0})
    ->Args({10000, 1})
    ->Args({100000, 0})
    ->Args({100000, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
