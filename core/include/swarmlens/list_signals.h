// List-level swarm signals: creation cohorts (dense pk bands), follow bursts (dense runs of
// suspicious accounts in list order), username templates and reused display names. A single fake
// account can look like a shy new user; a swarm cannot hide that it is a swarm.
//
// Example:
//
//   swarmlens::ListAnalyzer analyzer;
//   for (const auto& page : pages) analyzer.AddPage(page);   // page: std::vector<ListMember>
//   for (const auto& c : analyzer.Clusters())
//     std::printf("%s %zu members, strength %.1f: %s\n", swarmlens::ClusterKindName(c.kind),
//                 c.members.size(), c.strength, c.description.c_str());
//
// Method, thresholds, complexity and memory bound: docs/swarm-detection.md.
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

#include "swarmlens/score.h"

namespace swarmlens {

/// One account of a list as the list analysis needs it. The views only need to live for the
/// duration of the AddPage / AnalyzeList call that receives them (the analyzer copies what it keeps).
struct ListMember {
  std::uint32_t id = 0;        ///< Caller's handle for the account; unique within the list.
  std::uint32_t position = 0;  ///< 0-based list position; 0 = newest follow (Instagram order).
  std::optional<std::uint64_t> pk;           ///< Numeric Instagram id; grows with account creation.
  std::string_view username;                 ///< Handle without '@' (may be empty).
  std::optional<std::string_view> full_name; ///< Display name; nullopt = the payload did not show it.
  double account_score = 0;    ///< The account model's probability that this account is fake, in [0, 1].
  /// Unix seconds of the follow, when the payload shows it (DYI exports' timestamps); bursts then
  /// say how long the burst lasted ("250 follows within 20 hours") instead of only positions.
  std::optional<std::int64_t> listed_at;
};

/// Which list-level signal a cluster comes from.
enum class ClusterKind : std::uint8_t {
  kCohort,            ///< Accounts whose pks fall in a band far denser than the list's pk density around it.
  kBurst,             ///< A run of list positions where suspicious accounts concentrate above the background
                      ///< rate (members: ListSignalOptions::burst_whole_window).
  kUsernameTemplate,  ///< Usernames from one generator: a shared stem or generator shape with a random digit tail.
  kDisplayName,       ///< The same display name (after normalisation) far more often than its words predict.
  kSharedAvatar,      ///< The same profile picture (perceptual hash within radius, or the same file);
                      ///< found by AvatarClusters (avatar_clusters.h) and converted by the engine.
};
/// Number of ClusterKind values (for per-kind tables).
inline constexpr std::size_t kClusterKindCount = 5;

/// Stable lower-case name: "cohort", "burst", "username_template", "display_name", "shared_avatar".
const char* ClusterKindName(ClusterKind kind) noexcept;

/// One group of accounts that is unlikely to have arisen by chance.
struct Cluster {
  ClusterKind kind = ClusterKind::kCohort;
  std::vector<std::uint32_t> members;  ///< ListMember::id values, in list order (position, then id).
  /// -log10 of the chance probability, Bonferroni-corrected for the number of windows / groups
  /// tested (2 = 1 in 100, 6 = 1 in a million). Always >= ListSignalOptions::min_strength.
  double strength = 0;
  double expected = 0;       ///< Members expected by chance in the same window / group.
  std::uint64_t low = 0;     ///< Cohort: lowest member pk. Burst: first position. Otherwise 0.
  std::uint64_t high = 0;    ///< Cohort: highest member pk. Burst: last position. Otherwise 0.
  /// Cohort only: share of the list's other pks that are lower than the band (1.0 = the band is
  /// newer than every other follower: "far newer than the organic base"). -1 for other kinds.
  double newer_than = -1;
  /// Template / display name: -log10 p (corrected) that the members sit as close together in
  /// account id (creation) or in list position (follow time) as they do, against a random subset
  /// of this list of the same size (docs/swarm-detection.md, "Concentration"). -1 for other kinds.
  double concentration = -1;
  /// Template / display name: the members are the concentrated part of the group (in list order);
  /// this many accounts of the list match the key in all (members.size() <= matching).
  std::uint32_t matching = 0;
  /// Burst: Unix seconds of the first and last follow of the window, when every follow in it
  /// carries its time (ListMember::listed_at); both 0 otherwise.
  std::int64_t time_low = 0;
  std::int64_t time_high = 0;
  /// Template / display-name key: the stem or generator shape ("zahra_" + "#####") or the
  /// normalised display name. Attacker-written text: render as text only.
  std::string key;
  std::string description;   ///< One human sentence about the whole cluster.
};

/// Thresholds of the list analysis. The defaults are documented in docs/swarm-detection.md.
struct ListSignalOptions {
  double suspicious_score = 0.5;        ///< account_score at or above this counts as suspicious for bursts.
  bool burst_counts_cohort_members = true;  ///< Cohort members also count as suspicious ("new") for bursts.
  std::uint32_t min_cohort_size = 8;    ///< Smallest cohort reported.
  std::uint32_t min_burst_size = 8;     ///< Smallest number of suspicious accounts in a burst.
  std::uint32_t min_template_size = 5;  ///< Smallest username template group.
  std::uint32_t min_name_size = 4;      ///< Smallest reused display-name group.
  double min_strength = 3.0;            ///< Corrected -log10 p a cluster needs (1 in 1000 after correction).
  double min_cohort_density_ratio = 8;  ///< A cohort band must be this many times denser than its surroundings.
  /// What one list position is, in burst descriptions ("35 new or suspicious accounts among 40
  /// consecutive follows"): "follows" for follower lists, "commenters" for a post's commenters. Must outlive the analyzer (a literal).
  std::string_view position_noun = "follows";
  /// Who a burst's members are: true = every member of its window (lists of accounts: a bought,
  /// aged account looks organic on its own, and the window is the evidence); false = only the
  /// window's suspicious members (what comment campaigns count).
  bool burst_whole_window = false;
};

/// The options for lists of accounts (followers, a post's commenters), as the Engine and
/// EvaluateScenario use them: the defaults with burst_whole_window.
ListSignalOptions AccountListOptions();

/// Incremental list analysis: feed the pages of one list as they arrive, read the clusters at any
/// time. AddPage costs O(p log n + p * L) for a page of p members (L = 106 grids per pk), not a
/// recomputation of the list; Clusters() costs O(number of candidate windows + list positions / 4).
/// The result after any sequence of pages equals the batch result over the same members.
class ListAnalyzer {
 public:
  explicit ListAnalyzer(const ListSignalOptions& options = {});
  ~ListAnalyzer();
  ListAnalyzer(ListAnalyzer&&) noexcept;
  ListAnalyzer& operator=(ListAnalyzer&&) noexcept;
  ListAnalyzer(const ListAnalyzer&) = delete;
  ListAnalyzer& operator=(const ListAnalyzer&) = delete;

