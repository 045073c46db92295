#include "swarmlens/creation.h"

#include "civil_time.h"

#include <cmath>

namespace swarmlens {

namespace {
// Public statements of an account id with the date that account was made (docs/case-file.md).
constexpr CreationAnchor kAnchors[] = {
    // Instagram launched on 2010-10-06; the first accounts (its founders') have single-digit ids.
    {1, 1286323200, "launch: Instagram opened on 2010-10-06 with the founders' accounts first"},
    // A blog post of March 2012 shows an account that had just joined at about 27 million.
    {27000000, 1330560000, "kullin.net/2012/03/instagram-photos: 'at least 27 million users', a friend who just joined"},
    // A write-up on sampling Instagram ids: the author signed up on 2016-03-11 and got this id.
    {3029050773ULL, 1457654400, "ogasir.com, 'The Percentage of Private Instagram Accounts': signed up 2016-03-11, id 3029050773"},
};

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void SetDate(CreationEstimate* e) {
  const UtcFields utc = UtcFieldsOf(e->at);
  e->year = static_cast<int>(utc.year);
  e->month = utc.month;
  e->text = std::string(e->only_after ? "created after " : "created around ") + kMonths[utc.month - 1] + " " +
            std::to_string(e->year);
}
}  // namespace

std::span<const CreationAnchor> CreationAnchors() noexcept { return kAnchors; }

std::optional<CreationEstimate> EstimateCreation(std::uint64_t pk) {
  if (pk == 0) return std::nullopt;
  constexpr std::size_t n = sizeof kAnchors / sizeof kAnchors[0];
  CreationEstimate e;
  if (pk >= kAnchors[n - 1].pk) {
    e.at = kAnchors[n - 1].created_at;
    e.only_after = pk > kAnchors[n - 1].pk;
    SetDate(&e);
    return e;
  }
  for (std::size_t i = 1; i < n; ++i) {
    if (pk > kAnchors[i].pk) continue;
    // Ids grew roughly exponentially in the early years: interpolate in log(pk).
    const double lo = std::log(static_cast<double>(kAnchors[i - 1].pk));
    const double hi = std::log(static_cast<double>(kAnchors[i].pk));
    const double t = (std::log(static_cast<double>(pk)) - lo) / (hi - lo);
    e.at = kAnchors[i - 1].created_at +
           static_cast<std::int64_t>(t * static_cast<double>(kAnchors[i].created_at - kAnchors[i - 1].created_at));
    break;
  }
  SetDate(&e);
  return e;
}

}  // namespace swarmlens
