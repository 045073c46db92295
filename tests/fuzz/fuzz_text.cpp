// libFuzzer target for comment text: NormalizeText / NormalizeTextWithMap under every option
// combination the first input byte selects, and the harassment scorer. Checks the contracts
// callers rely on: valid UTF-8 out, a monotone offset map that lands on input code points,
// idempotence of the default normalisation, a finite score in [0, 1], and evidence spans inside
// the input. Run with scripts/fuzz.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/comment_model.h"
#include "swarmlens/text_normalize.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

bool IsValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  swarmlens::NormalizeOptions options;
  options.fold_case = flags & 1;
  options.unify_persian = flags & 2;
  options.strip_diacritics = flags & 4;
  options.remove_zwnj = flags & 8;
  options.squeeze_repeats = flags & 16;
  options.fold_lookalikes = flags & 32;
  options.strip_invisible = flags & 64;
  options.collapse_space = flags & 128;

  std::vector<std::size_t> map;
  const std::string out = swarmlens::NormalizeTextWithMap(text, &map, options);
  Check(out == swarmlens::NormalizeText(text, options));
  Check(IsValidUtf8(out));
  Check(map.size() == out.size() + 1);
  Check(map.back() == text.size());
  for (std::size_t i = 0; i + 1 < map.size(); ++i) {
    Check(map[i] <= map[i + 1]);
    Check(map[i] < text.size());
  }

  // The default normalisation is a fixed point: normalising twice changes nothing, so text that
  // was normalised upstream (the threat lexicon, the campaign detector) meets the same features.
  const std::string once = swarmlens::NormalizeText(text);
  Check(swarmlens::NormalizeText(once) == once);

  const swarmlens::HarassmentResult r = swarmlens::ScoreHarassment(text);
  Check(std::isfinite(r.logit) && r.score >= 0.0 && r.score <= 1.0);
  Check(swarmlens::ScoreNormalizedHarassment(once).logit == r.logit);

  // The whole comment analysis: the combined threat score is a score, never below the lexicon's,
  // and every match span lies inside the text (the context rules read around the spans).
  const swarmlens::CommentTextAnalysis a = swarmlens::AnalyzeCommentText(text);
  Check(a.threat.score >= 0.0 && a.threat.score <= 1.0 && a.threat.score >= a.threat.lexicon_score);
  Check(a.threat.model_score >= 0.0 && a.threat.model_score <= 1.0);
  for (const swarmlens::ThreatMatch& m : a.threat.matches) Check(m.span.begin <= m.span.end && m.span.end <= text.size());
  Check(a.harassment.score >= 0.0 && a.harassment.score <= 1.0);

  // Evidence spans lie inside the input, are non-empty, positive and sorted.
  const auto evidence = swarmlens::ExplainHarassment(text, 5);
  Check(evidence.size() <= 5);
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    Check(evidence[i].span.begin < evidence[i].span.end && evidence[i].span.end <= text.size());
    Check(evidence[i].contribution > 0.0 && std::isfinite(evidence[i].contribution));
    Check(i == 0 || evidence[i - 1].contribution >= evidence[i].contribution);
  }
  return 0;
}
