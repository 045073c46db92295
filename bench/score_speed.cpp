// ScoreAccount throughput without Google Benchmark, so that the same source runs natively and as
// wasm under node (the wasm/native ratio of the account score). Accounts are generated in memory
// like bench/ingest_bench.cpp's follower pages (1 in 5 bot-like, Latin and Persian names), list
// tier and profile tier; prints the median and the best of 15 runs in accounts/s (wall clock: under
// load, compare binaries run back to back, several times).
//
//   scripts/bench builds and runs both: build/native/bench/swarmlens_score_speed and
//   node --no-experimental-fetch build/wasm/bench/swarmlens_score_speed.js
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_rng.h"
#include "swarmlens/score.h"

namespace {

// One generator for the whole run (seed 42), as the functions below draw from it in turn.
swarmlens::bench::Rng rng(42);
std::size_t Below(std::size_t n) { return rng.Below(n); }
bool Chance(double p) { return rng.Chance(p); }
std::string Digits(int n) { return rng.Digits(n); }
template <std::size_t N>
const char* Pick(const char* const (&list)[N]) { return rng.Pick(list); }

constexpr const char* kFirst[] = {"sara", "ali", "maryam", "reza", "zahra", "amir", "negar", "hossein", "emma", "lucas"};
constexpr const char* kLast[] = {"ahmadi", "mohammadi", "hosseini", "rezaei", "karimi", "smith", "garcia", "rossi"};
constexpr const char* kFirstFa[] = {"سارا", "علی", "مریم", "رضا", "زهرا", "امیر", "نگار", "حسین"};
constexpr const char* kLastFa[] = {"احمدی", "محمدی", "حسینی", "رضایی", "کریمی", "موسوی", "جعفری"};
constexpr const char* kFirstLatin[] = {"Sara", "Ali", "Maryam", "Reza", "Emma", "Lucas", "Mia"};
constexpr const char* kLastLatin[] = {"Ahmadi", "Rezaei", "Smith", "García", "Müller", "Rossi"};
constexpr const char* kEmoji[] = {"🌹", "✨", "💚", "📷", "🕊️"};

swarmlens::Account MakeAccount(bool profile) {
  swarmlens::Account a;
  const bool bot = Chance(0.2);
  if (bot) {
    switch (Below(3)) {
      case 0: a.username = std::string(Pick(kFirst)) + Digits(8); break;
      case 1: a.username = "user" + Digits(10); break;
      default: a.username = std::string(Pick(kFirst)) + "_" + Digits(5);
    }
    a.full_name = Chance(0.6) ? std::string() : std::string(Pick(kFirstLatin));
  } else {
    const std::string f = Pick(kFirst), l = Pick(kLast);
    switch (Below(4)) {
      case 0: a.username = f + "." + l; break;
      case 1: a.username = f + "_" + l + Digits(2); break;
      case 2: a.username = "the." + f; break;
      default: a.username = f + l;
    }
    a.full_name = Chance(0.45) ? std::string(Pick(kFirstFa)) + " " + Pick(kLastFa)
                               : std::string(Pick(kFirstLatin)) + " " + Pick(kLastLatin);
    if (Chance(0.15)) *a.full_name += std::string(" ") + Pick(kEmoji);
  }
  a.anonymous_avatar = bot ? Chance(0.7) : Chance(0.03);
  a.is_private = Chance(bot ? 0.6 : 0.35);
  a.is_verified = !bot && Chance(0.01);
  a.latest_reel_media = Chance(0.25) ? 1710000000 + static_cast<std::int64_t>(Below(86400)) : 0;
  if (profile) {
    a.media_count = Below(400);
    a.follower_count = Below(3000);
    a.following_count = Below(4000);
    a.biography = Chance(0.5) ? std::string() : std::string(Below(80), 'b');
    if (Chance(0.2)) a.external_url = "https://example.org";
    a.is_professional = Chance(0.1);
    a.is_joined_recently = Chance(0.1);
  }
  return a;
}

struct Rates {
  double median;
  double best;
};

Rates Measure(const std::vector<swarmlens::Account>& accounts) {
  std::vector<double> rates;
  double sink = 0;
  for (int run = 0; run < 15; ++run) {
    const auto start = std::chrono::steady_clock::now();
    for (int rep = 0; rep < 10; ++rep) {
      for (const swarmlens::Account& a : accounts) sink += swarmlens::ScoreAccount(a).logit;
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    rates.push_back(10.0 * static_cast<double>(accounts.size()) / took.count());
  }
  std::sort(rates.begin(), rates.end());
  if (sink == 0.123) std::puts("");  // keeps the scores alive
  return {rates[rates.size() / 2], rates.back()};
}

}  // namespace

int main() {
  for (const bool profile : {false, true}) {
    std::vector<swarmlens::Account> accounts;
    for (int i = 0; i < 10000; ++i) accounts.push_back(MakeAccount(profile));
    const Rates r = Measure(accounts);
    std::printf("%s tier: median %.3f, best %.3f M accounts/s\n", profile ? "profile" : "list", r.median / 1e6,
                r.best / 1e6);
  }
  return 0;
}
