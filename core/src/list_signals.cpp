// List-level swarm signals. Method and thresholds: docs/swarm-detection.md.
//
// All p-values are one-sided upper-tail bounds (tail <= pmf(c) / (1 - ratio of successive terms)),
// so a reported strength never overstates the evidence; each signal is Bonferroni-corrected for
// the number of windows or groups it tested.
#include "swarmlens/list_signals.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <map>
#include <tuple>
#include <utility>

namespace swarmlens {
namespace {

constexpr double kLn10 = 2.302585092994046;

// Cohort grid: cells of width 2^b for b in [kCohortMinLevel, kCohortMaxLevel], each level twice
// (offset 0 and offset 2^(b-1)), so any pk band of width w lies inside one cell of width <= 4w.
constexpr int kCohortMinLevel = 4;
constexpr int kCohortMaxLevel = 56;  // 7e16: far above any pk (about 1e11 today), and cell + 9 cannot wrap
constexpr int kCohortGrids = 2 * (kCohortMaxLevel - kCohortMinLevel + 1);
constexpr std::uint64_t kCohortNeighbours = 4;        // cells on each side that give the background density
constexpr std::uint64_t kPkClamp = (1ULL << 62) - 1;  // keeps cell arithmetic inside uint64
// Burst grid over list positions: widths 2^3 .. 2^31, two offsets per level.
constexpr int kBurstMinLevel = 3;
constexpr int kBurstMaxLevel = 31;
constexpr int kBurstGrids = 2 * (kBurstMaxLevel - kBurstMinLevel + 1);

/// log10 of an upper bound on P(X >= c) for X ~ Poisson(mu); 0 when c is not above the mean.
double PoissonUpperLog10(double c, double mu) {
  if (c <= mu || c <= 0) return 0;
  const double log_pmf = c * std::log(mu) - mu - std::lgamma(c + 1);
  const double ratio = mu / (c + 1);  // pmf(k+1)/pmf(k) for k >= c, so the tail is a geometric bound
  return std::min(0.0, (log_pmf - std::log1p(-ratio)) / kLn10);
}

/// log10 of an upper bound on P(X >= c) for X ~ Binomial(n, p); 0 when c is not above the mean.
double BinomialUpperLog10(double c, double n, double p) {
  if (p <= 0 || c <= n * p || c <= 0) return 0;
  if (p >= 1) return 0;
  const double log_pmf = std::lgamma(n + 1) - std::lgamma(c + 1) - std::lgamma(n - c + 1) + c * std::log(p) +
                         (n - c) * std::log1p(-p);
  const double ratio = (n - c) / (c + 1) * p / (1 - p);
  if (ratio >= 1) return 0;
  return std::min(0.0, (log_pmf - std::log1p(-ratio)) / kLn10);
}

/// log10 of an upper bound on P(X >= c) for X ~ Hypergeometric(population, successes, draws); 0 when
/// c is not above the mean, about -300 when c is impossible.
double HypergeometricUpperLog10(double c, double population, double successes, double draws) {
  if (c <= 0 || c <= draws * successes / population) return 0;
  if (c > successes || c > draws) return -300;
  auto log_choose = [](double a, double b) { return std::lgamma(a + 1) - std::lgamma(b + 1) - std::lgamma(a - b + 1); };
  const double rest = population - successes;
  if (draws - c > rest) return 0;  // cannot happen for c at or above the mean; keeps lgamma's arguments valid
  const double log_pmf = log_choose(successes, c) + log_choose(rest, draws - c) - log_choose(population, draws);
  // pmf(x+1)/pmf(x) falls with x, so the tail from c is at most a geometric series of this ratio.
  const double ratio = (successes - c) * (draws - c) / ((c + 1) * (rest - draws + c + 1));
  if (ratio >= 1) return 0;
  return std::max(-300.0, std::min(0.0, (log_pmf - std::log1p(-ratio)) / kLn10));
}

double XLogY(double x, double y) { return x <= 0 ? 0 : x * std::log(y); }

/// The two terms of Kulldorff's ratio that depend only on the list (C suspicious of N): computed
/// once per scan, subtracted in the same order as before, so the ratio is bit-for-bit the same.
struct BurstNull {
  double c_term, rest_term;
  BurstNull(double big_c, double big_n)
      : c_term(XLogY(big_c, big_c / big_n)), rest_term(XLogY(big_n - big_c, 1 - big_c / big_n)) {}
};

/// Kulldorff's Bernoulli log-likelihood ratio of a window with c suspicious of l members, against
/// C of N overall; 0 unless the window's rate exceeds the outside rate.
double BurstLlr(double c, double l, double big_c, double big_n, const BurstNull& null) {
  const double out_c = big_c - c;
  const double out_n = big_n - l;
  if (l <= 0 || out_n <= 0 || c / l <= out_c / out_n) return 0;
  const double in_rate = c / l;
  const double out_rate = out_c / out_n;
  return XLogY(c, in_rate) + XLogY(l - c, 1 - in_rate) + XLogY(out_c, out_rate) + XLogY(out_n - out_c, 1 - out_rate) -
         null.c_term - null.rest_term;
}

std::uint64_t Hash(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

std::string Format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string Format(const char* fmt, ...) {
  char buf[512];
  va_list args;
  va_start(args, fmt);
  const int n = std::vsnprintf(buf, sizeof buf, fmt, args);
  va_end(args);
  if (n <= 0) return {};
  return std::string(buf, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1));
}

/// "1 in 10^k" phrase for a strength, readable for people.
std::string ChancePhrase(double strength) {
  if (strength >= 15) return "far less than 1 in a million billion";
  if (strength >= 6) return Format("about 1 in 10^%.0f", std::floor(strength));
  return Format("about 1 in %.0f", std::pow(10.0, std::floor(strength)));
}

std::size_t TrailingDigits(std::string_view s) {
  std::size_t d = 0;
  while (d < s.size() && s[s.size() - 1 - d] >= '0' && s[s.size() - 1 - d] <= '9') ++d;
  return d;
}

/// Text safe to show: printable ASCII kept, every other byte of a handle becomes '?'.
std::string PrintableAscii(std::string_view s) {
  std::string out(s.substr(0, 64));
  for (char& ch : out)
    if (static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) >= 0x7f) ch = '?';
  return out;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::vector<std::string_view> SplitSpaces(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

struct CellKey {
  std::uint8_t grid = 0;  // level and offset: level = kCohortMinLevel + grid / 2, offset = grid % 2
  std::uint64_t cell = 0;
  bool operator<(const CellKey& o) const { return std::tie(grid, cell) < std::tie(o.grid, o.cell); }
  bool operator==(const CellKey& o) const { return grid == o.grid && cell == o.cell; }
};

struct CellStat {
  std::uint64_t lo = 0, hi = 0;  // pk range [lo, hi) clipped to the list's pk range
  std::uint32_t count = 0;
  double expected = 0;
  double raw = 0;  // -log10 p before the multiple-testing correction
};

struct GridGeometry {
  int level;
  std::uint64_t offset;
  std::uint64_t CellOf(std::uint64_t x) const { return (x + offset) >> level; }
  std::uint64_t Lo(std::uint64_t cell) const {
    const std::uint64_t s = cell << level;
    return s >= offset ? s - offset : 0;
  }
  std::uint64_t Hi(std::uint64_t cell) const { return ((cell + 1) << level) - offset; }
};

GridGeometry CohortGrid(int grid) {
  const int level = kCohortMinLevel + grid / 2;
  return {level, (grid % 2) ? (1ULL << (level - 1)) : 0};
}
GridGeometry BurstGrid(int grid) {
  const int level = kBurstMinLevel + grid / 2;
  return {level, (grid % 2) ? (1ULL << (level - 1)) : 0};
}

struct Member {
  std::uint32_t id = 0;
  std::uint32_t position = 0;
  double score = 0;
  bool in_cohort = false;
  bool flagged = false;  // counted as suspicious in the burst grid
  bool has_time = false;
  std::int64_t time = 0;  // ListMember::listed_at, when has_time
};

/// Where a template or display-name group is concentrated (see Concentrate).
struct Concentration {
  double strength = 0;                // corrected -log10 p
  std::vector<std::uint32_t> core;    // member indexes inside the densest window
  bool by_pk = false;                 // concentrated in account ids (else in list positions)
  std::size_t span = 0;               // ranks the window covers
  std::size_t ranked = 0;             // ranks on that axis (list members with a pk / all members)
};

/// Human duration of a window, "20 hours", "3 days", "45 minutes".
std::string DurationPhrase(std::int64_t seconds) {
  if (seconds < 60) return Format("%lld seconds", static_cast<long long>(std::max<std::int64_t>(seconds, 1)));
  if (seconds < 2 * 3600) return Format("%lld minutes", static_cast<long long>((seconds + 59) / 60));
  if (seconds < 3 * 86400) return Format("%lld hours", static_cast<long long>((seconds + 3599) / 3600));
  return Format("%lld days", static_cast<long long>((seconds + 86399) / 86400));
}

struct Group {
  std::uint32_t count = 0;
  std::uint64_t family = 0;  // template: the family key whose total gives the null's n
  std::uint8_t digits = 0;   // template: digit-run length (stems: the longest seen)
  std::uint8_t digits_min = 0;  // stems: the shortest digit run seen
  bool stem = false;         // template: keyed by stem (else by generator shape)
  std::string text;          // key shown to people (set when the group becomes a candidate)
  std::vector<std::uint32_t> members;  // member indexes
};

struct BurstCandidate {
  double strength;
  std::size_t first, last;  // rank range in by_position, inclusive
};

}  // namespace

struct ListAnalyzer::Impl {
  ListSignalOptions opt;
  std::vector<Member> members;
  std::unordered_map<std::uint32_t, std::uint32_t> index_of;  // id -> member index

