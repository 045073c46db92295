// libFuzzer target for ParseFollowerPage: arbitrary bytes must give either an Error that points
// inside the input or a Page whose invariants hold. Run with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "swarmlens/ingest.h"

namespace {

// Aborts (a crash libFuzzer records, with the input) when an invariant does not hold.
void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  swarmlens::SourceInfo source;
  source.name = "fuzz";
  source.first_position = 7;
  // Odd sizes parse as a caller-named list, so both sighting rules of profile payloads run.
  if (size % 2 == 1) source.list = swarmlens::ListKind::kFollowing;
  // Mojibake repair sees attacker text too: let the sanitizers watch it on raw bytes.
  Check(swarmlens::RepairMojibake(text).size() <= size);
  const swarmlens::Result<swarmlens::Page> result = swarmlens::ParseFollowerPage(text, source);
  if (!result.ok()) {
    const swarmlens::Error& error = result.error();
    Check(error.offset <= size);
    Check(error.source == "fuzz");
    Check(!error.message.empty());
    return 0;
  }
  const swarmlens::Page& page = result.value();
  const bool profile = swarmlens::IsProfileShape(page.shape);
  // A profile page is one account, and it is in a list only when the caller said so.
  if (profile) Check(page.accounts.size() == 1 && !page.next_cursor && page.list == source.list);
  const std::size_t sightings = !profile || source.list != swarmlens::ListKind::kUnknown ? 1 : 0;
  // connections.json holds two lists: positions count within each, and each Sighting names its
  // list (the page's, when the page read only one).
  const bool connections = page.shape == swarmlens::PayloadShape::kDyiConnections;
  std::size_t in_list[3] = {0, 0, 0};
  for (std::size_t i = 0; i < page.accounts.size(); ++i) {
    const swarmlens::Account& account = page.accounts[i];
    Check(account.pk.has_value() || !account.username.empty());
    Check(account.sightings.size() == sightings);
    if (sightings == 0) continue;
    const swarmlens::Sighting& s = account.sightings[0];
    if (connections) {
      Check(s.list == swarmlens::ListKind::kFollowers || s.list == swarmlens::ListKind::kFollowing);
      Check(page.list == swarmlens::ListKind::kUnknown || s.list == page.list);
      Check(source.list == swarmlens::ListKind::kUnknown || s.list == source.list);
      Check(s.position == source.first_position + in_list[static_cast<int>(s.list)]++);
      continue;
    }
    Check(s.position == source.first_position + i);
    Check(s.list == page.list);
  }
  // A page parsed once parses the same way again (the reused buffers carry no state).
  const swarmlens::Result<swarmlens::Page> again = swarmlens::ParseFollowerPage(text, source);
  Check(again.ok() && again.value().accounts.size() == page.accounts.size() && again.value().shape == page.shape);
  return 0;
}
