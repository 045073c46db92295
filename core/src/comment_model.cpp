// Harassment model scoring (see comment_model.h). The feature extraction mirrors bucket_ids()
// and featurize() in scripts/train_comment_model.py byte for byte: change both together, and
// the golden file (tests/data/comment_model/golden.tsv) will tell if they drift apart.
#include "swarmlens/comment_model.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "comment_model_weights.h"
#include "swarmlens/text_normalize.h"
#include "swarmlens/threats.h"

namespace swarmlens {

const double kHarassmentThreshold = comment_model::kThreshold;
const double kViolenceModelThreshold = comment_model::kViolenceThreshold;

namespace {

constexpr std::uint32_t kFnvOffset = 0x811C9DC5u;
constexpr std::uint32_t kFnvPrime = 0x01000193u;
constexpr std::uint32_t kBuckets = 1u << comment_model::kBucketBits;
constexpr int kShift = 32 - comment_model::kBucketBits;
constexpr unsigned char kWordBigramPrefix = 0x01;  // keeps word bigrams apart from char n-grams

// Two heads share the features: kWeights[2 * bucket] is the harassment head's weight,
// kWeights[2 * bucket + 1] the violent-speech head's (one cache line serves both).
static_assert(sizeof(comment_model::kWeights) == 2 * kBuckets, "weight table size must match kBucketBits");

inline std::uint32_t FnvStep(std::uint32_t h, unsigned char b) { return (h ^ b) * kFnvPrime; }

}  // namespace

const char* HarassmentModelName() noexcept { return comment_model::kModelName; }

namespace {

// Weight sums of both heads.
struct Dots {
  std::int64_t harassment = 0;
  std::int64_t violence = 0;
};

// A word of the normalised text [begin, end) and the harassment weight sum of its features (word
// bigrams count half for each of their two words).
struct WordSum {
  std::size_t begin;
  std::size_t end;
  double dot;
};

// Sums both heads' weights of every feature occurrence of `normalized`; per word too (harassment
// head) when `words` is set.
//
// The features of a word w are the character n-grams (n <= kMaxNgram) of " w " and the bigram
// "previous word" + " " + "w". Normalised text is words joined by single spaces, so neighbours
// share their space: one pass, no per-word copies. The n-grams are hashed as a sliding window:
// lane d holds the FNV-1a of the last d + 1 characters, so each character's bytes update all
// lanes at once (independent multiply chains) instead of restarting a hash per n-gram; the word
// bigram's hash runs alongside (from the previous word's own hash) for the same reason. The
// model uses raw counts over sqrt(total), so every occurrence just adds its weight (an integer
// sum, exact in any order). A "character" is a lead byte and the continuation bytes after it,
// as Python's UTF-8 code points are for the valid UTF-8 that NormalizeText writes.
void Accumulate(std::string_view normalized, Dots* dot_out, std::int64_t* occurrences_out,
                std::vector<WordSum>* words) {
  *dot_out = {};
  *occurrences_out = 0;
  if (normalized.empty()) return;
  const auto* bytes = reinterpret_cast<const unsigned char*>(normalized.data());
  const std::size_t n = normalized.size();
  const auto* weights = comment_model::kWeights;
  const auto continuation_end = [&](std::size_t i) {
    while (i < n && (bytes[i] & 0xC0) == 0x80) ++i;
    return i;
  };
  constexpr int kLanes = comment_model::kMaxNgram;
  std::uint32_t lane[kLanes] = {};
  int valid = 0;  // lanes holding an n-gram that starts inside the current " w "
  // Bigram prefix + this word's bytes so far, and the same after the previous word + ' '.
  std::uint32_t word_hash = FnvStep(kFnvOffset, kWordBigramPrefix);
  std::uint32_t bigram_hash = 0;
  std::int64_t dot = 0;
  std::int64_t violence = 0;
  std::int64_t occurrences = 0;
  // Adds the n-grams ending with the character of bytes [from, to), after a ' ' when `space`;
  // the bytes are the word's own (not its closing space's) when `in_word`.
  const auto add_char = [&](bool space, std::size_t from, std::size_t to, bool in_word) {
    for (int d = kLanes - 1; d > 0; --d) lane[d] = lane[d - 1];
    lane[0] = kFnvOffset;
    if (space) {
      for (std::uint32_t& h : lane) h = FnvStep(h, ' ');
    }
    for (std::size_t b = from; b < to; ++b) {
      for (std::uint32_t& h : lane) h = FnvStep(h, bytes[b]);
      if (in_word) {
        word_hash = FnvStep(word_hash, bytes[b]);
        bigram_hash = FnvStep(bigram_hash, bytes[b]);
      }
    }
    if (valid < kLanes) ++valid;
    int sum = 0;  // all lanes are looked up (no branch); stale ones count zero
    int sum_violence = 0;
    for (int d = 0; d < kLanes; ++d) {
      const std::int8_t* w = weights + 2 * (lane[d] >> kShift);
      sum += d < valid ? w[0] : 0;
      sum_violence += d < valid ? w[1] : 0;
    }
    dot += sum;
    violence += sum_violence;
    occurrences += valid;
  };
  bool after_word = false;  // a previous word exists (so a word bigram does)
  std::size_t begin = 0;    // first byte of this word (after its opening space)
  std::size_t open_end = continuation_end(0);  // end of the opening space's character
  while (true) {
    const std::int64_t dot_before = dot;
    valid = 0;
    // Word bigram: "previous word" + " " + "this word", hashed as add_char reads the word.
    bigram_hash = FnvStep(word_hash, ' ');
    word_hash = FnvStep(kFnvOffset, kWordBigramPrefix);
    add_char(true, begin, open_end, true);
    std::size_t i = open_end;
    while (i < n && bytes[i] != ' ') {
      const std::size_t next = continuation_end(i + 1);
      add_char(false, i, next, true);
      i = next;
    }
    // The closing space: a real one at i, or the virtual one after the text.
    const std::size_t close_end = i < n ? continuation_end(i + 1) : n;
    add_char(true, i < n ? i + 1 : n, close_end, false);
    std::int64_t bigram = 0;
    if (after_word) {
      const std::int8_t* w = weights + 2 * (bigram_hash >> kShift);
      bigram = w[0];
      dot += bigram;
      violence += w[1];
      ++occurrences;
    }
    if (words != nullptr) {
      if (!words->empty()) words->back().dot += 0.5 * static_cast<double>(bigram);
      words->push_back({begin, i, static_cast<double>(dot - dot_before - bigram) + 0.5 * static_cast<double>(bigram)});
    }
    if (i == n) break;
    after_word = true;
    begin = i + 1;
    open_end = close_end;
  }
  dot_out->harassment = dot;
  dot_out->violence = violence;
  *occurrences_out = occurrences;
}

double Norm(std::int64_t occurrences) {
  return occurrences > 0 ? std::sqrt(static_cast<double>(occurrences)) : 1.0;
}

// Length of the UTF-8 sequence that starts with `lead` (1 for a byte that starts none).
std::size_t SequenceLength(unsigned char lead) {
  return lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xC2 && lead <= 0xDF ? 2 : 1;
}

}  // namespace

CommentModelLogits ScoreNormalizedCommentModels(std::string_view normalized) {
  Dots dot;
  std::int64_t occurrences = 0;
  Accumulate(normalized, &dot, &occurrences, nullptr);
  const double norm = Norm(occurrences);
  return {comment_model::kBias + comment_model::kScale * static_cast<double>(dot.harassment) / norm,
          comment_model::kViolenceBias + comment_model::kViolenceScale * static_cast<double>(dot.violence) / norm};
}

namespace {

HarassmentResult HarassmentFromLogit(double logit) {
  HarassmentResult result;
  result.logit = logit;
  result.score = 1.0 / (1.0 + std::exp(-result.logit));
  result.model_score = result.score;
  result.flagged = result.score >= kHarassmentThreshold;
  return result;
}

}  // namespace

HarassmentResult ScoreNormalizedHarassment(std::string_view normalized) {
  return HarassmentFromLogit(ScoreNormalizedCommentModels(normalized).harassment);
}

std::vector<HarassmentEvidence> ExplainHarassment(std::string_view text, std::size_t max_words) {
  std::vector<std::size_t> map;
  const std::string normalized = NormalizeTextWithMap(text, &map);
  std::vector<WordSum> words;
  Dots dot;
  std::int64_t occurrences = 0;
  Accumulate(normalized, &dot, &occurrences, &words);
  const double per_unit = comment_model::kScale / Norm(occurrences);
  std::vector<HarassmentEvidence> out;
  for (const WordSum& w : words) {
    if (w.dot <= 0.0 || w.end <= w.begin) continue;
    // The word's last output byte comes from the input character at map[end - 1]; the span ends
    // after that character (never past where the next output byte comes from).
    const std::size_t last = map[w.end - 1];
    std::size_t end = last + SequenceLength(static_cast<unsigned char>(text[last]));
    if (end > map[w.end]) end = map[w.end];
    if (end <= last) end = last + 1;
    out.push_back({{map[w.begin], end}, w.dot * per_unit});
  }
  std::stable_sort(out.begin(), out.end(), [](const HarassmentEvidence& a, const HarassmentEvidence& b) {
    return a.contribution > b.contribution;
  });
  if (out.size() > max_words) out.resize(max_words);
  return out;
}

HarassmentResult ScoreHarassment(std::string_view text) { return ScoreNormalizedHarassment(NormalizeText(text)); }

HarassmentResult AddInsults(HarassmentResult result, ThreatResult insults) {
  if (insults.matches.empty()) return result;
  // DetectInsults' score is a logistic of a log-odds sum: recover it to compare with the model.
  const double p = std::clamp(insults.score, 1e-12, 1.0 - 1e-12);
  const double lexicon_logit = std::log(p / (1.0 - p));
  if (lexicon_logit > result.logit) {
    result.logit = lexicon_logit;
    result.score = insults.score;
  }
  result.flagged = result.flagged || insults.score >= kThreatMediumScore;
  result.insults = std::move(insults.matches);
  return result;
}

double ViolenceModelScore(double logit) noexcept { return 1.0 / (1.0 + std::exp(-logit)); }

ThreatResult CombineThreat(ThreatResult lexicon, double model_logit) {
  ThreatResult out = std::move(lexicon);
  out.lexicon_score = out.score;
  const double m = ViolenceModelScore(model_logit);
  out.model_score = m;
  // The model's probability, mapped so that its medium threshold t lands on kThreatMediumScore
  // and the model alone stays below kThreatHighScore: below t linearly onto [0, 0.5), above t
  // onto [0.5, kModelCeiling]. A lexicon match keeps its own score; when the lexicon and the
  // model both reach medium, the comment is high (two independent readings agree).
  constexpr double kModelCeiling = 0.79;
  const double t = kViolenceModelThreshold;
  const double mapped = m < t ? kThreatMediumScore * m / t
                              : kThreatMediumScore + (kModelCeiling - kThreatMediumScore) * (m - t) / (1.0 - t);
  double score = std::max(out.lexicon_score, mapped);
  if (out.lexicon_score >= kThreatMediumScore && m >= t) {
    score = std::max(score, kThreatHighScore + (1.0 - kThreatHighScore) * 0.5 * (mapped - kThreatMediumScore) /
                                                   (kModelCeiling - kThreatMediumScore));
  }
  out.score = score;
  return out;
}

CommentTextAnalysis AnalyzeCommentText(std::string_view text, std::string_view normalized) {
  ThreatResult threats, insults, slogans;
  DetectThreatsAndInsults(text, normalized, &threats, &insults, &slogans);
  CommentModelLogits logits;
  if (slogans.matches.empty()) {
    logits = ScoreNormalizedCommentModels(normalized);
  } else {
    // Blank the slogans (spans are whole characters of `text`) and let both heads read the rest:
    // "زن زندگی آزادی، مرگ بر دیکتاتور" supports the account holder; "مرگ بر دیکتاتور، جنده" is
    // still flagged.
    std::string rest(text);
    for (const ThreatMatch& m : slogans.matches) {
      for (std::size_t i = m.span.begin; i < m.span.end && i < rest.size(); ++i) rest[i] = ' ';
    }
    logits = ScoreNormalizedCommentModels(NormalizeText(rest));
  }
  CommentTextAnalysis out;
  out.threat = CombineThreat(std::move(threats), logits.threat);
  out.harassment = AddInsults(HarassmentFromLogit(logits.harassment), std::move(insults));
  out.harassment.slogans = std::move(slogans.matches);
  return out;
}

CommentTextAnalysis AnalyzeCommentText(std::string_view text) { return AnalyzeCommentText(text, NormalizeText(text)); }

HarassmentResult ScoreCommentHarassment(std::string_view text, std::string_view normalized) {
  return AnalyzeCommentText(text, normalized).harassment;
}

}  // namespace swarmlens
