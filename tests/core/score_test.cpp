// Tests for the account score: username shape, each signal, invariants over many accounts, and
// the golden accounts in tests/data/score/ (parsed by the core's own ParseFollowerPage).
#include "swarmlens/score.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "swarmlens/ingest.h"
#include "test_data.h"

namespace swarmlens {
namespace {

std::set<std::string> Codes(const Score& s) {
  std::set<std::string> codes;
  for (const Reason& r : s.reasons) codes.insert(r.code);
  return codes;
}

bool Has(const Score& s, const std::string& code) { return Codes(s).count(code) != 0; }

const Reason* Find(const Score& s, const std::string& code) {
  for (const Reason& r : s.reasons) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

// Text / weight of a reason, failing the test (instead of crashing) when it is missing.
std::string TextOf(const Score& s, const std::string& code) {
  const Reason* r = Find(s, code);
  if (!r) ADD_FAILURE() << "missing reason " << code;
  return r ? r->text : "<missing " + code + ">";
}
double WeightOf(const Score& s, const std::string& code) {
  const Reason* r = Find(s, code);
  if (!r) ADD_FAILURE() << "missing reason " << code;
  return r ? r->weight : std::nan("");
}

Account Named(const std::string& username) {
  Account a;
  a.username = username;
  return a;
}

double Bias() { return ScoreAccount(Account{}).logit; }

// ---- AnalyzeUsername ---------------------------------------------------------------------------

TEST(AnalyzeUsername, Empty) {
  const UsernameShape s = AnalyzeUsername("");
  EXPECT_EQ(s.length, 0u);
  EXPECT_EQ(s.digits, 0u);
  EXPECT_EQ(s.trailing_digits, 0u);
  EXPECT_EQ(s.letters, 0u);
  EXPECT_EQ(s.separators, 0u);
  EXPECT_EQ(s.letter_digit_switches, 0u);
  EXPECT_EQ(s.max_repeat, 0u);
}

TEST(AnalyzeUsername, NumericSwarmHandle) {
  const UsernameShape s = AnalyzeUsername("user8815263094");
  EXPECT_EQ(s.length, 14u);
  EXPECT_EQ(s.digits, 10u);
  EXPECT_EQ(s.trailing_digits, 10u);
  EXPECT_EQ(s.letters, 4u);
  EXPECT_EQ(s.separators, 0u);
  EXPECT_EQ(s.letter_digit_switches, 1u);
  EXPECT_EQ(s.max_repeat, 2u);  // "88"
}

TEST(AnalyzeUsername, SeparatorsBreakSwitchesAndResetTrailingRun) {
  const UsernameShape s = AnalyzeUsername("ali92_reza85");
  EXPECT_EQ(s.digits, 4u);
  EXPECT_EQ(s.trailing_digits, 2u);
  EXPECT_EQ(s.letters, 7u);
  EXPECT_EQ(s.separators, 1u);
  EXPECT_EQ(s.letter_digit_switches, 2u);  // i|9 and a|8; "2_r" is not adjacent
  EXPECT_EQ(AnalyzeUsername("a_1").letter_digit_switches, 0u);
  EXPECT_EQ(AnalyzeUsername("123.").trailing_digits, 0u);
  EXPECT_EQ(AnalyzeUsername("sara.ahmadi").separators, 1u);
  EXPECT_EQ(AnalyzeUsername("a.b_c").separators, 2u);
  EXPECT_EQ(AnalyzeUsername("a-b").separators, 0u);  // only '.' and '_'
}

TEST(AnalyzeUsername, Alternation) {
  EXPECT_EQ(AnalyzeUsername("a1b2c3").letter_digit_switches, 5u);
  EXPECT_EQ(AnalyzeUsername("a1b2c3").trailing_digits, 1u);
  EXPECT_EQ(AnalyzeUsername("ABC1").letter_digit_switches, 1u);
  EXPECT_EQ(AnalyzeUsername("ABC1").letters, 3u);
  EXPECT_EQ(AnalyzeUsername("1234").letter_digit_switches, 0u);
  EXPECT_EQ(AnalyzeUsername("1234").trailing_digits, 4u);
}

TEST(AnalyzeUsername, Repeats) {
  EXPECT_EQ(AnalyzeUsername("xxxxx.yy").max_repeat, 5u);
  EXPECT_EQ(AnalyzeUsername("ab").max_repeat, 1u);
  EXPECT_EQ(AnalyzeUsername("a____b").max_repeat, 4u);
  EXPECT_EQ(AnalyzeUsername("bob000").max_repeat, 3u);
}

TEST(AnalyzeUsername, NonAsciiBytesCountOnlyInLength) {
  const UsernameShape s = AnalyzeUsername(
      "\xC3\xA9"
      "1");  // "é1"
  EXPECT_EQ(s.length, 3u);
  EXPECT_EQ(s.letters, 0u);
  EXPECT_EQ(s.digits, 1u);
  EXPECT_EQ(s.letter_digit_switches, 0u);
  EXPECT_EQ(s.trailing_digits, 1u);
}

// ---- Single signals -----------------------------------------------------------------------------

TEST(ScoreAccount, UnknownEverythingIsBiasOnlyAndLow) {
  const Score s = ScoreAccount(Account{});
  EXPECT_TRUE(s.reasons.empty());
  EXPECT_LT(s.logit, 0);  // an account nothing is known about is not suspicious
  EXPECT_EQ(s.level, Level::kLow);
  EXPECT_DOUBLE_EQ(s.score, 1.0 / (1.0 + std::exp(-s.logit)));
}

TEST(ScoreAccount, OnlyUsernameGivesOnlyUsernameReasons) {
  for (const char* name : {"sara.ahmadi", "user8815263094", "a1b2c3d4e5", "maaaaarketing_guru_official"}) {
    const Score s = ScoreAccount(Named(name));
    for (const Reason& r : s.reasons) {
      EXPECT_EQ(r.code.rfind("username_", 0), 0u) << name << ": " << r.code;
    }
  }
  EXPECT_TRUE(ScoreAccount(Named("sara.ahmadi")).reasons.empty());
  EXPECT_FALSE(ScoreAccount(Named("user8815263094")).reasons.empty());
}

TEST(ScoreAccount, EmptyUsernameGivesNoUsernameSignals) {
  Account a;
  a.pk = 123;
  a.full_name = "Sara Ahmadi";
  const Score s = ScoreAccount(a);
  for (const Reason& r : s.reasons) EXPECT_NE(r.code.rfind("username_", 0), 0u) << r.code;
  // Without a username, "a name of its own" cannot be told apart from "the username".
  EXPECT_FALSE(Has(s, "custom_full_name"));
  EXPECT_FALSE(Has(s, "full_name_like_username"));
  a.full_name = "";
  EXPECT_TRUE(Has(ScoreAccount(a), "full_name_empty"));
}

TEST(ScoreAccount, UsernameSignals) {
  const Score numeric = ScoreAccount(Named("user8815263094"));
  ASSERT_NE(Find(numeric, "username_trailing_digits"), nullptr);
  EXPECT_EQ(TextOf(numeric, "username_trailing_digits"), "username ends in a run of 10 digits");
  EXPECT_GT(WeightOf(numeric, "username_trailing_digits"), 0);
  ASSERT_NE(Find(numeric, "username_digit_heavy"), nullptr);
  EXPECT_EQ(TextOf(numeric, "username_digit_heavy"), "10 of the 14 username characters are digits");

  // Longer trailing runs weigh more; one or two digits are nothing.
  EXPECT_FALSE(Has(ScoreAccount(Named("sara92")), "username_trailing_digits"));
  const double w4 = WeightOf(ScoreAccount(Named("ali1990")), "username_trailing_digits");
  const double w6 = WeightOf(ScoreAccount(Named("ali199012")), "username_trailing_digits");
  const double w8 = WeightOf(ScoreAccount(Named("ali19901234")), "username_trailing_digits");
  EXPECT_LT(w4, w6);
  EXPECT_LT(w6, w8);

  EXPECT_FALSE(Has(ScoreAccount(Named("ali1990")), "username_digit_heavy"));  // a year is not "digit heavy"
  EXPECT_TRUE(Has(ScoreAccount(Named("x77318842")), "username_digit_heavy"));
  EXPECT_FALSE(Has(ScoreAccount(Named("a1")), "username_digit_heavy"));           // too few digits
  EXPECT_FALSE(Has(ScoreAccount(Named("abcdef12345")), "username_digit_heavy"));  // 5 of 11: under half

  EXPECT_TRUE(Has(ScoreAccount(Named("maaaaarketing_guru_official")), "username_long"));
  EXPECT_FALSE(Has(ScoreAccount(Named("sara.ahmadi")), "username_long"));
  EXPECT_EQ(TextOf(ScoreAccount(Named("maaaaarketing_guru_official")), "username_long"),
            "username is long (27 characters)");

  EXPECT_TRUE(Has(ScoreAccount(Named("a1b2c3")), "username_alternation"));
  EXPECT_FALSE(Has(ScoreAccount(Named("ali92_reza85")), "username_alternation"));
  EXPECT_EQ(TextOf(ScoreAccount(Named("a1b2c3")), "username_alternation"),
            "username switches between letters and digits 5 times");

  EXPECT_TRUE(Has(ScoreAccount(Named("maaaaarketing")), "username_repeated_chars"));
  EXPECT_FALSE(Has(ScoreAccount(Named("bob000")), "username_repeated_chars"));
  EXPECT_EQ(TextOf(ScoreAccount(Named("maaaaarketing")), "username_repeated_chars"),
            "username repeats one character 5 times in a row");
}

Score WithName(const std::string& username, const std::string& full_name) {
  Account a = Named(username);
  a.full_name = full_name;
  return ScoreAccount(a);
}

const char* FullNameCode(const Score& s) {
  for (const char* code : {"full_name_empty", "full_name_like_username", "full_name_has_digits", "custom_full_name"}) {
    if (Find(s, code)) return code;
  }
  return "none";
}

TEST(ScoreAccount, FullNameSignals) {
  // Exactly one full-name reason per known name.
  EXPECT_STREQ(FullNameCode(WithName("sara.ahmadi", "Sara Ahmadi")), "custom_full_name");
  EXPECT_STREQ(FullNameCode(WithName("sara.ahmadi_92", "Sara Ahmadi")), "custom_full_name");
  EXPECT_STREQ(FullNameCode(WithName("sara.ahmadi", "sara.ahmadi")), "full_name_like_username");
  EXPECT_STREQ(FullNameCode(WithName("user8815263094", " USER8815263094 ")), "full_name_like_username");
  EXPECT_STREQ(FullNameCode(WithName("user8815263094", "user8815263094")), "full_name_like_username");
  EXPECT_STREQ(FullNameCode(WithName("user8815263094", "User 8815263094")), "full_name_like_username");
  EXPECT_STREQ(FullNameCode(WithName("user1234567", "user\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7")),
               "full_name_like_username");  // Persian digits fold to ASCII
  EXPECT_STREQ(FullNameCode(WithName("user1234567", "user\u0661\u0662\u0663\u0664\u0665\u0666\u0667")),
               "full_name_like_username");  // Arabic-Indic digits too
  EXPECT_STREQ(FullNameCode(WithName("ali.rezaei", "\u0639\u0644\u06CC \u0631\u0636\u0627\u06CC\u06CC")),
               "custom_full_name");
  EXPECT_STREQ(FullNameCode(WithName("x", "")), "full_name_empty");
  EXPECT_STREQ(FullNameCode(WithName("x", "   \t")), "full_name_empty");
  EXPECT_STREQ(FullNameCode(WithName("x", "\u3164")), "full_name_empty");         // Hangul filler
  EXPECT_STREQ(FullNameCode(WithName("x", "\u200B \u200B")), "full_name_empty");  // zero-width spaces
  EXPECT_STREQ(FullNameCode(WithName("jess", "Maria 3847")), "full_name_has_digits");
  EXPECT_STREQ(FullNameCode(WithName("maryam_1370", "\u0645\u0631\u06CC\u0645 \u06F1\u06F3\u06F7\u06F0")),
               "full_name_has_digits");
  EXPECT_STREQ(FullNameCode(WithName("ali", "Ali 92")), "custom_full_name");  // 2 digits: fine
  // Invalid UTF-8 is a (strange) name of its own, never a crash or a blank.
  EXPECT_STREQ(FullNameCode(WithName("x", "\xFF\xFE\xC3")), "custom_full_name");
  // A non-ASCII letter never folds onto an ASCII handle.
  EXPECT_STREQ(FullNameCode(WithName("user12",
                                     "user\xC3\xA9"
                                     "12")),
               "custom_full_name");

  const Score digits = WithName("maryam_1370", "\u0645\u0631\u06CC\u0645 \u06F1\u06F3\u06F7\u06F0");
  EXPECT_EQ(TextOf(digits, "full_name_has_digits"), "display name contains 4 digits");
  EXPECT_EQ(TextOf(WithName("x", ""), "full_name_empty"), "display name is empty");
  EXPECT_EQ(TextOf(WithName("sara.ahmadi", "sara.ahmadi"), "full_name_like_username"), "display name is the username");

  EXPECT_GT(WeightOf(WithName("x", ""), "full_name_empty"), 0);
  EXPECT_LT(WeightOf(WithName("sara.ahmadi", "Sara Ahmadi"), "custom_full_name"), 0);
}

TEST(ScoreAccount, ProfileFlagSignals) {
  Account a = Named("sara.ahmadi");
  a.anonymous_avatar = true;
  EXPECT_TRUE(Has(ScoreAccount(a), "anonymous_avatar"));
  EXPECT_FALSE(Has(ScoreAccount(a), "has_avatar"));
  EXPECT_EQ(TextOf(ScoreAccount(a), "anonymous_avatar"), "no profile picture (default silhouette)");
  a.anonymous_avatar = false;
  EXPECT_TRUE(Has(ScoreAccount(a), "has_avatar"));
  EXPECT_FALSE(Has(ScoreAccount(a), "anonymous_avatar"));

  a = Named("sara.ahmadi");
  a.is_private = true;
  EXPECT_TRUE(Has(ScoreAccount(a), "private_account"));
  a.is_private = false;
  EXPECT_TRUE(ScoreAccount(a).reasons.empty());  // public adds nothing

  a = Named("sara.ahmadi");
  a.is_verified = true;
  EXPECT_TRUE(Has(ScoreAccount(a), "verified"));
  EXPECT_LE(WeightOf(ScoreAccount(a), "verified"), -3.0);  // strong
  a.is_verified = false;
  EXPECT_TRUE(ScoreAccount(a).reasons.empty());

  a = Named("sara.ahmadi");
  a.latest_reel_media = 1710000123;
  EXPECT_TRUE(Has(ScoreAccount(a), "recent_story"));
  a.latest_reel_media = 0;
  EXPECT_TRUE(Has(ScoreAccount(a), "no_story"));
  a.latest_reel_media = -5;  // not a time Instagram sends: unknown
  EXPECT_TRUE(ScoreAccount(a).reasons.empty());
}

TEST(ScoreAccount, ClearCases) {
  Account bot = Named("user8815263094");
  bot.full_name = "";
  bot.anonymous_avatar = true;
  bot.is_private = true;
  bot.is_verified = false;
  bot.latest_reel_media = 0;
  EXPECT_EQ(ScoreAccount(bot).level, Level::kHigh);

  Account person = Named("sara.ahmadi");
  person.full_name = "Sara Ahmadi";
  person.anonymous_avatar = false;
  person.is_private = false;
  person.is_verified = false;
  person.latest_reel_media = 1710000123;
  EXPECT_EQ(ScoreAccount(person).level, Level::kLow);
  EXPECT_LT(ScoreAccount(person).score, 0.05);

  bot.is_verified = true;
  EXPECT_NE(ScoreAccount(bot).level, Level::kHigh);
}

TEST(ScoreAccount, Thresholds) {
  Account a = Named("reza.k");
  a.full_name = "";
  a.anonymous_avatar = true;
  const Score s = ScoreAccount(a);
  EXPECT_EQ(ScoreAccount(a, {.medium = s.score, .high = 1.0}).level, Level::kMedium);
  EXPECT_EQ(ScoreAccount(a, {.medium = 0.0, .high = s.score}).level, Level::kHigh);
  EXPECT_EQ(ScoreAccount(a, {.medium = std::nextafter(s.score, 2.0), .high = 1.0}).level, Level::kLow);
  EXPECT_STREQ(LevelName(Level::kLow), "low");
  EXPECT_STREQ(LevelName(Level::kMedium), "medium");
  EXPECT_STREQ(LevelName(Level::kHigh), "high");
}

TEST(ReasonCatalog, CodesAreUniqueSnakeCaseAndDescribed) {
  std::set<std::string> seen;
  for (const ReasonInfo& info : ReasonCatalog()) {
    const std::string code(info.code);
    EXPECT_TRUE(seen.insert(code).second) << "duplicate " << code;
    EXPECT_FALSE(code.empty());
    for (char c : code) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << code;
    EXPECT_FALSE(info.description.empty()) << code;
  }
  EXPECT_GE(seen.size(), 15u);
}

// ---- Invariants over every combination of field values --------------------------------------

struct Variant {
  std::vector<std::string> usernames{"",
                                     "sara.ahmadi",
                                     "user8815263094",
                                     "a1b2c3d4e5f6",
                                     "xxxxxxxxxxxxxxx1234567890",
                                     "maaaaarketing_guru_official",
                                     "ali1990",
                                     "user7731940562"};
  std::vector<std::optional<std::string>> names{std::nullopt, "",       "Sara Ahmadi",
                                                "Maria 3847", "\u3164", "same"};  // "same": the username
  std::vector<std::optional<bool>> flags{std::nullopt, false, true};
  std::vector<std::optional<std::int64_t>> stories{std::nullopt, 0, 1710000123};
};

template <class F>
void ForEachAccount(F&& f) {
  const Variant v;
  for (const auto& u : v.usernames)
    for (const auto& n : v.names)
      for (const auto& anon : v.flags)
        for (const auto& priv : v.flags)
          for (const auto& ver : v.flags)
            for (const auto& story : v.stories) {
              Account a = Named(u);
              a.full_name = (n && *n == "same") ? std::optional<std::string>(u) : n;
              a.anonymous_avatar = anon;
              a.is_private = priv;
              a.is_verified = ver;
              a.latest_reel_media = story;
              f(a);
            }
}

TEST(ScoreInvariants, RangeSumSortCatalogVerified) {
  std::set<std::string> catalog;
  for (const ReasonInfo& info : ReasonCatalog()) catalog.insert(std::string(info.code));
  const double bias = Bias();
  std::set<std::string> emitted;
  int count = 0;
  ForEachAccount([&](const Account& a) {
    ++count;
    const Score s = ScoreAccount(a);
    ASSERT_GE(s.score, 0.0);
    ASSERT_LE(s.score, 1.0);
    ASSERT_NEAR(s.score, 1.0 / (1.0 + std::exp(-s.logit)), 1e-12);
    double sum = 0;
    std::set<std::string> codes;
    for (std::size_t i = 0; i < s.reasons.size(); ++i) {
      const Reason& r = s.reasons[i];
      sum += r.weight;
      ASSERT_NE(r.weight, 0.0) << r.code;
      ASSERT_FALSE(r.text.empty()) << r.code;
      ASSERT_TRUE(catalog.count(r.code)) << r.code;
      ASSERT_TRUE(codes.insert(r.code).second) << "repeated " << r.code;
      if (i > 0) {
        ASSERT_GE(std::fabs(s.reasons[i - 1].weight), std::fabs(r.weight)) << a.username;
      }
      emitted.insert(r.code);
    }
    ASSERT_NEAR(s.logit - bias, sum, 1e-9);
    if (a.is_verified.value_or(false)) {
      ASSERT_NE(s.level, Level::kHigh) << a.username;
    }
    const Level expected = s.score >= 0.85 ? Level::kHigh : s.score >= 0.5 ? Level::kMedium : Level::kLow;
    ASSERT_EQ(s.level, expected);
  });
  EXPECT_EQ(count, 8 * 6 * 27 * 3);
  // The combinations exercise every code the catalog lists.
  EXPECT_EQ(emitted, catalog);
}

TEST(ScoreInvariants, Monotonicity) {
  ForEachAccount([&](const Account& a) {
    const double base = ScoreAccount(a).score;
    Account b = a;
    b.anonymous_avatar = true;
    ASSERT_GE(ScoreAccount(b).score, base) << a.username;
    if (!a.anonymous_avatar) {  // a picture only ever lowers compared to not knowing
      b.anonymous_avatar = false;
      ASSERT_LE(ScoreAccount(b).score, base);
    }
    b = a;
    b.is_verified = true;
    ASSERT_LE(ScoreAccount(b).score, base);
    b = a;
    b.is_private = true;
    ASSERT_GE(ScoreAccount(b).score, base);
    if (!a.latest_reel_media) {
      b = a;
      b.latest_reel_media = 1710000123;
      ASSERT_LE(ScoreAccount(b).score, base);
    }
  });
}

TEST(ScoreInvariants, WorstCaseVerifiedIsNotHigh) {
  // Every positive signal at once, plus the badge.
  Account a = Named("xxxxxa1b2c3d4e5f67890123456789");
  a.full_name = a.username;
  a.anonymous_avatar = true;
  a.is_private = true;
  a.latest_reel_media = 0;
  const Score unverified = ScoreAccount(a);
  EXPECT_EQ(unverified.level, Level::kHigh);
  EXPECT_EQ(unverified.reasons.size(), 9u);
  a.is_verified = true;
  EXPECT_NE(ScoreAccount(a).level, Level::kHigh);
}

// ---- Golden accounts ------------------------------------------------------------------------------

struct Expectation {
  std::string level;
  std::vector<std::string> must;
  std::vector<std::string> must_not;
};

std::map<std::string, Expectation> ReadExpectations(const std::string& text) {
  std::map<std::string, Expectation> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream words(line);
    std::string username;
    if (!(words >> username) || username[0] == '#') continue;
    Expectation e;
    words >> e.level;
    for (std::string code; words >> code;) {
      if (code[0] == '!') {
        e.must_not.push_back(code.substr(1));
      } else {
        e.must.push_back(code);
      }
    }
    EXPECT_TRUE(out.emplace(username, e).second) << "duplicate expectation " << username;
  }
  return out;
}

TEST(ScoreGolden, Accounts) {
  const std::string json = testing::ReadTestData("score/golden_accounts.json");
  const auto expectations = ReadExpectations(testing::ReadTestData("score/golden_expectations.txt"));
  ASSERT_FALSE(json.empty());
  ASSERT_GE(expectations.size(), 12u);

  SourceInfo source;
  source.name = "score/golden_accounts.json";
  const Result<Page> page = ParseFollowerPage(json, source);
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  ASSERT_EQ(page.value().accounts.size(), expectations.size());

  std::set<std::string> catalog;
  for (const ReasonInfo& info : ReasonCatalog()) catalog.insert(std::string(info.code));
  for (const Account& account : page.value().accounts) {
    SCOPED_TRACE(account.username);
    const auto it = expectations.find(account.username);
    ASSERT_NE(it, expectations.end()) << "no expectation for " << account.username;
    const Expectation& e = it->second;
    const Score s = ScoreAccount(account);
    std::string explained;
    for (const Reason& r : s.reasons) explained += " " + r.code + "(" + std::to_string(r.weight) + ")";
    EXPECT_EQ(LevelName(s.level), e.level) << "score " << s.score << ":" << explained;
    for (const std::string& code : e.must) {
      EXPECT_TRUE(catalog.count(code)) << "expectation names unknown code " << code;
      EXPECT_TRUE(Has(s, code)) << "missing " << code << ":" << explained;
    }
    for (const std::string& code : e.must_not) {
      EXPECT_TRUE(catalog.count(code)) << "expectation names unknown code " << code;
      EXPECT_FALSE(Has(s, code)) << "unexpected " << code << ":" << explained;
    }
  }
}

}  // namespace
}  // namespace swarmlens
