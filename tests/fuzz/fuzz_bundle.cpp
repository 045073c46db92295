// libFuzzer target for the zip reader and the case bundle (ReadZip, OpenCaseBundle): arbitrary
// bytes must be refused with an Error pointing inside the input and the engine left as it was,
// or read to entries that write and read back the same. An input whose first byte is odd is
// first made into a well-formed zip (pieces split at 0x00 bytes become case.json, case.swlcase,
// payloads named by their SHA-256..., with a matching SHA256SUMS when bit 1 is set), so most
// inputs reach the manifest, payload and case-file checks instead of stopping at the zip layer.
// Run with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/case_bundle.h"
#include "swarmlens/sha256.h"
#include "swarmlens/zip.h"

namespace {
void Check(bool ok) {
  if (!ok) std::abort();
}

std::string WellFormed(std::string_view rest, bool with_manifest) {
  std::vector<std::string> names, contents;
  std::size_t start = 0;
  while (start <= rest.size() && names.size() < 8) {
    std::size_t end = rest.find('\0', start);
    if (end == std::string_view::npos) end = rest.size();
    const std::string piece(rest.substr(start, end - start));
    start = end + 1;
    switch (names.size()) {
      case 0: names.emplace_back("case.swlcase"); break;
      case 1: names.emplace_back("case.json"); break;
      case 2: names.emplace_back("payloads/" + swarmlens::Sha256Hex(swarmlens::Sha256Of(piece))); break;
      case 3: names.emplace_back("payloads/" + std::string(64, 'a')); break;
      default: names.emplace_back("extra/" + std::to_string(names.size())); break;
    }
    contents.push_back(piece);
  }
  if (with_manifest) {
    std::string manifest;
    for (std::size_t i = 0; i < names.size(); ++i)
      manifest += swarmlens::Sha256Hex(swarmlens::Sha256Of(contents[i])) + "  " + names[i] + "\n";
    names.emplace_back("SHA256SUMS");
    contents.push_back(manifest);
  }
  std::vector<swarmlens::ZipEntry> entries;
  for (std::size_t i = 0; i < names.size(); ++i) entries.push_back({names[i], contents[i]});
  auto zip = swarmlens::WriteZip(entries, 1767323046);
  Check(zip.ok());
  return zip.value();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  std::string input;
  if (size > 0 && (data[0] & 1) != 0) input = WellFormed(raw.substr(1), (data[0] & 2) != 0);
  else input.assign(raw);

  auto entries = swarmlens::ReadZip(input, "fuzz");
  if (!entries.ok()) {
    Check(entries.error().offset <= input.size());
    Check(entries.error().source == "fuzz" && !entries.error().message.empty());
  } else {
    std::vector<swarmlens::ZipEntry> again;
    for (const auto& e : entries.value()) {
      Check(e.content.data() >= input.data() && e.content.data() + e.content.size() <= input.data() + input.size());
      Check(swarmlens::IsSafeZipName(e.name));
      again.push_back({e.name, e.content});
    }
    auto rewritten = swarmlens::WriteZip(again);
    Check(rewritten.ok());
    auto back = swarmlens::ReadZip(rewritten.value());
    Check(back.ok() && back.value().size() == again.size());
    for (std::size_t i = 0; i < again.size(); ++i)
      Check(back.value()[i].name == again[i].name && back.value()[i].content == again[i].content);
  }

  swarmlens::Engine engine;
  auto opened = swarmlens::OpenCaseBundle(input, "fuzz", engine);
  if (!opened.ok()) {
    Check(opened.error().source.rfind("fuzz", 0) == 0 && !opened.error().message.empty());
    Check(engine.size() == 0 && engine.comment_count() == 0);
    return 0;
  }
  // A bundle that opens answers, and its case.json is the report the case gives.
  (void)engine.Ranked();
  (void)engine.Clusters();
  Check(opened.value().files >= 2);
  return 0;
}