  // Cohorts.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> pks;  // sorted (pk, member index)
  std::map<CellKey, CellStat> cells;                           // cells passing the uncorrected test
  std::vector<std::uint32_t> cohort_members;                   // members flagged in_cohort by the last query

  // Bursts.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_position;  // sorted (position, member index)
  std::vector<std::uint32_t> burst_total[kBurstGrids];
  std::vector<std::uint32_t> burst_flagged[kBurstGrids];
  std::uint64_t flagged_total = 0;

  // Templates and display names.
  std::unordered_map<std::uint64_t, std::uint32_t> stem_family, shape_family;  // digit-tailed members per family
  std::unordered_map<std::uint64_t, std::uint32_t> leading_words;  // LeadingWordKey -> usernames starting with it
  std::uint32_t usernames = 0;
  std::uint32_t digit_len_count[32] = {};
  std::uint32_t digit_tailed = 0;
  std::unordered_map<std::uint64_t, Group> templates;
  std::vector<std::uint64_t> template_candidates;
  // Display names are compared within a class (words: 1, 2, 3, 4+) x (script: Latin, Arabic
  // script, other), word by word position (1st, 2nd, 3rd, 4th and later).
  static constexpr std::size_t kNameClasses = 12;
  std::unordered_map<std::uint64_t, std::uint32_t> token_count;  // TokenKey -> names with that word there
  std::unordered_map<std::uint64_t, std::uint32_t> token_count_any;  // the same over all classes
  std::uint32_t names_with_position[4] = {};  // names with a word at position 1, 2, 3, 4+ (4+: words)
  std::uint32_t names_in_class[kNameClasses] = {};
  std::uint32_t names_total = 0;

  static std::size_t NameClass(std::string_view norm, std::size_t words) {
    bool latin = false, arabic = false, other = false;
    for (const char ch : norm) {
      const auto u = static_cast<unsigned char>(ch);
      if ((u >= 'a' && u <= 'z')) latin = true;
      else if (u >= 0xD8 && u <= 0xDB) arabic = true;  // lead bytes of U+0600..U+06FF
      else if (u >= 0xC0) other = true;
    }
    const std::size_t script = (latin && !arabic && !other) ? 0 : (arabic && !latin) ? 1 : 2;
    return (std::min<std::size_t>(words, 4) - 1) * 3 + script;
  }
  static std::uint64_t TokenKey(std::size_t cls, std::size_t position, std::string_view token) {
    return Hash(token) ^ ((cls * 4 + std::min<std::size_t>(position, 3) + 1) * 0x9E3779B97F4A7C15ULL);
  }
  std::unordered_map<std::uint64_t, Group> names;
  std::vector<std::uint64_t> name_candidates;

  explicit Impl(const ListSignalOptions& o) : opt(o) {}


  // ---- cohort cells ----

  /// The one test of a cell, shared by the incremental and the batch path so both agree exactly.
  bool EvaluateCell(const GridGeometry& g, std::uint64_t cell, std::size_t count, std::size_t around_total,
                    CellStat* out) const {
    if (count < opt.min_cohort_size || pks.empty()) return false;
    const std::uint64_t pmin = pks.front().first;
    const std::uint64_t pmax1 = pks.back().first + 1;
    const std::uint64_t lo = std::max(g.Lo(cell), pmin);
    const std::uint64_t hi = std::min(g.Hi(cell), pmax1);
    const std::uint64_t nlo = std::max(g.Lo(cell >= kCohortNeighbours ? cell - kCohortNeighbours : 0), pmin);
    const std::uint64_t nhi = std::min(g.Hi(cell + kCohortNeighbours), pmax1);
    if (hi <= lo || nhi <= nlo) return false;
    const double width = static_cast<double>(hi - lo);
    const double around_width = static_cast<double>(nhi - nlo) - width;
    if (around_width <= 0) return false;  // the cell covers the whole list: no background to compare with
    const double around = static_cast<double>(around_total - count);
    // One pseudo-count keeps an empty neighbourhood from making any cell infinitely significant.
    const double expected = (around + 1) * width / around_width;
    const double c = static_cast<double>(count);
    if (c < opt.min_cohort_density_ratio * expected) return false;
    // The band must hold min_cohort_size accounts more than chance puts there, not just in total.
    if (c - expected < static_cast<double>(opt.min_cohort_size)) return false;
    const double raw = -PoissonUpperLog10(c, expected);
    if (raw < opt.min_strength) return false;  // the correction only lowers it
    *out = {lo, hi, static_cast<std::uint32_t>(count), expected, raw};
    return true;
  }

