// Simulator with ground truth: an organic follower base plus a swarm described by a Scenario,
// written as Instagram REST follower pages (the shape of
// tests/data/instagram-samples/friendships_followers_v1.json), a labels table and an avatar table.
// Deterministic: the same scenario and seed give the same bytes on every platform (own PRNG, no
// <random> distributions).
//
//   auto sc = swarmlens::ParseScenario(text, "standard.scenario");
//   auto list = swarmlens::Simulate(sc.value(), 42);
//   for (const std::string& page : list.value().pages) ...   // one REST page JSON per string
//   auto eval = swarmlens::EvaluateScenario(sc.value(), 42);  // recall, false positives, purity
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/error.h"
#include "swarmlens/image_hash.h"
#include "swarmlens/list_signals.h"
#include "swarmlens/score.h"

namespace swarmlens {

/// What to simulate. Key names in scenario files are given per field ("organic.count"); the
/// defaults describe the standard attack. Shares are probabilities in [0, 1].
struct Scenario {
  std::string name = "scenario";           ///< "name"
  std::uint32_t page_size = 50;            ///< "page_size": accounts per REST page.
  std::int64_t now = 1764300000;           ///< "now": Unix seconds of the list fetch.

  std::uint32_t organic_count = 1500;      ///< "organic.count"
  double organic_years = 10;               ///< "organic.years": ages spread over this many years, recent ones likelier.
  double organic_private = 0.35;           ///< "organic.private"
  double organic_default_avatar = 0.05;    ///< "organic.default_avatar"
  double organic_story = 0.25;             ///< "organic.story": has a story up (latest_reel_media set).
  double organic_persian_script = 0.35;    ///< "organic.persian_script": display names written in Persian script.
  double organic_digit_tail = 0.04;        ///< "organic.digit_tail": usernames ending in 3-6 random digits.
  double organic_verified = 0.005;         ///< "organic.verified"
  /// "organic.convention": usernames of a common naming habit, given name + the family name's
  /// first three letters + 3 digits ("sarakar482", "reza_moh731"), spread over the whole list.
  double organic_convention = 0;

  std::uint32_t swarm_count = 200;         ///< "swarm.count"; 0 = no attack.
  double swarm_created_days_before = 3;    ///< "swarm.created_days_before"; < 0 = bought old accounts, aged like organic ones.
  double swarm_created_spread_days = 2;    ///< "swarm.created_spread_days": width of the creation window.
  double swarm_username_template = 0.6;    ///< "swarm.username.template": stem + random digits ("zahra_48213").
  double swarm_username_random = 0.3;      ///< "swarm.username.random": name + 8 digits or random letters and digits.
  double swarm_username_realistic = 0.1;   ///< "swarm.username.realistic": like organic usernames.
  std::uint32_t swarm_template_stems = 3;  ///< "swarm.template_stems": distinct stems the template style uses.
  std::uint32_t swarm_digits_min = 5;      ///< "swarm.digits_min": template digit tail length range.
  std::uint32_t swarm_digits_max = 6;      ///< "swarm.digits_max"
  double swarm_name_empty = 0.5;           ///< "swarm.name.empty": no display name.
  double swarm_name_username = 0.15;       ///< "swarm.name.username": display name = username.
  double swarm_name_pool = 0.25;           ///< "swarm.name.pool": one of a few reused names; the rest realistic.
  std::uint32_t swarm_name_pool_size = 3;  ///< "swarm.name.pool_size"
  double swarm_private = 0.8;              ///< "swarm.private"
  double swarm_anonymous_avatar = 0.5;     ///< "swarm.anonymous_avatar": default silhouette.
  std::uint32_t swarm_avatar_pool = 4;     ///< "swarm.avatar_pool": pictures reused by the others; 0 = all different.
  double swarm_story = 0;                  ///< "swarm.story"
  std::string swarm_order = "burst";       ///< "swarm.order": "burst" (consecutive) or "interleaved" (spread out).
  std::uint32_t swarm_start = 100;         ///< "swarm.start": list position where the swarm's follows begin.
  double swarm_interleave = 0.1;           ///< "swarm.interleave": burst only: chance of an organic follow between two swarm follows.
  std::uint32_t swarm_window = 0;          ///< "swarm.window": interleaved only: positions the swarm spreads over (0 = the rest of the list).
};

/// Parses a scenario file: one `key = value` per line, `#` starts a comment, keys as documented on
/// Scenario's fields; unspecified keys keep their defaults. An unknown key or a bad value is an
/// Error (kInvalidArgument) naming the line.
Result<Scenario> ParseScenario(std::string_view text, std::string_view source_name = {});

/// Ground truth for one simulated follower.
struct LabelRow {
  std::uint32_t position = 0;  ///< List position (0 = newest follow).
  std::string username;
  bool swarm = false;          ///< Label: "swarm" or "organic".
  std::string group;           ///< Swarm sub-group by generator ("template", "random", "realistic"); "" for organic.
};

/// Which picture an account shows. Equal avatar_key = the same source picture; `transform` says
/// how this copy was altered, so an avatar-hash test can render it (empty = the original).
struct AvatarRow {
  std::string username;
  std::string avatar_key;  ///< "default" (silhouette), "organic-N", "swarm-N" (unique) or "pool-N" (reused).
  std::string transform;   ///< "quality=Q;crop=C;hue=H;size=S" for reused pictures, else "".
};

/// A simulated list.
struct SimulatedList {
  std::vector<std::string> pages;   ///< REST follower pages, newest follows first, `page_size` users each.
  std::vector<LabelRow> labels;     ///< One row per follower, in list order.
  std::vector<AvatarRow> avatars;   ///< One row per follower, in list order.

