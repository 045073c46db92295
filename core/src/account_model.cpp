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
#include "trained_evaluation.h"

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
// The measurements and the bin lookup are in trained_evaluation.h, shared with ScoreAccount.

}  // namespace

/// trained_eval::RatioHundredths beyond UINT64_MAX / 100 following. No __int128: -Wpedantic
/// rejects it.
std::uint64_t trained_eval::HugeRatioHundredths(std::uint64_t following, std::uint64_t followers) noexcept {
  constexpr std::uint64_t kMax = ~std::uint64_t{0};
  const std::uint64_t d = followers == 0 ? 1 : followers;
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
  out.bias = trained_eval::Bias(out.tier);
  out.logit = out.bias;
  trained_eval::Evaluate(out.tier, account, {}, [&out](std::string_view code, double weight, std::uint64_t value) {
    out.items[out.size++] = {code, weight, value};
    out.logit += weight;
  });
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