  void RecomputeAllCells() {
    cells.clear();
    std::vector<std::pair<std::uint64_t, std::uint32_t>> runs;  // (cell, count)
    for (int grid = 0; grid < kCohortGrids; ++grid) {
      const GridGeometry g = CohortGrid(grid);
      runs.clear();
      for (const auto& [pk, m] : pks) {
        const std::uint64_t cell = g.CellOf(pk);
        if (!runs.empty() && runs.back().first == cell) {
          ++runs.back().second;
        } else {
          runs.emplace_back(cell, 1);
        }
      }
      // Sliding sum over cells within kCohortNeighbours of each cell.
      std::size_t left = 0, right = 0;
      std::size_t sum = 0;
      for (std::size_t i = 0; i < runs.size(); ++i) {
        const std::uint64_t cell = runs[i].first;
        while (right < runs.size() && runs[right].first <= cell + kCohortNeighbours) sum += runs[right++].second;
        while (runs[left].first + kCohortNeighbours < cell) sum -= runs[left++].second;
        if (runs[i].second < opt.min_cohort_size) continue;
        CellStat stat;
        if (EvaluateCell(g, cell, runs[i].second, sum, &stat))
          cells.emplace(CellKey{static_cast<std::uint8_t>(grid), cell}, stat);
      }
    }
  }

  /// Index of the first pk >= key (std::lower_bound), searched outward from `hint`: O(log distance),
  /// so cells near a known rank cost a few comparisons instead of a search over the whole list.
  std::size_t LowerBoundNear(std::size_t hint, std::uint64_t key) const {
    const std::size_t n = pks.size();
    auto first = [&](std::size_t a, std::size_t b) {  // lower_bound in [a, b)
      return static_cast<std::size_t>(
          std::lower_bound(pks.begin() + static_cast<std::ptrdiff_t>(a), pks.begin() + static_cast<std::ptrdiff_t>(b),
                           key, [](const auto& e, std::uint64_t k) { return e.first < k; }) -
          pks.begin());
    };
    hint = std::min(hint, n);
    std::size_t step = 1;
    if (hint < n && pks[hint].first < key) {  // the answer is above hint
      std::size_t lo = hint;
      while (lo + step < n && pks[lo + step].first < key) {
        lo += step;
        step *= 2;
      }
      return first(lo + 1, std::min(n, lo + step));
    }
    std::size_t hi = hint;  // pks[hi] >= key, or hi == n
    while (hi >= step && pks[hi - step].first >= key) {
      hi -= step;
      step *= 2;
    }
    return first(hi >= step ? hi - step : 0, hi);
  }

  /// Re-tests the cells whose count or background can have changed: for each grid, the cells
  /// within kCohortNeighbours of a point. Points are merged into runs of adjacent cells per grid,
  /// and each run's cell boundaries are located outward from the points' ranks (found once).
  void ReevaluateCells(std::vector<std::uint64_t> points) {
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    std::vector<std::size_t> point_rank(points.size());
    for (std::size_t i = 0; i < points.size(); ++i)
      point_rank[i] = LowerBoundNear(i == 0 ? 0 : point_rank[i - 1], points[i]);
    std::vector<std::size_t> ranks;
    for (int grid = 0; grid < kCohortGrids; ++grid) {
      const GridGeometry g = CohortGrid(grid);
      std::size_t i = 0;
      while (i < points.size()) {
        const std::size_t run_first = i;
        const std::uint64_t c = g.CellOf(points[i++]);
        const std::uint64_t first = c >= kCohortNeighbours ? c - kCohortNeighbours : 0;
        std::uint64_t last = c + kCohortNeighbours;
        while (i < points.size() && g.CellOf(points[i]) <= last + kCohortNeighbours + 1)
          last = g.CellOf(points[i++]) + kCohortNeighbours;
        EvaluateRun(g, grid, first, last, point_rank[run_first], point_rank[i - 1], ranks);
      }
    }
  }

  /// `near_first` / `near_last`: ranks of the run's first and last point (search hints).
  void EvaluateRun(const GridGeometry& g, int grid, std::uint64_t first, std::uint64_t last, std::size_t near_first,
                   std::size_t near_last, std::vector<std::size_t>& ranks) {
    const std::uint64_t from = first >= kCohortNeighbours ? first - kCohortNeighbours : 0;
    const std::uint64_t to = last + kCohortNeighbours;
    const std::size_t begin = LowerBoundNear(near_first, g.Lo(from));
    // Counts only grow, so a run holding fewer pks than a cohort needs held no stored cell before.
    if (LowerBoundNear(near_last, g.Hi(to)) - begin < opt.min_cohort_size) return;
    ranks.clear();
    ranks.push_back(begin);
    for (std::uint64_t k = from + 1; k <= to + 1; ++k) ranks.push_back(LowerBoundNear(ranks.back(), g.Lo(k)));
    auto rank = [&](std::uint64_t k) { return ranks[static_cast<std::size_t>(k - from)]; };
    for (std::uint64_t cell = first; cell <= last; ++cell) {
      const std::size_t count = rank(cell + 1) - rank(cell);
      if (count < opt.min_cohort_size) continue;  // and was below it before: nothing stored
      const std::uint64_t nlo = cell >= kCohortNeighbours ? cell - kCohortNeighbours : 0;
      const std::size_t around = rank(cell + kCohortNeighbours + 1) - rank(nlo);
      const CellKey key{static_cast<std::uint8_t>(grid), cell};
      CellStat stat;
      if (EvaluateCell(g, cell, count, around, &stat)) {
        cells[key] = stat;
      } else {
        cells.erase(key);
      }
    }
  }

  void AddPks(const std::vector<std::pair<std::uint64_t, std::uint32_t>>& added) {
    if (added.empty()) return;
    const bool had = !pks.empty();
    const std::uint64_t old_min = had ? pks.front().first : 0;
    const std::uint64_t old_max = had ? pks.back().first : 0;
    const std::size_t mid = pks.size();
    pks.insert(pks.end(), added.begin(), added.end());
    std::sort(pks.begin() + static_cast<std::ptrdiff_t>(mid), pks.end());
    std::inplace_merge(pks.begin(), pks.begin() + static_cast<std::ptrdiff_t>(mid), pks.end());
    // Large pages (and the first one) take the linear sweep; small pages touch only nearby cells.
    if (added.size() * 8 >= pks.size()) {
      RecomputeAllCells();
      return;
    }
    std::vector<std::uint64_t> points;
    points.reserve(added.size() + 2);
    for (const auto& a : added) points.push_back(a.first);
    // Cells whose clipping to [pmin, pmax] changed: those around the old extremes.
    if (pks.front().first != old_min) points.push_back(old_min);
    if (pks.back().first != old_max) points.push_back(old_max);
    ReevaluateCells(points);
  }

  // ---- bursts ----

  void BurstCount(std::uint32_t position, int delta_total, int delta_flagged) {
    for (int grid = 0; grid < kBurstGrids; ++grid) {
      const GridGeometry g = BurstGrid(grid);
      const std::size_t cell = static_cast<std::size_t>(g.CellOf(position));
      if (burst_total[grid].size() <= cell) {
        burst_total[grid].resize(cell + 1, 0);
        burst_flagged[grid].resize(cell + 1, 0);
      }
      burst_total[grid][cell] = static_cast<std::uint32_t>(static_cast<int>(burst_total[grid][cell]) + delta_total);
      burst_flagged[grid][cell] =
          static_cast<std::uint32_t>(static_cast<int>(burst_flagged[grid][cell]) + delta_flagged);
    }
  }

