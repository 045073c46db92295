// The case bundle (swarmlens/case_bundle.h): a store-only zip of case.json, the case file, the
// raw payloads and a SHA-256 manifest, and the reader that verifies all of it before loading.
#include "swarmlens/case_bundle.h"

#include <map>
#include <unordered_map>

#include "swarmlens/report.h"
#include "swarmlens/sha256.h"
#include "swarmlens/zip.h"

namespace swarmlens {
namespace {

constexpr std::string_view kCaseJson = "case.json";
constexpr std::string_view kCaseFile = "case.swlcase";
constexpr std::string_view kManifest = "SHA256SUMS";
constexpr std::string_view kPayloadDir = "payloads/";
// case.json always opens with these bytes, then its generated_at (case_report.cpp).
constexpr std::string_view kCaseJsonStart = "{\"kind\":\"swarmlens_case\",\"version\":1,\"generated_at\":";

std::string_view ReportFileNamed(const CaseReport& report, std::string_view name) {
  for (const ReportFile& f : report.files)
    if (f.name == name) return f.content;
  return {};
}

Error Refuse(std::string_view source, std::string message) {
  return Error{ErrorCode::kCorrupt, std::string(source), 0, std::move(message)};
}

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

void AppendHexList(std::string& out, const std::vector<std::string>& list) {
  out += '[';
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ",\"" : "\"") + list[i] + "\"";  // hex: no escaping
  out += ']';
}

}  // namespace

Result<CaseBundle> BuildCaseBundle(const Engine& engine, std::span<const std::string_view> payloads,
                                   const CaseReportOptions& options) {
  const CaseReport report = BuildCaseReport(engine, options);
  const std::vector<std::uint8_t> state = engine.Save();
  CaseBundle bundle;
  std::unordered_map<std::string, std::string_view> given;  // hex -> bytes
  for (const std::string_view p : payloads) given.emplace(Sha256Hex(Sha256Of(p)), p);
  std::vector<std::string> names;  // owns the entry names until WriteZip
  std::vector<std::string_view> contents;
  names.emplace_back(kCaseJson);
  contents.push_back(ReportFileNamed(report, kCaseJson));
  names.emplace_back(kCaseFile);
  contents.emplace_back(reinterpret_cast<const char*>(state.data()), state.size());
  for (const PayloadRecord& p : engine.Payloads()) {  // the log holds each digest once
    std::string hex = Sha256Hex(p.sha256);
    const auto it = given.find(hex);
    if (it == given.end()) {
      bundle.missing.push_back(std::move(hex));
      continue;
    }
    names.push_back(std::string(kPayloadDir) + hex);
    contents.push_back(it->second);
    given.erase(it);
    ++bundle.payloads_included;
  }
  bundle.ignored = given.size();
  std::string manifest;
  for (std::size_t i = 0; i < names.size(); ++i) manifest += Sha256Hex(Sha256Of(contents[i])) + "  " + names[i] + "\n";
  std::vector<ZipEntry> entries;
  for (std::size_t i = 0; i < names.size(); ++i) entries.push_back({names[i], contents[i]});
  entries.push_back({std::string(kManifest), manifest});
  Result<std::string> zip = WriteZip(entries, options.generated_at);
  if (!zip) return zip.error();
  bundle.zip = std::move(zip.value());
  return bundle;
}

