// Sentences in English and Persian from reason codes: every code, gloss and category has its
// Persian, with Persian digits; English is unchanged. Runs natively and under node.
#include "swarmlens/reason_text.h"

#include <gtest/gtest.h>

#include <string>

#include "insult_lexicon.h"
#include "threat_lexicon.h"

namespace swarmlens {
namespace {

std::string Fa(std::string_view code, double value) {
  std::string out;
  AppendReasonText(out, Reason{code, 1.0, value}, Lang::kFa);
  return out;
}

// Arabic-script letters are U+0600-U+06FF: UTF-8 lead bytes D8-DB.
bool HasPersianLetter(std::string_view s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) >= 0xD8 && static_cast<unsigned char>(c) <= 0xDB) return true;
  return false;
}
bool HasAsciiDigit(std::string_view s) { return s.find_first_of("0123456789") != std::string_view::npos; }

TEST(ReasonText, EveryAccountReasonHasPersianWithPersianDigits) {
  for (const ReasonInfo& info : ReasonCatalog()) {
    for (const double value : {0.0, 1.0, 7.0, 2500.0, -3.25}) {
      const std::string fa = Fa(info.code, value);
      EXPECT_FALSE(fa.empty()) << info.code;
      EXPECT_TRUE(HasPersianLetter(fa)) << info.code << ": " << fa;
      EXPECT_FALSE(HasAsciiDigit(fa)) << info.code << ": " << fa;
      std::string en;
      AppendReasonText(en, Reason{info.code, 1.0, value}, Lang::kEn);
      EXPECT_EQ(en, ReasonText(Reason{info.code, 1.0, value})) << info.code;
    }
  }
  EXPECT_EQ(Fa("no_such_code", 1), "");
}

TEST(ReasonText, PersianSentencesReadRight) {
  EXPECT_EQ(Fa("username_trailing_digits", 8), "نام کاربری با ۸ رقم پشت سر هم تمام می‌شود");
  EXPECT_EQ(Fa("media_count", 0), "هیچ پستی ندارد");
  EXPECT_EQ(Fa("follower_count", 1234), "۱۲۳۴ دنبال‌کننده");
  EXPECT_EQ(Fa("following_count", 7500), "۷۵۰۰ حساب را دنبال می‌کند (دنبال‌کردن انبوه)");
  EXPECT_EQ(Fa("following_follower_ratio", 250), "به ازای هر دنبال‌کننده ۲٫۵۰ حساب را دنبال می‌کند");
  EXPECT_EQ(Fa("following_follower_ratio", 1207), "به ازای هر دنبال‌کننده ۱۲٫۰۷ حساب را دنبال می‌کند");
  EXPECT_EQ(Fa("username_word_likeness", -2.34), "حروف نام کاربری تصادفی به نظر می‌رسد (−۲٫۳ بیت برای هر جفت حرف)");
  EXPECT_EQ(Fa("username_word_likeness", 1.06), "نام کاربری به واژه یا نام می‌ماند (+۱٫۱ بیت برای هر جفت حرف)");
  EXPECT_EQ(Fa("anonymous_avatar", 1), "عکس پروفایل ندارد (تصویر پیش‌فرض)");
}

TEST(ReasonText, EveryLexiconGlossAndCategoryHasPersian) {
  std::size_t checked = 0;
  auto check = [&](std::span<const threat_lexicon::Entry> entries) {
    for (const threat_lexicon::Entry& e : entries) {
      if (std::string_view(e.category) == "negative") continue;
      const std::string_view fa = GlossText(e.gloss, Lang::kFa);
      EXPECT_NE(fa, std::string_view(e.gloss)) << "no Persian for gloss: " << e.gloss;
      EXPECT_TRUE(HasPersianLetter(fa)) << e.gloss;
      EXPECT_EQ(GlossText(e.gloss, Lang::kEn), std::string_view(e.gloss));
      const std::string_view category = LexiconCategoryLabel(e.category, Lang::kFa);
      EXPECT_TRUE(HasPersianLetter(category)) << "no Persian for category: " << e.category;
      ++checked;
    }
  };
  check(threat_lexicon::kEntries);
  check(insult_lexicon::kEntries);
  check(insult_lexicon::kSlogans);
  EXPECT_GT(checked, 250u);
  EXPECT_EQ(GlossText("not a gloss", Lang::kFa), "not a gloss");
  EXPECT_EQ(LexiconCategoryLabel("threat_model", Lang::kFa), "threat_model");
}

TEST(ReasonText, LanguagesLevelsAndNumbers) {
  EXPECT_EQ(ParseLang("fa"), Lang::kFa);
  EXPECT_EQ(ParseLang("fa-IR"), Lang::kFa);
  EXPECT_EQ(ParseLang("en_US"), Lang::kEn);
  EXPECT_EQ(ParseLang("de"), std::nullopt);
  EXPECT_EQ(ParseLang(""), std::nullopt);
  EXPECT_STREQ(LangTag(Lang::kFa), "fa");
  EXPECT_EQ(LevelLabel(Level::kHigh, Lang::kFa), "زیاد");
  EXPECT_EQ(LevelLabel(Level::kMedium, Lang::kEn), "medium");
  std::string n;
  AppendNumber(n, 1402, Lang::kFa);
  AppendNumber(n, -5, Lang::kEn);
  EXPECT_EQ(n, "۱۴۰۲0");
}

}  // namespace
}  // namespace swarmlens
