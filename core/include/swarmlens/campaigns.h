// Campaign signals of one comment thread: copy-paste campaigns (the same or nearly the same text
// posted by several accounts) and bursts (a run of comments from new or suspicious accounts far
// denser than the thread's rate).
//
//   swarmlens::ThreadAnalyzer thread;
//   std::vector<swarmlens::CommentRef> refs = ...;  // one per comment of a page
//   thread.AddComments(refs);                         // page after page
//   for (const swarmlens::Campaign& c : thread.Clusters())
//     std::printf("%s: %zu comments, %u accounts, strength %.1f\n",
//                 swarmlens::CampaignKindName(c.kind), c.members.size(), c.accounts, c.strength);
//   auto reasons = swarmlens::CampaignReasonsByComment(thread.Clusters());  // per comment id
//
// Copy-paste method. Each comment's text goes through NormalizeText (text_normalize.h); @mentions
// are removed (campaign copies tag different people). A text is eligible only with at least
// `min_chars` letters/digits and `min_words` words outside hashtags and mentions: short common
// comments ("nice", "❤️", a three-word slogan) are written independently by many real people
// and prove nothing. Eligible texts get a MinHash signature (64 values, XXH3 of each codepoint
// 4-gram under 64 seeds); signatures are indexed by LSH (16 bands of 4 values), so a pair with
// Jaccard similarity J becomes a candidate with probability 1 - (1 - J^4)^16 (0.64 at J = 0.5,
// 0.99 at J = 0.7, 0.12 at J = 0.3), and a candidate is kept when its estimated Jaccard is at
// least `min_similarity`. Kept pairs are joined (union-find, single linkage); a component is a
// campaign when it holds at least `min_accounts` DIFFERENT authors (one account repeating
// itself is spam, not a campaign) and its strength passes `min_strength`.
//
// Copy-paste null and strength. Independent authors: any two eligible comments of different
// authors are near-duplicates with probability `pair_chance`. Measured on ParsOffensive (8,432
// real Persian Instagram comments from many threads; 5,172 eligible): 19 of 13.4 million pairs
// reach Jaccard >= 0.5 on exact 4-gram sets (13 near, 6 identical), 1.4e-6, and most of those are
// quotes of each other. The default 1e-3 is 700 times that, a margin for comments of one thread
// sharing its topic, names and slogans. For a cluster of m accounts among n eligible comments,
// the chance that one chosen comment has m - 1 or more near-duplicates is
// P(Binomial(n - 1, pair_chance) >= m - 1); strength = -log10 of that, Bonferroni-corrected for
// the n comments that could have been chosen (- log10 n). Example: among 100 eligible comments,
// 5 accounts give strength 3.5 and 4 accounts 1.8; among 1,000, 11 accounts are needed (4.0).
//
// Burst method: comments with a known time, in time order; a comment counts as flagged when its
// author's score is >= `suspicious_score` or the caller marks the author new. The scan is the one
// of list_signals.h (Bernoulli scan over the sequence: dyadic windows, binomial tail against the
// rate outside the window, Bonferroni over the windows tested, ends refined by Kulldorff's
// likelihood ratio), run through AnalyzeList with time ranks as positions.
//
// Cost and memory: AddComments is O(p * (L + 16 * B)) for a page of p comments of L codepoints
// (B <= 32: an LSH bucket stores at most 32 comments; later copies are compared with those and
// not stored, so a 10,000-copy campaign costs no quadratic time). Clusters() is O(n log n).
// Measured (one core, g++ -O2): the 8,432 ParsOffensive comments as one thread take 85 ms
// (10 us per comment, 8.6 MB/s of comment text) and hold 10.5 MB (1.25 KB per comment: the
// 256-byte signature, 16 bucket slots with their hash-map nodes, id, author, and the text cut to
// 280 bytes for the representative). Comments beyond `max_comments` (default 20,000, about 25 MB)
// are counted but not analysed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace swarmlens {

/// One comment as the thread analysis needs it. The views need only live for the AddComments
/// call (the analyzer copies what it keeps).
struct CommentRef {
  std::string_view id;      ///< Comment id; unique within the thread (a repeated id is ignored).
  std::string_view author;  ///< Stable author key (pk as decimal, else username); empty = unknown author.
  std::string_view text;    ///< The comment as written (UTF-8).
  std::optional<std::int64_t> created_at;  ///< Unix seconds; comments without it take no part in bursts.
  double author_score = 0;                 ///< The account model's probability that the author is fake, in [0, 1].
  bool author_new = false;  ///< The caller knows the author is new (joined recently, in a creation cohort...).
};

