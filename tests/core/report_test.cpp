// Output formats: JSON escaping of attacker-written text, the jsonl contract, CSV safety.
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "swarmlens/swarmlens.h"

namespace swarmlens {
namespace {

std::string Json(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

TEST(Report, EscapesJsonStrings) {
  EXPECT_EQ(Json("plain"), "\"plain\"");
  EXPECT_EQ(Json("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Json("line\nbreak\ttab"), "\"line\\nbreak\\ttab\"");
  EXPECT_EQ(Json(std::string("nul\0x", 5)), "\"nul\\u0000x\"");
  EXPECT_EQ(Json("\x1b[31mred"), "\"\\u001b[31mred\"");
  EXPECT_EQ(Json("</script>"), "\"</script>\"");
  EXPECT_EQ(Json("سارا"), "\"سارا\"");  // valid UTF-8 passes through
  EXPECT_EQ(Json("\xE2\x80\xA8"), "\"\\u2028\"");
  EXPECT_EQ(Json("\xE2\x80\xA9"), "\"\\u2029\"");
  EXPECT_EQ(Json("bad\xFF"), "\"bad\\ufffd\"");
  EXPECT_EQ(Json("\xC0\xAF"), "\"\\ufffd\\ufffd\"");          // overlong '/'
  EXPECT_EQ(Json("\xED\xA0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");  // surrogate
  EXPECT_EQ(Json("\xF0\x9F\x94\xA5"), "\"\xF0\x9F\x94\xA5\"");  // emoji
  EXPECT_EQ(Json("cut\xE2\x80"), "\"cut\\ufffd\\ufffd\"");
}

TEST(Report, AccountJsonFollowsTheContract) {
  Account a;
  a.pk = 18446744073709551615ull;  // beyond 2^53: must be a string
  a.username = "user8815263094";
  a.full_name = "";
  a.anonymous_avatar = true;
  a.sightings.push_back({.list = ListKind::kFollowers, .owner = "target", .position = 3});
  const Score s = ScoreAccount(a);
  std::string out;
  AppendAccountJson(out, a, s);
  EXPECT_EQ(out.rfind("{\"kind\":\"account\",\"username\":\"user8815263094\",\"pk\":\"18446744073709551615\"", 0), 0u)
      << out;
  EXPECT_NE(out.find("\"full_name\":\"\""), std::string::npos);
  EXPECT_NE(out.find("\"private\":null"), std::string::npos);  // unknown stays unknown
  EXPECT_NE(out.find("\"verified\":null"), std::string::npos);
  EXPECT_NE(out.find("\"anonymous_avatar\":true"), std::string::npos);
  EXPECT_NE(out.find("\"level\":\""), std::string::npos);
  EXPECT_NE(out.find("\",\"tier\":\"list\",\"reasons\":[{\"code\":"), std::string::npos) << out;
  EXPECT_NE(out.find("\"text\":\"no profile picture (default silhouette)\"}"), std::string::npos) << out;
  EXPECT_NE(out.find("\"lists\":[{\"list\":\"followers\",\"owner\":\"target\",\"position\":3}]"), std::string::npos);
  EXPECT_EQ(out.back(), '}');
}

TEST(Report, FormatsNumbersWithFixedDecimals) {
  Account a;
  a.username = "n";
  Score s;
  s.score = 0.963749;
  s.reasons.push_back({"x", -0.7, 0});
  s.reasons.push_back({"y", 1.23456, 0});
  s.reasons.push_back({"z", -0.00001, 0});
  s.reasons.push_back({"w", 12.9996, 0});
  std::string out;
  AppendAccountJson(out, a, s);
  EXPECT_NE(out.find("\"score\":0.9637,"), std::string::npos) << out;
  EXPECT_NE(out.find("\"weight\":-0.700,"), std::string::npos) << out;
  EXPECT_NE(out.find("\"weight\":1.235,"), std::string::npos) << out;
  EXPECT_NE(out.find("\"weight\":0.000,"), std::string::npos) << out;  // no "-0.000"
  EXPECT_NE(out.find("\"weight\":13.000,"), std::string::npos) << out;  // carry into the integer part
  s.score = std::numeric_limits<double>::quiet_NaN();
  out.clear();
  AppendAccountJson(out, a, s);
  EXPECT_NE(out.find("\"score\":null"), std::string::npos) << out;
}

TEST(Report, AccountWithoutPkHasNullPk) {
  Account a;
  a.username = "from_dyi";
  std::string out;
  AppendAccountJson(out, a, ScoreAccount(a));
  EXPECT_NE(out.find("\"pk\":null"), std::string::npos);
  EXPECT_NE(out.find("\"full_name\":null"), std::string::npos);
}

TEST(Report, CsvNeutralisesFormulasAndQuotes) {
  Account a;
  a.username = "x";
  a.full_name = "=HYPERLINK(\"http://evil\")";
  std::string out;
  AppendAccountCsv(out, 7, a, ScoreAccount(a));
  EXPECT_EQ(out.rfind("7,\"x\",,\"'=HYPERLINK(\"\"http://evil\"\")\",", 0), 0u) << out;
  EXPECT_EQ(out.substr(out.size() - 2), "\r\n");
  EXPECT_EQ(CsvHeader(), "rank,username,pk,full_name,score,level,reasons\r\n");
}

TEST(Report, ConstantsComeFromTheCore) {
  const std::string c = ConstantsJson();
  EXPECT_NE(c.find("\"levels\":[\"low\",\"medium\",\"high\"]"), std::string::npos) << c;
  for (const ReasonInfo& info : ReasonCatalog()) {
    EXPECT_NE(c.find("\"code\":\"" + std::string(info.code) + "\""), std::string::npos) << info.code;
  }
  EXPECT_NE(c.find("\"friendships_v1\""), std::string::npos);
}

TEST(Report, ErrorJsonCarriesWhereAndWhat) {
  const Error e{ErrorCode::kTruncated, "page \"1\".json", 42, "input ended early"};
  const std::string j = ErrorJson(e);
  EXPECT_EQ(j, "{\"ok\":false,\"error\":{\"code\":\"truncated\",\"source\":\"page \\\"1\\\".json\",\"offset\":42,"
               "\"message\":\"input ended early\",\"text\":\"page \\\"1\\\".json: byte 42: input ended early (truncated)\"}}");
}

TEST(Report, IngestResultListsThePageAccountsInOrder) {
  Engine engine;
  auto r = engine.Ingest(R"({"users":[{"pk":"2","username":"b"},{"pk":"1","username":"a"}],"next_max_id":"CUR"})",
                         {.list = ListKind::kFollowers});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const std::string j = IngestResultJson(engine, r.value());
  EXPECT_EQ(j.rfind("{\"ok\":true,\"shape\":\"friendships_v1\",\"list\":\"followers\",\"next_cursor\":\"CUR\","
                    "\"new_accounts\":2,\"total_accounts\":2,\"accounts\":[{\"kind\":\"account\",\"username\":\"b\"", 0),
            0u)
      << j;
  EXPECT_LT(j.find("\"username\":\"b\""), j.find("\"username\":\"a\""));
}

}  // namespace
}  // namespace swarmlens
