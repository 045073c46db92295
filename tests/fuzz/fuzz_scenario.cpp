// libFuzzer target for the other text parsers: scenario files (ParseScenario, then a small
// Simulate whose pages must parse back), and picture hashes in hex (PerceptualHashFromHex, as
// read from --avatar-hashes). Run with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "swarmlens/image_hash.h"
#include "swarmlens/ingest.h"
#include "swarmlens/simulate.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  // Hex hashes: anything but 64 hex digits is rejected; what is accepted round-trips.
  if (auto hash = swarmlens::PerceptualHashFromHex(text, 60)) {
    Check(text.size() == 64);
    Check(swarmlens::PerceptualHashFromHex(swarmlens::PerceptualHashToHex(*hash), 60) == hash);
  }

  auto scenario = swarmlens::ParseScenario(text, "fuzz.scenario");
  if (!scenario.ok()) {
    Check(!scenario.error().message.empty());
    return 0;
  }
  swarmlens::Scenario sc = scenario.value();
  // Keep each run small: the fuzzer explores the parser, not the simulator's memory.
  if (static_cast<std::uint64_t>(sc.organic_count) + sc.swarm_count > 400) return 0;
  auto list = swarmlens::Simulate(sc, 1);
  if (!list.ok()) return 0;
  std::uint32_t accounts = 0;
  for (const std::string& page : list.value().pages) {
    auto parsed = swarmlens::ParseFollowerPage(page, {.name = "simulated"});
    Check(parsed.ok());
    accounts += static_cast<std::uint32_t>(parsed.value().accounts.size());
  }
  Check(accounts == list.value().labels.size());
  return 0;
}
