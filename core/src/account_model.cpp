// The trained two-tier account model: measures each feature from an Account exactly as
// scripts/train_account_model.py does (tests/core/account_model_test.cpp checks that against the
// script's golden file) and looks its weight up in trained_account_model.h.
#include "swarmlens/account_model.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "trained_account_model.h"

namespace swarmlens {

namespace {

namespace tmodel = trained_model;

// ---- Compile-time checks of the generated tables ---------------------------------------------

constexpr bool BinsWellFormed(const tmodel::FeatureTable& table) {
  if (table.size == 0 || table.bins[0].min != 0) return false;  // every value falls in a bin
  for (std::size_t i = 1; i < table.size; ++i) {
    if (table.bins[i].min <= table.bins[i - 1].min) return false;
  }
  return true;
}

template <std::size_t N>
constexpr bool TablesWellFormed(const tmodel::FeatureTable (&tables)[N]) {
  if (N > kMaxTierContributions) return false;
  for (std::size_t i = 0; i < N; ++i) {
    if (!BinsWellFormed(tables[i])) return false;
    for (std::size_t j = 0; j < i; ++j) {
      if (tables[j].feature == tables[i].feature) return false;  // one contribution per feature
    }
  }
  return true;
}

constexpr bool FeatureInfoInEnumOrder() {
  std::size_t i = 0;
  for (const tmodel::FeatureInfo& info : tmodel::kFeatureInfo) {
    if (static_cast<std::size_t>(info.feature) != i++) return false;
  }
  return true;
}

static_assert(TablesWellFormed(tmodel::kListFeatures), "trained_account_model.h: bad list tables");
static_assert(TablesWellFormed(tmodel::kProfileFeatures), "trained_account_model.h: bad profile tables");
static_assert(FeatureInfoInEnumOrder(), "trained_account_model.h: kFeatureInfo out of order");
static_assert(tmodel::kListMediumThreshold <= tmodel::kListHighThreshold &&
                  tmodel::kProfileMediumThreshold <= tmodel::kProfileHighThreshold,
              "trained_account_model.h: medium must not exceed high");

template <std::size_t N>
constexpr std::array<TrainedFeatureInfo, N> MakeCatalog(const tmodel::FeatureInfo (&info)[N]) {
  std::array<TrainedFeatureInfo, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = {info[i].code, info[i].description};
  return out;
}

constexpr auto kCatalog = MakeCatalog(tmodel::kFeatureInfo);

// ---- Measurements (mirror feature_value / record_from_account in the training script) ---------

/// ASCII digits only, as InstaFake's usernameDigitCount (Instagram handles are ASCII).
std::uint64_t CountDigits(std::string_view s) noexcept {
  std::uint64_t n = 0;
  for (const char c : s) n += static_cast<unsigned>(static_cast<unsigned char>(c) - '0') < 10u;
  return n;
}

/// UTF-8 code points (Python's len(str)): every byte that is not a continuation byte starts one.
std::uint64_t CountCodePoints(std::string_view s) noexcept {
  std::uint64_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  return n;
}

/// floor(100 * following / max(followers, 1)), exact for any 64-bit counts (the script uses
/// Python's big integers), saturated at the 64-bit maximum. No __int128: -Wpedantic rejects it.
std::uint64_t RatioHundredths(std::uint64_t following, std::uint64_t followers) noexcept {
  constexpr std::uint64_t kMax = ~std::uint64_t{0};
  const std::uint64_t d = followers == 0 ? 1 : followers;
  if (following <= kMax / 100) return following * 100 / d;  // every real count takes this path
  // Huge (attacker-written) counts: 100 * (q * d + r) / d = 100 * q + floor(100 * r / d), with
  // floor(100 * r / d) found by adding r to itself modulo d a hundred times (never overflows).
  const std::uint64_t q = following / d;
  const std::uint64_t r = following % d;
  if (q > kMax / 100) return kMax;
  std::uint64_t extra = 0;
  std::uint64_t acc = 0;  // (k * r) mod d, always < d
  for (int k = 0; k < 100; ++k) {
    if (acc >= d - r) {
      acc -= d - r;
      ++extra;
    } else {
      acc += r;
    }
  }
  const std::uint64_t base = q * 100;
  return base > kMax - extra ? kMax : base + extra;
}

std::optional<std::uint64_t> Flag(const std::optional<bool>& b) noexcept {
  if (!b) return std::nullopt;
  return *b ? 1u : 0u;
}

// Inlined into Evaluate's loop over the (constant) tables: it runs for every feature of every
// account scored, and the call cost more than the measurement.
[[gnu::always_inline]] inline std::optional<std::uint64_t> Measure(tmodel::TrainedFeature feature,
                                                                   const Account& a) noexcept {
  switch (feature) {
    case tmodel::TrainedFeature::kUsernameLength:
      if (a.username.empty()) return std::nullopt;  // pk-only record: handle unknown
      return a.username.size();
    case tmodel::TrainedFeature::kUsernameDigits:
      if (a.username.empty()) return std::nullopt;
      return CountDigits(a.username);
    case tmodel::TrainedFeature::kAnonymousAvatar:
      return Flag(a.anonymous_avatar);
    case tmodel::TrainedFeature::kPrivateAccount:
      return Flag(a.is_private);
    case tmodel::TrainedFeature::kMediaCount:
      return a.media_count;
    case tmodel::TrainedFeature::kFollowerCount:
      return a.follower_count;
    case tmodel::TrainedFeature::kFollowingCount:
      return a.following_count;
    case tmodel::TrainedFeature::kFollowingFollowerRatio:
      if (!a.following_count || !a.follower_count) return std::nullopt;
      return RatioHundredths(*a.following_count, *a.follower_count);
    case tmodel::TrainedFeature::kBiographyLength:
      if (!a.biography) return std::nullopt;
      return CountCodePoints(*a.biography);
  }
  return std::nullopt;
}

/// Weight of the last bin whose `min` <= value (bin 0 starts at 0, so one always applies).
double BinWeight(const tmodel::FeatureTable& table, std::uint64_t value) noexcept {
  double weight = table.bins[0].weight;
  for (std::size_t i = 1; i < table.size && value >= table.bins[i].min; ++i) {
    weight = table.bins[i].weight;
  }
  return weight;
}

template <std::size_t N>
void Evaluate(const tmodel::FeatureTable (&tables)[N], double bias, const Account& account,
              TierEvaluation& out) noexcept {
  out.bias = bias;
  out.logit = bias;
  for (const tmodel::FeatureTable& table : tables) {
    const std::optional<std::uint64_t> value = Measure(table.feature, account);
    if (!value) continue;  // unknown adds nothing
    const double weight = BinWeight(table, *value);
    out.items[out.size++] = {kCatalog[static_cast<std::size_t>(table.feature)].code, weight,
                             *value};
    out.logit += weight;
  }
}

}  // namespace

const char* ModelTierName(ModelTier tier) noexcept {
  switch (tier) {
    case ModelTier::kList: return "list";
    case ModelTier::kProfile: return "profile";
  }
  return "list";
}

ModelTier SelectModelTier(const Account& account) noexcept {
  const bool profile = account.media_count || account.follower_count || account.following_count ||
                       account.biography;
  return profile ? ModelTier::kProfile : ModelTier::kList;
}

TierEvaluation EvaluateTrainedModel(const Account& account) noexcept {
  TierEvaluation out;
  out.tier = SelectModelTier(account);
  if (out.tier == ModelTier::kProfile) {
    Evaluate(tmodel::kProfileFeatures, tmodel::kProfileBias, account, out);
  } else {
    Evaluate(tmodel::kListFeatures, tmodel::kListBias, account, out);
  }
  return out;
}

TierThresholds TrainedLevelThresholds(ModelTier tier) noexcept {
  if (tier == ModelTier::kProfile) {
    return {.medium = tmodel::kProfileMediumThreshold, .high = tmodel::kProfileHighThreshold};
  }
  return {.medium = tmodel::kListMediumThreshold, .high = tmodel::kListHighThreshold};
}

const char* TrainedModelName() noexcept { return tmodel::kModelName; }

std::span<const TrainedFeatureInfo> TrainedFeatureCatalog() noexcept { return kCatalog; }

}  // namespace swarmlens
