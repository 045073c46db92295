// The caller's notes kept in the case file: small key / value strings the engine does not
// interpret (the CLI keeps where each list's positions continue; the extension its site).
#pragma once

#include <map>
#include <string>

namespace swarmlens {

class SnapshotReader;
class SnapshotWriter;

/// Key -> value, in key order (so a case saves to the same bytes).
struct CaseNotes {
  std::map<std::string, std::string, std::less<>> values;

  void Save(SnapshotWriter& out) const;
  bool Load(SnapshotReader& in);
};

}  // namespace swarmlens