  void SetFlag(Member& m, bool flagged) {
    if (m.flagged == flagged) return;
    m.flagged = flagged;
    BurstCount(m.position, 0, flagged ? 1 : -1);
    if (flagged) {
      ++flagged_total;
    } else {
      --flagged_total;
    }
  }

  // ---- templates and names ----

  void AddTemplateKey(std::uint64_t key, std::uint64_t family, std::size_t digits, bool stem, std::string_view text,
                      std::uint32_t member) {
    Group& g = templates[key];
    g.family = family;
    const auto d8 = static_cast<std::uint8_t>(std::min<std::size_t>(digits, 31));
    g.digits_min = g.count == 0 ? d8 : std::min(g.digits_min, d8);
    g.digits = g.count == 0 ? d8 : std::max(g.digits, d8);
    g.stem = stem;
    g.members.push_back(member);
    if (++g.count == opt.min_template_size) {
      g.text = std::string(text);
      template_candidates.push_back(key);
    }
  }

  void AddUsername(std::string_view username, std::uint32_t member) {
    const std::size_t d = TrailingDigits(username);
    if (d < 3 || d == username.size()) return;
    const std::string_view digits = username.substr(username.size() - d);
    // Two-digit tails and years are how people write birth years; they are not generator output,
    // and leaving them out of the null too keeps "name + year" families from skewing it.
    if (d == 4 && (digits.substr(0, 2) == "19" || digits.substr(0, 2) == "20")) return;
    const std::string_view stem = username.substr(0, username.size() - d);
    const std::string shape = UsernameGeneratorShape(stem);
    const std::uint64_t stem_key = Hash(stem);
    const std::uint64_t shape_key = Hash(shape) ^ 0x5bd1e9955bd1e995ULL;
    ++stem_family[stem_key];
    ++shape_family[shape_key];
    ++digit_len_count[std::min<std::size_t>(d, 31)];
    ++digit_tailed;
    AddTemplateKey(stem_key, LeadingWordKey(username), d, true, PrintableAscii(stem), member);
    AddTemplateKey(shape_key * 37 + d, shape_key, d, false, shape + std::string(std::min<std::size_t>(d, 31), '#'),
                   member);
  }

  /// Key of the letters a username starts with ("zahra" for "zahra_123", "zahra.ahmadi", "zahra1995").
  static std::uint64_t LeadingWordKey(std::string_view username) {
    std::size_t i = 0;
    while (i < username.size() && !(username[i] >= '0' && username[i] <= '9') && username[i] != '.' &&
           username[i] != '_')
      ++i;
    return Hash(username.substr(0, i)) ^ 0x2545F4914F6CDD1DULL;
  }

  void AddName(std::string_view raw, std::uint32_t member) {
    const std::string norm = NormalizeDisplayName(raw);
    if (norm.empty()) return;
    const std::vector<std::string_view> tokens = SplitSpaces(norm);
    const std::size_t cls = NameClass(norm, tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      ++token_count[TokenKey(cls, i, tokens[i])];
      ++token_count_any[TokenKey(kNameClasses, i, tokens[i])];
      ++names_with_position[std::min<std::size_t>(i, 3)];
    }
    ++names_in_class[cls];
    ++names_total;
    Group& g = names[Hash(norm)];
    g.members.push_back(member);
    if (++g.count == opt.min_name_size) {
      g.text = norm;
      name_candidates.push_back(Hash(norm));
    }
  }

  /// Adds one member; false when its id was already there.
  bool Add(const ListMember& in) {
    if (index_of.count(in.id)) return false;
    const auto idx = static_cast<std::uint32_t>(members.size());
    index_of.emplace(in.id, idx);
    Member m;
    m.id = in.id;
    m.position = in.position;
    m.score = in.account_score;
    m.has_time = in.listed_at.has_value();
    m.time = in.listed_at.value_or(0);
    members.push_back(m);
    by_position.emplace_back(in.position, idx);
    BurstCount(in.position, 1, 0);
    SetFlag(members.back(), in.account_score >= opt.suspicious_score);
    if (!in.username.empty()) {
      ++leading_words[LeadingWordKey(in.username)];
      ++usernames;
      AddUsername(in.username, idx);
    }
    if (in.full_name) AddName(*in.full_name, idx);
    return true;
  }

  void AddPage(std::span<const ListMember> page) {
    const std::size_t before = members.size();
    std::vector<std::pair<std::uint64_t, std::uint32_t>> added;
    for (const ListMember& m : page) {
      const auto idx = static_cast<std::uint32_t>(members.size());
      if (Add(m) && m.pk) added.emplace_back(std::min(*m.pk, kPkClamp), idx);
    }
    // Pages normally arrive in list order, so this is an append.
    const std::size_t mid = by_position.size() - (members.size() - before);
    std::sort(by_position.begin() + static_cast<std::ptrdiff_t>(mid), by_position.end());
    std::inplace_merge(by_position.begin(), by_position.begin() + static_cast<std::ptrdiff_t>(mid), by_position.end());
    AddPks(added);
  }

  // ---- queries ----

  // Rank of each member among the list's pks and among its positions (kNoRank: no pk); built by
  // the Clusters() call that needs them and dropped after it, so they cost no memory between calls.
  static constexpr std::uint32_t kNoRank = 0xffffffffu;
  std::vector<std::uint32_t> pk_rank, position_rank;

  void BuildRanks() {
    if (!pk_rank.empty() || members.empty()) return;
    pk_rank.assign(members.size(), kNoRank);
    position_rank.assign(members.size(), kNoRank);
    for (std::size_t r = 0; r < pks.size(); ++r) pk_rank[pks[r].second] = static_cast<std::uint32_t>(r);
    for (std::size_t r = 0; r < by_position.size(); ++r)
      position_rank[by_position[r].second] = static_cast<std::uint32_t>(r);
  }

  /// The densest part of a group, in account-id rank (creation) or list-position rank (follow
  /// time), tested against a random subset of this list of the same size. If some j of the k
  /// members lie within w consecutive ranks of n, the lowest of them has j - 1 of the other k - 1
  /// members among the w - 1 ranks above it, so P <= k * P(Hypergeometric(n - 1, w - 1, k - 1) >=
  /// j - 1). j runs over k, 7k/8, ..., k/2 (at least min_size) on both axes; the strength is
  /// Bonferroni-corrected for those tests. Ranks, not values: the list's own distribution of ids
  /// and follows is the null, however uneven it is.
  Concentration Concentrate(const std::vector<std::uint32_t>& group, std::size_t min_size) {
    BuildRanks();
    Concentration best;
    double best_raw = 0;
    std::size_t tests = 0, best_from = 0, best_j = 0;
    int best_axis = -1;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ranked[2];  // (rank, member index)
    for (int axis = 0; axis < 2; ++axis) {
      const std::vector<std::uint32_t>& rank_of = axis == 0 ? pk_rank : position_rank;
      auto& r = ranked[axis];
      for (const std::uint32_t i : group)
        if (rank_of[i] != kNoRank) r.emplace_back(rank_of[i], i);
      std::sort(r.begin(), r.end());
      const std::size_t k = r.size();
      const std::size_t n = axis == 0 ? pks.size() : by_position.size();
      if (k < min_size || n <= k) continue;
      std::size_t last_j = 0;
      for (std::size_t t = 0; t <= 4; ++t) {
        const std::size_t j = (k * (8 - t) + 7) / 8;
        if (j < min_size) break;
        if (j == last_j) continue;
        last_j = j;
        ++tests;
        std::size_t from = 0, span = ~std::size_t{0};
        for (std::size_t i = 0; i + j <= k; ++i) {
          const std::size_t w = r[i + j - 1].first - r[i].first + 1;
          if (w < span) {
            span = w;
            from = i;
          }
        }
        const double raw = -(std::log10(static_cast<double>(k)) +
                             HypergeometricUpperLog10(static_cast<double>(j - 1), static_cast<double>(n - 1),
                                                      static_cast<double>(span - 1), static_cast<double>(k - 1)));
        if (raw > best_raw) {
          best_raw = raw;
          best_axis = axis;
          best_from = from;
          best_j = j;
          best.span = span;
          best.ranked = n;
        }
      }
    }
    if (tests == 0 || best_axis < 0) return best;
    best.strength = best_raw - std::log10(static_cast<double>(tests));
    best.by_pk = best_axis == 0;
    for (std::size_t i = best_from; i < best_from + best_j; ++i) best.core.push_back(ranked[best_axis][i].second);
    return best;
  }

