#include "swarm/update_tracker.h"

#include "case/snapshot_codec.h"

namespace swarmlens {

void UpdateTracker::Save(SnapshotWriter& out) const {
  out.Varint(fingerprint.size());
  for (std::size_t i = 0; i < fingerprint.size(); ++i) {
    out.Fixed64(fingerprint[i]);
    out.Fixed64(evidence[i]);
  }
}

bool UpdateTracker::Load(SnapshotReader& in, std::size_t accounts) {
  std::size_t n = 0;
  if (!in.Count("reported", 16, &n)) return false;
  if (n != accounts) return in.Fail("reported", "one entry per account expected");
  fingerprint.resize(n);
  evidence.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    if (!in.Fixed64("reported.fingerprint", &fingerprint[i]) || !in.Fixed64("reported.evidence", &evidence[i])) return false;
  return true;
}

}  // namespace swarmlens
