// The case report: attacker text is escaped everywhere, the HTML loads nothing and runs nothing,
// CSV cells cannot become spreadsheet formulas, the manifest matches the files, counts add up.
#include <gtest/gtest.h>

#include <string>

#include "swarmlens/case_report.h"
#include "swarmlens/swarmlens.h"

namespace swarmlens {
namespace {

const ReportFile& File(const CaseReport& r, const std::string& name) {
  for (const ReportFile& f : r.files)
    if (f.name == name) return f;
  static const ReportFile none;
  ADD_FAILURE() << "no " << name;
  return none;
}

Engine HostileCase() {
  Engine engine;
  const std::string users =
      R"J({"users":[{"pk":"61000000001","username":"x<script>","full_name":"=HYPERLINK(\"http://evil\")"},)J"
      R"J({"pk":"61000000002","username":"rtl_name","full_name":"\u0645\u0631\u06cc\u0645 <img src=x onerror=alert(1)>"}]})J";
  EXPECT_TRUE(engine.Ingest(users, {.name = "<b>page</b>.json", .list = ListKind::kFollowers, .owner = "o\"wner",
                                    .seen_at = 1764300000}).ok());
  const std::string comments =
      R"J({"comments":[{"pk":"901","text":"we know where your home is </td><script>alert(1)</script>",)J"
      R"J("user":{"pk":"61000000002","username":"rtl_name"},"created_at":1764000000}]})J";
  EXPECT_TRUE(engine.IngestComments(comments, {.name = "c.json", .seen_at = 1764300100}).ok());
  return engine;
}

TEST(CaseReport, AttackerTextIsEscapedAndTheHtmlIsSelfContained) {
  const Engine engine = HostileCase();
  const CaseReport r = BuildCaseReport(engine, {.generated_at = 1764400000});
  const std::string& html = File(r, "report.html").content;
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("<b>page"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("o&quot;wner"), std::string::npos);
  EXPECT_NE(html.find("<bdi dir=\"auto\">rtl_name</bdi>"), std::string::npos);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(html.find("2025-11-28 03:20 UTC"), std::string::npos);  // the capture time
  EXPECT_EQ(r.counts.threats, 1u);
}

TEST(CaseReport, CsvCellsCannotRunAsFormulasAndQuotesAreDoubled) {
  const Engine engine = HostileCase();
  const CaseReport r = BuildCaseReport(engine);
  const std::string& csv = File(r, "accounts.csv").content;
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://evil\"\")\""), std::string::npos) << csv;
  EXPECT_EQ(CsvField("-1+2"), "\"'-1+2\"");
  EXPECT_EQ(CsvField("plain, \"quoted\""), "\"plain, \"\"quoted\"\"\"");
  const std::string& comments = File(r, "comments.csv").content;
  EXPECT_NE(comments.find(Sha256Hex(engine.Payloads()[1].sha256)), std::string::npos);
}

TEST(CaseReport, TheManifestListsEveryFileWithItsSha256) {
  const Engine engine = HostileCase();
  const CaseReport r = BuildCaseReport(engine);
  ASSERT_EQ(r.files.back().name, "SHA256SUMS");
  std::string expected;
  for (std::size_t i = 0; i + 1 < r.files.size(); ++i)
    expected += Sha256Hex(Sha256Of(r.files[i].content)) + "  " + r.files[i].name + "\n";
  EXPECT_EQ(r.files.back().content, expected);
  const std::string& json = File(r, "case.json").content;
  EXPECT_NE(json.find("\"sha256\":\"" + Sha256Hex(engine.Payloads()[0].sha256) + "\""), std::string::npos);
  EXPECT_NE(json.find("\"coordinated_inauthentic_behaviour\":"), std::string::npos);
}

TEST(CaseReport, HtmlEscapeCoversEveryMarkupCharacter) {
  EXPECT_EQ(HtmlEscape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(UtcTime(0), "");
  EXPECT_EQ(UtcTime(1764300000), "2025-11-28 03:20 UTC");
}

}  // namespace
}  // namespace swarmlens
