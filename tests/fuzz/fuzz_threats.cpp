// libFuzzer target for the threat and insult matchers: DetectThreats and DetectInsults on
// arbitrary bytes must never crash, keep every span inside the input, keep the score in [0,1]
// (0 exactly without matches), and give the same result through the pre-normalised entry points
// and the one-pass DetectThreatsAndInsults. Run with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "swarmlens/text_normalize.h"
#include "swarmlens/threats.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckResult(const swarmlens::ThreatResult& r, std::size_t size) {
  Check(r.score >= 0.0 && r.score <= 1.0);
  Check(r.matches.empty() == (r.score == 0.0));
  for (const swarmlens::ThreatMatch& m : r.matches) {
    Check(m.span.begin < m.span.end && m.span.end <= size);
    Check(!m.category.empty() && !m.gloss.empty() && m.weight > 0);
  }
}

bool Same(const swarmlens::ThreatResult& a, const swarmlens::ThreatResult& b) {
  if (a.score != b.score || a.matches.size() != b.matches.size()) return false;
  for (std::size_t i = 0; i < a.matches.size(); ++i) {
    if (a.matches[i].gloss != b.matches[i].gloss || a.matches[i].span.begin != b.matches[i].span.begin ||
        a.matches[i].span.end != b.matches[i].span.end)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string norm = swarmlens::NormalizeText(text);
  const swarmlens::ThreatResult r = swarmlens::DetectThreats(text);
  CheckResult(r, size);
  Check(Same(swarmlens::DetectThreats(text, norm), r));
  const swarmlens::ThreatResult insults = swarmlens::DetectInsults(text, norm);
  CheckResult(insults, size);
  swarmlens::ThreatResult both_threats, both_insults, slogans;
  swarmlens::DetectThreatsAndInsults(text, norm, &both_threats, &both_insults, &slogans);
  Check(Same(both_threats, r) && Same(both_insults, insults));
  for (const swarmlens::ThreatMatch& m : slogans.matches) Check(m.span.begin < m.span.end && m.span.end <= size);
  return 0;
}
