// Comment text analysis throughput: NormalizeText alone, the harassment scorer (normalise +
// hashed n-grams + int8 dot product) and the whole text analysis of a comment (normalise once,
// threat and insult lexicons in one pass, the model), in MB/s of input text. The corpus is
// synthesised here from a word list mixing Persian, Finglish, English, emoji and the noise that
// evasive commenters add (kashida, Arabic letter variants, zero-width characters, elongation);
// it never reads the training data.
//
//   build/native/bench/swarmlens_comment_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bench_rng.h"
#include "swarmlens/comment_model.h"
#include "swarmlens/text_normalize.h"
#include "swarmlens/threats.h"

namespace {

using swarmlens::bench::Rng;

const char* kWords[] = {
    "سلام", "خیلی", "ممنون", "از", "پست", "قشنگتون", "این", "ویدیو", "عالی", "بود", "دستتون", "درد", "نکنه",
    "چرا", "اینقدر", "می‌گی", "کی", "میخوای", "بفهمی", "مردم", "ایران", "آزادی", "زن", "زندگی", "دروغ",
    "ميخواي", "كجا", "بـــرو", "خیلیییی", "عَزیزم", "۱۴۰۳", "٢٠", "merci", "azizam", "kheili", "khoobe", "chera",
    "dari", "migi", "thank", "you", "for", "sharing", "this", "is", "so", "true", "ＷＯＷ", "l0l", "😂😂😂",
    "🌹", "❤️", "🔥", "#freedom", "@sara_123", "!!!", "؟", "...", "ب\u200bی\u200cشعور", "https://t.co/x",
};

std::vector<std::string> MakeComments(std::size_t count, std::uint64_t seed) {
  Rng rng{seed};
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::string c;
    const std::size_t words = 3 + rng.Below(25);  // 3-27 words, typical of comment threads
    for (std::size_t w = 0; w < words; ++w) {
      if (w > 0) c.push_back(' ');
      c += kWords[rng.Below(sizeof(kWords) / sizeof(kWords[0]))];
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::size_t TotalBytes(const std::vector<std::string>& v) {
  std::size_t n = 0;
  for (const auto& s : v) n += s.size();
  return n;
}

void BM_NormalizeText(benchmark::State& state) {
  const auto comments = MakeComments(10000, 1);
  const std::size_t bytes = TotalBytes(comments);
  for (auto _ : state) {
    for (const auto& c : comments) benchmark::DoNotOptimize(swarmlens::NormalizeText(c));
  }
  state.counters["bytes/s"] = benchmark::Counter(static_cast<double>(bytes * state.iterations()),
                                                 benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
  state.counters["comments/s"] =
      benchmark::Counter(static_cast<double>(comments.size() * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NormalizeText)->Unit(benchmark::kMillisecond);

void BM_ScoreHarassment(benchmark::State& state) {
  const auto comments = MakeComments(10000, 2);
  const std::size_t bytes = TotalBytes(comments);
  for (auto _ : state) {
    for (const auto& c : comments) benchmark::DoNotOptimize(swarmlens::ScoreHarassment(c));
  }
  state.counters["bytes/s"] = benchmark::Counter(static_cast<double>(bytes * state.iterations()),
                                                 benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
  state.counters["comments/s"] =
      benchmark::Counter(static_cast<double>(comments.size() * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ScoreHarassment)->Unit(benchmark::kMillisecond);

// Everything the engine does to a comment's text (Engine::ScoreComment minus the thread): one
// normalisation, threats and insults in one lexicon pass, both model heads (harassment and
// violent speech) in one pass (AnalyzeCommentText).
void BM_AnalyzeCommentText(benchmark::State& state) {
  const auto comments = MakeComments(10000, 3);
  const std::size_t bytes = TotalBytes(comments);
  for (auto _ : state) {
    for (const auto& c : comments) benchmark::DoNotOptimize(swarmlens::AnalyzeCommentText(c));
  }
  state.counters["bytes/s"] = benchmark::Counter(static_cast<double>(bytes * state.iterations()),
                                                 benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
  state.counters["comments/s"] =
      benchmark::Counter(static_cast<double>(comments.size() * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AnalyzeCommentText)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
