// The accounts the person marked as known (friends, colleagues): kept in the case file.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "swarmlens/account.h"

namespace swarmlens {

class SnapshotReader;
class SnapshotWriter;

/// Keys: a username as stored, or '#' + the decimal pk.
struct Allowlist {
  std::set<std::string, std::less<>> keys;

  /// Whether the account's username or pk is on the list.
  bool Contains(const Account& a) const;
  void Save(SnapshotWriter& out) const;
  bool Load(SnapshotReader& in);
};

}  // namespace swarmlens
