// libFuzzer target for the threat matcher: DetectThreats on arbitrary bytes must never crash,
// keep every span inside the input, keep the score in [0,1] (0 exactly without matches), and
// give the same result through the pre-normalised entry point. Run with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "swarmlens/text_normalize.h"
#include "swarmlens/threats.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const swarmlens::ThreatResult r = swarmlens::DetectThreats(text);
  Check(r.score >= 0.0 && r.score <= 1.0);
  Check(r.matches.empty() == (r.score == 0.0));
  for (const swarmlens::ThreatMatch& m : r.matches) {
    Check(m.span.begin < m.span.end && m.span.end <= size);
    Check(!m.category.empty() && !m.gloss.empty() && m.weight > 0);
  }
  const swarmlens::ThreatResult again = swarmlens::DetectThreats(text, swarmlens::NormalizeText(text));
  Check(again.score == r.score && again.matches.size() == r.matches.size());
  return 0;
}
