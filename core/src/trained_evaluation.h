// Internal: the trained model's evaluation as an inline template, shared by EvaluateTrainedModel
// (account_model.cpp) and ScoreAccount (score.cpp), which runs it for every account of a list and
// takes the contributions straight into its reason buffer. Each feature table is a compile-time
// constant here, so the feature switch folds away and a bin is found by counting the bin starts
// the value reaches (no branch on the data, no std::optional on the stack).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "swarmlens/account.h"
#include "swarmlens/account_model.h"
#include "trained_account_model.h"

namespace swarmlens::trained_eval {

namespace tmodel = trained_model;

/// Code of a feature (static storage), as TrainedFeatureCatalog() hands it out.
inline constexpr std::string_view FeatureCode(tmodel::TrainedFeature feature) {
  return tmodel::kFeatureInfo[static_cast<std::size_t>(feature)].code;
}

/// ASCII digits only, as InstaFake's usernameDigitCount (Instagram handles are ASCII).
inline std::uint64_t CountDigits(std::string_view s) noexcept {
  std::uint64_t n = 0;
  for (const char c : s) n += static_cast<unsigned>(static_cast<unsigned char>(c) - '0') < 10u;
  return n;
}

/// UTF-8 code points (Python's len(str)): every byte that is not a continuation byte starts one.
inline std::uint64_t CountCodePoints(std::string_view s) noexcept {
  std::uint64_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  return n;
}

/// RatioHundredths for following > UINT64_MAX / 100 (account_model.cpp).
std::uint64_t HugeRatioHundredths(std::uint64_t following, std::uint64_t followers) noexcept;

/// floor(100 * following / max(followers, 1)), exact for any 64-bit counts (the script uses
/// Python's big integers), saturated at the 64-bit maximum.
inline std::uint64_t RatioHundredths(std::uint64_t following, std::uint64_t followers) noexcept {
  if (following > ~std::uint64_t{0} / 100) return HugeRatioHundredths(following, followers);
  return following * 100 / (followers == 0 ? 1 : followers);  // every real count takes this path
}

/// What the caller may already have measured (score.cpp has the username's digits from
/// AnalyzeUsername); unset fields are measured here.
struct Premeasured {
  bool has_username_digits = false;
  std::uint64_t username_digits = 0;
};

/// Measures one feature as the training script does; false when it is unknown (adds nothing).
template <tmodel::TrainedFeature kFeature>
[[gnu::always_inline]] inline bool Measure(const Account& a, const Premeasured& pre, std::uint64_t& value) noexcept {
  using F = tmodel::TrainedFeature;
  if constexpr (kFeature == F::kUsernameLength) {
    value = a.username.size();
    return !a.username.empty();  // pk-only record: handle unknown
  } else if constexpr (kFeature == F::kUsernameDigits) {
    if (a.username.empty()) return false;
    value = pre.has_username_digits ? pre.username_digits : CountDigits(a.username);
    return true;
  } else if constexpr (kFeature == F::kAnonymousAvatar) {
    value = a.anonymous_avatar.value_or(false) ? 1u : 0u;
    return a.anonymous_avatar.has_value();
  } else if constexpr (kFeature == F::kPrivateAccount) {
    value = a.is_private.value_or(false) ? 1u : 0u;
    return a.is_private.has_value();
  } else if constexpr (kFeature == F::kMediaCount) {
    value = a.media_count.value_or(0);
    return a.media_count.has_value();
  } else if constexpr (kFeature == F::kFollowerCount) {
    value = a.follower_count.value_or(0);
    return a.follower_count.has_value();
  } else if constexpr (kFeature == F::kFollowingCount) {
    value = a.following_count.value_or(0);
    return a.following_count.has_value();
  } else if constexpr (kFeature == F::kFollowingFollowerRatio) {
    if (!a.following_count || !a.follower_count) return false;
    value = RatioHundredths(*a.following_count, *a.follower_count);
    return true;
  } else {
    static_assert(kFeature == F::kBiographyLength, "a trained feature without a measurement");
    if (!a.biography) return false;
    value = CountCodePoints(*a.biography);
    return true;
  }
}

/// Index of the last bin whose `min` <= value: bins are sorted and bin 0 starts at 0, so it is
/// the number of later bins the value reaches (a sum of comparisons the compiler unrolls).
/// (Table `I` of `kTables`: clang 14, emscripten's, takes no array element as template argument.)
template <const auto& kTables, std::size_t I>
[[gnu::always_inline]] inline std::size_t BinIndex(std::uint64_t value) noexcept {
  constexpr const tmodel::FeatureTable& table = kTables[I];
  std::size_t index = 0;
  for (std::size_t i = 1; i < table.size; ++i) index += value >= table.bins[i].min;
  return index;
}

/// Calls sink(code, weight, value) for every known feature of one tier's tables, in table order.
template <const auto& kTables, std::size_t... I, typename Sink>
[[gnu::always_inline]] inline void EvaluateTables(const Account& a, const Premeasured& pre, Sink&& sink,
                                                  std::index_sequence<I...>) noexcept {
  (
      [&] {
        constexpr const tmodel::FeatureTable& table = kTables[I];
        std::uint64_t value = 0;
        if (Measure<table.feature>(a, pre, value)) {
          sink(FeatureCode(table.feature), table.bins[BinIndex<kTables, I>(value)].weight, value);
        }
      }(),
      ...);
}

/// The trained model of `tier` applied to `a`: sink(code, weight, value) per known feature in the
/// model's fixed order.
template <typename Sink>
[[gnu::always_inline]] inline void Evaluate(ModelTier tier, const Account& a, const Premeasured& pre,
                                            Sink&& sink) noexcept {
  if (tier == ModelTier::kProfile) {
    EvaluateTables<tmodel::kProfileFeatures>(
        a, pre, sink, std::make_index_sequence<std::size(tmodel::kProfileFeatures)>{});
  } else {
    EvaluateTables<tmodel::kListFeatures>(a, pre, sink,
                                          std::make_index_sequence<std::size(tmodel::kListFeatures)>{});
  }
}

/// The tier's trained bias.
inline double Bias(ModelTier tier) noexcept {
  return tier == ModelTier::kProfile ? tmodel::kProfileBias : tmodel::kListBias;
}

}  // namespace swarmlens::trained_eval
