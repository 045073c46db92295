// The profile pictures added to the engine, per account, in the order they were added.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "swarmlens/image_hash.h"

namespace swarmlens {

class SnapshotReader;
class SnapshotWriter;

/// One picture of an account: its perceptual hash and, when known, the exact hash of the file.
struct Picture {
  PerceptualHash hash;
  std::optional<std::uint64_t> exact;
};

/// Every distinct picture given for an account. The first one is the account's picture for
/// lists and threads it joins later (as in AvatarClusters, where the first picture stays); the
/// others are kept because a list may have received them (a list's picture log refers to them
/// by number, so a loaded case rebuilds each list's clusters from the same pictures).
class PictureStore {
 public:
  /// Records a picture; returns its number among the account's pictures (an equal one already
  /// recorded keeps its number).
  std::uint32_t Add(std::size_t account, const PerceptualHash& hash, std::optional<std::uint64_t> exact);
  /// The account's first picture, if any.
  const Picture* First(std::size_t account) const;
  /// Picture number `n` of the account (precondition: it exists).
  const Picture& At(std::size_t account, std::uint32_t n) const { return by_account_.at(account)[n]; }
  /// How many pictures the account has.
  std::size_t CountOf(std::size_t account) const;
  bool Has(std::size_t account) const { return by_account_.count(account) != 0; }

  void Clear() { by_account_.clear(); }
  /// Writes every account's pictures (accounts in increasing index order).
  void Save(SnapshotWriter& out) const;
  /// Reads what Save wrote; account indices must be below `accounts`.
  bool Load(SnapshotReader& in, std::size_t accounts);

 private:
  std::unordered_map<std::size_t, std::vector<Picture>> by_account_;
};

}  // namespace swarmlens
