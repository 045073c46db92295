// Native throughput of the core on synthetic follower pages: parse only, score only, Engine::Ingest,
// and end to end (Ingest + the JSON the wasm boundary returns). Pages are generated in memory,
// deterministically, outside the timed loops.
//
//   build/native/bench/swarmlens_ingest_bench [--benchmark_filter=...]
//   SWARMLENS_BENCH_PAGES=pages.jsonl ...   also runs BM_PageSet_* over those pages (one JSON page
//                                           per line, e.g. from `node bench/make_pages.mjs`), the
//                                           page set bench/wasm_bench.mjs measures in wasm.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bench_rng.h"
#include "swarmlens/swarmlens.h"

namespace {

using swarmlens::Account;
using swarmlens::Engine;
using swarmlens::ListKind;
using swarmlens::SourceInfo;

/// splitmix64: deterministic on every platform, unlike the distributions of <random>.
using swarmlens::bench::Rng;

constexpr const char* kFirst[] = {"sara", "ali", "maryam", "reza", "zahra", "amir", "negar",
                                  "hossein", "emma", "lucas", "noah", "mia", "olivia", "leon",
                                  "sofia", "omid", "parisa", "kian", "nika", "arman"};
constexpr const char* kLast[] = {"ahmadi", "mohammadi", "hosseini", "rezaei", "karimi", "mousavi",
                                 "jafari", "ghasemi", "smith", "garcia", "muller", "rossi", "kim"};
constexpr const char* kFirstFa[] = {"سارا", "علی", "مریم", "رضا", "زهرا", "امیر", "نگار", "حسین"};
constexpr const char* kLastFa[] = {"احمدی", "محمدی", "حسینی", "رضایی", "کریمی", "موسوی", "جعفری"};
constexpr const char* kFirstLatin[] = {"Sara", "Ali", "Maryam", "Reza", "Emma", "Lucas", "Mia"};
constexpr const char* kLastLatin[] = {"Ahmadi", "Rezaei", "Smith", "García", "Müller", "Rossi"};
constexpr const char* kEmoji[] = {"🌹", "✨", "💚", "📷", "🕊️"};
constexpr std::string_view kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kHex = "0123456789abcdef";
constexpr std::string_view kDefaultAvatar =
    "https://scontent-fra5-1.cdninstagram.com/v/t51.2885-19/"
    "44884218_345707102882519_2446069589734326272_n.jpg?_nc_ht=scontent-fra5-1.cdninstagram.com"
    "&_nc_cat=1&edm=APQMUHMBAAAA&ccb=7-5&ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj.2-ccb7-5"
    "&oh=00_AYAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&oe=67000000&_nc_sid=e50d24";

/// One user object of a REST followers page; about 1 in 5 is bot-like. (No generated string
/// needs JSON escaping.)
void AppendUser(std::string& out, Rng& r) {
  const bool bot = r.Chance(0.2);
  const std::uint64_t pk = bot ? 60000000000ULL + r.Next() % 9000000000ULL
                               : 100000000ULL + r.Next() % 59000000000ULL;
  const std::string id = std::to_string(pk);
  std::string username;
  std::string full_name;
  if (bot) {
    switch (r.Below(3)) {
      case 0: username = std::string(r.Pick(kFirst)) + r.Digits(8); break;
      case 1: username = "user" + r.Digits(10); break;
      default: username = std::string(r.Pick(kFirst)) + "_" + r.Chars(4, "abcdefghijklmnopqrstuvwxyz") + r.Digits(5);
    }
    if (!r.Chance(0.6)) full_name = r.Pick(kFirstLatin);
  } else {
    const std::string f = r.Pick(kFirst);
    const std::string l = r.Pick(kLast);
    switch (r.Below(4)) {
      case 0: username = f + "." + l; break;
      case 1: username = f + "_" + l + r.Digits(2); break;
      case 2: username = "the." + f; break;
      default: username = f + l;
    }
    full_name = r.Chance(0.45) ? std::string(r.Pick(kFirstFa)) + " " + r.Pick(kLastFa)
                               : std::string(r.Pick(kFirstLatin)) + " " + r.Pick(kLastLatin);
    if (r.Chance(0.15)) full_name += std::string(" ") + r.Pick(kEmoji);
  }
  const bool anonymous = bot ? r.Chance(0.7) : r.Chance(0.03);
  std::string url;
  if (anonymous) {
    url = kDefaultAvatar;
  } else {
    url = "https://scontent-fra5-1.cdninstagram.com/v/t51.2885-19/" + r.Digits(9) + "_" + r.Digits(15) +
          "_" + r.Digits(19) + "_n.jpg?stp=dst-jpg_e0_s150x150_tt6&_nc_ht=scontent-fra5-1.cdninstagram.com"
          "&_nc_cat=10" + r.Digits(1) + "&_nc_oc=" + r.Chars(22, kB64) + "&_nc_ohc=" + r.Chars(11, kB64) +
          "&_nc_gid=" + r.Chars(32, kHex) + "&edm=APQMUHMBAAAA&ccb=7-5&oh=00_" + r.Chars(43, kB64) +
          "&oe=" + r.Chars(8, kHex) + "&_nc_sid=e50d24";
  }
  out += "{\"pk\":\"" + id + "\",\"pk_id\":\"" + id + "\",\"id\":\"" + id + "\",\"strong_id__\":\"" + id +
         "\",\"fbid_v2\":\"178414" + r.Digits(11) + "\",\"username\":\"" + username +
         "\",\"full_name\":\"" + full_name + "\",\"is_private\":" +
         (r.Chance(bot ? 0.6 : 0.35) ? "true" : "false") + ",\"is_verified\":" +
         (!bot && r.Chance(0.01) ? "true" : "false") + ",\"third_party_downloads_enabled\":" +
         r.Digits(1) + ",";
  if (!anonymous) out += "\"profile_pic_id\":\"" + r.Digits(19) + "_" + id + "\",";
  out += "\"profile_pic_url\":\"" + url + "\",\"has_anonymous_profile_picture\":" +
         (anonymous ? "true" : "false") + ",\"account_badges\":[],\"latest_reel_media\":" +
         (r.Chance(0.25) ? std::to_string(1710000000 + r.Below(86400)) : std::string("0")) + "}";
}

/// A REST `/api/v1/friendships/<id>/followers/` page with `users` users.
std::string MakePage(int users, std::uint64_t seed) {
  Rng r(seed);
  std::string out = "{\"users\":[";
  for (int i = 0; i < users; ++i) {
    if (i) out += ',';
    AppendUser(out, r);
  }
  out += "],\"big_list\":true,\"page_size\":" + std::to_string(users) + ",\"next_max_id\":\"QVFE" +
         r.Chars(40, kB64) + "\",\"has_more\":true,\"should_limit_list_of_followers\":false,"
         "\"global_blacklist_sample\":null,\"sections\":null,\"status\":\"ok\"}";
  return out;
}

/// A page set: 10,000 users in pages of `per_page`, generated once per size.
struct PageSet {
  std::vector<std::string> pages;
  std::size_t bytes = 0;
  std::size_t accounts = 0;
};

const PageSet& Pages(int per_page) {
  static std::map<int, PageSet> cache;  // Node-based: references stay valid as it grows.
  auto it = cache.find(per_page);
  if (it != cache.end()) return it->second;
  PageSet& set = cache[per_page];
  const int count = 10000 / per_page;
  for (int i = 0; i < count; ++i) {
    set.pages.push_back(MakePage(per_page, 1000003ULL * static_cast<std::uint64_t>(per_page) +
                                               static_cast<std::uint64_t>(i)));
    set.bytes += set.pages.back().size();
  }
  set.accounts = static_cast<std::size_t>(count) * static_cast<std::size_t>(per_page);
  return set;
}

SourceInfo Source(std::uint32_t first_position) {
  SourceInfo s;
  s.name = "bench";
  s.list = ListKind::kFollowers;
  s.owner = "bench_owner";
  s.seen_at = 1710000000;
  s.first_position = first_position;
  return s;
}

void Report(benchmark::State& state, const PageSet& set) {
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["accounts"] =
      benchmark::Counter(static_cast<double>(set.accounts) * iterations, benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(set.bytes) * state.iterations());
}

bool Fail(benchmark::State& state, const swarmlens::Error& e) {
  state.SkipWithError(e.ToString().c_str());
  return false;
}

/// ParseFollowerPage only (simdjson On-Demand + field extraction into Account records).
void BM_ParsePage(benchmark::State& state) {
  const PageSet& set = Pages(static_cast<int>(state.range(0)));
  const SourceInfo source = Source(0);
  for (auto _ : state) {
    for (const std::string& page : set.pages) {
      auto r = swarmlens::ParseFollowerPage(page, source);
      if (!r) return void(Fail(state, r.error()));
      benchmark::DoNotOptimize(r.value().accounts.data());
    }
  }
  Report(state, set);
}
BENCHMARK(BM_ParsePage)->Arg(50)->Arg(10000)->Unit(benchmark::kMillisecond);

/// ScoreAccount over already parsed accounts: Arg(0) as the follower list shows them (list tier),
/// Arg(1) with profile fields added (profile tier: 9 trained features and the profile priors).
void BM_ScoreAccounts(benchmark::State& state) {
  const PageSet& set = Pages(50);
  std::vector<Account> accounts;
  for (const std::string& page : set.pages) {
    auto r = swarmlens::ParseFollowerPage(page, Source(0));
    if (!r) return void(Fail(state, r.error()));
    for (Account& a : r.value().accounts) accounts.push_back(std::move(a));
  }
  if (state.range(0) == 1) {
    Rng rng(7);
    for (Account& a : accounts) {
      a.media_count = rng.Below(400);
      a.follower_count = rng.Below(3000);
      a.following_count = rng.Below(4000);
      a.biography = rng.Chance(0.5) ? std::string() : rng.Chars(static_cast<int>(rng.Below(80)), "abc def");
      if (rng.Chance(0.2)) a.external_url = "https://example.org";
      a.is_professional = rng.Chance(0.1);
      a.is_joined_recently = rng.Chance(0.1);
    }
  }
  const swarmlens::LevelThresholds thresholds;
  for (auto _ : state) {
    for (const Account& a : accounts) {
      swarmlens::Score s = swarmlens::ScoreAccount(a, thresholds);
      benchmark::DoNotOptimize(s.logit);
      benchmark::DoNotOptimize(s.reasons.data());
    }
  }
  state.counters["accounts"] = benchmark::Counter(
      static_cast<double>(accounts.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ScoreAccounts)->ArgName("profile")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

/// Ingests a page set into an engine (parse + merge), then clears it, per iteration.
void IngestPages(benchmark::State& state, const PageSet& set, bool to_json) {
  Engine engine;
  for (auto _ : state) {
    std::uint32_t position = 0;
    for (const std::string& page : set.pages) {
      auto r = engine.Ingest(page, Source(position));
      if (!r) return void(Fail(state, r.error()));
      position += static_cast<std::uint32_t>(r.value().accounts.size());
      if (to_json) {
        // What the wasm boundary does per page: score the page's accounts and serialize them.
        std::string json = swarmlens::IngestResultJson(engine, r.value());
        benchmark::DoNotOptimize(json.data());
      }
    }
    engine.Clear();
  }
  Report(state, set);
}

/// Engine::Ingest: parse + merge by pk / username.
void BM_EngineIngest(benchmark::State& state) {
  IngestPages(state, Pages(static_cast<int>(state.range(0))), false);
}
BENCHMARK(BM_EngineIngest)->Arg(50)->Arg(10000)->Unit(benchmark::kMillisecond);

/// Engine::Ingest + IngestResultJson: text in, scored accounts out, as sl_ingest does.
void BM_EndToEnd(benchmark::State& state) {
  IngestPages(state, Pages(static_cast<int>(state.range(0))), true);
}
BENCHMARK(BM_EndToEnd)->Arg(50)->Arg(10000)->Unit(benchmark::kMillisecond);

/// RankedJson of 10,000 accounts (what the extension asks for to draw a ranked list).
void BM_RankedJson(benchmark::State& state) {
  const PageSet& set = Pages(50);
  Engine engine;
  for (const std::string& page : set.pages) {
    if (auto r = engine.Ingest(page, Source(0)); !r) return void(Fail(state, r.error()));
  }
  for (auto _ : state) {
    std::string json = swarmlens::RankedJson(engine);
    benchmark::DoNotOptimize(json.data());
  }
  state.counters["accounts"] = benchmark::Counter(
      static_cast<double>(engine.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RankedJson)->Unit(benchmark::kMillisecond);

/// Pages from SWARMLENS_BENCH_PAGES (one JSON document per line), if set.
PageSet LoadPageSet(const char* path) {
  PageSet set;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    set.bytes += line.size();
    set.pages.push_back(std::move(line));
  }
  // Count accounts once, untimed.
  for (const std::string& page : set.pages) {
    if (auto r = swarmlens::ParseFollowerPage(page); r) set.accounts += r.value().accounts.size();
  }
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  static PageSet external;
  if (const char* path = std::getenv("SWARMLENS_BENCH_PAGES"); path != nullptr && *path != '\0') {
    external = LoadPageSet(path);
    if (external.pages.empty()) {
      std::fprintf(stderr, "SWARMLENS_BENCH_PAGES=%s: no pages\n", path);
      return 1;
    }
    benchmark::RegisterBenchmark("BM_PageSet_Parse", [](benchmark::State& state) {
      for (auto _ : state) {
        for (const std::string& page : external.pages) {
          auto r = swarmlens::ParseFollowerPage(page, Source(0));
          if (!r) return void(Fail(state, r.error()));
          benchmark::DoNotOptimize(r.value().accounts.data());
        }
      }
      Report(state, external);
    })->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_PageSet_EndToEnd", [](benchmark::State& state) {
      IngestPages(state, external, true);
    })->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