Result<BundleInfo> OpenCaseBundle(std::string_view zip, std::string_view source, Engine& engine) {
  Result<std::vector<ZipEntryView>> read = ReadZip(zip, source);
  if (!read) return read.error();
  std::map<std::string, std::string_view> files;  // every entry but the manifest
  std::string_view manifest;
  bool has_manifest = false;
  for (const ZipEntryView& e : read.value()) {
    if (e.name == kManifest) {
      manifest = e.content;
      has_manifest = true;
    } else {
      files.emplace(e.name, e.content);
    }
  }
  if (!has_manifest) return Refuse(source, "no SHA256SUMS manifest: not a swarmlens bundle, or it was removed");
  BundleInfo info;
  info.manifest_sha256 = Sha256Hex(Sha256Of(manifest));
  // Every manifest line names a file present with that hash; every file is in the manifest.
  std::map<std::string, bool> listed;
  std::size_t line_no = 0;
  for (std::size_t start = 0; start < manifest.size();) {
    std::size_t end = manifest.find('\n', start);
    if (end == std::string_view::npos) end = manifest.size();
    const std::string_view line = manifest.substr(start, end - start);
    start = end + 1;
    ++line_no;
    const std::string where = "SHA256SUMS line " + std::to_string(line_no);
    if (line.size() < 67 || !IsHex64(line.substr(0, 64)) || line.substr(64, 2) != "  ") {
      return Refuse(source, where + ": expected 64 lower-case hex digits, two spaces and a file name");
    }
    const std::string name(line.substr(66));
    const auto file = files.find(name);
    if (file == files.end()) return Refuse(source, where + ": file \"" + name + "\" is missing from the bundle");
    if (!listed.emplace(name, true).second) return Refuse(source, where + ": file \"" + name + "\" is listed twice");
    const std::string actual = Sha256Hex(Sha256Of(file->second));
    if (actual != line.substr(0, 64)) {
      return Refuse(source, "file \"" + name + "\" was changed: its SHA-256 is " + actual + ", the manifest says " +
                                std::string(line.substr(0, 64)));
    }
  }
  for (const auto& [name, content] : files) {
    if (!listed.count(name)) return Refuse(source, "file \"" + name + "\" is not in the manifest (added after export)");
  }
  info.files = listed.size();
  const auto case_file = files.find(std::string(kCaseFile));
  const auto case_json = files.find(std::string(kCaseJson));
  if (case_file == files.end()) return Refuse(source, "no case.swlcase (the case file) in the bundle");
  if (case_json == files.end()) return Refuse(source, "no case.json in the bundle");

  Engine loaded;
  const std::string_view state = case_file->second;
  Result<SnapshotInfo> load = loaded.Load(
      std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(state.data()), state.size()),
      std::string(source) + ": case.swlcase");
  if (!load) return load.error();

  // Payloads: named by their SHA-256 (already checked against the manifest) and part of the case.
  std::unordered_map<std::string, bool> in_case;
  for (const PayloadRecord& p : loaded.Payloads()) in_case.emplace(Sha256Hex(p.sha256), false);
  for (const auto& [name, content] : files) {
    if (name == kCaseFile || name == kCaseJson) continue;
    const std::string quoted = "file \"" + name + "\"";
    if (name.compare(0, kPayloadDir.size(), kPayloadDir) != 0) return Refuse(source, quoted + " is not part of a case bundle");
    const std::string hex = name.substr(kPayloadDir.size());
    const std::string actual = Sha256Hex(Sha256Of(content));
    if (hex != actual) return Refuse(source, quoted + " was renamed or changed: its SHA-256 is " + actual);
    const auto it = in_case.find(hex);
    if (it == in_case.end()) return Refuse(source, quoted + " is not a payload of this case");
    it->second = true;
    ++info.payloads_included;
  }
  for (const PayloadRecord& p : loaded.Payloads()) {
    const std::string hex = Sha256Hex(p.sha256);
    if (!in_case[hex]) info.missing.push_back(hex);
  }

  // case.json must be what the case file gives (with its own report date).
  const std::string_view json = case_json->second;
  if (json.compare(0, kCaseJsonStart.size(), kCaseJsonStart) != 0) {
    return Refuse(source, "file \"case.json\" is not a swarmlens case (version 1)");
  }
  std::int64_t generated_at = 0;
  std::size_t i = kCaseJsonStart.size();
  const bool negative = i < json.size() && json[i] == '-';
  if (negative) ++i;
  const std::size_t digits_start = i;
  while (i < json.size() && json[i] >= '0' && json[i] <= '9' && i - digits_start < 18)
    generated_at = generated_at * 10 + (json[i++] - '0');
  if (i == digits_start || i >= json.size() || json[i] != ',') {
    return Refuse(source, "file \"case.json\": generated_at is not a number");
  }
  info.generated_at = negative ? -generated_at : generated_at;
  CaseReportOptions options;
  options.generated_at = info.generated_at;
  const CaseReport rebuilt = BuildCaseReport(loaded, options);
  if (ReportFileNamed(rebuilt, kCaseJson) != json) {
    return Refuse(source, "file \"case.json\" does not match the case file case.swlcase: one of them was changed");
  }
  engine = std::move(loaded);
  return info;
}

std::string CaseReportJson(const CaseReport& report) {
  std::string out = "{\"ok\":true,\"files\":[";
  for (std::size_t i = 0; i < report.files.size(); ++i) {
    out += i ? ",{\"name\":" : "{\"name\":";
    AppendJsonString(out, report.files[i].name);
    out += ",\"content\":";
    AppendJsonString(out, report.files[i].content);
    out += '}';
  }
  const CaseCounts& n = report.counts;
  out += "],\"counts\":{\"threats\":" + std::to_string(n.threats) + ",\"harassment\":" + std::to_string(n.harassment) +
         ",\"hate\":" + std::to_string(n.hate) + ",\"coordinated_inauthentic_behaviour\":" + std::to_string(n.inauthentic) +
         ",\"spam\":" + std::to_string(n.spam) + ",\"flagged_accounts\":" + std::to_string(n.flagged_accounts) + "}}";
  return out;
}

std::string CaseBundleJson(const CaseBundle& bundle) {
  std::string out = "{\"ok\":true,\"payloads_included\":" + std::to_string(bundle.payloads_included) + ",\"missing\":";
  AppendHexList(out, bundle.missing);
  out += ",\"ignored\":" + std::to_string(bundle.ignored) + ",\"bytes\":" + std::to_string(bundle.zip.size()) + "}";
  return out;
}

std::string BundleInfoJson(const BundleInfo& info) {
  std::string out = "{\"ok\":true,\"generated_at\":" + std::to_string(info.generated_at) +
                    ",\"files\":" + std::to_string(info.files) +
                    ",\"payloads_included\":" + std::to_string(info.payloads_included) + ",\"missing\":";
  AppendHexList(out, info.missing);
  out += ",\"manifest_sha256\":\"" + info.manifest_sha256 + "\"}";
  return out;
}

}  // namespace swarmlens
