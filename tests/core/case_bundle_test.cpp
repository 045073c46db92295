// The zip writer / reader and the case bundle: a bundle opens to the same case (same report,
// byte for byte), and any changed, renamed, added or removed file is refused naming that file.
#include <gtest/gtest.h>

#include <string>
#include <vector>
#include <ctime>

#include "swarmlens/case_bundle.h"
#include "swarmlens/sha256.h"
#include "swarmlens/simulate.h"
#include "swarmlens/swarmlens.h"
#include "swarmlens/zip.h"
#include "civil_time.h"  // core/src: the UTC fields the zip times and report dates use
#include "test_data.h"

namespace swarmlens {
namespace {

TEST(CivilTime, GivesTheUtcFieldsOfKnownDates) {
  auto text = [](std::int64_t t) {
    const UtcFields f = UtcFieldsOf(t);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d %02d:%02d:%02d", static_cast<long long>(f.year), f.month, f.day,
                  f.hour, f.minute, f.second);
    return std::string(buf);
  };
  EXPECT_EQ(text(0), "1970-01-01 00:00:00");
  EXPECT_EQ(text(-1), "1969-12-31 23:59:59");
  EXPECT_EQ(text(951782400), "2000-02-29 00:00:00");
  EXPECT_EQ(text(1767323046), "2026-01-02 03:04:06");
  EXPECT_EQ(text(4107542400), "2100-03-01 00:00:00");
#ifndef __EMSCRIPTEN__
  for (std::int64_t t = -2000000000; t < 4000000000; t += 7777777) {  // against libc, natively
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    const UtcFields f = UtcFieldsOf(t);
    ASSERT_EQ(f.year, tm.tm_year + 1900) << t;
    ASSERT_EQ(f.month, tm.tm_mon + 1) << t;
    ASSERT_EQ(f.day, tm.tm_mday) << t;
    ASSERT_EQ(f.hour * 3600 + f.minute * 60 + f.second, tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec) << t;
  }
#endif
}

TEST(Zip, Crc32MatchesTheStandardCheckValue) {
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);  // the CRC-32/ISO-HDLC check value
  EXPECT_EQ(Crc32(""), 0u);
  EXPECT_EQ(Crc32("56789", Crc32("1234")), 0xCBF43926u);  // continues
}

TEST(Zip, RoundTripsNamesAndBytes) {
  const std::string binary("\0\x01\xff\xfe zip", 8);
  const std::vector<ZipEntry> entries = {{"case.json", "{}"}, {"payloads/\xd9\x85\xd8\xb1.json", binary}, {"empty", ""}};
  Result<std::string> zip = WriteZip(entries, 1767323046);
  ASSERT_TRUE(zip.ok()) << zip.error().ToString();
  Result<std::vector<ZipEntryView>> back = ReadZip(zip.value(), "t.zip");
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  ASSERT_EQ(back.value().size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back.value()[i].name, entries[i].name);
    EXPECT_EQ(back.value()[i].content, entries[i].content);
  }
  // Same entries and time, same bytes.
  EXPECT_EQ(WriteZip(entries, 1767323046).value(), zip.value());
}

TEST(Zip, WritesTheFieldsOtherToolsRead) {
  Result<std::string> zip = WriteZip(std::vector<ZipEntry>{{"a.txt", "hello\n"}}, 1767323046);  // 2026-01-02 03:04:06
  ASSERT_TRUE(zip.ok());
  const std::string& z = zip.value();
  auto u16 = [&](std::size_t at) { return static_cast<unsigned>(static_cast<unsigned char>(z[at]) | static_cast<unsigned char>(z[at + 1]) << 8); };
  EXPECT_EQ(z.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_EQ(u16(6), 0x0800u);                             // UTF-8 names
  EXPECT_EQ(u16(8), 0u);                                  // stored
  EXPECT_EQ(u16(10), (3u << 11) | (4u << 5) | 3u);        // 03:04:06
  EXPECT_EQ(u16(12), ((2026u - 1980u) << 9) | (1u << 5) | 2u);  // 2026-01-02
  EXPECT_EQ(u16(14) | u16(16) << 16, Crc32("hello\n"));
  EXPECT_EQ(z.size(), 30u + 5 + 6 + 46 + 5 + 22);
}

TEST(Zip, RefusesDamagedArchivesNamingTheEntry) {
  const std::string zip = WriteZip(std::vector<ZipEntry>{{"a.txt", "hello"}, {"b.txt", "world"}}).value();
  std::string flipped = zip;
  flipped[30 + 5 + 5 + 30 + 5 + 2] ^= 1;  // a byte of b.txt's content
  Result<std::vector<ZipEntryView>> r = ReadZip(flipped, "t.zip");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("\"b.txt\": CRC-32 mismatch"), std::string::npos) << r.error().ToString();
  EXPECT_EQ(r.error().source, "t.zip");
  // Every prefix is refused, never read past its end.
  for (std::size_t n = 0; n < zip.size(); ++n) EXPECT_FALSE(ReadZip(std::string_view(zip).substr(0, n)).ok()) << n;
  // Every single-byte change outside the time fields is refused or reads back the same files.
  for (std::size_t i = 0; i < zip.size(); ++i) {
    std::string bad = zip;
    bad[i] ^= 0x40;
    Result<std::vector<ZipEntryView>> b = ReadZip(bad);
    if (!b.ok()) {
      EXPECT_LE(b.error().offset, bad.size()) << i << ": " << b.error().ToString();  // found by fuzz_bundle
    }
    if (b.ok()) {
      ASSERT_EQ(b.value().size(), 2u) << i;
      EXPECT_EQ(b.value()[0].content, "hello") << i;
      EXPECT_EQ(b.value()[1].content, "world") << i;
    }
  }
}