  /// "position,username,label,group" with a header line.
  std::string LabelsCsv() const;
  /// "username,avatar_key,transform" with a header line.
  std::string AvatarsCsv() const;
};

/// Generates the list of `scenario` with `seed`. Errors only for an inconsistent scenario
/// (e.g. page_size 0, digits_min > digits_max).
Result<SimulatedList> Simulate(const Scenario& scenario, std::uint64_t seed);

/// A perceptual hash standing in for the picture of one simulated account, so the avatar signal
/// can be evaluated without rendering images. A model of the measured behaviour of the real hash
/// (tests/core/image_hash_test.cpp; docs/swarm-detection.md): every source picture (avatar_key) gets
/// a random 256-bit hash; a copy is cropped on one side (picked per copy), and a crop of x off a
/// side flips the first round(1000 * x) bits of a per-picture, per-side bit order (nested, so two
/// copies differ by their crop difference, as shifted images do). Re-encoding / hue / resizing
/// flip a few independent bits ((100 - quality) / 8 + |hue| / 2 + 2 for 320 px). The crop
/// variants are modelled the same way (the copy cut further by each CropVariantBox), so copies
/// match through them as real pictures do. nullopt for the default silhouette ("default": never
/// hashed, like the real quality cut). Deterministic in (row, seed).
std::optional<PerceptualHash> SimulatedAvatarHash(const AvatarRow& row, std::uint64_t seed);

/// Detection quality against the labels.
struct SwarmEvaluation {
  std::uint32_t swarm = 0;    ///< Swarm accounts in the list.
  std::uint32_t organic = 0;  ///< Organic accounts in the list.
  double recall_high = 0;     ///< Share of swarm accounts at level high.
  double recall_medium = 0;   ///< Share of swarm accounts at medium or high.
  double fpr_high = 0;        ///< Share of organic accounts at level high.
  double fpr_medium = 0;      ///< Share of organic accounts at medium or high.
  double cluster_purity = 1;  ///< Swarm share of all cluster memberships (1 when there are no clusters).
  double min_cluster_purity = 1;  ///< Purity of the least pure cluster.
  /// Per ClusterKind: clusters found, their memberships, and the share of swarm accounts that are
  /// in at least one cluster of that kind.
  struct Kind {
    std::uint32_t clusters = 0;
    std::uint32_t members = 0;
    std::uint32_t swarm_members = 0;
    double swarm_coverage = 0;
  } kinds[kClusterKindCount];
  double account_only_recall_high = 0;  ///< EvaluateScenario only: recall_high of the account model alone.
  double account_only_fpr_high = 0;     ///< EvaluateScenario only: fpr_high of the account model alone.
};

/// Scores a detection: `levels[p]` is the final level of the follower at position p, and cluster
/// member ids are list positions. Labels whose position has no level count as low.
SwarmEvaluation Evaluate(std::span<const LabelRow> labels, std::span<const Level> levels,
                         std::span<const Cluster> clusters);

/// The whole pipeline on a simulated list, the way the extension sees it: pages parsed with
/// ParseFollowerPage, accounts scored with ScoreAccount, pages fed one by one to a ListAnalyzer
/// (member id = position, account_score = the account score), CombineEvidence per member, levels
/// from the account tier's thresholds.
Result<SwarmEvaluation> EvaluateScenario(const Scenario& scenario, std::uint64_t seed,
                                         const ListSignalOptions& options = AccountListOptions(),
                                         const EvidenceWeights& weights = {});

}  // namespace swarmlens
