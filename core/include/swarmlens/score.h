// The account score: an additive log-odds model over the fields a follower list carries.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/account.h"

namespace swarmlens {

/// Risk level shown on a badge.
enum class Level : std::uint8_t {
  kLow,     ///< Nothing or little points to automation.
  kMedium,  ///< Several weak signals; worth a look.
  kHigh,    ///< Strong evidence of a fake / swarm account.
};

/// "low", "medium", "high".
const char* LevelName(Level level) noexcept;

/// One contributing signal: which, how much (log-odds), and a short sentence for people.
struct Reason {
  std::string code;   ///< Stable snake_case identifier, e.g. "anonymous_avatar".
  double weight = 0;  ///< Log-odds contribution (positive = more bot-like).
  std::string text;   ///< Human sentence, may include the measured value ("username ends in 7 digits").
};

/// The scored result for one account.
struct Score {
  double score = 0;       ///< Probability-like value in [0, 1] (logistic of `logit`).
  double logit = 0;       ///< Bias plus the sum of reason weights.
  Level level = Level::kLow;
  std::vector<Reason> reasons;  ///< Every signal that contributed, strongest first.
};

/// Static description of a reason code, handed to JS so the extension never hard-codes them.
struct ReasonInfo {
  std::string_view code;
  std::string_view description;  ///< What the signal means, independent of the value.
};

/// All reason codes the model can emit.
std::span<const ReasonInfo> ReasonCatalog() noexcept;

/// Thresholds on `Score::score` for the levels.
struct LevelThresholds {
  double medium = 0.5;
  double high = 0.85;
};

/// Scores one account. Unknown fields contribute nothing. Deterministic and allocation-light.
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
};
UsernameShape AnalyzeUsername(std::string_view username) noexcept;

}  // namespace swarmlens