  /// The description's clause on where a group is concentrated.
  static std::string ConcentrationClause(const Concentration& c) {
    return c.by_pk ? Format("%zu of them were created close together (within %zu of the list's %zu account ids)",
                            c.core.size(), c.span, c.ranked)
                   : Format("%zu of them followed close together (within %zu consecutive positions of %zu)",
                            c.core.size(), c.span, c.ranked);
  }

  std::vector<std::uint32_t> IdsInListOrder(std::vector<std::uint32_t> idx) const {
    auto before = [&](std::uint32_t a, std::uint32_t b) {
      return std::tie(members[a].position, members[a].id) < std::tie(members[b].position, members[b].id);
    };
    // A burst's members come in list order already: checking is linear, sorting is not.
    if (!std::is_sorted(idx.begin(), idx.end(), before)) std::sort(idx.begin(), idx.end(), before);
    std::vector<std::uint32_t> ids;
    ids.reserve(idx.size());
    for (const std::uint32_t i : idx) ids.push_back(members[i].id);
    return ids;
  }

  void Cohorts(std::vector<Cluster>& out) {
    std::vector<std::uint32_t> in_cohort;
    const std::size_t n = pks.size();
    if (n > 0 && !cells.empty()) {
      const double correction = std::log10(static_cast<double>(kCohortGrids) * static_cast<double>(n));
      struct Cand {
        double strength;
        CellKey key;
        const CellStat* stat;
      };
      std::vector<Cand> cands;
      for (const auto& [key, stat] : cells)
        if (stat.raw - correction >= opt.min_strength) cands.push_back({stat.raw - correction, key, &stat});
      std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
        if (a.strength != b.strength) return a.strength > b.strength;
        return a.key < b.key;
      });
      std::vector<std::pair<std::size_t, std::size_t>> taken;  // rank ranges, inclusive
      auto is_taken = [&](std::size_t r) {
        for (const auto& t : taken)
          if (r >= t.first && r <= t.second) return true;
        return false;
      };
      for (const Cand& c : cands) {
        const auto lo_it =
            std::lower_bound(pks.begin(), pks.end(), std::make_pair(c.stat->lo, std::uint32_t{0}));
        const auto hi_it =
            std::lower_bound(pks.begin(), pks.end(), std::make_pair(c.stat->hi, std::uint32_t{0}));
        if (hi_it - lo_it < 1) continue;
        std::size_t a = static_cast<std::size_t>(lo_it - pks.begin());
        std::size_t e = static_cast<std::size_t>(hi_it - pks.begin()) - 1;
        bool overlaps = false;
        for (const auto& t : taken)
          if (a <= t.second && e >= t.first) overlaps = true;
        if (overlaps) continue;
        // A grid cell may cut a band's edge: extend while the next pk is as close as the band's own spacing.
        const double spacing =
            e > a ? static_cast<double>(pks[e].first - pks[a].first) / static_cast<double>(e - a) : 1.0;
        const double reach = std::max(1.0, 2 * spacing);
        while (a > 0 && !is_taken(a - 1) && static_cast<double>(pks[a].first - pks[a - 1].first) <= reach) --a;
        while (e + 1 < n && !is_taken(e + 1) && static_cast<double>(pks[e + 1].first - pks[e].first) <= reach) ++e;
        const std::size_t size = e - a + 1;
        if (size < opt.min_cohort_size) continue;
        taken.emplace_back(a, e);
        std::vector<std::uint32_t> idx;
        idx.reserve(size);
        for (std::size_t r = a; r <= e; ++r) idx.push_back(pks[r].second);
        in_cohort.insert(in_cohort.end(), idx.begin(), idx.end());
        Cluster cl;
        cl.kind = ClusterKind::kCohort;
        cl.members = IdsInListOrder(std::move(idx));
        cl.strength = c.strength;
        cl.expected = c.stat->expected;
        cl.low = pks[a].first;
        cl.high = pks[e].first;
        cl.newer_than = n > size ? static_cast<double>(a) / static_cast<double>(n - size) : 1.0;
        const double density = static_cast<double>(c.stat->count) / std::max(c.stat->expected, 1e-9);
        cl.description = Format(
            "%zu accounts were created within one narrow id range (pk %llu to %llu), %.0f times denser "
            "than the ids around it; chance of that: %s",
            size, static_cast<unsigned long long>(cl.low), static_cast<unsigned long long>(cl.high), density,
            ChancePhrase(cl.strength).c_str());
        if (cl.newer_than >= 0.9)
          cl.description += Format("; newer than %.0f%% of the other accounts of the list", 100 * cl.newer_than);
        out.push_back(std::move(cl));
      }
    }
    // Refresh the cohort flags the burst scan uses, touching only members whose flag changes.
    for (const std::uint32_t i : cohort_members) members[i].in_cohort = false;
    for (const std::uint32_t i : in_cohort) members[i].in_cohort = true;
    for (const std::uint32_t i : cohort_members) UpdateFlag(i);
    for (const std::uint32_t i : in_cohort) UpdateFlag(i);
    cohort_members = std::move(in_cohort);
  }

  void UpdateFlag(std::uint32_t i) {
    Member& m = members[i];
    SetFlag(m, m.score >= opt.suspicious_score || (opt.burst_counts_cohort_members && m.in_cohort));
  }

