// Incremental shared-picture clusters: HammingIndex for the near-duplicate edges, a map for the
// exact-copy edges, union-find (by size, path compression, small-to-large member lists) for the
// components. The null model behind `strength` is documented in the header.
#include "swarmlens/avatar_clusters.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace swarmlens {

namespace {

constexpr double kLn10 = 2.302585092994045684;

/// ln C(n, k).
double LogChoose(double n, double k) { return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1); }

/// P(Binomial(bits, 1/2) <= floor(bits * radius / 256)), summed in log space (tiny values).
double PairProbability(int bits, int radius) {
  if (bits <= 0) return 1;
  const int t = static_cast<int>(std::floor(static_cast<double>(bits) * radius / 256.0));
  if (t < 0) return 0;
  if (t >= bits) return 1;
  double sum = 0;
  for (int i = 0; i <= t; ++i) sum += std::exp(LogChoose(bits, i) - bits * std::log(2.0));
  return std::min(1.0, sum);
}

}  // namespace

const char* AvatarStatusName(AvatarStatus status) noexcept {
  switch (status) {
    case AvatarStatus::kUnique: return "unique";
    case AvatarStatus::kClustered: return "clustered";
    case AvatarStatus::kLowQuality: return "low_quality";
    case AvatarStatus::kKnownDefault: return "known_default";
    case AvatarStatus::kAlreadyAdded: return "already_added";
    case AvatarStatus::kFull: return "full";
  }
  return "unknown";
}

AvatarClusters::AvatarClusters(Options options) : options_(std::move(options)) {
  // Two pictures match when any of their variants (frame + kCropVariants crops each) do: by the
  // union bound over the variant pairs, at most (1 + kCropVariants)^2 times the chance of one pair.
  constexpr double kVariantPairs = (1.0 + kCropVariants) * (1.0 + kCropVariants);
  pair_probability_ = std::min(1.0, kVariantPairs * PairProbability(options_.effective_bits, options_.radius));
}

std::uint32_t AvatarClusters::Find(std::uint32_t entry) const {
  std::uint32_t root = entry;
  while (entries_[root].parent != root) root = entries_[root].parent;
  while (entries_[entry].parent != root) {
    const std::uint32_t next = entries_[entry].parent;
    entries_[entry].parent = root;
    entry = next;
  }
  return root;
}

void AvatarClusters::Union(std::uint32_t a, std::uint32_t b) {
  std::uint32_t ra = Find(a);
  std::uint32_t rb = Find(b);
  if (ra == rb) return;
  // Small into large keeps every member list move O(n log n) in total.
  if (entries_[ra].members.size() < entries_[rb].members.size()) std::swap(ra, rb);
  Entry& big = entries_[ra];
  Entry& small = entries_[rb];
  small.parent = ra;
  big.members.insert(big.members.end(), small.members.begin(), small.members.end());
  big.min_account = std::min(big.min_account, small.min_account);
  std::vector<std::uint32_t>().swap(small.members);
}

AvatarAddResult AvatarClusters::Add(std::uint32_t account_id, const PerceptualHash& hash,
                                    std::optional<std::uint64_t> exact) {
  if (auto it = by_account_.find(account_id); it != by_account_.end()) {
    const std::uint32_t root = Find(it->second);
    return {AvatarStatus::kAlreadyAdded, entries_[root].min_account, entries_[root].members.size()};
  }
  if (hash.quality < options_.min_quality) return {AvatarStatus::kLowQuality, 0, 0};
  for (const PerceptualHash& known : options_.known_defaults)
    if (MatchDistance(known, hash) <= options_.radius) return {AvatarStatus::kKnownDefault, 0, 0};
  if (entries_.size() >= options_.max_avatars) return {AvatarStatus::kFull, 0, 0};

  // Every variant of the new picture against every stored variant: a copy cropped on one side
  // matches the original's crop of that side, and two differently cropped copies meet in a crop
  // of both (image_hash.h, MatchDistance).
  const int variants = 1 + std::min<int>(hash.crop_count, kCropVariants);
  PerceptualHash variant;
  for (int v = 0; v < variants; ++v) {
    variant.words = v == 0 ? hash.words : hash.crops[static_cast<std::size_t>(v - 1)];
    index_.Query(variant, options_.radius, &scratch_);
    for (std::uint32_t slot : scratch_) candidates_.push_back(owner_[slot]);
  }
  // One entry per matched set (its root): joining it joins the set, and it is all AddJoined
  // needs to replay this picture (the clusters do not depend on the order of the unions).
  last_joins_.clear();
  for (std::uint32_t c : candidates_) last_joins_.push_back(Find(c));
  candidates_.clear();
  std::sort(last_joins_.begin(), last_joins_.end());
  last_joins_.erase(std::unique(last_joins_.begin(), last_joins_.end()), last_joins_.end());
  return Accept(account_id, hash, exact);
}

