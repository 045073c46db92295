// The case report: what `swarmlens report` writes (and the extension will export) from a case —
// a self-contained HTML report (no external resources, no script, prints to PDF), CSV of the
// accounts and of the comments, a JSON bundle with the payload manifest (SHA-256 of every
// payload as received), and a SHA256SUMS manifest of those files. Every text that came from a
// page is escaped (HTML, CSV with spreadsheet-formula guards, JSON).
//
//   swarmlens::CaseReport r = swarmlens::BuildCaseReport(engine, {.generated_at = time(nullptr)});
//   for (const auto& f : r.files) write(dir / f.name, f.content);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/engine.h"

namespace swarmlens {

/// What the report says about itself.
struct CaseReportOptions {
  std::int64_t generated_at = 0;  ///< Unix seconds (UTC) shown as the report's date; 0 = not shown.
  std::string title = "swarmlens case report";
};

/// One file of the report.
struct ReportFile {
  std::string name;     ///< "report.html", "accounts.csv", "comments.csv", "case.json", "SHA256SUMS".
  std::string content;
};

/// The counts of the cover sheet, in the terms Meta's reporting flows use.
struct CaseCounts {
  std::size_t threats = 0;         ///< Comments whose threat level is medium or high.
  std::size_t harassment = 0;      ///< Comments the offensive-language model flags.
  std::size_t hate = 0;            ///< Comments with gendered slurs (attacks on the basis of sex or gender).
  std::size_t inauthentic = 0;     ///< Distinct medium/high accounts in a swarm cluster (coordinated inauthentic behaviour).
  std::size_t spam = 0;            ///< Comments in a copy-paste campaign.
  std::size_t flagged_accounts = 0;  ///< Accounts at level medium or high.
};

/// The report's files, SHA256SUMS last (sha256sum format over the other files).
struct CaseReport {
  std::vector<ReportFile> files;
  CaseCounts counts;
};

/// Builds every file of the report from the engine's current state.
CaseReport BuildCaseReport(const Engine& engine, const CaseReportOptions& options = {});

/// `text` escaped for HTML text and attribute values (& < > " ').
std::string HtmlEscape(std::string_view text);
/// `text` as one CSV field: always quoted, quotes doubled; a field starting with = + - @ or a tab
/// is prefixed with ' so spreadsheets do not run attacker text as a formula.
std::string CsvField(std::string_view text);
/// "2026-11-29 14:00 UTC"; "" for 0.
std::string UtcTime(std::int64_t unix_seconds);

}  // namespace swarmlens
