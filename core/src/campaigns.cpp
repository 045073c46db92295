// Thread campaigns: copy-paste clusters (MinHash + LSH over normalised 4-grams) and comment
// bursts (the list burst scan of list_signals.cpp over time ranks). Method, null model, cost and
// memory bound: campaigns.h.
#include "swarmlens/campaigns.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <limits>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "swarmlens/list_signals.h"
#include "swarmlens/text_normalize.h"
#include "xxhash.h"

namespace swarmlens {

const char* CampaignKindName(CampaignKind kind) noexcept {
  switch (kind) {
    case CampaignKind::kCopyPaste:
      return "copy_paste";
    case CampaignKind::kBurst:
      return "burst";
  }
  return "unknown";
}

namespace {

constexpr int kHashes = 64;
constexpr int kRows = 4;
constexpr int kBands = kHashes / kRows;
constexpr std::size_t kBucketCap = 32;
constexpr std::size_t kMaxKeptText = 280;
constexpr double kLn10 = 2.302585092994046;

using Signature = std::array<std::uint32_t, kHashes>;

std::string Format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string Format(const char* fmt, ...) {
  char buf[512];
  va_list args;
  va_start(args, fmt);
  const int n = std::vsnprintf(buf, sizeof buf, fmt, args);
  va_end(args);
  return std::string(buf, n < 0 ? 0 : std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1));
}

std::string ChancePhrase(double strength) {
  if (strength >= 15) return "far less than 1 in a million billion";
  if (strength >= 6) return Format("about 1 in 10^%.0f", std::floor(strength));
  return Format("about 1 in %.0f", std::pow(10.0, std::floor(strength)));
}

std::string Duration(std::int64_t seconds) {
  if (seconds < 120) return Format("%lld seconds", static_cast<long long>(seconds));
  if (seconds < 2 * 3600) return Format("%lld minutes", static_cast<long long>(seconds / 60));
  if (seconds < 2 * 86400) return Format("%lld hours", static_cast<long long>(seconds / 3600));
  return Format("%lld days", static_cast<long long>(seconds / 86400));
}

/// log10 P(X >= c) for X ~ Binomial(n, p), summed term by term until the terms stop mattering.
double BinomialTailLog10(double c, double n, double p) {
  if (c <= 0) return 0;
  if (c > n || p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return 0;
  const auto log_pmf = [&](double k) {
    return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1) + k * std::log(p) +
           (n - k) * std::log1p(-p);
  };
  const double first = log_pmf(c);
  double sum = 1;  // relative to exp(first)
  double term = 1;
  for (double k = c; k < n; k += 1) {
    term *= (n - k) / (k + 1) * p / (1 - p);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return std::min(0.0, (first + std::log(sum)) / kLn10);
}

// Decodes one UTF-8 codepoint at s[i] (lenient: NormalizeText output is valid UTF-8).
std::size_t Decode(std::string_view s, std::size_t i, char32_t* cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  if (i + n > s.size()) n = 1;
  char32_t v = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *cp = v;
  return n;
}

// A letter or digit of the scripts comments are written in; emoji, symbols and punctuation are not.
bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c >= 0x0600 && c <= 0x06FF) {
    return !(c == 0x060C || c == 0x061B || c == 0x061F || (c >= 0x066A && c <= 0x066D) || c == 0x06D4);
  }
  return (c >= 0x00C0 && c <= 0x02AF && c != 0x00D7 && c != 0x00F7) || (c >= 0x0370 && c <= 0x052F) ||
         (c >= 0x0590 && c <= 0x05FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x0900 && c <= 0x097F) ||
         (c >= 0x3040 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF);
}

