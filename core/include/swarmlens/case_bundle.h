// The case bundle: one zip a person can hand to someone she trusts, who opens it in their own
// swarmlens and sees the same case, read only, without her password or session.
//
//   bundle.zip
//     case.json          the report's JSON (counts, accounts, clusters, comments, payload manifest)
//     case.swlcase       the case file (Engine::Save): the report is rebuilt from it
//     payloads/<sha256>  each captured payload, the bytes as observed, named by their SHA-256
//     SHA256SUMS         sha256sum lines for every other file (`sha256sum -c SHA256SUMS` works)
//
//   swarmlens::Result<swarmlens::CaseBundle> b = swarmlens::BuildCaseBundle(engine, payloads, {.generated_at = now});
//   swarmlens::Engine helper;
//   swarmlens::Result<swarmlens::BundleInfo> info = swarmlens::OpenCaseBundle(b.value().zip, "bundle.zip", helper);
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/case_report.h"
#include "swarmlens/engine.h"

namespace swarmlens {

/// A written bundle.
struct CaseBundle {
  std::string zip;                          ///< The archive's bytes.
  std::size_t payloads_included = 0;        ///< Payloads of the case written under payloads/.
  std::vector<std::string> missing;         ///< SHA-256 (hex) of the case's payloads not given.
  std::size_t ignored = 0;                  ///< Given payloads that are not in the case (left out).
};

/// What an opened bundle held.
struct BundleInfo {
  std::int64_t generated_at = 0;            ///< The report date of its case.json (Unix seconds).
  std::size_t files = 0;                    ///< Files in the manifest.
  std::size_t payloads_included = 0;        ///< Payloads present (each verified against its name).
  std::vector<std::string> missing;         ///< SHA-256 (hex) of the case's payloads not in the bundle.
  std::string manifest_sha256;              ///< SHA-256 of SHA256SUMS: compare with the sender's.
};

/// Builds the bundle of the engine's case. `payloads` are raw payloads as observed, in any order;
/// those whose SHA-256 is a payload of the case are written (once each, in the case's order),
/// others are counted in `ignored`. case.json is BuildCaseReport's with `options`.
Result<CaseBundle> BuildCaseBundle(const Engine& engine, std::span<const std::string_view> payloads,
                                   const CaseReportOptions& options = {});

/// Verifies a bundle and loads its case into `engine`. Every file must be in SHA256SUMS with its
/// hash, every payload's name must be its SHA-256 and a payload of the case, the case file must
/// load, and case.json must be the one the case file gives. Any failure is refused with an error
/// naming the file ("payloads/3fa4...: its SHA-256 is ..., the manifest says ...") and leaves
/// `engine` unchanged; on success `engine` holds the bundle's case and nothing else.
Result<BundleInfo> OpenCaseBundle(std::string_view zip, std::string_view source, Engine& engine);

/// {"ok":true,"files":[{"name","content"}...],"counts":{...}}: a report for the wasm boundary
/// (every file is UTF-8 text).
std::string CaseReportJson(const CaseReport& report);
/// {"ok":true,"payloads_included":N,"missing":["<sha256>"...],"ignored":N,"bytes":N} (the zip itself
/// travels as bytes).
std::string CaseBundleJson(const CaseBundle& bundle);
/// {"ok":true,"generated_at":N,"files":N,"payloads_included":N,"missing":[...],"manifest_sha256":"..."}.
std::string BundleInfoJson(const BundleInfo& info);

}  // namespace swarmlens
