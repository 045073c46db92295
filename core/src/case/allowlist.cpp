#include "case/allowlist.h"

#include "case/snapshot_codec.h"

namespace swarmlens {

bool Allowlist::Contains(const Account& a) const {
  if (keys.empty()) return false;
  if (!a.username.empty() && keys.count(a.username) != 0) return true;
  if (!a.pk) return false;
  std::string key = "#";
  key += std::to_string(*a.pk);
  return keys.count(key) != 0;
}

void Allowlist::Save(SnapshotWriter& out) const {
  out.Varint(keys.size());
  for (const std::string& k : keys) out.Str(k);
}

bool Allowlist::Load(SnapshotReader& in) {
  std::size_t n = 0;
  if (!in.Count("allowlist", 2, &n)) return false;
  for (std::size_t i = 0; i < n; ++i) {
    std::string key;
    if (!in.Str("allowlist.key", &key)) return false;
    if (key.empty()) return in.Fail("allowlist.key", "empty key");
    if (!keys.empty() && key <= *keys.rbegin()) return in.Fail("allowlist.key", "keys out of order or repeated");
    keys.insert(keys.end(), std::move(key));
  }
  return true;
}

}  // namespace swarmlens
