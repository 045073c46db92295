// Native throughput of DetectThreats on synthetic comment text: ordinary Persian, Finglish and
// English comments with a threat in about 1 in 50 (the rate of a hostile thread, so the slow
// path with the offset map and the slot-by-slot match is measured too). Also NormalizeText
// alone, the floor the matcher sits on. Comments are generated outside the timed loop.
//
//   build/native/bench/swarmlens_threat_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bench_rng.h"
#include "swarmlens/text_normalize.h"
#include "swarmlens/threats.h"

namespace {

using swarmlens::bench::Rng;

const char* const kWords[] = {"خیلی",    "قشنگ",      "بود",    "مرسی",    "از",       "شما",
                              "این",     "عکس",       "عالیه",  "دمت",     "گرم",      "می‌خوام",
                              "بدونم",   "کجا",       "خریدی",  "ایران",   "آزادی",    "زن",
                              "زندگی",   "❤️",    "😂",      "چرا",     "اینقدر",   "دیر",
                              "جواب",    "دادی",      "kheili", "khoob",   "bood",     "merci",
                              "azizam",  "ghashange", "che",    "khabar",  "dash",     "eyval",
                              "doroste", "great",     "post",   "thank",   "you",      "for",
                              "sharing", "this",      "is",     "amazing", "love",     "it",
                              "so",      "much",      "where",  "did",     "get",      "that",
                              "dress",   "?",         "!!",     "lol",     "@someone", "#freedom"};
const char* const kThreats[] = {
    "می‌کشیمت", "خونت حلاله", "we know where you live", "sareto miborim", "اعدامت می‌کنیم",
    "we will kill you"};

std::vector<std::string> Comments(std::size_t count) {
  Rng rng(42);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::string c;
    const std::size_t words = 4 + rng.Next() % 30;
    for (std::size_t w = 0; w < words; ++w) {
      if (!c.empty()) c += ' ';
      c += kWords[rng.Next() % (sizeof(kWords) / sizeof(kWords[0]))];
    }
    if (rng.Next() % 50 == 0) c += std::string(" ") + kThreats[rng.Next() % (sizeof(kThreats) / sizeof(kThreats[0]))];
    out.push_back(std::move(c));
  }
  return out;
}

void BM_DetectThreats(benchmark::State& state) {
  const std::vector<std::string> comments = Comments(10000);
  std::size_t bytes = 0;
  for (const auto& c : comments) bytes += c.size();
  (void)swarmlens::DetectThreats("warm up the lexicon");
  std::size_t found = 0;
  for (auto _ : state) {
    for (const auto& c : comments) {
      swarmlens::ThreatResult r = swarmlens::DetectThreats(c);
      found += r.matches.size();
      benchmark::DoNotOptimize(r);
    }
  }
  state.counters["MB/s"] = benchmark::Counter(
      static_cast<double>(bytes) * static_cast<double>(state.iterations()) / 1e6, benchmark::Counter::kIsRate);
  state.counters["comments/s"] = benchmark::Counter(
      static_cast<double>(comments.size()) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["matches/iter"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_DetectThreats)->Unit(benchmark::kMillisecond);

void BM_DetectThreatsPreNormalized(benchmark::State& state) {
  // The matcher's own cost when the comment scorer hands over the normalised text it shares.
  const std::vector<std::string> comments = Comments(10000);
  std::vector<std::string> normalized;
  std::size_t bytes = 0;
  for (const auto& c : comments) {
    bytes += c.size();
    normalized.push_back(swarmlens::NormalizeText(c));
  }
  for (auto _ : state) {
    for (std::size_t i = 0; i < comments.size(); ++i)
      benchmark::DoNotOptimize(swarmlens::DetectThreats(comments[i], normalized[i]));
  }
  state.counters["MB/s"] = benchmark::Counter(
      static_cast<double>(bytes) * static_cast<double>(state.iterations()) / 1e6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DetectThreatsPreNormalized)->Unit(benchmark::kMillisecond);

void BM_NormalizeTextOnly(benchmark::State& state) {
  const std::vector<std::string> comments = Comments(10000);
  std::size_t bytes = 0;
  for (const auto& c : comments) bytes += c.size();
  for (auto _ : state) {
    for (const auto& c : comments) benchmark::DoNotOptimize(swarmlens::NormalizeText(c));
  }
  state.counters["MB/s"] = benchmark::Counter(
      static_cast<double>(bytes) * static_cast<double>(state.iterations()) / 1e6, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NormalizeTextOnly)->Unit(benchmark::kMillisecond);

void BM_CompileLexicon(benchmark::State& state) {
  // First use compiles the lexicon; report its size (the compile itself runs once per process).
  for (auto _ : state) benchmark::DoNotOptimize(swarmlens::GetThreatLexiconStats());
  const auto s = swarmlens::GetThreatLexiconStats();
  state.counters["entries"] = static_cast<double>(s.entries);
  state.counters["terms"] = static_cast<double>(s.expanded_terms);
}
BENCHMARK(BM_CompileLexicon);

}  // namespace

BENCHMARK_MAIN();