  void Bursts(std::vector<Cluster>& out) {
    const double big_n = static_cast<double>(by_position.size());
    const double big_c = static_cast<double>(flagged_total);
    if (flagged_total < opt.min_burst_size || big_c >= big_n) return;
    const BurstNull null(big_c, big_n);
    struct Cand {
      double raw;
      std::uint64_t lo, hi;  // position range [lo, hi)
    };
    std::vector<Cand> cands;
    double windows = 0;
    for (int grid = 0; grid < kBurstGrids; ++grid) {
      const GridGeometry g = BurstGrid(grid);
      const auto& tot = burst_total[grid];
      const auto& flg = burst_flagged[grid];
      for (std::size_t cell = 0; cell < tot.size(); ++cell) {
        if (tot[cell] == 0) continue;
        windows += 1;
        const double c = flg[cell];
        if (flg[cell] < opt.min_burst_size) continue;
        const double l = tot[cell];
        const double out_rate = (big_c - c + 1) / (big_n - l + 2);
        if (c <= l * out_rate) continue;
        const double raw = -BinomialUpperLog10(c, l, out_rate);
        if (raw >= opt.min_strength) cands.push_back({raw, g.Lo(cell), g.Hi(cell)});
      }
    }
    const double correction = std::log10(std::max(1.0, windows));
    std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
      if (a.raw != b.raw) return a.raw > b.raw;
      return a.lo < b.lo;
    });
    std::vector<std::pair<std::size_t, std::size_t>> taken;
    auto overlaps = [&](std::size_t a, std::size_t e) {
      for (const auto& t : taken)
        if (a <= t.second && e >= t.first) return true;
      return false;
    };
    const std::size_t n = by_position.size();
    auto flagged_at = [&](std::size_t r) { return members[by_position[r].second].flagged; };
    for (const Cand& cand : cands) {
      if (cand.raw - correction < opt.min_strength) break;
      auto lo_it = std::lower_bound(by_position.begin(), by_position.end(),
                                    std::make_pair(static_cast<std::uint32_t>(cand.lo), std::uint32_t{0}));
      const auto hi_it = std::lower_bound(
          by_position.begin(), by_position.end(),
          std::make_pair(static_cast<std::uint32_t>(std::min<std::uint64_t>(cand.hi, 0xffffffffULL)), std::uint32_t{0}));
      if (hi_it == lo_it) continue;
      std::size_t a = static_cast<std::size_t>(lo_it - by_position.begin());
      std::size_t e = static_cast<std::size_t>(hi_it - by_position.begin()) - 1;
      while (a < e && !flagged_at(a)) ++a;
      while (e > a && !flagged_at(e)) --e;
      if (overlaps(a, e)) continue;
      // Refine the ends to the window that maximises the likelihood ratio (Kulldorff): the grid
      // cell may be too wide or cut the burst. Ends stay on suspicious accounts, within one window
      // length of the cell, and out of bursts already reported.
      const std::size_t span = e - a + 1;
      std::size_t lo_bound = a, hi_bound = e;
      while (lo_bound > 0 && a - (lo_bound - 1) <= span && !overlaps(lo_bound - 1, lo_bound - 1)) --lo_bound;
      while (hi_bound + 1 < n && (hi_bound + 1) - e <= span && !overlaps(hi_bound + 1, hi_bound + 1)) ++hi_bound;
      for (int round = 0; round < 2; ++round) {
        double best = -1, cc = 0;
        std::size_t best_e = e;
        for (std::size_t r = a; r <= hi_bound; ++r) {
          cc += flagged_at(r) ? 1 : 0;
          if (!flagged_at(r)) continue;
          const double v = BurstLlr(cc, static_cast<double>(r - a + 1), big_c, big_n, null);
          if (v > best) {
            best = v;
            best_e = r;
          }
        }
        e = best_e;
        best = -1;
        cc = 0;
        std::size_t best_a = a;
        for (std::size_t r = e + 1; r-- > lo_bound;) {
          cc += flagged_at(r) ? 1 : 0;
          if (!flagged_at(r)) continue;
          const double v = BurstLlr(cc, static_cast<double>(e - r + 1), big_c, big_n, null);
          if (v > best) {
            best = v;
            best_a = r;
          }
        }
        a = best_a;
      }
      double c = 0;
      for (std::size_t r = a; r <= e; ++r) c += flagged_at(r) ? 1 : 0;
      const double l = static_cast<double>(e - a + 1);
      if (c < opt.min_burst_size) continue;
      const double out_rate = (big_c - c + 1) / (big_n - l + 2);
      const double strength = -BinomialUpperLog10(c, l, out_rate) - correction;
      if (strength < opt.min_strength) continue;
      taken.emplace_back(a, e);
      // With burst_whole_window every follow of the window is a member: a bought, aged account
      // looks organic on its own, and the window is the evidence (`medium`; `high` needs more).
      std::vector<std::uint32_t> idx;
      bool timed = true;
      std::int64_t t_lo = 0, t_hi = 0;
      for (std::size_t r = a; r <= e; ++r) {
        const Member& m = members[by_position[r].second];
        if (opt.burst_whole_window || m.flagged) idx.push_back(by_position[r].second);
        if (!m.has_time) {
          timed = false;
        } else if (r == a) {
          t_lo = t_hi = m.time;
        } else {
          t_lo = std::min(t_lo, m.time);
          t_hi = std::max(t_hi, m.time);
        }
      }
      Cluster cl;
      cl.kind = ClusterKind::kBurst;
      cl.members = IdsInListOrder(std::move(idx));
      cl.strength = strength;
      cl.expected = l * out_rate;
      cl.low = by_position[a].first;
      cl.high = by_position[e].first;
      if (timed) {
        cl.time_low = t_lo;
        cl.time_high = t_hi;
      }
      const std::string within = timed ? " within " + DurationPhrase(t_hi - t_lo) : std::string();
      cl.description = Format(
          "%.0f consecutive %.*s%s (positions %llu to %llu), %.0f of them new or suspicious accounts: %.0f%% "
          "against %.0f%% in the rest of the list; chance of that: %s",
          l, static_cast<int>(opt.position_noun.size()), opt.position_noun.data(), within.c_str(),
          static_cast<unsigned long long>(cl.low), static_cast<unsigned long long>(cl.high), c, 100 * c / l,
          100 * (big_c - c) / std::max(1.0, big_n - l), ChancePhrase(strength).c_str());
      out.push_back(std::move(cl));
    }
  }

  void Templates(std::vector<Cluster>& out) {
    if (template_candidates.empty() || digit_tailed == 0) return;
    const double correction = std::log10(static_cast<double>(template_candidates.size()));
    std::vector<Cluster> stems, shapes;
    for (const std::uint64_t key : template_candidates) {
      const Group& g = templates.at(key);
      double n_null, q;
      if (g.stem) {
        // Null for a stem: a digit-tailed username starts with this word as often as any username
        // of the list does. Forty "zahra_<digits>" where few usernames start with "zahra" is a generator.
        n_null = digit_tailed;
        q = (leading_words.at(g.family) + 1.0) / (usernames + 2.0);
      } else {
        // Null for a generator shape: within a family (same shape before the digits), the tail
        // length follows the list's own distribution of tail lengths; a generator makes one length spike.
        n_null = shape_family.at(g.family);
        q = (digit_len_count[g.digits] + 1.0) / (digit_tailed + 2.0);
      }
      const double c = g.count;
      const double strength = -BinomialUpperLog10(c, n_null, q) - correction;
      if (strength < opt.min_strength) continue;
      // A generator's accounts are made together or follow together; a naming habit spreads over
      // the whole list like the organic base, and then the group is no swarm evidence.
      const Concentration conc = Concentrate(g.members, opt.min_template_size);
      if (conc.strength < opt.min_strength) continue;
      Cluster cl;
      cl.kind = ClusterKind::kUsernameTemplate;
      cl.members = IdsInListOrder(conc.core);
      cl.strength = strength;
      cl.concentration = conc.strength;
      cl.matching = g.count;
      cl.expected = n_null * q;
      if (g.stem) {
        cl.key = g.digits_min == g.digits ? Format("%s + %u digits", g.text.c_str(), g.digits)
                                          : Format("%s + %u-%u digits", g.text.c_str(), g.digits_min, g.digits);
      } else {
        cl.key = g.text;
      }
      cl.description = Format("%u usernames follow the pattern %s (%s); %.1f expected by chance; chance of that: %s",
                              g.count, cl.key.c_str(),
                              g.stem ? "the same start, then random digits" : "the same generator shape",
                              cl.expected, ChancePhrase(strength).c_str());
      cl.description += "; " + ConcentrationClause(conc) + ", chance of that: " + ChancePhrase(conc.strength);
      (g.stem ? stems : shapes).push_back(std::move(cl));
    }
    // A shape group with exactly the members of a stem group says nothing more.
    for (Cluster& s : shapes) {
      bool same = false;
      for (const Cluster& t : stems) same = same || t.members == s.members;
      if (!same) out.push_back(std::move(s));
    }
    for (Cluster& t : stems) out.push_back(std::move(t));
  }

  void Names(std::vector<Cluster>& out) {
    if (name_candidates.empty()) return;
    const double correction = std::log10(static_cast<double>(name_candidates.size()));
    for (const std::uint64_t key : name_candidates) {
      const Group& g = names.at(key);
      const std::vector<std::string_view> tokens = SplitSpaces(g.text);
      const std::size_t cls = NameClass(g.text, tokens.size());
      // Null: each word of a name is drawn independently from the words at that position in the
      // list's names of the same length and script, smoothed toward the whole list's words at that
      // position (kNamePrior pseudo-names) so that a class made only of the swarm's copies does
      // not explain itself. One-word names are their own word: a common first name alone is no
      // evidence, so they never cluster.
      if (tokens.size() < 2) continue;
      constexpr double kNamePrior = 20;
      const double n_class = names_in_class[cls];
      double p = 1;
      std::size_t later = 0;  // words at position 4+ share one counter
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        const double slots = i < 3 ? n_class : n_class * static_cast<double>(++later);
        const double any = static_cast<double>(token_count_any.at(TokenKey(kNameClasses, i, tokens[i]))) /
                           static_cast<double>(names_with_position[std::min<std::size_t>(i, 3)]);
        const double occurrences = token_count.at(TokenKey(cls, i, tokens[i]));
        p *= std::min(1.0, (occurrences + kNamePrior * any) / (slots + kNamePrior));
      }
      const double c = g.count;
      const double strength = -BinomialUpperLog10(c, n_class, p) - correction;
      if (strength < opt.min_strength) continue;
      // As for templates: a common name spread over the list like the organic base is no swarm.
      const Concentration conc = Concentrate(g.members, opt.min_name_size);
      if (conc.strength < opt.min_strength) continue;
      Cluster cl;
      cl.kind = ClusterKind::kDisplayName;
      cl.members = IdsInListOrder(conc.core);
      cl.strength = strength;
      cl.concentration = conc.strength;
      cl.matching = g.count;
      cl.expected = p * n_class;
      cl.key = g.text;
      cl.description = Format("%u accounts use the same display name; %.1f expected from how common its words are "
                              "in this list; chance of that: %s",
                              g.count, cl.expected, ChancePhrase(strength).c_str());
      cl.description += "; " + ConcentrationClause(conc) + ", chance of that: " + ChancePhrase(conc.strength);
      out.push_back(std::move(cl));
    }
  }

  std::vector<Cluster> Clusters() {
    std::vector<Cluster> out;
    Cohorts(out);  // before Bursts: cohort members count as "new" accounts there
    Bursts(out);
    Templates(out);
    Names(out);
    pk_rank = {};
    position_rank = {};
    std::stable_sort(out.begin(), out.end(), [](const Cluster& a, const Cluster& b) {
      if (a.kind != b.kind) return a.kind < b.kind;
      if (a.strength != b.strength) return a.strength > b.strength;
      return a.members < b.members;
    });
    return out;
  }

  std::size_t MemoryBytes() const {
    std::size_t bytes = members.capacity() * sizeof(Member) + pks.capacity() * sizeof(pks[0]) +
                        by_position.capacity() * sizeof(by_position[0]) +
                        index_of.size() * (sizeof(void*) * 2 + 8) + index_of.bucket_count() * sizeof(void*) +
                        cells.size() * (sizeof(CellKey) + sizeof(CellStat) + 4 * sizeof(void*)) +
                        cohort_members.capacity() * 4;
    for (int g = 0; g < kBurstGrids; ++g) bytes += (burst_total[g].capacity() + burst_flagged[g].capacity()) * 4;
    auto map_bytes = [](const auto& m, std::size_t value) {
      return m.size() * (value + 8 + 2 * sizeof(void*)) + m.bucket_count() * sizeof(void*);
    };
    bytes += map_bytes(stem_family, 4) + map_bytes(shape_family, 4) + map_bytes(leading_words, 4);
    bytes += map_bytes(token_count, 4) + map_bytes(token_count_any, 4);
    for (const auto* groups : {&templates, &names}) {
      bytes += map_bytes(*groups, sizeof(Group));
      for (const auto& [k, g] : *groups) bytes += g.members.capacity() * 4 + g.text.capacity();
    }
    return bytes;
  }
};

