// Groups the accounts of one list (the followers of a profile, the commenters of a post) that use
// the same profile picture: re-encoded, resized, cropped or recoloured copies (any frame or crop
// variant of one hash within kAvatarMatchRadius of any variant of the other: MatchDistance) or
// byte-identical files (equal exact hashes). A hash without crop variants (read from hex, as the
// CLI's --avatar-hashes files give) takes part with its frame only: it still matches the crop
// variants of pictures hashed from pixels, but two such hashes match frame to frame only. Incremental: the extension
// adds each page of 12-50 accounts as the user scrolls, and clusters update without recomputing.
//
// Example:
//
//   swarmlens::AvatarClusters clusters;
//   for (const auto& a : page) clusters.Add(a.id, a.avatar_hash, a.avatar_file_hash);
//   for (const auto& c : clusters.Clusters())
//     std::printf("%zu accounts share a picture (strength %.1f)\n", c.members.size(), c.strength);
//   if (auto why = clusters.MemberEvidence(id, "followers")) std::puts(why->c_str());
//     // "one of 37 followers using the same profile picture"
//
// Clusters are the connected components of the "same picture" graph (union-find, single
// linkage), so membership does not depend on the order in which accounts are added.
//
// What is never clustered: pictures with quality below Options::min_quality (blank and flat
// images, the default silhouette: their bits are noise and they would all "match"), and pictures
// within the radius of an Options::known_defaults hash.
//
// Strength (how unlikely the cluster is by chance), under a documented null model: the n accepted
// pictures of the list are distinct photos, and a pair of distinct photos lands within the radius
// with probability q (pair_match_probability()). A cluster of k needs k - 1 such edges forming a
// spanning tree over k of the n pictures; by the union bound over the C(n, k) subsets and the
// k^(k-2) trees on each (Cayley), P(some k pictures connect by chance) <= C(n,k) k^(k-2) q^(k-1).
// strength = -log10 of that bound (clamped at 0): 2 means "at most a 1 in 100 chance".
// q = 121 P(Binomial(B, 1/2) <= floor(B * radius / 256)) with B = Options::effective_bits (121 =
// the 11 x 11 pairs of frame and crop variants, union bound): for B = 256 the per-pair term is
// the independent-bits chance (1e-37 at radius 31), which real photos (shared layout: centred
// faces, plain backgrounds) beat by a wide margin; B = 64 (default) treats the 256 bits as 64
// independent ones, i.e. distances between distinct photos spread with sigma 16 (twice the
// independent-bit sigma 8; the synthetic test set measures 8.6), giving 3.8e-11 per variant pair
// and q = 4.6e-9 at radius 31.
// The null says nothing about *why* people share a picture (couples, fan accounts do): strength
// rules out chance collisions of the hash, not innocent sharing.
//
// Memory: the HammingIndex (4 MiB of tables + 96 bytes per stored hash, 11 hashes per picture
// hashed from pixels) plus the owner table, union-find, member lists and account/exact-hash maps:
// measured 17.8 MiB for 10,000 pictures with crop variants, 6.8 MiB for 10,000 frame-only ones
// (bench/avatar_bench.cpp; MemoryBytes() reports it), i.e. about 1.4 KB per picture.
// Options::max_avatars caps the count (default 20,000, about 30 MiB). Accounts beyond the cap are refused
// (kFull), the one case where the order of adds matters. Rejected accounts (low quality,
// defaults, full) are not remembered.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "swarmlens/hamming_index.h"
#include "swarmlens/image_hash.h"

namespace swarmlens {

/// What Add did with an account's picture.
enum class AvatarStatus : std::uint8_t {
  kUnique,          ///< Accepted; no other account in the list uses this picture (yet).
  kClustered,       ///< Accepted; shares its picture with at least one other account.
  kLowQuality,      ///< Not matched: quality below Options::min_quality (flat, blank, silhouette).
  kKnownDefault,    ///< Not matched: within the radius of a known default picture.
  kAlreadyAdded,    ///< The account id was added before; the first picture stays (see cluster fields).
  kFull,            ///< Refused: Options::max_avatars pictures are stored already.
};

/// Stable lower-case name of a status, e.g. "low_quality".
const char* AvatarStatusName(AvatarStatus status) noexcept;

/// The outcome of AvatarClusters::Add.
struct AvatarAddResult {
  AvatarStatus status = AvatarStatus::kUnique;
  /// Key of the account's cluster: the smallest account id in it (the account's own id when it
  /// is alone). Keys can only decrease as clusters merge. 0 when the picture was not accepted.
  std::uint32_t cluster = 0;
  /// Accounts in that cluster, the account included (1 when alone, 0 when not accepted).
  std::size_t cluster_size = 0;
};

/// One group of accounts sharing a picture.
struct AvatarCluster {
  std::uint32_t key = 0;                 ///< Smallest account id of the members.
  std::vector<std::uint32_t> members;    ///< Account ids, ascending.
  double strength = 0;                   ///< -log10 of the chance bound described above (>= 0).
  PerceptualHash representative;         ///< The picture hash of the member `key`.
};

/// Incremental clustering of a list's accounts by profile picture.
class AvatarClusters {
 public:
  /// Tunables; the defaults are the documented ones.
  struct Options {
    int radius = kAvatarMatchRadius;        ///< Max Hamming distance of the "same picture" edge.
    int min_quality = kMinAvatarQuality;    ///< Pictures below this quality are never matched.
    int effective_bits = 64;                ///< B of the null model (see the file comment).
    std::size_t max_avatars = 20000;        ///< Memory cap on accepted pictures (~30 MiB, see above).
    std::vector<PerceptualHash> known_defaults;  ///< Default pictures never to cluster on.
  };