/// Thresholds of the thread analysis; see the header comment for what each one means.
struct CampaignOptions {
  std::uint32_t min_chars = 20;      ///< Letters/digits a text needs (outside #tags and @mentions) to be compared.
  std::uint32_t min_words = 3;       ///< Words a text needs (outside #tags and @mentions).
  double min_similarity = 0.5;       ///< Estimated Jaccard of 4-gram sets for a near-duplicate pair.
  std::uint32_t min_accounts = 3;    ///< Smallest number of different authors of a copy-paste campaign.
  double pair_chance = 1e-3;         ///< Null: chance two independent eligible comments are near-duplicates.
  double min_strength = 3.0;         ///< Corrected -log10 p a campaign needs (1 in 1000).
  double suspicious_score = 0.5;     ///< author_score at or above this flags a comment for bursts.
  std::uint32_t min_burst_size = 6;  ///< Smallest number of flagged comments in a burst.
  std::size_t max_comments = 20000;  ///< Comments analysed per thread; later ones are only counted.
};

/// Which thread signal a campaign comes from.
enum class CampaignKind : std::uint8_t {
  kCopyPaste,  ///< The same or nearly the same text from several different accounts.
  kBurst,      ///< A run of comments from new or suspicious accounts far denser than the thread's rate.
};

/// Stable lower-case name: "copy_paste", "burst".
const char* CampaignKindName(CampaignKind kind) noexcept;

/// One comment of a campaign.
struct CampaignMember {
  std::string comment_id;
  std::string author;  ///< CommentRef::author as given.
};

/// One campaign cluster of a thread.
struct Campaign {
  CampaignKind kind = CampaignKind::kCopyPaste;
  std::vector<CampaignMember> members;  ///< In the order the comments were added (bursts: time order).
  std::uint32_t accounts = 0;           ///< Different authors among the members.
  /// -log10 of the chance probability under the documented null, Bonferroni-corrected; >= min_strength.
  double strength = 0;
  double expected = 0;  ///< Copy-paste: near-duplicates of one comment expected by chance. Burst: flagged comments
                        ///< expected in the window.
  /// Copy-paste: the text of the member with most near-duplicates, cut to 280 bytes (attacker
  /// text: render as text only). Burst: empty.
  std::string representative;
  std::optional<std::int64_t> first_at;  ///< Earliest member time, when known.
  std::optional<std::int64_t> last_at;   ///< Latest member time, when known.
  std::string description;               ///< One human sentence about the whole campaign.
};

/// Incremental analysis of one comment thread: add the comments page by page, read the clusters
/// at any time. The result does not depend on how the comments were split into pages; it may
/// depend on their order only through the LSH bucket cap (copies past the 32nd of one bucket).
class ThreadAnalyzer {
 public:
  explicit ThreadAnalyzer(const CampaignOptions& options = {});
  ~ThreadAnalyzer();
  ThreadAnalyzer(ThreadAnalyzer&&) noexcept;
  ThreadAnalyzer& operator=(ThreadAnalyzer&&) noexcept;
  ThreadAnalyzer(const ThreadAnalyzer&) = delete;
  ThreadAnalyzer& operator=(const ThreadAnalyzer&) = delete;

  /// Adds the comments of one page; returns how many were new (repeated ids are ignored).
  std::size_t AddComments(std::span<const CommentRef> comments);

  /// All campaigns so far: copy-paste first, then bursts, each strongest first.
  std::vector<Campaign> Clusters() const;

  /// Comments added so far (including those past max_comments).
  std::size_t size() const noexcept;

  /// Approximate heap bytes held (containers' capacity), for the documented bound.
  std::size_t MemoryBytes() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Batch form: the campaigns of a whole thread.
std::vector<Campaign> AnalyzeThread(std::span<const CommentRef> comments, const CampaignOptions& options = {});

/// One campaign reason on a comment.
struct CampaignReason {
  std::string code;     ///< "campaign_copy_paste" or "campaign_burst".
  double strength = 0;  ///< The campaign's strength.
  std::string
      text;  ///< e.g. "the same or nearly the same text as 14 other comments from 14 other accounts in this thread ..."
};

/// For each comment id that belongs to a campaign, its reasons (strongest first, one per kind).
std::unordered_map<std::string, std::vector<CampaignReason>> CampaignReasonsByComment(
    std::span<const Campaign> campaigns);

/// The text a campaign compares: the comment without @mentions, through NormalizeText. Exposed for tests.
std::string CampaignText(std::string_view text);

/// True when a comment (as written) has at least options.min_chars letters/digits in at least
/// options.min_words words outside @mentions and #hashtags. Exposed for tests.
bool IsCampaignEligible(std::string_view text, const CampaignOptions& options = {});

/// Estimated Jaccard similarity of the 4-gram sets of two CampaignTexts (MinHash), in [0, 1].
/// Exposed for tests and the documentation's measurements.
double CampaignSimilarity(std::string_view a, std::string_view b);

}  // namespace swarmlens