ListSignalOptions AccountListOptions() {
  ListSignalOptions options;
  options.burst_whole_window = true;
  return options;
}

const char* ClusterKindName(ClusterKind kind) noexcept {
  switch (kind) {
    case ClusterKind::kCohort: return "cohort";
    case ClusterKind::kBurst: return "burst";
    case ClusterKind::kUsernameTemplate: return "username_template";
    case ClusterKind::kDisplayName: return "display_name";
    case ClusterKind::kSharedAvatar: return "shared_avatar";
  }
  return "unknown";
}

ListAnalyzer::ListAnalyzer(const ListSignalOptions& options) : impl_(std::make_unique<Impl>(options)) {}
ListAnalyzer::~ListAnalyzer() = default;
ListAnalyzer::ListAnalyzer(ListAnalyzer&&) noexcept = default;
ListAnalyzer& ListAnalyzer::operator=(ListAnalyzer&&) noexcept = default;

void ListAnalyzer::AddPage(std::span<const ListMember> page) { impl_->AddPage(page); }
std::vector<Cluster> ListAnalyzer::Clusters() { return impl_->Clusters(); }
std::size_t ListAnalyzer::size() const noexcept { return impl_->members.size(); }
std::size_t ListAnalyzer::MemoryBytes() const noexcept { return impl_->MemoryBytes(); }

std::vector<Cluster> AnalyzeList(std::span<const ListMember> members, const ListSignalOptions& options) {
  ListAnalyzer analyzer(options);
  analyzer.AddPage(members);
  return analyzer.Clusters();
}

std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> ClustersByMember(std::span<const Cluster> clusters) {
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> out;
  for (std::size_t i = 0; i < clusters.size(); ++i)
    for (const std::uint32_t id : clusters[i].members) out[id].push_back(static_cast<std::uint32_t>(i));
  return out;
}