  AvatarClusters() : AvatarClusters(Options{}) {}
  explicit AvatarClusters(Options options);

  /// Adds one account's picture: its perceptual hash and, when known, the exact hash of the image
  /// file (ExactImageHash). Joins every accepted picture within the radius (MatchDistance) or with
  /// the same exact hash. Cost: one HammingIndex query and one insert per variant (11 for a hash
  /// from pixels, 1 without crops) plus near-constant union-find work.
  AvatarAddResult Add(std::uint32_t account_id, const PerceptualHash& hash,
                      std::optional<std::uint64_t> exact = std::nullopt);

  /// One accepted picture (entry id, in acceptance order) per cluster the last accepted Add
  /// joined, sorted: what a case file keeps so that AddJoined can rebuild the clusters.
  const std::vector<std::uint32_t>& last_joins() const noexcept { return last_joins_; }

  /// Adds an accepted picture whose matches are already known (`joins`: last_joins() of the
  /// original Add, in the same sequence of accepted pictures): its variants are indexed and the
  /// same unions made, without the index queries (the bulk of Add's cost). Returns kAlreadyAdded
  /// for an account added before, kFull at the cap, and kLowQuality (nothing added) when a join
  /// names no accepted picture.
  AvatarAddResult AddJoined(std::uint32_t account_id, const PerceptualHash& hash, std::optional<std::uint64_t> exact,
                            std::span<const std::uint32_t> joins);

  /// The cluster of an account when it shares its picture with at least one other account.
  std::optional<AvatarCluster> ClusterOf(std::uint32_t account_id) const;

  /// All clusters with at least `min_size` members, largest first, then by key. O(n).
  std::vector<AvatarCluster> Clusters(std::size_t min_size = 2) const;

  /// A sentence for an account's reasons, e.g. "one of 37 followers using the same profile
  /// picture" with noun "followers"; nullopt when the account is in no cluster.
  std::optional<std::string> MemberEvidence(std::uint32_t account_id, std::string_view noun = "accounts") const;

  /// Strength of a cluster of k accounts given the pictures accepted so far (see file comment).
  double Strength(std::size_t k) const;

  /// q of the null model: the chance that two distinct photos fall within the radius.
  double pair_match_probability() const noexcept { return pair_probability_; }

  /// Accepted pictures (the n of the null model).
  std::size_t accepted() const noexcept { return entries_.size(); }

  /// Approximate bytes held (index, union-find, members, maps).
  std::size_t MemoryBytes() const noexcept;

 private:
  struct Entry {
    std::uint32_t account = 0;
    std::uint32_t parent = 0;   ///< Union-find parent entry (itself for a root).
    std::uint32_t min_account = 0;             ///< Root only: smallest account id of the set.
    std::uint32_t frame_slot = 0;              ///< Index id of the picture's whole-frame hash.
    int quality = 0;
    std::vector<std::uint32_t> members;        ///< Root only: entry ids of the set.
  };

  std::uint32_t Find(std::uint32_t entry) const;
  void Union(std::uint32_t a, std::uint32_t b);
  AvatarCluster MakeCluster(std::uint32_t root) const;
  /// Indexes an accepted picture and unions it with candidates_ (and a same exact hash).
  AvatarAddResult Accept(std::uint32_t account_id, const PerceptualHash& hash, std::optional<std::uint64_t> exact);

  Options options_;
  double pair_probability_ = 0;
  HammingIndex index_;                 ///< Every variant (frame and crops) of every accepted picture.
  std::vector<std::uint32_t> owner_;   ///< Index id -> entry id.
  mutable std::vector<Entry> entries_; ///< mutable: Find compresses paths.
  std::unordered_map<std::uint32_t, std::uint32_t> by_account_;  ///< account id -> entry
  std::unordered_map<std::uint64_t, std::uint32_t> by_exact_;    ///< exact hash -> first entry
  std::vector<std::uint32_t> scratch_;
  std::vector<std::uint32_t> candidates_;  ///< Entry ids matched by the variants of a new picture.
  std::vector<std::uint32_t> last_joins_;  ///< Roots of the sets the last accepted picture joined.
};

}  // namespace swarmlens
