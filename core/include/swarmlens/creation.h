// Estimated account creation from the pk: Instagram pks grow with creation time, so a few
// public (pk, date) anchor points give a rough date by interpolation in log(pk). The anchors,
// their sources and the uncertainty are in docs/case-file.md ("Estimated creation"); beyond the
// newest anchor only a lower bound is known.
//
//   if (auto e = swarmlens::EstimateCreation(27'000'000)) std::puts(e->text.c_str());  // "created around Mar 2012"
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace swarmlens {

/// One public anchor: an account id and when that account was created.
struct CreationAnchor {
  std::uint64_t pk;
  std::int64_t created_at;  ///< Unix seconds (UTC), day precision.
  const char* source;       ///< Where the pair was stated publicly (docs/case-file.md).
};

/// The anchors, oldest first.
std::span<const CreationAnchor> CreationAnchors() noexcept;

/// An estimated creation date.
struct CreationEstimate {
  std::int64_t at = 0;        ///< Unix seconds; with only_after, the newest anchor's date.
  bool only_after = false;    ///< The pk is above every anchor: created after `at`, no closer estimate.
  int year = 0;
  int month = 0;              ///< 1..12
  std::string text;           ///< "created around Mar 2014" or "created after Mar 2016".
};

/// The estimate for a pk; nullopt for pk 0.
std::optional<CreationEstimate> EstimateCreation(std::uint64_t pk);

}  // namespace swarmlens