std::string MemberReasonText(const Cluster& c) {
  const std::size_t others = c.members.empty() ? 0 : c.members.size() - 1;
  switch (c.kind) {
    case ClusterKind::kCohort: {
      std::string s = Format("created within the same narrow id range as %zu other accounts of this list (same id band)",
                             others);
      if (c.newer_than >= 0.9) s += Format(", newer than %.0f%% of the rest", 100 * c.newer_than);
      return s;
    }
    case ClusterKind::kBurst: {
      const std::string within =
          c.time_high > c.time_low || c.time_low != 0 ? " within " + DurationPhrase(c.time_high - c.time_low) : "";
      return Format("part of a burst of %zu follows%s (positions %llu to %llu) where new or suspicious accounts "
                    "concentrate",
                    c.members.size(), within.c_str(), static_cast<unsigned long long>(c.low),
                    static_cast<unsigned long long>(c.high));
    }
    case ClusterKind::kUsernameTemplate:
      return Format("username follows the pattern %s, like %zu other accounts of this list", c.key.c_str(), others);
    case ClusterKind::kDisplayName:
      return Format("uses the same display name as %zu other accounts of this list", others);
    case ClusterKind::kSharedAvatar:
      return Format("one of %zu accounts of this list using the same profile picture", others + 1);
  }
  return {};
}

namespace {
constexpr SwarmReasonInfo kSwarmReasons[kClusterKindCount] = {
    {"swarm_cohort", "created in a band of account ids far denser than the rest of the list (accounts made together)"},
    {"swarm_burst", "followed inside a run of the list where suspicious accounts concentrate far above the background"},
    {"swarm_username_template", "username made by the same generator as many others in the list (stem or shape + digits)"},
    {"swarm_display_name", "display name reused by many accounts of the list"},
    {"swarm_shared_avatar", "profile picture shared (same or near-identical image) with other accounts of the list"},
};
}  // namespace

std::string_view SwarmReasonCode(ClusterKind kind) noexcept {
  const auto k = static_cast<std::size_t>(kind);
  return k < kClusterKindCount ? kSwarmReasons[k].code : std::string_view("swarm_unknown");
}

std::span<const SwarmReasonInfo> SwarmReasonCatalog() noexcept { return kSwarmReasons; }

CombinedEvidence CombineEvidence(double account_logit, std::span<const Cluster* const> member_clusters,
                                 const EvidenceWeights& weights) {
  const Cluster* best[kClusterKindCount] = {};
  for (const Cluster* c : member_clusters) {
    if (c == nullptr) continue;
    const auto k = static_cast<std::size_t>(c->kind);
    if (k < kClusterKindCount && (best[k] == nullptr || EvidenceStrength(*c) > EvidenceStrength(*best[k]))) best[k] = c;
  }
  struct Part {
    double bonus;
    const Cluster* cluster;
  };
  std::vector<Part> parts;
  for (std::size_t k = 0; k < kClusterKindCount; ++k) {
    if (best[k] == nullptr) continue;
    const double bonus = std::min(weights.cap[k], weights.per_strength[k] * EvidenceStrength(*best[k]));
    if (bonus > 0) parts.push_back({bonus, best[k]});
  }
  std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.bonus > b.bonus; });
  CombinedEvidence out;
  out.logit = account_logit;
  double room = weights.total_cap;
  for (const Part& p : parts) {
    const double w = std::min(p.bonus, room);
    if (w <= 0) break;
    room -= w;
    out.logit += w;
    out.reasons.push_back({std::string(SwarmReasonCode(p.cluster->kind)), w, MemberReasonText(*p.cluster)});
    if (p.cluster->kind != ClusterKind::kBurst) out.corroborated = true;
  }
  out.in_burst = best[static_cast<std::size_t>(ClusterKind::kBurst)] != nullptr;
  return out;
}

double EvidenceStrength(const Cluster& cluster) noexcept {
  const bool text = cluster.kind == ClusterKind::kUsernameTemplate || cluster.kind == ClusterKind::kDisplayName;
  return text && cluster.concentration >= 0 ? std::min(cluster.strength, cluster.concentration) : cluster.strength;
}

namespace {
double Logit(double p) { return std::log(p / (1 - p)); }
}  // namespace

double StandAloneHighScore(const LevelThresholds& thresholds, const ListLevelOptions& options) {
  // Bayes prior shift: the same evidence (likelihood ratio) at a lower base rate needs higher
  // model odds to reach the same posterior odds.
  const double logit = Logit(thresholds.list.high) + Logit(options.training_prevalence) -
                       Logit(options.background_prevalence);
  return 1 / (1 + std::exp(-logit));
}

double StandAloneMediumScore(const LevelThresholds& thresholds, const ListLevelOptions& options) {
  const double logit = Logit(thresholds.list.medium) + Logit(options.training_prevalence) -
                       Logit(options.background_prevalence);
  return 1 / (1 + std::exp(-logit));
}

Level ListMemberLevel(double account_logit, const CombinedEvidence& combined, ModelTier tier, bool verified,
                      const LevelThresholds& thresholds, const ListLevelOptions& options) {
  Level level = LevelFor(1 / (1 + std::exp(-combined.logit)), tier, verified, thresholds);
  const double alone = 1 / (1 + std::exp(-account_logit));
  if (tier == ModelTier::kList) {
    if (level == Level::kHigh && !combined.corroborated && alone < StandAloneHighScore(thresholds, options))
      level = Level::kMedium;
    // In no cluster at all, the account stands alone against the list's low background rate.
    if (level == Level::kMedium && combined.reasons.empty() && alone < StandAloneMediumScore(thresholds, options))
      level = Level::kLow;
  }
  // A burst is an attack window: each of its follows is worth a look, whatever it looks like alone.
  if (combined.in_burst && level == Level::kLow) level = Level::kMedium;
  return level;
}

std::string UsernameGeneratorShape(std::string_view username) {
  std::string out;
  out.reserve(username.size());
  for (const char ch : username) {
    const auto u = static_cast<unsigned char>(ch);
    if (u >= '0' && u <= '9') {
      out.push_back('#');
    } else if (ch == '.' || ch == '_') {
      out.push_back(ch);
    } else if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80) {
      if (out.empty() || out.back() != 'a') out.push_back('a');
    } else {
      out.push_back('?');
    }
  }
  return out;
}

std::string NormalizeDisplayName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool space = true;  // drops leading spaces and collapses runs
  auto put_space = [&] {
    if (!space) out.push_back(' ');
    space = true;
  };
  std::size_t i = 0;
  while (i < name.size()) {
    const auto b0 = static_cast<unsigned char>(name[i]);
    std::uint32_t cp = b0;
    std::size_t len = 1;
    if (b0 >= 0xF0 && i + 3 < name.size()) {
      cp = ((b0 & 0x07u) << 18) | ((static_cast<unsigned char>(name[i + 1]) & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(name[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(name[i + 3]) & 0x3Fu);
      len = 4;
    } else if (b0 >= 0xE0 && i + 2 < name.size()) {
      cp = ((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(name[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(name[i + 2]) & 0x3Fu);
      len = 3;
    } else if (b0 >= 0xC0 && i + 1 < name.size()) {
      cp = ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(name[i + 1]) & 0x3Fu);
      len = 2;
    }
    i += len;
    if (cp < 0x20 || cp == 0x7F || cp == ' ' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x3000) {
      put_space();
      continue;
    }
    // Zero-width characters and direction marks change nothing people see.
    if ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
        cp == 0xFEFF)
      continue;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp == 0x064A || cp == 0x0649) cp = 0x06CC;  // Arabic yeh / alef maksura -> Persian yeh
    if (cp == 0x0643) cp = 0x06A9;                  // Arabic kaf -> Persian keheh
    space = false;
    if (len == 1 || cp >= 0x80) {
      AppendUtf8(out, cp);
    } else {
      out.push_back(static_cast<char>(cp));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace swarmlens