  /// Adds the members of one page. A member whose id was already added is ignored (pages may be
  /// delivered twice). Pages may arrive in any order.
  void AddPage(std::span<const ListMember> page);

  /// All clusters of the list so far, ordered by kind, then strength (strongest first).
  std::vector<Cluster> Clusters();

  /// Members added so far.
  std::size_t size() const noexcept;

  /// Approximate heap bytes held by the analyzer (containers' capacity; documented bound:
  /// docs/swarm-detection.md).
  std::size_t MemoryBytes() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Batch form: the clusters of a whole list (same result as one ListAnalyzer fed page by page).
std::vector<Cluster> AnalyzeList(std::span<const ListMember> members, const ListSignalOptions& options = {});

/// For each member id, the indexes (into `clusters`) of the clusters it belongs to.
std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> ClustersByMember(std::span<const Cluster> clusters);

/// How much cluster evidence may move a member's log-odds (see docs/swarm-detection.md).
struct EvidenceWeights {
  /// Log-odds added per unit of cluster strength, per ClusterKind (indexed by the enum value).
  double per_strength[kClusterKindCount] = {0.25, 0.20, 0.25, 0.20, 0.25};
  /// Largest bonus one kind may add (only the member's strongest cluster of each kind counts).
  double cap[kClusterKindCount] = {2.5, 1.5, 2.0, 1.5, 2.5};
  double total_cap = 4.0;  ///< Largest bonus all cluster kinds together may add.
};

/// One cluster reason on a member: the same three parts as an account reason.
struct ClusterReason {
  std::string code;   ///< "swarm_cohort", "swarm_burst", "swarm_username_template", "swarm_display_name".
  double weight = 0;  ///< Log-odds this cluster adds to the member (after the caps).
  std::string text;   ///< MemberReasonText() of the cluster.
};

/// An account's log-odds after the list evidence, with the reasons that explain the change.
struct CombinedEvidence {
  double logit = 0;                    ///< account_logit + the capped cluster bonus.
  std::vector<ClusterReason> reasons;  ///< One per kind that contributed, strongest first.
  /// A contributing cluster's membership does not depend on the account's own score: any kind but
  /// a burst (a burst is found *because* of the suspicious accounts in it and holds every follow
  /// of its window, so it says "this window is an attack", not "this follower is part of it").
  bool corroborated = false;
  /// The member is in a burst: its level is at least `medium` (ListMemberLevel).
  bool in_burst = false;
};

/// Combines an account's own log-odds with the clusters it belongs to: per kind, the strongest
/// cluster adds min(cap, per_strength * EvidenceStrength); the sum is capped by total_cap. Pure function.
CombinedEvidence CombineEvidence(double account_logit, std::span<const Cluster* const> member_clusters,
                                 const EvidenceWeights& weights = {});

/// The strength a cluster lends its members: a username template or display name corroborates
/// only as far as its members are concentrated in id or list position, min(strength,
/// concentration); every other kind its strength.
double EvidenceStrength(const Cluster& cluster) noexcept;

/// How the level of a list member is set (docs/swarm-detection.md, "Levels in a list").
struct ListLevelOptions {
  /// Assumed share of fake accounts among the members of a list that sit in no corroborating
  /// cluster: swarms show up as clusters, so what is left is mostly the organic base.
  double background_prevalence = 0.03;
  /// Share of fakes in the data the account model's level thresholds were chosen on (InstaFake).
  double training_prevalence = 0.168;
};

/// Level of a member of an analysed list. The list tier's `high` needs either a corroborating
/// cluster (CombinedEvidence::corroborated) with the combined score at the tier's `high`
/// threshold, or the account's own log-odds at that threshold re-based from the training
/// prevalence to the background prevalence (StandAloneHighScore). A list-tier member in no
/// cluster needs the `medium` threshold re-based the same way (StandAloneMediumScore) for
/// `medium`. A member of a burst is at least `medium`. Otherwise the combined score's level
/// (LevelFor). The profile tier's thresholds and the verified cap are as in LevelFor. Pure function.
Level ListMemberLevel(double account_logit, const CombinedEvidence& combined, ModelTier tier, bool verified,
                      const LevelThresholds& thresholds = {}, const ListLevelOptions& options = {});

/// The account score a list member needs for `high` without a corroborating cluster.
double StandAloneHighScore(const LevelThresholds& thresholds = {}, const ListLevelOptions& options = {});

/// The account score a list-tier member in no cluster needs for `medium`.
double StandAloneMediumScore(const LevelThresholds& thresholds = {}, const ListLevelOptions& options = {});

/// Reason code of a member of a cluster of `kind`: "swarm_" + ClusterKindName(kind) (static storage).
std::string_view SwarmReasonCode(ClusterKind kind) noexcept;

/// Static description of every swarm reason code (for the constants handed to JS).
struct SwarmReasonInfo {
  std::string_view code;
  std::string_view description;
};
std::span<const SwarmReasonInfo> SwarmReasonCatalog() noexcept;

/// The sentence shown on a member of `cluster`, e.g. "created within the same narrow id range as
/// 212 other followers (same id band)".
std::string MemberReasonText(const Cluster& cluster);

/// Generator shape of a username: letter runs -> "a", digit runs -> one '#' per digit, '.' and '_'
/// kept, anything else -> '?'. "zahra_12345" -> "a_#####". Exposed for tests.
std::string UsernameGeneratorShape(std::string_view username);

/// Display name normalised for comparison: lower-case ASCII, Arabic yeh/kaf mapped to their
/// Persian forms, zero-width and direction marks removed, whitespace collapsed. Exposed for tests.
std::string NormalizeDisplayName(std::string_view name);

}  // namespace swarmlens
