// libFuzzer target for the case file: Engine::Load on arbitrary bytes must refuse them with an
// Error pointing inside the input, leaving the engine empty, or load a state the engine can
// answer from (ranking, clusters, comments) and that saves to bytes which load again and save
// to the same bytes. An input whose first byte is odd is framed with a valid header and checksum
// first, so most inputs reach the section readers instead of stopping at the checksum.
// Run with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "case/snapshot.h"
#include "swarmlens/engine.h"

namespace {
void Check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> input;
  if (size > 0 && (data[0] & 1) != 0) {
    input = swarmlens::FrameSnapshot(std::span<const std::uint8_t>(data + 1, size - 1));
  } else {
    input.assign(data, data + size);
  }
  swarmlens::Engine engine;
  auto loaded = engine.Load(input, "fuzz");
  if (!loaded.ok()) {
    Check(loaded.error().offset <= input.size());
    Check(loaded.error().source == "fuzz");
    Check(!loaded.error().message.empty());
    Check(engine.size() == 0 && engine.comment_count() == 0);
    return 0;
  }
  Check(loaded.value().accounts == engine.size());
  (void)engine.Ranked();
  (void)engine.Clusters(false);
  (void)engine.Clusters(true);
  (void)engine.Comments();
  (void)engine.Campaigns();
  const std::vector<std::uint8_t> saved = engine.Save();
  swarmlens::Engine again;
  Check(again.Load(saved).ok());
  Check(again.Save() == saved);
  return 0;
}
