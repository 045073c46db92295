// The account score: the trained two-tier model (account_model.h) plus documented hand-set priors
// for what the training data cannot teach, as one additive log-odds sum whose every term is a
// reason. See docs/scoring.md (how it is combined) and docs/model-card.md (data, metrics, limits).
//
//   swarmlens::Account a;
//   a.username = "user8815263094";
//   a.full_name = "";
//   a.anonymous_avatar = true;
//   const swarmlens::Score s = swarmlens::ScoreAccount(a);
//   // s.tier == ModelTier::kList, s.level == Level::kHigh,
//   // s.logit == s.bias + the weights of s.reasons (anonymous_avatar, username_digits, ...).
//   for (const swarmlens::Reason& r : s.reasons)
//     std::printf("%s %+.2f %s\n", std::string(r.code).c_str(), r.weight,
//                 swarmlens::ReasonText(r).c_str());
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/account.h"
#include "swarmlens/account_model.h"

namespace swarmlens {

/// Risk level shown on a badge.
enum class Level : std::uint8_t {
  kLow,     ///< Nothing or little points to automation.
  kMedium,  ///< Several weak signals; worth a look.
  kHigh,    ///< Strong evidence of a fake / swarm account.
};

/// "low", "medium", "high".
const char* LevelName(Level level) noexcept;

/// One contributing signal: which, how much (log-odds), and the measured value. Cheap to copy:
/// no strings are built while scoring; ReasonText() makes the sentence when one is shown.
struct Reason {
  std::string_view code;  ///< Stable snake_case identifier from ReasonCatalog() (static storage).
  double weight = 0;      ///< Log-odds contribution (positive = more bot-like).
  double value = 0;       ///< The measured value the weight was chosen by (a count, a length,
                          ///< 0/1 for flags, bits for word-likeness; see ReasonCatalog()).
};

/// The short sentence for people ("username ends in a run of 10 digits"), built from the code and
/// the measured value. An unknown code gives an empty string.
std::string ReasonText(const Reason& reason);

/// Appends ReasonText(reason) to `out` (no temporary string; what the serializers use).
void AppendReasonText(std::string& out, const Reason& reason);

/// Most reasons one account can have (9 trained features of the profile tier + 11 priors).
inline constexpr std::size_t kMaxReasons = 20;

/// A list-level (swarm) reason the Engine adds from the clusters an account belongs to
/// (list_signals.h). Its sentence depends on the cluster, so it carries its text.
struct ListReason {
  std::string_view code;  ///< "swarm_cohort", "swarm_shared_avatar", ... (SwarmReasonCatalog; static storage).
  double weight = 0;      ///< Log-odds added (positive), after the caps of CombineEvidence.
  std::string text;       ///< e.g. "one of 37 accounts of this list using the same profile picture".
};

/// The scored result for one account.
struct Score {
  double score = 0;  ///< Probability-like value in [0, 1] (logistic of `logit`).
  double logit = 0;  ///< `bias` plus the sum of reason weights.
  double bias = 0;   ///< The tier's trained bias: the log-odds of an account nothing is known about.
  Level level = Level::kLow;
  ModelTier tier = ModelTier::kList;  ///< Which evidence tier scored it (see SelectModelTier).
  std::vector<Reason> reasons;  ///< Every signal that contributed, strongest first (|weight|;
                                ///< ties keep catalog order). At most kMaxReasons, one allocation.
  /// Swarm evidence added by the Engine (always empty from ScoreAccount); included in `logit`,
  /// strongest first. Serializers merge both lists by |weight| into one "reasons" array.
  std::vector<ListReason> list_reasons;
};

/// Where a reason's weight comes from.
enum class ReasonSource : std::uint8_t {
  kTrained,  ///< Learned from InstaFake (trained_account_model.h); depends on the tier.
  kPrior,    ///< Hand-set prior (model_weights.h) for a signal InstaFake cannot train.
};

/// Static description of a reason code, handed to JS so the extension never hard-codes them.
struct ReasonInfo {
  std::string_view code;
  std::string_view description;  ///< What the signal means, independent of the value.
  ReasonSource source = ReasonSource::kPrior;
};

/// All reason codes the model can emit: the trained features first, then the priors.
std::span<const ReasonInfo> ReasonCatalog() noexcept;

/// Level thresholds per evidence tier. The defaults are the trained ones
/// (TrainedLevelThresholds), chosen for precision on cross-validation.
struct LevelThresholds {
  TierThresholds list = TrainedLevelThresholds(ModelTier::kList);
  TierThresholds profile = TrainedLevelThresholds(ModelTier::kProfile);

  /// The thresholds of `tier`.
  const TierThresholds& For(ModelTier tier) const noexcept {
    return tier == ModelTier::kProfile ? profile : list;
  }
};

/// The level of a score for a tier: the tier's thresholds, then the verified cap (a verified
/// account is never `high`). Used by ScoreAccount and again after the Engine adds swarm evidence.
Level LevelFor(double score, ModelTier tier, bool verified, const LevelThresholds& thresholds = {}) noexcept;

/// Scores one account: logit = trained bias + trained contributions of its tier + priors;
/// level from the tier's thresholds, except that a verified account is never `high` (capped at
/// medium). Unknown fields contribute nothing. Deterministic; one allocation (the reasons).
Score ScoreAccount(const Account& account, const LevelThresholds& thresholds = {});

/// Features of a username used by the model (exposed for tests and later models).
struct UsernameShape {
  std::uint32_t length = 0;         ///< In bytes (Instagram handles are ASCII).
  std::uint32_t digits = 0;
  std::uint32_t trailing_digits = 0;
  std::uint32_t letters = 0;
  std::uint32_t separators = 0;     ///< '.' and '_'.
  std::uint32_t letter_digit_switches = 0;  ///< Transitions letter<->digit.
  std::uint32_t max_repeat = 0;     ///< Longest run of one character.
  std::uint32_t word_letters = 0;    ///< Letters in runs of 2+ letters (what the bigram model scores).
  std::uint32_t letter_bigrams = 0;  ///< Bigrams of the letter runs of 2+ letters, run start and end included.
  std::int64_t bigram_llr = 0;       ///< Their summed log-likelihood ratio, in 1/8 bits.

  /// Mean bits per letter bigram (username_bigrams.h): > 0 reads like words and names, < 0 like
  /// random letters; 0 when there is no run of 2+ letters.
  double WordLikeness() const noexcept {
    return letter_bigrams == 0 ? 0.0 : static_cast<double>(bigram_llr) / (8.0 * letter_bigrams);
  }
};

/// One pass over the bytes, no allocation. ASCII letters are case-folded for the bigram model;
/// digits, separators and any other byte end a letter run.
UsernameShape AnalyzeUsername(std::string_view username) noexcept;

}  // namespace swarmlens