TEST(Zip, RefusesWhatItCannotReadExactly) {
  std::string zip = WriteZip(std::vector<ZipEntry>{{"a.txt", "hello"}}).value();
  std::string deflated = zip;
  deflated[8] = 8;  // method 8 in the local header
  deflated[30 + 5 + 5 + 10] = 8;  // and in the central directory
  Result<std::vector<ZipEntryView>> r = ReadZip(deflated);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnsupportedVersion);
  EXPECT_NE(r.error().message.find("compressed"), std::string::npos);
  EXPECT_FALSE(WriteZip(std::vector<ZipEntry>{{"../escape", "x"}}).ok());
  EXPECT_FALSE(WriteZip(std::vector<ZipEntry>{{"a", "x"}, {"a", "y"}}).ok());
  EXPECT_FALSE(WriteZip(std::vector<ZipEntry>{{"bad\xff", "x"}}).ok());
  EXPECT_FALSE(IsSafeZipName("/etc/passwd"));
  EXPECT_FALSE(IsSafeZipName("a/../b"));
  EXPECT_FALSE(IsSafeZipName("a\\b"));
  EXPECT_TRUE(IsSafeZipName("payloads/"));
  EXPECT_FALSE(ReadZip("not a zip at all, just some text").ok());
}

constexpr const char* kScenario = R"(organic.count = 300
swarm.count = 60
swarm.start = 100
page_size = 50
)";

struct Captured {
  Engine engine;
  std::vector<std::string> payloads;
};

// A case with a swarm, comments and a threat; `payloads` holds every page as observed.
Captured MakeCase() {
  Captured c;
  auto scenario = ParseScenario(kScenario, "bundle");
  EXPECT_TRUE(scenario.ok());
  auto list = Simulate(scenario.value(), 5);
  EXPECT_TRUE(list.ok());
  const SourceInfo source{.name = "page", .list = ListKind::kFollowers, .owner = "target", .seen_at = 1767323046};
  for (const std::string& page : list.value().pages) {
    EXPECT_TRUE(c.engine.Ingest(page, source).ok());
    c.payloads.push_back(page);
  }
  const std::string comments =
      R"J({"comments":[{"pk":"901","text":"\u0645\u06cc\u062f\u0648\u0646\u06cc\u0645 \u062e\u0648\u0646\u062a \u06a9\u062c\u0627\u0633\u062a we know where your home is",)J"
      R"J("user":{"pk":"61000000002","username":"rtl_name"},"created_at":1764000000}]})J";
  EXPECT_TRUE(c.engine.IngestComments(comments, {.name = "c.json", .seen_at = 1767323100}).ok());
  c.payloads.push_back(comments);
  (void)c.engine.Flush();
  return c;
}

std::vector<std::string_view> Views(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

TEST(CaseBundle, OpensToTheSameCaseAndTheSameReport) {
  Captured c = MakeCase();
  ASSERT_FALSE(c.engine.Clusters().empty());
  const CaseReportOptions options{.generated_at = 1767400000};
  std::vector<std::string> given = c.payloads;
  given.push_back("{\"users\":[]}");  // not a payload of the case: left out
  Result<CaseBundle> bundle = BuildCaseBundle(c.engine, Views(given), options);
  ASSERT_TRUE(bundle.ok()) << bundle.error().ToString();
  EXPECT_EQ(bundle.value().payloads_included, c.engine.Payloads().size());
  EXPECT_TRUE(bundle.value().missing.empty());
  EXPECT_EQ(bundle.value().ignored, 1u);

  Engine helper;
  Result<BundleInfo> info = OpenCaseBundle(bundle.value().zip, "bundle.zip", helper);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info.value().generated_at, 1767400000);
  EXPECT_EQ(info.value().payloads_included, c.engine.Payloads().size());
  EXPECT_EQ(info.value().files, c.engine.Payloads().size() + 2);
  EXPECT_EQ(RankedJson(helper), RankedJson(c.engine));  // the same accounts, levels and clusters
  const CaseReport original = BuildCaseReport(c.engine, options);
  const CaseReport reopened = BuildCaseReport(helper, options);
  ASSERT_EQ(original.files.size(), reopened.files.size());
  for (std::size_t i = 0; i < original.files.size(); ++i)
    EXPECT_EQ(original.files[i].content, reopened.files[i].content) << original.files[i].name;
  // The payloads inside are the bytes as observed, named by their SHA-256.
  Result<std::vector<ZipEntryView>> entries = ReadZip(bundle.value().zip);
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries.value()[2].name, "payloads/" + Sha256Hex(Sha256Of(c.payloads[0])));
  EXPECT_EQ(entries.value()[2].content, c.payloads[0]);
  EXPECT_EQ(entries.value().back().name, "SHA256SUMS");
}