AvatarAddResult AvatarClusters::AddJoined(std::uint32_t account_id, const PerceptualHash& hash,
                                          std::optional<std::uint64_t> exact, std::span<const std::uint32_t> joins) {
  if (auto it = by_account_.find(account_id); it != by_account_.end()) {
    const std::uint32_t root = Find(it->second);
    return {AvatarStatus::kAlreadyAdded, entries_[root].min_account, entries_[root].members.size()};
  }
  if (entries_.size() >= options_.max_avatars) return {AvatarStatus::kFull, 0, 0};
  for (std::uint32_t j : joins)
    if (j >= entries_.size()) return {AvatarStatus::kLowQuality, 0, 0};  // not a picture accepted before
  last_joins_.assign(joins.begin(), joins.end());
  return Accept(account_id, hash, exact);
}

AvatarAddResult AvatarClusters::Accept(std::uint32_t account_id, const PerceptualHash& hash,
                                       std::optional<std::uint64_t> exact) {
  const auto id = static_cast<std::uint32_t>(entries_.size());
  const int variants = 1 + std::min<int>(hash.crop_count, kCropVariants);
  PerceptualHash variant;
  const auto frame_slot = static_cast<std::uint32_t>(index_.size());
  for (int v = 0; v < variants; ++v) {
    variant.words = v == 0 ? hash.words : hash.crops[static_cast<std::size_t>(v - 1)];
    index_.Insert(variant);
    owner_.push_back(id);
  }
  entries_.push_back(Entry{account_id, id, account_id, frame_slot, hash.quality, {id}});
  by_account_.emplace(account_id, id);
  for (std::uint32_t other : last_joins_) Union(id, other);
  if (exact) {
    auto [it, inserted] = by_exact_.emplace(*exact, id);
    if (!inserted) Union(id, it->second);
  }
  const std::uint32_t root = Find(id);
  const std::size_t size = entries_[root].members.size();
  return {size > 1 ? AvatarStatus::kClustered : AvatarStatus::kUnique, entries_[root].min_account, size};
}

double AvatarClusters::Strength(std::size_t k) const {
  const double n = static_cast<double>(std::max(entries_.size(), k));
  if (k < 2) return 0;
  if (pair_probability_ <= 0) return 300;  // no chance collision possible under the null
  const double kk = static_cast<double>(k);
  const double log_bound =
      LogChoose(n, kk) + (kk - 2) * std::log(kk) + (kk - 1) * std::log(pair_probability_);
  return std::max(0.0, -log_bound / kLn10);
}

AvatarCluster AvatarClusters::MakeCluster(std::uint32_t root) const {
  AvatarCluster cluster;
  cluster.key = entries_[root].min_account;
  cluster.members.reserve(entries_[root].members.size());
  for (std::uint32_t e : entries_[root].members) {
    cluster.members.push_back(entries_[e].account);
    if (entries_[e].account == cluster.key) {
      cluster.representative.words = index_.Bits(entries_[e].frame_slot);
      cluster.representative.quality = entries_[e].quality;
    }
  }
  std::sort(cluster.members.begin(), cluster.members.end());
  cluster.strength = Strength(cluster.members.size());
  return cluster;
}

std::optional<AvatarCluster> AvatarClusters::ClusterOf(std::uint32_t account_id) const {
  auto it = by_account_.find(account_id);
  if (it == by_account_.end()) return std::nullopt;
  const std::uint32_t root = Find(it->second);
  if (entries_[root].members.size() < 2) return std::nullopt;
  return MakeCluster(root);
}

std::vector<AvatarCluster> AvatarClusters::Clusters(std::size_t min_size) const {
  std::vector<AvatarCluster> out;
  for (std::uint32_t e = 0; e < entries_.size(); ++e) {
    if (entries_[e].parent == e && entries_[e].members.size() >= std::max<std::size_t>(min_size, 2))
      out.push_back(MakeCluster(e));
  }
  std::sort(out.begin(), out.end(), [](const AvatarCluster& a, const AvatarCluster& b) {
    if (a.members.size() != b.members.size()) return a.members.size() > b.members.size();
    return a.key < b.key;
  });
  return out;
}

std::optional<std::string> AvatarClusters::MemberEvidence(std::uint32_t account_id, std::string_view noun) const {
  auto it = by_account_.find(account_id);
  if (it == by_account_.end()) return std::nullopt;
  const std::size_t size = entries_[Find(it->second)].members.size();
  if (size < 2) return std::nullopt;
  std::string text = "one of " + std::to_string(size) + " ";
  text += noun;
  text += " using the same profile picture";
  return text;
}

std::size_t AvatarClusters::MemoryBytes() const noexcept {
  std::size_t bytes = index_.MemoryBytes() + entries_.capacity() * sizeof(Entry) +
                      owner_.capacity() * sizeof(std::uint32_t) +
                      (scratch_.capacity() + candidates_.capacity()) * sizeof(std::uint32_t);
  for (const Entry& e : entries_) bytes += e.members.capacity() * sizeof(std::uint32_t);
  // Node-based maps: one node (key, value, next pointer, cached hash) per element plus a bucket.
  constexpr std::size_t kNodeBytes = 32 + sizeof(void*);
  bytes += (by_account_.size() + by_exact_.size()) * kNodeBytes +
           (by_account_.bucket_count() + by_exact_.bucket_count()) * sizeof(void*);
  return bytes;
}

}  // namespace swarmlens
