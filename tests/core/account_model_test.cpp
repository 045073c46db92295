// Trained account model: the C++ feature definitions must reproduce the training script's outputs.
// tests/data/account_model/golden.tsv is written by scripts/train_account_model.py from the same
// tables compiled into the core; a disagreement means C++ and Python measure a feature differently.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/account_model.h"
#include "test_data.h"

namespace swarmlens {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::uint64_t ParseU64(std::string_view s) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  EXPECT_TRUE(ec == std::errc() && end == s.data() + s.size()) << "bad integer '" << s << "'";
  return v;
}

double ParseDouble(std::string_view s) {
  const std::string copy(s);  // strtod: fp from_chars is missing under Emscripten's libc++
  char* end = nullptr;
  const double v = std::strtod(copy.c_str(), &end);
  EXPECT_EQ(end, copy.c_str() + copy.size()) << "bad number '" << s << "'";
  return v;
}

std::optional<std::uint64_t> OptU64(std::string_view s) {
  if (s == "-") return std::nullopt;
  return ParseU64(s);
}

std::optional<bool> OptBool(std::string_view s) {
  if (s == "-") return std::nullopt;
  return ParseU64(s) != 0;
}

struct GoldenRow {
  std::string name;
  Account account;
  std::string tier;
  double logit = 0;
  struct Item {
    std::string code;
    double weight = 0;
    std::uint64_t value = 0;
  };
  std::vector<Item> items;
};

