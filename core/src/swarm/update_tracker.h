// What the engine last reported per account, so that a page re-badges only the accounts whose
// badge would change (IngestSummary::updated).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace swarmlens {

class SnapshotReader;
class SnapshotWriter;

/// Per account: the fingerprint of the score last reported and the cluster-evidence signature
/// at that report (0 = never reported).
struct UpdateTracker {
  std::vector<std::uint64_t> fingerprint;
  std::vector<std::uint64_t> evidence;

  /// Makes room for one more account.
  void AddAccount() {
    fingerprint.push_back(0);
    evidence.push_back(0);
  }
  void Save(SnapshotWriter& out) const;
  /// Reads what Save wrote; one entry per account expected.
  bool Load(SnapshotReader& in, std::size_t accounts);
};

}  // namespace swarmlens
