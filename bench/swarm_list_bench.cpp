// The whole list path on a large simulated follower list, natively: every page ingested into one
// Engine (parse, merge, account score, incremental cohort / burst / template analysis per page),
// then every account ranked with its swarm evidence. bench/swarm_list_bench.mjs runs the same
// pages through the wasm engine; scripts/bench prints the native / wasm ratio.
//
//   SWARMLENS_SWARM_PAGES=pages.jsonl swarmlens_swarm_list_bench   (one REST page per line; made by
//   scripts/bench from `swarmlens simulate bench/list100k.scenario`). Arg track_updates:0 is the
//   batch path of the CLI, 1 the per-page path of the extension (what the wasm run does).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "swarmlens/swarmlens.h"

namespace {

std::vector<std::string> g_pages;
std::size_t g_bytes = 0;

/// Peak resident memory of this process in KiB (Linux), 0 if unknown.
long PeakRssKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

/// Mean and largest time of pages [first, last) of a run, in ms.
struct PageCost {
  double mean = 0, max = 0;
};
PageCost CostOf(const std::vector<double>& ms, std::size_t first, std::size_t last) {
  PageCost c;
  last = std::min(last, ms.size());
  if (first >= last) return c;
  for (std::size_t i = first; i < last; ++i) {
    c.mean += ms[i];
    c.max = std::max(c.max, ms[i]);
  }
  c.mean /= static_cast<double>(last - first);
  return c;
}

void BM_SwarmList(benchmark::State& state) {
  std::size_t accounts = 0;
  std::size_t clusters = 0;
  std::vector<double> page_ms(g_pages.size());
  for (auto _ : state) {
    swarmlens::Engine engine;
    engine.set_track_updates(state.range(0) != 0);
    std::uint32_t position = 0;
    for (std::size_t i = 0; i < g_pages.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      auto r = engine.Ingest(g_pages[i], {.name = "bench", .list = swarmlens::ListKind::kFollowers, .owner = "bench",
                                          .first_position = position});
      page_ms[i] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      if (!r) {
        state.SkipWithError(r.error().ToString().c_str());
        return;
      }
      position += static_cast<std::uint32_t>(r.value().accounts.size());
    }
    const auto ranked = engine.Ranked();
    accounts = ranked.size();
    clusters = engine.Clusters().size();
    benchmark::DoNotOptimize(ranked.data());
  }
  state.counters["accounts"] = benchmark::Counter(static_cast<double>(accounts) * static_cast<double>(state.iterations()),
                                                  benchmark::Counter::kIsRate);
  state.counters["clusters"] = static_cast<double>(clusters);
  // Per-page cost (the swarm refresh included, amortised over 40 pages) with 1,000-3,000 members
  // listed and with the last 2,000 members of the list: what scrolling costs early and late.
  const PageCost early = CostOf(page_ms, 20, 60);
  const PageCost late = CostOf(page_ms, g_pages.size() >= 40 ? g_pages.size() - 40 : 0, g_pages.size());
  state.counters["page_ms_1k"] = early.mean;
  state.counters["page_ms_last"] = late.mean;
  state.counters["page_max_ms_last"] = late.max;
  state.counters["peak_rss_MiB"] = static_cast<double>(PeakRssKiB()) / 1024.0;
  state.SetBytesProcessed(static_cast<std::int64_t>(g_bytes) * state.iterations());
}

}  // namespace

int main(int argc, char** argv) {
  const char* path = std::getenv("SWARMLENS_SWARM_PAGES");
  if (path == nullptr || *path == '\0') {
    std::fprintf(stderr, "set SWARMLENS_SWARM_PAGES to a file of REST pages, one per line (see scripts/bench)\n");
    return 2;
  }
  std::ifstream in(path, std::ios::binary);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    g_bytes += line.size();
    g_pages.push_back(std::move(line));
  }
  if (g_pages.empty()) {
    std::fprintf(stderr, "%s: no pages\n", path);
    return 1;
  }
  // track_updates:0 = batch (the CLI), 1 = per-page updates as the extension receives them.
  benchmark::RegisterBenchmark("BM_SwarmList", BM_SwarmList)
      ->ArgName("track_updates")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(1.0);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
