// Harassment / offensive-language model for comments: a hashed character n-gram linear model
// trained by scripts/train_comment_model.py on Persian Instagram comments (ParsOffensive) and
// tweets (Pars-OFF), quantised to int8 and compiled into the core. See docs/comment-model-card.md
// for data, metrics and known failure modes (sarcasm, Finglish and English are not in the
// training data: ScoreCommentHarassment adds the insult lexicon for them).
//
//   const swarmlens::HarassmentResult r = swarmlens::ScoreHarassment(comment_text);
//   if (r.flagged) { /* show a harassment marker; r.score is in [0, 1] */ }
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "swarmlens/text_normalize.h"
#include "swarmlens/threats.h"

namespace swarmlens {

/// The model's verdict on one text.
struct HarassmentResult {
  double score = 0.0;    ///< sigmoid(logit), in [0, 1]; ~probability that the text is offensive.
  double logit = 0.0;    ///< Log-odds before the sigmoid (stable to compare and to sum).
  double model_score = 0.0;  ///< The model's own score (== score unless the insult lexicon raised it).
  bool flagged = false;  ///< score >= kHarassmentThreshold (or, from ScoreCommentHarassment, an insult).
  /// Insult lexicon matches, spans in the scored text (ScoreCommentHarassment only; empty from
  /// the model-only functions).
  std::vector<ThreatMatch> insults;
  /// Protest slogans against the state that were left out of the model's score (the model sees
  /// the comment without them; ScoreCommentHarassment only).
  std::vector<ThreatMatch> slogans;
};

/// Score at or above which ScoreHarassment flags a text: the threshold that maximised macro-F1 on
/// out-of-fold ParsOffensive predictions (precision / recall at it are in the model card).
extern const double kHarassmentThreshold;

/// Name of the compiled weight set (e.g. "parsoffensive-charwb-lr-1"), for reports.
const char* HarassmentModelName() noexcept;

/// Scores any UTF-8 text (invalid bytes allowed; see NormalizeText). Never fails; an empty text
/// gets the model's prior (a low score). Cost is linear in the text length.
HarassmentResult ScoreHarassment(std::string_view text);

/// Same as ScoreHarassment for text that is already the output of NormalizeText with default
/// options (lets a caller that normalises once for several analyses skip the second pass).
/// Precondition: `normalized` == NormalizeText(something).
HarassmentResult ScoreNormalizedHarassment(std::string_view normalized);

/// Harassment of one comment: the model and the insult lexicon (DetectInsults: English and
/// Finglish, which the Persian-trained model cannot read) together. logit = the larger of the
/// model's logit and the lexicon's; flagged when the model flags or the lexicon score reaches
/// kThreatMediumScore (one insult of weight >= 3). Precondition: `normalized ==
/// NormalizeText(text)`.
HarassmentResult ScoreCommentHarassment(std::string_view text, std::string_view normalized);

/// The combination ScoreCommentHarassment applies, for a caller that already has the model's
/// result and the insult matches (from DetectThreatsAndInsults).
HarassmentResult AddInsults(HarassmentResult model, ThreatResult insults);

/// Logits of the comment model's two heads for one normalised text. Both heads read the same
/// hashed character n-gram and word-bigram features (one pass): `harassment` is the
/// offensive-language head, `threat` the violent-speech head (threats, calls for violence, death
/// wishes; trained on PHate, the Gab Hate Corpus, Reddit misogyny, Jigsaw and project-written
/// phrasings: docs/comment-model-card.md).
struct CommentModelLogits {
  double harassment = 0.0;
  double threat = 0.0;
};

/// Both heads for text that is already NormalizeText output (precondition as
/// ScoreNormalizedHarassment). Never fails; linear in the text length.
CommentModelLogits ScoreNormalizedCommentModels(std::string_view normalized);

/// Violent-speech model probability at or above which a comment counts as a possible threat by
/// the model alone (chosen for about 1 % false alarms on clean comments out of fold).
extern const double kViolenceModelThreshold;

/// The violent-speech head's probability for its logit.
double ViolenceModelScore(double logit) noexcept;

/// The threat verdict of one comment from the threat lexicon's result and the violent-speech
/// model's logit. The lexicon's matches stay as the explanation; `lexicon_score` keeps the
/// lexicon's own score and `model_score` the model's probability. `score`: the larger of the
/// lexicon's score and the model's probability mapped so that kViolenceModelThreshold lands on
/// kThreatMediumScore and the model alone stays below kThreatHighScore; raised to at least
/// kThreatHighScore when both the lexicon and the model reach medium.
ThreatResult CombineThreat(ThreatResult lexicon, double model_logit);

/// Everything the text analysis says about one comment.
struct CommentTextAnalysis {
  ThreatResult threat;          ///< Threat lexicon + violent-speech model (CombineThreat).
  HarassmentResult harassment;  ///< Offensive-language model + insult lexicon, slogans left out.
};

/// Analyses one comment's text: the threat and insult lexicons and the protest slogans in one
/// pass (DetectThreatsAndInsults), then both model heads in one pass over the text with the
/// slogans blanked out ("زن زندگی آزادی، مرگ بر دیکتاتور" is support, not abuse or a threat).
/// Precondition: `normalized == NormalizeText(text)`. Never fails.
CommentTextAnalysis AnalyzeCommentText(std::string_view text, std::string_view normalized);
/// AnalyzeCommentText after normalising `text`.
CommentTextAnalysis AnalyzeCommentText(std::string_view text);

/// A word of the original text and how far it pushed the logit towards harassment.
struct HarassmentEvidence {
  TextSpan span;              ///< Byte offsets in the text given to ExplainHarassment.
  double contribution = 0.0;  ///< Logit contribution of the word's features (> 0).
};

/// Why a text scored high: the words (at most `max_words`) whose features added the most to the
/// logit, strongest first, as spans of the original text (for highlighting what the commenter
/// wrote). Words that lowered the score are not listed. Slower than ScoreHarassment (it keeps an
/// offset map); call it only for texts that are shown.
std::vector<HarassmentEvidence> ExplainHarassment(std::string_view text, std::size_t max_words = 3);

}  // namespace swarmlens
