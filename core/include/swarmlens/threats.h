// Threat detection in comments: a curated lexicon of threat patterns (Persian in Perso-Arabic
// script, Finglish, English) matched over normalised tokens. The lexicon is written by the
// project and documented in docs/threat-lexicon.md (categories, weights, known false positives).
//
// Example:
//
//   swarmlens::ThreatResult r = swarmlens::DetectThreats(comment_text);
//   if (swarmlens::ThreatLevelOf(r.score) == swarmlens::ThreatLevel::kHigh)
//     for (const auto& m : r.matches)
//       std::printf("%.*s: %.*s (bytes %zu-%zu)\n", int(m.category.size()), m.category.data(),
//                   int(m.gloss.size()), m.gloss.data(), m.span.begin, m.span.end);
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "swarmlens/text_normalize.h"

namespace swarmlens {

/// One lexicon entry that matched. The string views point into the compiled-in lexicon (static
/// storage), never into the input text.
struct ThreatMatch {
  std::string_view category;  ///< "death", "family", "sexual", "doxxing", "execution", "incitement".
  std::string_view gloss;     ///< Short English reason text, e.g. "we will kill you".
  double weight = 0;          ///< Severity on a log-odds scale (see docs/threat-lexicon.md).
  TextSpan span;              ///< Byte span of the ORIGINAL text the pattern matched.
};

/// All matches of one text and their combined score.
struct ThreatResult {
  /// Threat probability-like score in [0,1]: 0 exactly when nothing matched; otherwise
  /// sigmoid(kThreatBias + strongest weight per category + 0.3 * the remaining weights).
  double score = 0;
  /// Matches in text order (a negative pattern, e.g. an idiom, removes the matches it overlaps).
  std::vector<ThreatMatch> matches;
  /// The lexicon's own score (== score from the Detect functions; CombineThreat in
  /// comment_model.h keeps it here when it adds the violent-speech model).
  double lexicon_score = 0;
  /// The violent-speech model's probability (CombineThreat only; 0 from the Detect functions).
  double model_score = 0;
};

/// Bias of the score's logistic: a single entry of weight w alone scores sigmoid(w + kThreatBias).
inline constexpr double kThreatBias = -3.0;
/// Score at and above which a comment is shown as a threat (one explicit threat, weight >= 4.4).
inline constexpr double kThreatHighScore = 0.8;
/// Score at and above which a comment is shown as a possible threat (weight >= 3).
inline constexpr double kThreatMediumScore = 0.5;

/// Coarse level of a threat score, for badges.
enum class ThreatLevel {
  kNone,    ///< No threat pattern matched, or only weak ones (score < kThreatMediumScore).
  kMedium,  ///< Possible threat: ambiguous wording or a call to violence in the third person.
  kHigh,    ///< Explicit threat (score >= kThreatHighScore).
};

/// Level of a DetectThreats score.
ThreatLevel ThreatLevelOf(double score) noexcept;
/// Stable lower-case level name: "none", "medium", "high".
const char* ThreatLevelName(ThreatLevel level) noexcept;

/// Finds threat patterns in UTF-8 text (any length; invalid UTF-8 is tolerated). The text is
/// normalised with NormalizeText (case, yeh/kaf, ZWNJ, elongation, look-alikes) and matched on
/// word boundaries; spans are reported in the original text. The lexicon is compiled on first
/// use (thread-safe static initialisation). Never fails.
ThreatResult DetectThreats(std::string_view text);

/// DetectThreats for a caller that already normalised the text (the comment scorer normalises
/// once for the threat lexicon, the harassment model and the near-duplicate detector).
/// Precondition: `normalized == NormalizeText(text)` with default options; spans still refer to
/// `text`. Same result as DetectThreats(text).
ThreatResult DetectThreats(std::string_view text, std::string_view normalized);

/// Insults and slurs in Latin script (English and Finglish): the same matcher and score over the
/// insult lexicon (core/src/insult_lexicon.h; categories "gendered", "obscene", "insult",
/// "smear", "silencing"). It complements the harassment model, which is trained on Persian script
/// only (see ScoreCommentHarassment in comment_model.h). Never fails.
ThreatResult DetectInsults(std::string_view text);
/// DetectInsults for already normalised text (same precondition as DetectThreats).
ThreatResult DetectInsults(std::string_view text, std::string_view normalized);

/// Both lexicons in one pass over the tokens (what the comment scorer uses): the same results as
/// DetectThreats and DetectInsults on the same text, at about the cost of one of them. With
/// `slogans`, also the protest slogans against the state ("مرگ بر دیکتاتور", "death to the
/// dictator"; category "slogan", weight 0) that ScoreCommentHarassment keeps out of the
/// harassment model: a slogan is not harassment of the account it is posted under.
void DetectThreatsAndInsults(std::string_view text, std::string_view normalized, ThreatResult* threats,
                             ThreatResult* insults, ThreatResult* slogans = nullptr);

/// Size of the compiled lexicon, for documentation and tests.
struct ThreatLexiconStats {
  std::size_t entries = 0;            ///< Source entries (patterns with alternatives).
  std::size_t negative_entries = 0;   ///< Idiom / negative patterns among them.
  std::size_t expanded_terms = 0;     ///< Distinct token forms after expanding alternatives.
  std::size_t unmatchable_forms = 0;  ///< Forms that normalise to no word or to several (lexicon bugs; 0).
};
/// Statistics of the compiled lexicon.
ThreatLexiconStats GetThreatLexiconStats();
/// Statistics of the compiled insult lexicon.
ThreatLexiconStats GetInsultLexiconStats();

}  // namespace swarmlens