std::vector<GoldenRow> LoadGolden() {
  const std::string text = testing::ReadTestData("account_model/golden.tsv");
  std::vector<GoldenRow> rows;
  for (std::string_view line : Split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() != 11) {
      ADD_FAILURE() << "golden row needs 11 columns: " << line;
      continue;
    }
    GoldenRow row;
    row.name = std::string(f[0]);
    if (f[1] != "-") row.account.username = std::string(f[1]);
    row.account.anonymous_avatar = OptBool(f[2]);
    row.account.is_private = OptBool(f[3]);
    row.account.media_count = OptU64(f[4]);
    row.account.follower_count = OptU64(f[5]);
    row.account.following_count = OptU64(f[6]);
    if (f[7] != "-") row.account.biography = std::string(f[7].substr(1));  // after the '='
    row.tier = std::string(f[8]);
    row.logit = ParseDouble(f[9]);
    if (!f[10].empty()) {
      for (std::string_view item : Split(f[10], ';')) {
        const std::vector<std::string_view> p = Split(item, '=');
        if (p.size() != 3) {
          ADD_FAILURE() << "bad contribution '" << item << "' in " << row.name;
          continue;
        }
        row.items.push_back({std::string(p[0]), ParseDouble(p[1]), ParseU64(p[2])});
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST(AccountModel, MatchesThePythonModelOnTheGoldenAccounts) {
  const std::vector<GoldenRow> rows = LoadGolden();
  ASSERT_GE(rows.size(), 30u);
  std::set<std::string> tiers;
  for (const GoldenRow& row : rows) {
    SCOPED_TRACE(row.name);
    const TierEvaluation e = EvaluateTrainedModel(row.account);
    tiers.insert(ModelTierName(e.tier));
    EXPECT_EQ(ModelTierName(e.tier), row.tier);
    EXPECT_NEAR(e.logit, row.logit, 1e-6);
    ASSERT_EQ(e.size, row.items.size());
    for (std::size_t i = 0; i < e.size; ++i) {
      EXPECT_EQ(e.items[i].code, row.items[i].code);
      EXPECT_NEAR(e.items[i].weight, row.items[i].weight, 1e-9) << e.items[i].code;
      EXPECT_EQ(e.items[i].value, row.items[i].value) << e.items[i].code;
    }
  }
  EXPECT_EQ(tiers.size(), 2u) << "the golden file must cover both tiers";
}

TEST(AccountModel, LogitIsBiasPlusContributions) {
  Account a;
  a.username = "user8815263094";
  a.anonymous_avatar = true;
  a.is_private = false;
  a.follower_count = 2;
  a.following_count = 4000;
  const TierEvaluation e = EvaluateTrainedModel(a);
  double sum = e.bias;
  for (const TierContribution& c : e.contributions()) sum += c.weight;
  EXPECT_DOUBLE_EQ(e.logit, sum);
  EXPECT_EQ(e.tier, ModelTier::kProfile);
  // Everything here points the same way in InstaFake: a mass-following account with no
  // followers, a digit-heavy handle and no picture must land in the profile tier's high level.
  const double score = 1.0 / (1.0 + std::exp(-e.logit));
  EXPECT_GE(score, TrainedLevelThresholds(ModelTier::kProfile).high);
}

TEST(AccountModel, UnknownFieldsAddNothing) {
  const Account nothing;
  const TierEvaluation e = EvaluateTrainedModel(nothing);
  EXPECT_EQ(e.tier, ModelTier::kList);
  EXPECT_EQ(e.size, 0u);
  EXPECT_EQ(e.logit, e.bias);

  // Profile fields the model does not use do not switch the tier.
  Account extra;
  extra.external_url = "https://example.org";
  extra.is_business = true;
  EXPECT_EQ(SelectModelTier(extra), ModelTier::kList);

  // One profile field known: the profile tier, with exactly that one contribution.
  Account one;
  one.media_count = 0;
  const TierEvaluation p = EvaluateTrainedModel(one);
  EXPECT_EQ(p.tier, ModelTier::kProfile);
  ASSERT_EQ(p.size, 1u);
  EXPECT_EQ(p.items[0].code, "media_count");
  EXPECT_GT(p.items[0].weight, 0) << "zero posts is bot-like in InstaFake";

  // The ratio needs both counts.
  Account half;
  half.following_count = 5000;
  const TierEvaluation h = EvaluateTrainedModel(half);
  for (const TierContribution& c : h.contributions()) {
    EXPECT_NE(c.code, "following_follower_ratio");
  }
}

TEST(AccountModel, MeasuresLikeTheTrainingScript) {
  Account a;
  a.username = "a1b2_c3.d";      // 9 bytes, 3 ASCII digits
  a.biography = "\xD8\xB3\xD8\xA7\xD8\xB2 \xF0\x9F\x98\x80";  // "ساز 😀": 5 code points, 11 bytes
  a.follower_count = 3;
  a.following_count = 10;      // 1000 / 3 = 333 hundredths
  const TierEvaluation e = EvaluateTrainedModel(a);
  std::uint64_t length = 0, digits = 0, bio = 0, ratio = 0;
  for (const TierContribution& c : e.contributions()) {
    if (c.code == "username_length") length = c.value;
    if (c.code == "username_digits") digits = c.value;
    if (c.code == "biography_length") bio = c.value;
    if (c.code == "following_follower_ratio") ratio = c.value;
  }
  EXPECT_EQ(length, 9u);
  EXPECT_EQ(digits, 3u);
  EXPECT_EQ(bio, 5u);
  EXPECT_EQ(ratio, 333u);
}

TEST(AccountModel, CatalogAndThresholds) {
  std::set<std::string_view> codes;
  for (const TrainedFeatureInfo& info : TrainedFeatureCatalog()) {
    EXPECT_FALSE(info.description.empty()) << info.code;
    codes.insert(info.code);
  }
  EXPECT_EQ(codes.size(), kMaxTierContributions);
  for (ModelTier tier : {ModelTier::kList, ModelTier::kProfile}) {
    const TierThresholds t = TrainedLevelThresholds(tier);
    EXPECT_GT(t.medium, 0.0);
    EXPECT_LE(t.medium, t.high);
    EXPECT_LE(t.high, 1.0);
  }
  EXPECT_STREQ(TrainedModelName(), "instafake-karn-lr-2");
}

}  // namespace
}  // namespace swarmlens
