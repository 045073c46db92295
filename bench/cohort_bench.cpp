// List-level swarm analysis (cohorts + bursts + username templates + display names) on synthetic
// lists of 10k / 100k / 1M members: the batch cost (to show n log n growth), and the incremental
// cost of one more 50-member page on a list that is already large. Lists are generated outside
// the timed loops, deterministically.
//
//   build/native/bench/swarmlens_cohort_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench_rng.h"
#include "swarmlens/list_signals.h"

namespace {

using swarmlens::ListAnalyzer;
using swarmlens::ListMember;

using swarmlens::bench::Rng;

const char* kFirst[] = {"sara", "maryam", "neda", "shirin", "leila", "ali", "reza", "amir", "babak", "kian",
                        "omid", "arash", "emma", "lucas", "sofia", "noah", "mina", "tara", "payam", "golnaz"};
const char* kLast[] = {"ahmadi", "rezaei", "hosseini", "karimi", "moradi", "jafari", "rahimi", "sadeghi"};

/// A list of n members, 5% of them a swarm: one narrow pk band, following in one burst, with
/// template usernames and one reused display name. Owns the strings the members view.
struct SyntheticList {
  std::vector<std::string> usernames, names;
  std::vector<ListMember> members;

  explicit SyntheticList(std::size_t n, std::uint64_t seed = 1) {
    Rng rng{seed};
    usernames.reserve(n);
    names.reserve(n);
    const std::size_t swarm_from = n / 10, swarm_to = n / 10 + n / 20;
    for (std::size_t i = 0; i < n; ++i) {
      const bool swarm = i >= swarm_from && i < swarm_to;
      std::uint64_t pk;
      double score;
      if (swarm) {
        pk = 79'000'000'000ULL + rng.Below(50'000'000);
        usernames.push_back("zahra_" + std::to_string(100000 + rng.Below(900000)) + std::to_string(i));
        names.push_back(i % 3 ? "" : "Zahra Ahmadi");
        score = 0.7;
      } else {
        pk = static_cast<std::uint64_t>(1e9 + std::sqrt(rng.Unit()) * 7.8e10);
        const std::string first = kFirst[rng.Below(std::size(kFirst))];
        usernames.push_back(first + "." + kLast[rng.Below(std::size(kLast))] + "." + std::to_string(i) + "x");
        names.push_back(first + " " + kLast[rng.Below(std::size(kLast))]);
        score = rng.Unit() < 0.05 ? 0.6 : 0.1;
      }
      ListMember m;
      m.id = static_cast<std::uint32_t>(i);
      m.position = static_cast<std::uint32_t>(i);
      m.pk = pk;
      m.account_score = score;
      members.push_back(m);
    }
    for (std::size_t i = 0; i < n; ++i) {
      members[i].username = usernames[i];
      if (!names[i].empty()) members[i].full_name = std::string_view(names[i]);
    }
  }
};

const SyntheticList& List(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<SyntheticList>> cache;
  auto& slot = cache[n];
  if (!slot) slot = std::make_unique<SyntheticList>(n);
  return *slot;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

/// Batch: all members in one page, then the clusters.
void BM_AnalyzeList(benchmark::State& state) {
  const SyntheticList& list = List(static_cast<std::size_t>(state.range(0)));
  std::size_t clusters = 0, bytes = 0;
  for (auto _ : state) {
    ListAnalyzer analyzer;
    analyzer.AddPage(list.members);
    const auto result = analyzer.Clusters();
    clusters = result.size();
    bytes = analyzer.MemoryBytes();
    benchmark::DoNotOptimize(result.data());
  }
  state.counters["members"] = benchmark::Counter(static_cast<double>(list.members.size()) *
                                                     static_cast<double>(state.iterations()),
                                                 benchmark::Counter::kIsRate);
  state.counters["clusters"] = static_cast<double>(clusters);
  state.counters["bytes_per_member"] = static_cast<double>(bytes) / static_cast<double>(list.members.size());
  state.counters["peak_rss_mb"] = PeakRssMb();
}
BENCHMARK(BM_AnalyzeList)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

/// Incremental: a list of n members already analysed; each iteration adds one 50-member page
/// (the next members of a longer list) and, with range(1) = 1, reads the clusters.
void BM_AddPage(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const bool read = state.range(1) != 0;
  const SyntheticList& list = List(n + 50 * 4000);
  ListAnalyzer analyzer;
  analyzer.AddPage(std::span<const ListMember>(list.members).subspan(0, n));
  (void)analyzer.Clusters();
  std::size_t next = n;
  for (auto _ : state) {
    if (next + 50 > list.members.size()) {
      state.SkipWithError("ran out of pages");
      break;
    }
    analyzer.AddPage(std::span<const ListMember>(list.members).subspan(next, 50));
    next += 50;
    if (read) {
      const auto result = analyzer.Clusters();
      benchmark::DoNotOptimize(result.data());
    }
  }
  state.counters["pages"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AddPage)
    ->Args({10'000, 0})
    ->Args({10'000, 1})
    ->Args({100'000, 0})
    ->Args({100'000, 1})
    ->Iterations(2000)
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
