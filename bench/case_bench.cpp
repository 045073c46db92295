// The case file of a 100,000-account case: Engine::Save and Engine::Load, natively. The case is
// bench/list100k.scenario simulated (98,000 organic followers and a 2,000-account swarm), every
// page ingested into one list, clusters computed; without pictures (pictures:0) and with every
// account's simulated picture added (pictures:1: the load then re-clusters the pictures).
//
//   swarmlens_case_bench   (reports snapshot_MiB, accounts/s and MB/s for each direction)
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "swarmlens/simulate.h"
#include "swarmlens/swarmlens.h"

namespace {

// [0]: the list without pictures, [1]: with every account's picture.
swarmlens::Engine* g_engines[2] = {nullptr, nullptr};
std::vector<std::uint8_t> g_snapshots[2];

bool BuildCase(bool pictures, std::string* error) {
  std::ifstream file(SWARMLENS_BENCH_DIR "/list100k.scenario");
  std::stringstream text;
  text << file.rdbuf();
  auto scenario = swarmlens::ParseScenario(text.str(), "list100k.scenario");
  if (!scenario) return *error = scenario.error().ToString(), false;
  auto list = swarmlens::Simulate(scenario.value(), 1);
  if (!list) return *error = list.error().ToString(), false;
  swarmlens::Engine*& g_engine = g_engines[pictures ? 1 : 0];
  g_engine = new swarmlens::Engine();
  g_engine->set_track_updates(false);
  std::uint32_t position = 0;
  for (const std::string& page : list.value().pages) {
    auto r = g_engine->Ingest(page, {.name = "bench", .list = swarmlens::ListKind::kFollowers, .owner = "bench",
                                     .first_position = position});
    if (!r) return *error = r.error().ToString(), false;
    position += static_cast<std::uint32_t>(r.value().accounts.size());
  }
  for (const swarmlens::AvatarRow& row : list.value().avatars) {
    if (!pictures) break;
    auto index = g_engine->Find(row.username);
    auto hash = swarmlens::SimulatedAvatarHash(row, 1);
    if (index && hash) (void)g_engine->AddAvatar(*index, *hash);
  }
  (void)g_engine->Clusters();
  g_snapshots[pictures ? 1 : 0] = g_engine->Save();
  return true;
}

void Counters(benchmark::State& state) {
  const swarmlens::Engine* g_engine = g_engines[state.range(0)];
  const std::vector<std::uint8_t>& g_snapshot = g_snapshots[state.range(0)];
  const double accounts = static_cast<double>(g_engine->size()) * static_cast<double>(state.iterations());
  state.counters["accounts"] = benchmark::Counter(accounts, benchmark::Counter::kIsRate);
  state.counters["snapshot_MiB"] = static_cast<double>(g_snapshot.size()) / (1024.0 * 1024.0);
  state.counters["case_accounts"] = static_cast<double>(g_engine->size());
  state.SetBytesProcessed(static_cast<std::int64_t>(g_snapshot.size()) * state.iterations());
}

void BM_CaseSave(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<std::uint8_t> bytes = g_engines[state.range(0)]->Save();
    benchmark::DoNotOptimize(bytes.data());
  }
  Counters(state);
}
BENCHMARK(BM_CaseSave)->ArgName("pictures")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_CaseLoad(benchmark::State& state) {
  for (auto _ : state) {
    swarmlens::Engine engine;
    auto r = engine.Load(g_snapshots[state.range(0)]);
    if (!r) {
      state.SkipWithError(r.error().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(engine.size());
  }
  Counters(state);
}
BENCHMARK(BM_CaseLoad)->ArgName("pictures")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  std::string error;
  if (!BuildCase(false, &error) || !BuildCase(true, &error)) {
    std::fprintf(stderr, "case_bench: %s\n", error.c_str());
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
