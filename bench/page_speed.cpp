// The page path without Google Benchmark, so that the same source runs natively and as wasm under
// node: the pages of PAGES.jsonl (one REST page per line: scripts/bench writes the 200 x 50 set of
// bench/make_pages.mjs) through Engine::Ingest + IngestResultJson (what sl_ingest does, less the
// JS copies: the result's scores include the list's swarm evidence, so every page refreshes the
// swarm analysis), and through Engine::Ingest alone with track_updates off (parse, merge, account
// score, evidence hash: no swarm refresh, no result). Prints the best of 7 passes in MB/s.
//
//   build/native/bench/swarmlens_page_speed PAGES.jsonl
//   node --no-experimental-fetch build/wasm/bench/swarmlens_page_speed.js PAGES.jsonl
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "swarmlens/report.h"
#include "swarmlens/swarmlens.h"

namespace {

double Pass(const std::vector<std::string>& pages, bool refresh, std::size_t* accounts) {
  swarmlens::Engine engine;
  engine.set_track_updates(refresh);
  const auto start = std::chrono::steady_clock::now();
  std::uint32_t position = 0;
  std::size_t bytes = 0;
  for (const std::string& page : pages) {
    auto r = engine.Ingest(page, {.name = "bench", .list = swarmlens::ListKind::kFollowers, .owner = "bench_owner",
                                  .first_position = position});
    if (!r) {
      std::fprintf(stderr, "%s\n", r.error().ToString().c_str());
      return -1;
    }
    position += static_cast<std::uint32_t>(r.value().accounts.size());
    if (refresh) bytes += swarmlens::IngestResultJson(engine, r.value()).size();
  }
  *accounts = position + (refresh && bytes == 0 ? 1 : 0);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: swarmlens_page_speed PAGES.jsonl\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<std::string> pages;
  std::size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    bytes += line.size();
    pages.push_back(std::move(line));
  }
  if (pages.empty()) {
    std::fprintf(stderr, "%s: no pages\n", argv[1]);
    return 1;
  }
  for (const bool refresh : {false, true}) {
    double best = 1e30;
    std::size_t accounts = 0;
    for (int run = 0; run < 7; ++run) {
      const double s = Pass(pages, refresh, &accounts);
      if (s < 0) return 1;
      best = std::min(best, s);
    }
    std::printf("%s: %.1f MB/s, %.0f accounts/s (%zu pages, best of 7)\n",
                refresh ? "ingest + result JSON (per-page swarm refresh)" : "ingest + account score, no swarm refresh",
                static_cast<double>(bytes) / best / 1e6, static_cast<double>(accounts) / best, pages.size());
  }
  return 0;
}