std::uint64_t Mix(std::uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// The 64 hash functions: h_i(x) = f(x * a_i + b_i mod 2^32) on the gram's 32-bit folded XXH3,
// with odd a_i, and f a xorshift-multiply finaliser so that the low bits of the affine map do
// not bias the minimum. 32-bit lanes let the compiler vectorise the 64 functions of a gram.
struct Permutations {
  std::array<std::uint32_t, kHashes> mul{}, add{};
  Permutations() {
    for (int i = 0; i < kHashes; ++i) {
      mul[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(Mix(2 * static_cast<std::uint64_t>(i) + 1)) | 1u;
      add[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(Mix(2 * static_cast<std::uint64_t>(i) + 2));
    }
  }
};

// MinHash of the codepoint 4-gram set (the whole text when shorter).
Signature MinHash(std::string_view text) {
  static const Permutations perm;
  Signature sig;
  sig.fill(0xFFFFFFFFu);
  std::size_t starts[5] = {0, 0, 0, 0, 0};  // ring of the last codepoint starts
  std::size_t cps = 0;
  const auto gram = [&](std::size_t begin, std::size_t end) {
    const std::uint64_t h64 = XXH3_64bits(text.data() + begin, end - begin);
    const auto h = static_cast<std::uint32_t>(h64 ^ (h64 >> 32));
    for (std::size_t i = 0; i < kHashes; ++i) {
      std::uint32_t v = h * perm.mul[i] + perm.add[i];
      v ^= v >> 16;
      v *= 0x7feb352du;
      v ^= v >> 15;
      sig[i] = v < sig[i] ? v : sig[i];
    }
  };
  for (std::size_t i = 0; i < text.size();) {
    starts[cps % 5] = i;
    ++cps;
    char32_t cp = 0;
    i += Decode(text, i, &cp);
    if (cps >= 4) gram(starts[(cps - 4) % 5], i);
  }
  if (cps > 0 && cps < 4) gram(0, text.size());
  return sig;
}

double Similarity(const Signature& a, const Signature& b) {
  int same = 0;
  for (int i = 0; i < kHashes; ++i) same += a[static_cast<std::size_t>(i)] == b[static_cast<std::size_t>(i)] ? 1 : 0;
  return static_cast<double>(same) / kHashes;
}

std::uint64_t BandKey(const Signature& s, int band) {
  return XXH3_64bits_withSeed(s.data() + band * kRows, kRows * sizeof(std::uint32_t), static_cast<std::uint64_t>(band));
}

// Cuts UTF-8 text to at most `max` bytes on a codepoint boundary.
std::string Cut(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "\xE2\x80\xA6";  // …
}

}  // namespace

namespace {

bool IsTagEnd(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':' ||
         c == '#' || c == '@' || c == '(' || c == ')' || c == '"' || c == '\'';
}

// The raw text without @mentions (copies of one campaign tag different people) and, when asked,
// without #hashtags. Runs before NormalizeText, which turns '_' into a space and drops '#'.
std::string StripTags(std::string_view text, bool hashtags) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const bool at_word_start = i == 0 || IsTagEnd(text[i - 1]) || text[i - 1] == '.';
    if (at_word_start && (c == '@' || (hashtags && c == '#'))) {
      std::size_t j = i + 1;
      if (c == '@') {  // Instagram handles: ASCII letters, digits, '.', '_'
        while (j < text.size() &&
               (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '.' || text[j] == '_'))
          ++j;
      } else {
        while (j < text.size() && !IsTagEnd(text[j])) ++j;
      }
      if (j > i + 1) {
        out += ' ';
        i = j;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace

std::string CampaignText(std::string_view text) { return NormalizeText(StripTags(text, false)); }

bool IsCampaignEligible(std::string_view text, const CampaignOptions& options) {
  const std::string words_only = NormalizeText(StripTags(text, true));
  std::uint32_t chars = 0, words = 0;
  std::size_t i = 0;
  while (i < words_only.size()) {
    while (i < words_only.size() && words_only[i] == ' ') ++i;
    std::size_t j = i;
    while (j < words_only.size() && words_only[j] != ' ') ++j;
    std::uint32_t in_word = 0;
    for (std::size_t k = i; k < j;) {
      char32_t cp = 0;
      k += Decode(words_only, k, &cp);
      in_word += IsWordChar(cp) ? 1 : 0;
    }
    chars += in_word;
    words += in_word > 0 ? 1 : 0;
    i = j;
  }
  return chars >= options.min_chars && words >= options.min_words;
}

double CampaignSimilarity(std::string_view a, std::string_view b) { return Similarity(MinHash(a), MinHash(b)); }

struct ThreadAnalyzer::Impl {
  struct Entry {
    std::string id;
    std::string author;
    std::optional<std::int64_t> time;
    bool flagged = false;
  };
  struct Comparable {
    Signature sig;
    std::uint32_t entry = 0;
    std::uint32_t parent = 0;  // union-find
    std::uint32_t degree = 0;  // near-duplicates found
    std::string text;          // original text, cut (representative)
  };

  CampaignOptions opt;
  std::vector<Entry> entries;
  std::vector<Comparable> comparable;
  std::unordered_set<std::string> ids;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> buckets;
  std::vector<std::uint32_t> checked;  // per comparable: the last insert that compared it
  std::size_t total = 0;

  std::uint32_t Find(std::uint32_t x) {
    while (comparable[x].parent != x) {
      comparable[x].parent = comparable[comparable[x].parent].parent;
      x = comparable[x].parent;
    }
    return x;
  }

  void Insert(const CommentRef& c) {
    const auto e = static_cast<std::uint32_t>(entries.size());
    Entry& entry = entries.emplace_back();
    entry.id = std::string(c.id);
    entry.author = std::string(c.author);
    entry.time = c.created_at;
    entry.flagged = c.author_score >= opt.suspicious_score || c.author_new;
    if (!IsCampaignEligible(c.text, opt)) return;
    const std::string text = CampaignText(c.text);
    const auto self = static_cast<std::uint32_t>(comparable.size());
    Comparable& cm = comparable.emplace_back();
    cm.sig = MinHash(text);
    cm.entry = e;
    cm.parent = self;
    cm.text = Cut(c.text, kMaxKeptText);
    checked.push_back(self);  // never compared with itself
    for (int band = 0; band < kBands; ++band) {
      std::vector<std::uint32_t>& bucket = buckets[BandKey(comparable[self].sig, band)];
      for (std::uint32_t other : bucket) {
        if (checked[other] == self) continue;
        checked[other] = self;
        // Already joined (a copy of a campaign met through an earlier band): nothing to learn.
        if (Find(self) == Find(other)) continue;
        if (Similarity(comparable[self].sig, comparable[other].sig) < opt.min_similarity) continue;
        ++comparable[self].degree;
        ++comparable[other].degree;
        const std::uint32_t a = Find(self), b = Find(other);
        if (a != b) comparable[std::max(a, b)].parent = std::min(a, b);
      }
      if (bucket.size() < kBucketCap) bucket.push_back(self);
    }
  }

  void CopyPaste(std::vector<Campaign>& out) const {
    const double n = static_cast<double>(comparable.size());
    if (comparable.size() < 2) return;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> groups;
    for (std::uint32_t i = 0; i < comparable.size(); ++i) {
      std::uint32_t r = i;
      while (comparable[r].parent != r) r = comparable[r].parent;
      groups[r].push_back(i);
    }
    const double correction = std::log10(n);
    for (auto& [root, members] : groups) {
      if (members.size() < opt.min_accounts) continue;
      std::unordered_set<std::string_view> authors;
      for (std::uint32_t m : members) {
        const std::string& a = entries[comparable[m].entry].author;
        if (!a.empty()) authors.insert(a);
      }
      const auto accounts = static_cast<std::uint32_t>(authors.size());
      if (accounts < opt.min_accounts) continue;
      const double strength = -BinomialTailLog10(accounts - 1.0, n - 1, opt.pair_chance) - correction;
      if (strength < opt.min_strength) continue;
      std::sort(members.begin(), members.end());
      Campaign c;
      c.kind = CampaignKind::kCopyPaste;
      c.accounts = accounts;
      c.strength = strength;
      c.expected = (n - 1) * opt.pair_chance;
      std::uint32_t best = members.front();
      for (std::uint32_t m : members) {
        const Entry& e = entries[comparable[m].entry];
        c.members.push_back({e.id, e.author});
        if (comparable[m].degree > comparable[best].degree) best = m;
        if (e.time) {
          if (!c.first_at || *e.time < *c.first_at) c.first_at = e.time;
          if (!c.last_at || *e.time > *c.last_at) c.last_at = e.time;
        }
      }
      c.representative = comparable[best].text;
      c.description = Format(
          "%u accounts posted the same or nearly the same text (%zu comments); %.2g near-duplicates of one comment "
          "expected by chance among %.0f comparable comments; chance of that: %s",
          accounts, members.size(), c.expected, n, ChancePhrase(strength).c_str());
      if (c.first_at && c.last_at && *c.last_at > *c.first_at) {
        c.description += ", within " + Duration(*c.last_at - *c.first_at);
      }
      out.push_back(std::move(c));
    }
  }

  void Bursts(std::vector<Campaign>& out) const {
    std::vector<std::uint32_t> timed;
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
      if (entries[i].time) timed.push_back(i);
    }
    std::sort(timed.begin(), timed.end(), [&](std::uint32_t a, std::uint32_t b) {
      if (*entries[a].time != *entries[b].time) return *entries[a].time < *entries[b].time;
      return a < b;
    });
    std::vector<ListMember> members(timed.size());
    std::size_t flagged = 0;
    for (std::uint32_t r = 0; r < timed.size(); ++r) {
      members[r].id = timed[r];
      members[r].position = r;
      members[r].account_score = entries[timed[r]].flagged ? 1.0 : 0.0;
      flagged += entries[timed[r]].flagged ? 1 : 0;
    }
    // Only the burst scan: the other list signals are about accounts, not comments.
    ListSignalOptions lo;
    lo.suspicious_score = 0.5;
    lo.burst_counts_cohort_members = false;
    lo.min_cohort_size = std::numeric_limits<std::uint32_t>::max();
    lo.min_template_size = std::numeric_limits<std::uint32_t>::max();
    lo.min_name_size = std::numeric_limits<std::uint32_t>::max();
    lo.min_burst_size = opt.min_burst_size;
    lo.min_strength = opt.min_strength;
    for (const Cluster& cl : AnalyzeList(members, lo)) {
      if (cl.kind != ClusterKind::kBurst) continue;
      Campaign c;
      c.kind = CampaignKind::kBurst;
      c.strength = cl.strength;
      c.expected = cl.expected;
      std::unordered_set<std::string_view> authors;
      for (std::uint32_t id : cl.members) {
        const Entry& e = entries[id];
        c.members.push_back({e.id, e.author});
        if (!e.author.empty()) authors.insert(e.author);
      }
      c.accounts = static_cast<std::uint32_t>(authors.size());
      const std::size_t lo_rank = static_cast<std::size_t>(cl.low), hi_rank = static_cast<std::size_t>(cl.high);
      c.first_at = entries[timed[lo_rank]].time;
      c.last_at = entries[timed[hi_rank]].time;
      const double l = static_cast<double>(hi_rank - lo_rank + 1);
      const double k = static_cast<double>(cl.members.size());
      const double rest = std::max(1.0, static_cast<double>(timed.size()) - l);
      c.description = Format(
          "%.0f comments from new or suspicious accounts (%u accounts) among %.0f consecutive comments within %s: "
          "%.0f%% against %.0f%% in the rest of the thread; chance of that: %s",
          k, c.accounts, l, Duration(*c.last_at - *c.first_at).c_str(), 100 * k / l,
          100 * (static_cast<double>(flagged) - k) / rest, ChancePhrase(c.strength).c_str());
      out.push_back(std::move(c));
    }
  }
};

ThreadAnalyzer::ThreadAnalyzer(const CampaignOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->opt = options;
}
ThreadAnalyzer::~ThreadAnalyzer() = default;
ThreadAnalyzer::ThreadAnalyzer(ThreadAnalyzer&&) noexcept = default;
ThreadAnalyzer& ThreadAnalyzer::operator=(ThreadAnalyzer&&) noexcept = default;

std::size_t ThreadAnalyzer::AddComments(std::span<const CommentRef> comments) {
  std::size_t added = 0;
  for (const CommentRef& c : comments) {
    if (impl_->entries.size() >= impl_->opt.max_comments) {
      ++impl_->total;  // counted, not analysed (memory bound)
      ++added;
      continue;
    }
    if (!impl_->ids.insert(std::string(c.id)).second) continue;
    ++impl_->total;
    ++added;
    impl_->Insert(c);
  }
  return added;
}

std::vector<Campaign> ThreadAnalyzer::Clusters() const {
  std::vector<Campaign> out;
  impl_->CopyPaste(out);
  const auto by_strength = [](const Campaign& a, const Campaign& b) {
    if (a.strength != b.strength) return a.strength > b.strength;
    return a.members.front().comment_id < b.members.front().comment_id;
  };
  std::sort(out.begin(), out.end(), by_strength);
  const std::size_t copy_paste = out.size();
  impl_->Bursts(out);
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(copy_paste), out.end(), by_strength);
  return out;
}

std::size_t ThreadAnalyzer::size() const noexcept { return impl_->total; }

std::size_t ThreadAnalyzer::MemoryBytes() const noexcept {
  const Impl& m = *impl_;
  std::size_t bytes = m.entries.capacity() * sizeof(Impl::Entry) + m.comparable.capacity() * sizeof(Impl::Comparable) +
                      m.checked.capacity() * 4;
  for (const auto& e : m.entries) bytes += e.id.capacity() + e.author.capacity();
  for (const auto& c : m.comparable) bytes += c.text.capacity();
  bytes += m.ids.size() * (sizeof(std::string) + 32) + m.ids.bucket_count() * sizeof(void*);
  for (const auto& [key, bucket] : m.buckets) bytes += 48 + bucket.capacity() * 4;
  bytes += m.buckets.bucket_count() * sizeof(void*);
  return bytes;
}

std::vector<Campaign> AnalyzeThread(std::span<const CommentRef> comments, const CampaignOptions& options) {
  ThreadAnalyzer t(options);
  t.AddComments(comments);
  return t.Clusters();
}

std::unordered_map<std::string, std::vector<CampaignReason>> CampaignReasonsByComment(
    std::span<const Campaign> campaigns) {
  std::unordered_map<std::string, std::vector<CampaignReason>> out;
  for (const Campaign& c : campaigns) {
    const std::size_t others = c.members.size() - 1;
    for (const CampaignMember& m : c.members) {
      std::vector<CampaignReason>& reasons = out[m.comment_id];
      const char* code = c.kind == CampaignKind::kCopyPaste ? "campaign_copy_paste" : "campaign_burst";
      // One reason per kind: the strongest campaign of that kind.
      bool have = false;
      for (const CampaignReason& r : reasons) have = have || r.code == code;
      if (have) continue;
      CampaignReason r;
      r.code = code;
      r.strength = c.strength;
      const std::uint32_t other_accounts = c.accounts > 0 ? c.accounts - (m.author.empty() ? 0 : 1) : 0;
      if (c.kind == CampaignKind::kCopyPaste) {
        r.text = Format(
            "the same or nearly the same text as %zu other comments from %u other accounts in this thread "
            "(copy-paste campaign; chance %s)",
            others, other_accounts, ChancePhrase(c.strength).c_str());
      } else {
        r.text = Format("posted in a burst of %zu comments from new or suspicious accounts within %s (chance %s)",
                        c.members.size(), Duration(c.last_at && c.first_at ? *c.last_at - *c.first_at : 0).c_str(),
                        ChancePhrase(c.strength).c_str());
      }
      reasons.push_back(std::move(r));
    }
  }
  for (auto& [id, reasons] : out) {
    std::sort(reasons.begin(), reasons.end(),
              [](const CampaignReason& a, const CampaignReason& b) { return a.strength > b.strength; });
  }
  return out;
}

}  // namespace swarmlens
