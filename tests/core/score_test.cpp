// Tests for the account score (trained two-tier model + hand-set priors): username shape and
// word-likeness, each signal and its text, tiers and levels, the verified cap, invariants over
// many accounts, and the golden accounts in tests/data/score/ (one set parsed by the core's own
// ParseFollowerPage, one built field by field to cover the profile tier).
#include "swarmlens/score.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/account_model.h"
#include "swarmlens/ingest.h"
#include "test_data.h"

namespace swarmlens {
namespace {

std::set<std::string> Codes(const Score& s) {
  std::set<std::string> codes;
  for (const Reason& r : s.reasons) codes.insert(std::string(r.code));
  return codes;
}

bool Has(const Score& s, const std::string& code) { return Codes(s).count(code) != 0; }

const Reason* Find(const Score& s, const std::string& code) {
  for (const Reason& r : s.reasons) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

// Text / weight / value of a reason, failing the test (instead of crashing) when it is missing.
std::string TextOf(const Score& s, const std::string& code) {
  const Reason* r = Find(s, code);
  if (!r) ADD_FAILURE() << "missing reason " << code;
  return r ? ReasonText(*r) : "<missing " + code + ">";
}
double WeightOf(const Score& s, const std::string& code) {
  const Reason* r = Find(s, code);
  if (!r) ADD_FAILURE() << "missing reason " << code;
  return r ? r->weight : std::nan("");
}
double ValueOf(const Score& s, const std::string& code) {
  const Reason* r = Find(s, code);
  if (!r) ADD_FAILURE() << "missing reason " << code;
  return r ? r->value : std::nan("");
}

std::string Explain(const Score& s) {
  std::string out = std::string(ModelTierName(s.tier)) + " " + std::to_string(s.score) + ":";
  for (const Reason& r : s.reasons) out += " " + std::string(r.code) + "(" + std::to_string(r.weight) + ")";
  return out;
}

Account Named(const std::string& username) {
  Account a;
  a.username = username;
  return a;
}

bool IsTrainedCode(std::string_view code) {
  for (const TrainedFeatureInfo& info : TrainedFeatureCatalog()) {
    if (info.code == code) return true;
  }
  return false;
}

/// Sum of the priors only (reasons whose code is not a trained feature).
double PriorSum(const Score& s) {
  double sum = 0;
  for (const Reason& r : s.reasons) {
    if (!IsTrainedCode(r.code)) sum += r.weight;
  }
  return sum;
}

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

// AnalyzeUsername packs its counts into 16-bit fields flushed every 65,535 bytes: (attacker-sized)
// handles longer than that must count exactly, and runs crossing a flush must carry over.
TEST(AnalyzeUsername, LongHandlesCountAcrossChunks) {
  const UsernameShape digits = AnalyzeUsername(std::string(200000, '7'));
  EXPECT_EQ(digits.digits, 200000u);
  EXPECT_EQ(digits.letters, 0u);
  EXPECT_EQ(digits.trailing_digits, 200000u);
  EXPECT_EQ(digits.max_repeat, 200000u);

  std::string mixed;
  for (int i = 0; i < 50000; ++i) mixed += "ab1_";  // 200,000 bytes
  const UsernameShape m = AnalyzeUsername(mixed);
  EXPECT_EQ(m.letters, 100000u);
  EXPECT_EQ(m.digits, 50000u);
  EXPECT_EQ(m.separators, 50000u);
  EXPECT_EQ(m.letter_digit_switches, 50000u);  // b1 only: '_' breaks 1_a
  EXPECT_EQ(m.word_letters, 100000u);
  EXPECT_EQ(m.letter_bigrams, 150000u);
  EXPECT_EQ(m.bigram_llr, 50000 * AnalyzeUsername("ab").bigram_llr);

  // One letter run across the first flush (bytes 0..65,534 | 65,535..).
  const std::string run = std::string(65534, '1') + "sara" + std::string(10, '2');
  const UsernameShape r = AnalyzeUsername(run);
  EXPECT_EQ(r.word_letters, 4u);
  EXPECT_EQ(r.bigram_llr, AnalyzeUsername("sara").bigram_llr);
  EXPECT_EQ(r.letter_digit_switches, 2u);
  EXPECT_EQ(r.trailing_digits, 10u);
  EXPECT_EQ(r.digits, 65544u);
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

TEST(AnalyzeUsername, WordLikenessSeparatesNamesFromKeyboardMash) {
  // Real names and words, Latin and Finglish, read like words (> +0.3 bits per letter pair)...
  for (const char* name : {"sara.ahmadi", "mattschmidt", "jessica_smith", "mohammadreza.h", "shaghayegh.m",
                           "khashayar_x", "niloofar92", "kourosh.art", "sepinood", "tran_thi_huong",
                           "dariush.photo"}) {
    EXPECT_GT(AnalyzeUsername(name).WordLikeness(), 0.3) << name;
  }
  // ...keyboard mash and random letters do not (< -1.5).
  for (const char* mash : {"xkqzvbtr", "zxcvbnm", "asdfghjkl", "pjqmxv7", "kxwq8zpt3m", "yzhvkkd", "hbfjeuwo"}) {
    EXPECT_LT(AnalyzeUsername(mash).WordLikeness(), -1.5) << mash;
  }
  // Case does not matter; digits and separators only split letter runs.
  EXPECT_EQ(AnalyzeUsername("SaraAhmadi").bigram_llr, AnalyzeUsername("saraahmadi").bigram_llr);
  EXPECT_EQ(AnalyzeUsername("sara1ahmadi").bigram_llr, AnalyzeUsername("sara.ahmadi").bigram_llr);
  // "ab": start->a, a->b, b->end.
  EXPECT_EQ(AnalyzeUsername("ab").letter_bigrams, 3u);
  EXPECT_EQ(AnalyzeUsername("ab.cd").letter_bigrams, 6u);
  // Lone letters between digits are no evidence of words: "a1b2c3" has no run of 2+ letters.
  EXPECT_EQ(AnalyzeUsername("a.b").letter_bigrams, 0u);
  EXPECT_EQ(AnalyzeUsername("a1b2c3d4e5").letter_bigrams, 0u);
  EXPECT_EQ(AnalyzeUsername("ab1c").letter_bigrams, 3u);
  EXPECT_EQ(AnalyzeUsername("ab1c").word_letters, 2u);
  EXPECT_EQ(AnalyzeUsername("ab1c").letters, 3u);
  EXPECT_EQ(AnalyzeUsername("123._").letter_bigrams, 0u);
  EXPECT_EQ(AnalyzeUsername("123._").WordLikeness(), 0.0);
  EXPECT_EQ(AnalyzeUsername("").letter_bigrams, 0u);
}

// ---- Combination of the trained model and the priors ---------------------------------------------

TEST(ScoreAccount, UnknownEverythingIsTheListBiasAndLow) {
  const Score s = ScoreAccount(Account{});
  EXPECT_TRUE(s.reasons.empty());
  EXPECT_EQ(s.tier, ModelTier::kList);
  EXPECT_EQ(s.logit, EvaluateTrainedModel(Account{}).bias);
  EXPECT_EQ(s.bias, s.logit);
  EXPECT_LT(s.logit, 0);  // an account nothing is known about is not suspicious
  EXPECT_EQ(s.level, Level::kLow);
  EXPECT_DOUBLE_EQ(s.score, 1.0 / (1.0 + std::exp(-s.logit)));
}

TEST(ScoreAccount, TrainedContributionsAreReasonsWithTheirExactWeights) {
  Account a = Named("user8815263094");
  a.anonymous_avatar = true;
  a.is_private = false;
  a.full_name = "";
  for (int tier = 0; tier < 2; ++tier) {
    if (tier == 1) {
      a.media_count = 0;
      a.follower_count = 3;
      a.following_count = 2100;
      a.biography = "";
    }
    const TierEvaluation e = EvaluateTrainedModel(a);
    const Score s = ScoreAccount(a);
    EXPECT_EQ(s.tier, e.tier);
    EXPECT_EQ(s.bias, e.bias);
    for (const TierContribution& c : e.contributions()) {
      EXPECT_EQ(WeightOf(s, std::string(c.code)), c.weight) << c.code;
      EXPECT_EQ(ValueOf(s, std::string(c.code)), static_cast<double>(c.value)) << c.code;
    }
    // logit = trained logit + priors, to rounding of the summation order.
    EXPECT_NEAR(s.logit, e.logit + PriorSum(s), 1e-12);
  }
  EXPECT_EQ(ScoreAccount(a).tier, ModelTier::kProfile);
}

TEST(ScoreAccount, OnlyUsernameGivesOnlyUsernameReasons) {
  for (const char* name : {"sara.ahmadi", "user8815263094", "a1b2c3d4e5", "maaaaarketing_guru_official"}) {
    const Score s = ScoreAccount(Named(name));
    EXPECT_FALSE(s.reasons.empty()) << name;
    for (const Reason& r : s.reasons) EXPECT_EQ(r.code.rfind("username_", 0), 0u) << name << ": " << r.code;
  }
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

TEST(ScoreAccount, UsernamePriors) {
  const Score numeric = ScoreAccount(Named("user8815263094"));
  EXPECT_EQ(TextOf(numeric, "username_trailing_digits"), "username ends in a run of 10 digits");
  EXPECT_EQ(TextOf(numeric, "username_digits"), "username has 10 digits");
  EXPECT_EQ(TextOf(numeric, "username_length"), "username is 14 characters long");

  // Runs under 5 digits are left to the trained digit count (no double counting); longer runs
  // weigh more.
  EXPECT_FALSE(Has(ScoreAccount(Named("ali1990")), "username_trailing_digits"));
  EXPECT_FALSE(Has(ScoreAccount(Named("sara92")), "username_trailing_digits"));
  const double w5 = WeightOf(ScoreAccount(Named("ali19901")), "username_trailing_digits");
  const double w8 = WeightOf(ScoreAccount(Named("ali19901234")), "username_trailing_digits");
  EXPECT_GT(w5, 0);
  EXPECT_LT(w5, w8);

  EXPECT_TRUE(Has(ScoreAccount(Named("a1b2c3")), "username_alternation"));
  EXPECT_FALSE(Has(ScoreAccount(Named("ali92_reza85")), "username_alternation"));
  EXPECT_EQ(TextOf(ScoreAccount(Named("a1b2c3")), "username_alternation"),
            "username switches between letters and digits 5 times");

  EXPECT_TRUE(Has(ScoreAccount(Named("maaaaarketing")), "username_repeated_chars"));
  EXPECT_FALSE(Has(ScoreAccount(Named("bob000")), "username_repeated_chars"));
  EXPECT_EQ(TextOf(ScoreAccount(Named("maaaaarketing")), "username_repeated_chars"),
            "username repeats one character 5 times in a row");

  EXPECT_LT(WeightOf(ScoreAccount(Named("sara.ahmadi")), "username_separators"), 0);
  EXPECT_GT(WeightOf(ScoreAccount(Named("x_x_x_x")), "username_separators"), 0);
  EXPECT_FALSE(Has(ScoreAccount(Named("saraahmadi")), "username_separators"));
  EXPECT_EQ(TextOf(ScoreAccount(Named("sara.ahmadi")), "username_separators"), "username has 1 separator ('.' or '_')");

  // Word-likeness: random letters are a bot prior, word-like handles an organic one; too few
  // letters say nothing.
  const Score mash = ScoreAccount(Named("xkqzvbtr"));
  EXPECT_GT(WeightOf(mash, "username_word_likeness"), 0.5);
  EXPECT_EQ(TextOf(mash, "username_word_likeness"), "username letters look random (-4.2 bits per letter pair)");
  const Score word = ScoreAccount(Named("sara.ahmadi"));
  EXPECT_LT(WeightOf(word, "username_word_likeness"), 0);
  EXPECT_EQ(TextOf(word, "username_word_likeness"), "username reads like words or names (+0.8 bits per letter pair)");
  EXPECT_FALSE(Has(ScoreAccount(Named("xkqz")), "username_word_likeness"));        // 4 letters
  EXPECT_FALSE(Has(ScoreAccount(Named("user8815263094")), "username_word_likeness"));  // "user": 4
  EXPECT_GT(ScoreAccount(Named("xkqzvbtr")).score, ScoreAccount(Named("sarahmad")).score);
}

Score WithName(const std::string& username, const std::string& full_name) {
  Account a = Named(username);
  a.full_name = full_name;
  return ScoreAccount(a);
}

const char* FullNameCode(const Score& s) {
  for (const char* code : {"full_name_empty", "full_name_like_username", "full_name_has_digits", "full_name_emoji_only",
                           "full_name_mixed_script", "custom_full_name"}) {
    if (Find(s, code)) return code;
  }
  return "none";
}

TEST(ScoreAccount, FullNamePriors) {
  // Exactly one full-name reason per known name.
  EXPECT_STREQ(FullNameCode(WithName("sara.ahmadi", "Sara Ahmadi")), "custom_full_name");
  EXPECT_STREQ(FullNameCode(WithName("sara.ahmadi_92", "Sara Ahmadi")), "custom_full_name");
  EXPECT_STREQ(FullNameCode(WithName("sara.ahmadi", "sara.ahmadi")), "full_name_like_username");
  EXPECT_STREQ(FullNameCode(WithName("user8815263094", " USER8815263094 ")), "full_name_like_username");
  EXPECT_STREQ(FullNameCode(WithName("user8815263094", "User 8815263094")), "full_name_like_username");
  EXPECT_STREQ(FullNameCode(WithName("user1234567", "user\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7")),
               "full_name_like_username");  // Persian digits fold to ASCII
  EXPECT_STREQ(FullNameCode(WithName("user1234567", "user\u0661\u0662\u0663\u0664\u0665\u0666\u0667")),
               "full_name_like_username");  // Arabic-Indic digits too
  EXPECT_STREQ(FullNameCode(WithName("x", "")), "full_name_empty");
  EXPECT_STREQ(FullNameCode(WithName("x", "   \t")), "full_name_empty");
  EXPECT_STREQ(FullNameCode(WithName("x", "\u3164")), "full_name_empty");         // Hangul filler
  EXPECT_STREQ(FullNameCode(WithName("x", "\u200B \u200B")), "full_name_empty");  // zero-width spaces
  EXPECT_STREQ(FullNameCode(WithName("jess", "Maria 3847")), "full_name_has_digits");
  EXPECT_STREQ(FullNameCode(WithName("maryam_1370", "\u0645\u0631\u06CC\u0645 \u06F1\u06F3\u06F7\u06F0")),
               "full_name_has_digits");
  EXPECT_STREQ(FullNameCode(WithName("ali", "Ali 92")), "custom_full_name");  // 2 digits: fine
  // Emoji or symbols only.
  EXPECT_STREQ(FullNameCode(WithName("x", "\U0001F525\U0001F525")), "full_name_emoji_only");
  EXPECT_STREQ(FullNameCode(WithName("x", "\u2764\uFE0F \u2605")), "full_name_emoji_only");
  EXPECT_STREQ(FullNameCode(WithName("x", "Sara \U0001F4F7")), "custom_full_name");
  // Look-alike letters inside one word; two scripts as separate words are fine.
  EXPECT_STREQ(FullNameCode(WithName("x", "S\u0430ra")), "full_name_mixed_script");  // Cyrillic a
  EXPECT_STREQ(FullNameCode(WithName("x", "Sara \u0421\u0430\u0440\u0430")), "custom_full_name");
  EXPECT_STREQ(FullNameCode(WithName("x", "Sara \u0633\u0627\u0631\u0627")), "custom_full_name");
  // Invalid UTF-8 is a (strange) name of its own, never a crash, a blank or an emoji.
  EXPECT_STREQ(FullNameCode(WithName("x", "\xFF\xFE\xC3")), "custom_full_name");
  // A non-ASCII letter never folds onto an ASCII handle.
  EXPECT_STREQ(FullNameCode(WithName("user12",
                                     "user\xC3\xA9"
                                     "12")),
               "custom_full_name");

  // The script is named in the text, and weighs the same for every script.
  const Score latin = WithName("sara.ahmadi", "Sara Ahmadi");
  const Score persian = WithName("ali.rezaei", "\u0639\u0644\u06CC \u0631\u0636\u0627\u06CC\u06CC");
  EXPECT_EQ(TextOf(latin, "custom_full_name"), "has a display name of its own (Latin script)");
  EXPECT_EQ(TextOf(persian, "custom_full_name"), "has a display name of its own (Persian/Arabic script)");
  EXPECT_EQ(TextOf(WithName("x", "\u7530\u4E2D"), "custom_full_name"), "has a display name of its own (non-Latin script)");
  EXPECT_EQ(TextOf(WithName("x", "Sara \u0633\u0627\u0631\u0627"), "custom_full_name"),
            "has a display name of its own (several scripts)");
  EXPECT_EQ(WeightOf(latin, "custom_full_name"), WeightOf(persian, "custom_full_name"));
  EXPECT_LT(WeightOf(latin, "custom_full_name"), 0);

  const Score digits = WithName("maryam_1370", "\u0645\u0631\u06CC\u0645 \u06F1\u06F3\u06F7\u06F0");
  EXPECT_EQ(TextOf(digits, "full_name_has_digits"), "display name contains 4 digits");
  EXPECT_EQ(TextOf(WithName("x", ""), "full_name_empty"), "display name is empty");
  EXPECT_EQ(TextOf(WithName("sara.ahmadi", "sara.ahmadi"), "full_name_like_username"), "display name is the username");
  EXPECT_GT(WeightOf(WithName("x", ""), "full_name_empty"), 0);
}

TEST(ScoreAccount, FlagsAndProfilePriors) {
  Account a = Named("sara.ahmadi");
  a.anonymous_avatar = true;
  EXPECT_GT(WeightOf(ScoreAccount(a), "anonymous_avatar"), 0);
  EXPECT_EQ(TextOf(ScoreAccount(a), "anonymous_avatar"), "no profile picture (default silhouette)");
  a.anonymous_avatar = false;
  EXPECT_LT(WeightOf(ScoreAccount(a), "anonymous_avatar"), 0);
  EXPECT_EQ(TextOf(ScoreAccount(a), "anonymous_avatar"), "has a profile picture");

  a = Named("sara.ahmadi");
  a.is_private = true;
  EXPECT_EQ(TextOf(ScoreAccount(a), "private_account"), "account is private");
  a.is_private = false;
  EXPECT_EQ(TextOf(ScoreAccount(a), "private_account"), "account is public");

  a = Named("sara.ahmadi");
  a.is_verified = true;
  EXPECT_LE(WeightOf(ScoreAccount(a), "verified"), -3.0);  // strong
  a.is_verified = false;
  EXPECT_FALSE(Has(ScoreAccount(a), "verified"));  // unverified adds nothing

  a = Named("sara.ahmadi");
  a.latest_reel_media = 1710000123;
  EXPECT_LT(WeightOf(ScoreAccount(a), "recent_story"), 0);
  a.latest_reel_media = 0;
  EXPECT_GT(WeightOf(ScoreAccount(a), "no_story"), 0);
  a.latest_reel_media = -5;  // not a time Instagram sends: unknown
  EXPECT_FALSE(Has(ScoreAccount(a), "no_story"));
  EXPECT_FALSE(Has(ScoreAccount(a), "recent_story"));

  // Profile fields outside InstaFake are priors and do not switch the tier on their own.
  a = Named("sara.ahmadi");
  a.external_url = "https://example.org";
  a.is_professional = true;
  a.is_joined_recently = true;
  Score s = ScoreAccount(a);
  EXPECT_EQ(s.tier, ModelTier::kList);
  EXPECT_LT(WeightOf(s, "external_url"), 0);
  EXPECT_LT(WeightOf(s, "professional_account"), 0);
  EXPECT_GT(WeightOf(s, "joined_recently"), 0);
  EXPECT_EQ(TextOf(s, "joined_recently"), "Instagram marks the account as joined recently");
  a.external_url = "";
  a.is_professional = false;
  a.is_business = true;
  a.is_joined_recently = false;
  s = ScoreAccount(a);
  EXPECT_FALSE(Has(s, "external_url"));  // an empty link is no link
  EXPECT_TRUE(Has(s, "professional_account"));
  EXPECT_FALSE(Has(s, "joined_recently"));
}

TEST(ScoreAccount, ProfileTierTexts) {
  Account a = Named("sara.ahmadi");
  a.media_count = 1;
  a.follower_count = 0;
  a.following_count = 2500;
  a.biography = "";
  const Score s = ScoreAccount(a);
  EXPECT_EQ(s.tier, ModelTier::kProfile);
  EXPECT_EQ(TextOf(s, "media_count"), "1 post");
  EXPECT_EQ(TextOf(s, "follower_count"), "no followers");
  EXPECT_EQ(TextOf(s, "following_count"), "follows 2500 accounts (mass-following)");
  EXPECT_EQ(TextOf(s, "following_follower_ratio"), "follows 2500.00 accounts per follower");
  EXPECT_EQ(TextOf(s, "biography_length"), "biography is empty");
  a.follower_count = 300;
  a.following_count = 301;
  a.biography = "Photographer";
  a.media_count = 0;
  const Score t = ScoreAccount(a);
  EXPECT_EQ(TextOf(t, "following_follower_ratio"), "follows 1.00 accounts per follower");
  EXPECT_EQ(TextOf(t, "biography_length"), "biography is 12 characters long");
  EXPECT_EQ(TextOf(t, "media_count"), "no posts");
  EXPECT_EQ(TextOf(t, "follower_count"), "300 followers");
  // Attacker-sized counts: texts saturate instead of overflowing.
  a.follower_count = ~std::uint64_t{0};
  EXPECT_EQ(TextOf(ScoreAccount(a), "follower_count"), "18446744073709551615 followers");
}

TEST(ScoreAccount, LevelsUseTheTiersThresholds) {
  const LevelThresholds defaults;
  for (ModelTier tier : {ModelTier::kList, ModelTier::kProfile}) {
    EXPECT_EQ(defaults.For(tier).medium, TrainedLevelThresholds(tier).medium);
    EXPECT_EQ(defaults.For(tier).high, TrainedLevelThresholds(tier).high);
  }
  Account a = Named("reza.k");
  a.full_name = "";
  a.anonymous_avatar = true;
  const Score s = ScoreAccount(a);
  ASSERT_EQ(s.tier, ModelTier::kList);
  LevelThresholds t;
  t.list = {.medium = s.score, .high = 1.0};
  EXPECT_EQ(ScoreAccount(a, t).level, Level::kMedium);
  t.list = {.medium = 0.0, .high = s.score};
  EXPECT_EQ(ScoreAccount(a, t).level, Level::kHigh);
  t.list = {.medium = std::nextafter(s.score, 2.0), .high = 1.0};
  EXPECT_EQ(ScoreAccount(a, t).level, Level::kLow);
  // The profile thresholds do not apply to a list-tier account, and the other way round.
  t = LevelThresholds{};
  t.profile = {.medium = 0.0, .high = 0.0};
  EXPECT_EQ(ScoreAccount(a, t).level, ScoreAccount(a).level);
  a.media_count = 40;
  EXPECT_EQ(ScoreAccount(a, t).level, Level::kHigh);
  EXPECT_STREQ(LevelName(Level::kLow), "low");
  EXPECT_STREQ(LevelName(Level::kMedium), "medium");
  EXPECT_STREQ(LevelName(Level::kHigh), "high");
}

TEST(ScoreAccount, VerifiedIsNeverHigh) {
  // Every bot-like signal of the profile tier at once: high...
  Account a = Named("xxxxxa1b2c3d4e5f67890123456789");
  a.full_name = a.username;
  a.anonymous_avatar = true;
  a.is_private = false;
  a.latest_reel_media = 0;
  a.media_count = 0;
  a.follower_count = 0;
  a.following_count = 7500;
  a.biography = "";
  a.is_joined_recently = true;
  EXPECT_EQ(ScoreAccount(a).level, Level::kHigh);
  // ...and with the badge, capped at medium even when the score still passes the threshold.
  a.is_verified = true;
  const Score s = ScoreAccount(a);
  EXPECT_GE(s.score, TrainedLevelThresholds(ModelTier::kProfile).high) << "the cap, not the weight, decides here";
  EXPECT_EQ(s.level, Level::kMedium);
  LevelThresholds all_high;
  all_high.list = all_high.profile = {.medium = 0.0, .high = 0.0};
  EXPECT_EQ(ScoreAccount(a, all_high).level, Level::kMedium);
  a.is_verified = false;
  EXPECT_EQ(ScoreAccount(a, all_high).level, Level::kHigh);
}

TEST(ScoreAccount, ClearCases) {
  Account bot = Named("user8815263094");
  bot.full_name = "";
  bot.anonymous_avatar = true;
  bot.is_private = true;
  bot.is_verified = false;
  bot.latest_reel_media = 0;
  EXPECT_EQ(ScoreAccount(bot).level, Level::kHigh) << Explain(ScoreAccount(bot));

  Account person = Named("sara.ahmadi");
  person.full_name = "Sara Ahmadi";
  person.anonymous_avatar = false;
  person.is_private = false;
  person.is_verified = false;
  person.latest_reel_media = 1710000123;
  EXPECT_EQ(ScoreAccount(person).level, Level::kLow);
  EXPECT_LT(ScoreAccount(person).score, 0.05) << Explain(ScoreAccount(person));
}

// ---- Catalog and texts ------------------------------------------------------------------------

TEST(ReasonCatalog, CodesAreUniqueSnakeCaseDescribedAndSourced) {
  std::set<std::string> seen;
  std::set<std::string> trained;
  for (const ReasonInfo& info : ReasonCatalog()) {
    const std::string code(info.code);
    EXPECT_TRUE(seen.insert(code).second) << "duplicate " << code;
    EXPECT_FALSE(code.empty());
    for (char c : code) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << code;
    EXPECT_FALSE(info.description.empty()) << code;
    EXPECT_EQ(info.source == ReasonSource::kTrained, IsTrainedCode(info.code)) << code;
    if (info.source == ReasonSource::kTrained) trained.insert(code);
  }
  // Every trained feature is in the catalog, marked trained.
  EXPECT_EQ(trained.size(), TrainedFeatureCatalog().size());
  EXPECT_EQ(seen.size(), 26u);
}

TEST(ReasonText, EveryCodeHasJsonSafeText) {
  for (const ReasonInfo& info : ReasonCatalog()) {
    for (double value : {0.0, 1.0, 2.0, 4.0, 1500.0, -2.5, 0.75}) {
      const std::string text = ReasonText(Reason{info.code, 1.0, value});
      EXPECT_FALSE(text.empty()) << info.code;
      // The serializers write it without escaping: printable ASCII, no quote, no backslash.
      for (char c : text) {
        EXPECT_TRUE(c >= 0x20 && c < 0x7F && c != '"' && c != '\\') << info.code << ": " << text;
      }
    }
  }
  EXPECT_EQ(ReasonText(Reason{"no_such_code", 1.0, 1.0}), "");
  std::string out = "x: ";
  AppendReasonText(out, Reason{"full_name_empty", 0.8, 0});
  EXPECT_EQ(out, "x: display name is empty");
}

// ---- Invariants over every combination of field values --------------------------------------

struct Variant {
  std::vector<std::string> usernames{"",
                                     "sara.ahmadi",
                                     "user8815263094",
                                     "a1b2c3d4e5f6",
                                     "xxxxxxxxxxxxxxx1234567890",
                                     "xkqzvbtr_99",
                                     "ali1990",
                                     "user7731940562"};
  std::vector<std::optional<std::string>> names{std::nullopt, "",        "Sara Ahmadi", "Maria 3847",
                                                "\u3164",     "same",    "\U0001F525",  "S\u0430ra",
                                                "\u0633\u0627\u0631\u0627"};  // "same": the username
  std::vector<std::optional<bool>> flags{std::nullopt, false, true};
  std::vector<std::optional<std::int64_t>> stories{std::nullopt, 0, 1710000123};
  // Profile evidence: none (list tier), a bot-like profile, an organic profile with the
  // non-InstaFake profile signals.
  std::vector<int> profiles{0, 1, 2};
};

template <class F>
void ForEachAccount(F&& f) {
  const Variant v;
  for (const auto& u : v.usernames)
    for (const auto& n : v.names)
      for (const auto& anon : v.flags)
        for (const auto& priv : v.flags)
          for (const auto& ver : v.flags)
            for (const auto& story : v.stories)
              for (int profile : v.profiles) {
                Account a = Named(u);
                a.full_name = (n && *n == "same") ? std::optional<std::string>(u) : n;
                a.anonymous_avatar = anon;
                a.is_private = priv;
                a.is_verified = ver;
                a.latest_reel_media = story;
                if (profile == 1) {
                  a.media_count = 0;
                  a.follower_count = 2;
                  a.following_count = 1800;
                  a.biography = "";
                  a.is_joined_recently = true;
                } else if (profile == 2) {
                  a.media_count = 150;
                  a.follower_count = 900;
                  a.following_count = 400;
                  a.biography = "Photographer, Tehran. Coffee, mountains and books.";
                  a.external_url = "https://example.org";
                  a.is_business = true;
                  a.is_joined_recently = false;
                }
                f(a);
              }
}

std::size_t CatalogIndex(std::string_view code) {
  const std::span<const ReasonInfo> catalog = ReasonCatalog();
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    if (catalog[i].code == code) return i;
  }
  ADD_FAILURE() << "not in the catalog: " << code;
  return catalog.size();
}

TEST(ScoreInvariants, RangeSumSortCatalogLevels) {
  std::set<std::string> catalog;
  for (const ReasonInfo& info : ReasonCatalog()) catalog.insert(std::string(info.code));
  std::set<std::string> emitted;
  int count = 0;
  std::size_t most = 0;
  ForEachAccount([&](const Account& a) {
    ++count;
    const Score s = ScoreAccount(a);
    ASSERT_GE(s.score, 0.0);
    ASSERT_LE(s.score, 1.0);
    ASSERT_NEAR(s.score, 1.0 / (1.0 + std::exp(-s.logit)), 1e-12);
    ASSERT_EQ(s.tier, SelectModelTier(a));
    ASSERT_EQ(s.bias, EvaluateTrainedModel(a).bias);
    ASSERT_LE(s.reasons.size(), kMaxReasons);
    most = std::max(most, s.reasons.size());
    double sum = 0;
    double logit = s.bias;  // the order ScoreAccount sums in, so the same bits
    std::set<std::string> codes;
    for (std::size_t i = 0; i < s.reasons.size(); ++i) {
      const Reason& r = s.reasons[i];
      sum += r.weight;
      logit += r.weight;
      ASSERT_NE(r.weight, 0.0) << r.code;
      ASSERT_FALSE(ReasonText(r).empty()) << r.code;
      ASSERT_TRUE(catalog.count(std::string(r.code))) << r.code;
      ASSERT_TRUE(codes.insert(std::string(r.code)).second) << "repeated " << r.code;
      if (i > 0) {
        const Reason& before = s.reasons[i - 1];
        ASSERT_GE(std::fabs(before.weight), std::fabs(r.weight)) << a.username;
        // Equal strength keeps the order the reasons are added in, which is the catalog's.
        if (std::fabs(before.weight) == std::fabs(r.weight)) {
          ASSERT_LT(CatalogIndex(before.code), CatalogIndex(r.code)) << Explain(s);
        }
      }
      emitted.insert(std::string(r.code));
    }
    ASSERT_NEAR(s.logit - s.bias, sum, 1e-9);
    ASSERT_EQ(s.logit, logit) << Explain(s);
    const TierThresholds t = TrainedLevelThresholds(s.tier);
    Level expected = s.score >= t.high ? Level::kHigh : s.score >= t.medium ? Level::kMedium : Level::kLow;
    if (a.is_verified.value_or(false) && expected == Level::kHigh) expected = Level::kMedium;
    ASSERT_EQ(s.level, expected) << Explain(s);
    if (a.is_verified.value_or(false)) {
      ASSERT_NE(s.level, Level::kHigh) << Explain(s);
    }
  });
  EXPECT_EQ(count, 8 * 9 * 27 * 3 * 3);
  // The combinations exercise every code the catalog lists.
  EXPECT_EQ(emitted, catalog);
  EXPECT_GE(most, 17u);
}

TEST(ScoreInvariants, Monotonicity) {
  ForEachAccount([&](const Account& a) {
    const double base = ScoreAccount(a).score;
    Account b = a;
    b.anonymous_avatar = true;  // a default avatar never lowers the score...
    ASSERT_GE(ScoreAccount(b).score, base) << a.username;
    if (!a.anonymous_avatar) {  // ...and a picture only ever lowers it, compared to not knowing
      b.anonymous_avatar = false;
      ASSERT_LE(ScoreAccount(b).score, base);
    }
    b = a;
    b.is_verified = true;
    ASSERT_LE(ScoreAccount(b).score, base);
    if (!a.latest_reel_media) {
      b = a;
      b.latest_reel_media = 1710000123;
      ASSERT_LE(ScoreAccount(b).score, base);
    }
    b = a;
    b.is_joined_recently = true;
    ASSERT_GE(ScoreAccount(b).score, base);
    b = a;
    b.external_url = "https://example.org";
    ASSERT_LE(ScoreAccount(b).score, base);
    if (a.following_count) {  // mass-following on top of an otherwise equal profile
      b = a;
      b.following_count = 7500;
      ASSERT_GE(ScoreAccount(b).score, base);
    }
  });
}

// ---- Golden accounts ------------------------------------------------------------------------------

struct Expectation {
  std::string level;
  std::string tier;  // empty: not checked
  std::vector<std::string> must;
  std::vector<std::string> must_not;
};

/// "level [tier] code ... !code ..." (codes may be comma-separated).
Expectation ParseExpectation(std::istringstream& words) {
  Expectation e;
  words >> e.level;
  for (std::string code; words >> code;) {
    if (code == "list" || code == "profile") {
      e.tier = code;
    } else if (code[0] == '!') {
      e.must_not.push_back(code.substr(1));
    } else {
      e.must.push_back(code);
    }
  }
  return e;
}

std::map<std::string, Expectation> ReadExpectations(const std::string& text) {
  std::map<std::string, Expectation> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream words(line);
    std::string username;
    if (!(words >> username) || username[0] == '#') continue;
    EXPECT_TRUE(out.emplace(username, ParseExpectation(words)).second) << "duplicate expectation " << username;
  }
  return out;
}

void CheckExpectation(const Account& account, const Expectation& e) {
  static const std::set<std::string> catalog = [] {
    std::set<std::string> c;
    for (const ReasonInfo& info : ReasonCatalog()) c.insert(std::string(info.code));
    return c;
  }();
  const Score s = ScoreAccount(account);
  EXPECT_EQ(LevelName(s.level), e.level) << Explain(s);
  if (!e.tier.empty()) {
    EXPECT_EQ(ModelTierName(s.tier), e.tier);
  }
  for (const std::string& code : e.must) {
    EXPECT_TRUE(catalog.count(code)) << "expectation names unknown code " << code;
    EXPECT_TRUE(Has(s, code)) << "missing " << code << ": " << Explain(s);
  }
  for (const std::string& code : e.must_not) {
    EXPECT_TRUE(catalog.count(code)) << "expectation names unknown code " << code;
    EXPECT_FALSE(Has(s, code)) << "unexpected " << code << ": " << Explain(s);
  }
}

TEST(ScoreGolden, ListTierAccountsParsedFromAFollowerPage) {
  const std::string json = testing::ReadTestData("score/golden_accounts.json");
  const auto expectations = ReadExpectations(testing::ReadTestData("score/golden_expectations.txt"));
  ASSERT_FALSE(json.empty());
  ASSERT_GE(expectations.size(), 12u);

  SourceInfo source;
  source.name = "score/golden_accounts.json";
  const Result<Page> page = ParseFollowerPage(json, source);
  ASSERT_TRUE(page.ok()) << page.error().ToString();
  ASSERT_EQ(page.value().accounts.size(), expectations.size());
  for (const Account& account : page.value().accounts) {
    SCOPED_TRACE(account.username);
    const auto it = expectations.find(account.username);
    ASSERT_NE(it, expectations.end()) << "no expectation for " << account.username;
    CheckExpectation(account, it->second);
  }
}

std::optional<std::uint64_t> OptU64(const std::string& s) {
  if (s == "-") return std::nullopt;
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  EXPECT_TRUE(ec == std::errc() && end == s.data() + s.size()) << "bad integer '" << s << "'";
  return v;
}
std::optional<bool> OptBool(const std::string& s) {
  if (s == "-") return std::nullopt;
  return s == "1";
}
std::optional<std::string> OptText(const std::string& s) {
  if (s == "-") return std::nullopt;
  return s.substr(1);  // after the leading '='
}

TEST(ScoreGolden, AccountsBuiltFieldByField) {
  const std::string text = testing::ReadTestData("score/golden_profiles.tsv");
  ASSERT_FALSE(text.empty());
  std::istringstream lines(text);
  std::string line;
  std::set<std::string> tiers;
  std::set<std::string> levels;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == '\t') {
        f.push_back(line.substr(start, i - start));
        start = i + 1;
      }
    }
    ASSERT_EQ(f.size(), 14u) << "golden row needs 14 tab-separated columns: " << line;
    Account a;
    a.username = f[0] == "-" ? "" : f[0];
    a.full_name = OptText(f[1]);
    a.anonymous_avatar = OptBool(f[2]);
    a.is_private = OptBool(f[3]);
    a.is_verified = OptBool(f[4]);
    if (const auto story = OptU64(f[5])) a.latest_reel_media = static_cast<std::int64_t>(*story);
    a.media_count = OptU64(f[6]);
    a.follower_count = OptU64(f[7]);
    a.following_count = OptU64(f[8]);
    a.biography = OptText(f[9]);
    a.external_url = OptText(f[10]);
    a.is_professional = OptBool(f[11]);
    a.is_joined_recently = OptBool(f[12]);
    std::string expectation = f[13];
    std::replace(expectation.begin(), expectation.end(), ',', ' ');
    std::istringstream words(expectation);
    const Expectation e = ParseExpectation(words);
    SCOPED_TRACE(f[0]);
    CheckExpectation(a, e);
    tiers.insert(e.tier);
    levels.insert(e.level);
    ++rows;
  }
  EXPECT_GE(rows, 12);
  EXPECT_EQ(tiers, (std::set<std::string>{"list", "profile"})) << "every row names its tier; both are covered";
  EXPECT_EQ(levels.size(), 3u) << "every level is covered";
}

}  // namespace
}  // namespace swarmlens
