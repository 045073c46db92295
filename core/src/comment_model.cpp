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

namespace {

constexpr std::uint32_t kFnvOffset = 0x811C9DC5u;
constexpr std::uint32_t kFnvPrime = 0x01000193u;
constexpr std::uint32_t kBuckets = 1u << comment_model::kBucketBits;
constexpr int kShift = 32 - comment_model::kBucketBits;
constexpr unsigned char kWordBigramPrefix = 0x01;  // keeps word bigrams apart from char n-grams

static_assert(sizeof(comment_model::kWeights) == kBuckets, "weight table size must match kBucketBits");

inline std::uint32_t FnvStep(std::uint32_t h, unsigned char b) { return (h ^ b) * kFnvPrime; }

}  // namespace

const char* HarassmentModelName() noexcept { return comment_model::kModelName; }

namespace {

// A word of the normalised text [begin, end) and the weight sum of its features (word bigrams
// count half for each of their two words).
struct WordSum {
  std::size_t begin;
  std::size_t end;
  double dot;
};

// Sums the weights of every feature occurrence of `normalized`; per word too when `words` is set.
void Accumulate(std::string_view normalized, std::int64_t* dot_out, std::int64_t* occurrences_out,
                std::vector<WordSum>* words) {
  // Normalised text is words joined by single spaces, so " " + text + " " holds every padded
  // word " w " as a substring (neighbours share their space): one pass, no per-word copies.
  // The model uses raw counts over sqrt(total), so the sum needs no per-bucket counting: every
  // occurrence adds its weight (an integer sum, exact in any order).
  thread_local std::string buf;
  thread_local std::vector<std::uint32_t> starts;  // byte offset of each code point of buf
  buf.assign(1, ' ');
  buf.append(normalized);
  buf.push_back(' ');
  starts.clear();
  for (std::size_t i = 0; i < buf.size(); ++i) {
    if ((static_cast<unsigned char>(buf[i]) & 0xC0) != 0x80) starts.push_back(static_cast<std::uint32_t>(i));
  }
  const std::size_t chars = starts.size();
  starts.push_back(static_cast<std::uint32_t>(buf.size()));
  const auto* weights = comment_model::kWeights;
  std::int64_t dot = 0;
  std::int64_t occurrences = 0;
  std::size_t prev_word = chars;  // char index of the space before the previous word, if any
  // `first` is the char index of the space that opens a word; `last` the one that closes it.
  for (std::size_t first = 0; !normalized.empty() && first + 1 < chars;) {
    std::size_t last = first + 1;
    while (buf[starts[last]] != ' ') ++last;
    const std::int64_t dot_before = dot;
    for (std::size_t i = first; i <= last; ++i) {
      std::uint32_t h = kFnvOffset;
      const std::size_t end = i + comment_model::kMaxNgram - 1 < last ? i + comment_model::kMaxNgram - 1 : last;
      for (std::size_t k = i; k <= end; ++k) {
        for (std::uint32_t b = starts[k]; b < starts[k + 1]; ++b) h = FnvStep(h, static_cast<unsigned char>(buf[b]));
        dot += weights[h >> kShift];
        ++occurrences;
      }
    }
    std::int64_t bigram = 0;
    if (prev_word != chars) {
      // Word bigram: "previous word" + " " + "this word", contiguous in buf.
      std::uint32_t h = FnvStep(kFnvOffset, kWordBigramPrefix);
      for (std::uint32_t b = starts[prev_word] + 1; b < starts[last]; ++b) h = FnvStep(h, static_cast<unsigned char>(buf[b]));
      bigram = weights[h >> kShift];
      dot += bigram;
      ++occurrences;
    }
    if (words != nullptr) {
      if (!words->empty()) words->back().dot += 0.5 * static_cast<double>(bigram);
      words->push_back({starts[first], starts[last] - 1u,
                        static_cast<double>(dot - dot_before - bigram) + 0.5 * static_cast<double>(bigram)});
    }
    prev_word = first;
    first = last;
  }
  *dot_out = dot;
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

HarassmentResult ScoreNormalizedHarassment(std::string_view normalized) {
  std::int64_t dot = 0;
  std::int64_t occurrences = 0;
  Accumulate(normalized, &dot, &occurrences, nullptr);
  HarassmentResult result;
  result.logit = comment_model::kBias + comment_model::kScale * static_cast<double>(dot) / Norm(occurrences);
  result.score = 1.0 / (1.0 + std::exp(-result.logit));
  result.model_score = result.score;
  result.flagged = result.score >= kHarassmentThreshold;
  return result;
}

std::vector<HarassmentEvidence> ExplainHarassment(std::string_view text, std::size_t max_words) {
  std::vector<std::size_t> map;
  const std::string normalized = NormalizeTextWithMap(text, &map);
  std::vector<WordSum> words;
  std::int64_t dot = 0;
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

HarassmentResult ScoreCommentHarassment(std::string_view text, std::string_view normalized) {
  return AddInsults(ScoreNormalizedHarassment(normalized), DetectInsults(text, normalized));
}

}  // namespace swarmlens
