#include "case/case_notes.h"

#include "case/snapshot_codec.h"

namespace swarmlens {

void CaseNotes::Save(SnapshotWriter& out) const {
  out.Varint(values.size());
  for (const auto& [key, value] : values) {
    out.Str(key);
    out.Str(value);
  }
}

bool CaseNotes::Load(SnapshotReader& in) {
  std::size_t n = 0;
  if (!in.Count("notes", 2, &n)) return false;
  for (std::size_t i = 0; i < n; ++i) {
    std::string key, value;
    if (!in.Str("note.key", &key) || !in.Str("note.value", &value)) return false;
    if (!values.empty() && key <= values.rbegin()->first) return in.Fail("note.key", "keys out of order or repeated");
    values.emplace_hint(values.end(), std::move(key), std::move(value));
  }
  return true;
}

}  // namespace swarmlens