TEST(CaseBundle, ListsThePayloadsItWasNotGiven) {
  Captured c = MakeCase();
  Result<CaseBundle> bundle = BuildCaseBundle(c.engine, Views({c.payloads.begin() + 1, c.payloads.end()}));
  ASSERT_TRUE(bundle.ok());
  ASSERT_EQ(bundle.value().missing.size(), 1u);
  EXPECT_EQ(bundle.value().missing[0], Sha256Hex(Sha256Of(c.payloads[0])));
  Engine helper;
  Result<BundleInfo> info = OpenCaseBundle(bundle.value().zip, "b.zip", helper);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info.value().missing, bundle.value().missing);
}

// Rewrites the bundle with entry `name` replaced (optionally with a manifest that agrees).
std::string Rewrite(const std::string& zip, const std::string& name, const std::string& content, bool fix_manifest,
                    const std::string& rename = {}) {
  std::vector<ZipEntryView> files = ReadZip(zip).value();
  std::vector<std::string> names, contents;
  for (const ZipEntryView& f : files) {
    names.push_back(f.name == name && !rename.empty() ? rename : f.name);
    contents.emplace_back(f.name == name ? content : std::string(f.content));
  }
  if (fix_manifest) {
    std::string manifest;
    for (std::size_t i = 0; i + 1 < names.size(); ++i) manifest += Sha256Hex(Sha256Of(contents[i])) + "  " + names[i] + "\n";
    contents.back() = manifest;
  }
  std::vector<ZipEntry> entries;
  for (std::size_t i = 0; i < names.size(); ++i) entries.push_back({names[i], contents[i]});
  return WriteZip(entries).value();
}

void ExpectRefused(const std::string& zip, const std::string& says) {
  Engine helper;
  ASSERT_TRUE(helper.Ingest(R"({"users":[{"pk":"1","username":"mine"}]})", {.name = "own"}).ok());
  Result<BundleInfo> info = OpenCaseBundle(zip, "bundle.zip", helper);
  ASSERT_FALSE(info.ok()) << "accepted; expected: " << says;
  EXPECT_NE(info.error().ToString().find(says), std::string::npos) << info.error().ToString();
  EXPECT_EQ(info.error().source.rfind("bundle.zip", 0), 0u);
  EXPECT_EQ(helper.size(), 1u);  // the helper's own engine is untouched
}

TEST(CaseBundle, RefusesATamperedBundleNamingTheFile) {
  Captured c = MakeCase();
  const std::string zip = BuildCaseBundle(c.engine, Views(c.payloads), {.generated_at = 1767400000}).value().zip;
  const std::string first = "payloads/" + Sha256Hex(Sha256Of(c.payloads[0]));
  std::string changed = c.payloads[0];
  changed[changed.size() / 2] ^= 1;
  ExpectRefused(Rewrite(zip, first, changed, false), "file \"" + first + "\" was changed");
  ExpectRefused(Rewrite(zip, first, changed, true), "file \"" + first + "\" was renamed or changed");
  ExpectRefused(Rewrite(zip, first, changed, true, "payloads/" + Sha256Hex(Sha256Of(changed))),
                "is not a payload of this case");
  std::string json = std::string(ReadZip(zip).value()[0].content);
  json.replace(json.find("\"threats\":"), 11, "\"threats\":9");
  ExpectRefused(Rewrite(zip, "case.json", json, false), "file \"case.json\" was changed");
  ExpectRefused(Rewrite(zip, "case.json", json, true), "\"case.json\" does not match the case file");
  ExpectRefused(Rewrite(zip, "SHA256SUMS", "", false, "SHA256SUMS.txt"), "no SHA256SUMS manifest");
  std::vector<ZipEntry> added;
  const std::vector<ZipEntryView> files = ReadZip(zip).value();
  for (const ZipEntryView& f : files) added.push_back({f.name, f.content});
  added.insert(added.begin(), ZipEntry{"notes.txt", "added later"});
  ExpectRefused(WriteZip(added).value(), "file \"notes.txt\" is not in the manifest (added after export)");
  std::string state = std::string(ReadZip(zip).value()[1].content);
  state[state.size() / 2] ^= 1;
  ExpectRefused(Rewrite(zip, "case.swlcase", state, true), "case.swlcase");
  ExpectRefused(Rewrite(zip, "SHA256SUMS", "", false), "file \"case.json\" is not in the manifest");
  std::string damaged = zip;
  damaged[40] ^= 1;  // inside case.json: the zip's own CRC-32 catches it first
  ExpectRefused(damaged, "\"case.json\": CRC-32 mismatch");
}

}  // namespace
}  // namespace swarmlens
