// The Hidden Words export: literal phrases from the lexicons that SwarmLens itself flags, in the
// platforms' comma-separated form. Runs natively and under node.
#include "swarmlens/hidden_words.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "swarmlens/text_normalize.h"
#include "swarmlens/threats.h"

namespace swarmlens {
namespace {

bool Has(const std::vector<HiddenWord>& list, std::string_view phrase) {
  return std::any_of(list.begin(), list.end(), [&](const HiddenWord& w) { return w.phrase == phrase; });
}

TEST(HiddenWords, HoldsTheCommonSpellingsOfThreatsAndInsultsInEveryLanguage) {
  const std::vector<HiddenWord> list = HiddenWordsList();
  ASSERT_GT(list.size(), 300u);
  EXPECT_TRUE(Has(list, "میکشمت"));              // I will kill you
  EXPECT_TRUE(Has(list, "می\u200cکشمت"));        // the same verb typed with a ZWNJ
  EXPECT_TRUE(Has(list, "we know where you live"));
  EXPECT_TRUE(Has(list, "whore"));
  std::set<std::string_view> languages;
  for (const HiddenWord& w : list) languages.insert(w.language);
  EXPECT_EQ(languages, (std::set<std::string_view>{"en", "fa", "fa-Latn"}));
}

TEST(HiddenWords, EveryPhraseIsFlaggedBySwarmLensAloneAndNoneIsASlogan) {
  for (const HiddenWord& w : HiddenWordsList()) {
    ThreatResult threats, insults, slogans;
    DetectThreatsAndInsults(w.phrase, NormalizeText(w.phrase), &threats, &insults, &slogans);
    const ThreatResult& r = w.threat ? threats : insults;
    EXPECT_GE(r.score, kThreatMediumScore) << w.phrase;
    EXPECT_TRUE(slogans.matches.empty()) << w.phrase;
    EXPECT_GE(w.weight, 3.0) << w.phrase;
    EXPECT_NE(w.category, "negative") << w.phrase;
  }
  const std::vector<HiddenWord> list = HiddenWordsList();
  EXPECT_FALSE(Has(list, "مرگ بر دیکتاتور"));
  EXPECT_FALSE(Has(list, "death to the dictator"));
}

TEST(HiddenWords, NoPhraseRepeatsOrContainsAnotherAsWholeWords) {
  const std::vector<HiddenWord> list = HiddenWordsList();
  std::set<std::string> phrases;
  for (const HiddenWord& w : list) {
    EXPECT_TRUE(phrases.insert(w.phrase).second) << "repeated: " << w.phrase;
    EXPECT_EQ(w.phrase.find(','), std::string::npos) << w.phrase;
  }
  for (const HiddenWord& a : list) {
    for (const std::string& b : phrases) {
      if (b == a.phrase) continue;
      EXPECT_EQ((" " + a.phrase + " ").find(" " + b + " "), std::string::npos) << a.phrase << " holds " << b;
    }
  }
}

TEST(HiddenWords, ThreatsComeFirstStrongestFirst) {
  const std::vector<HiddenWord> list = HiddenWordsList();
  const auto first_insult = std::find_if(list.begin(), list.end(), [](const HiddenWord& w) { return !w.threat; });
  ASSERT_NE(first_insult, list.end());
  EXPECT_TRUE(std::none_of(first_insult, list.end(), [](const HiddenWord& w) { return w.threat; }));
  EXPECT_TRUE(std::is_sorted(list.begin(), first_insult,
                             [](const HiddenWord& a, const HiddenWord& b) { return a.weight > b.weight; }));
}

TEST(HiddenWords, OptionsSelectLanguagesLexiconsAndWeights) {
  HiddenWordsOptions english;
  english.languages = "en";
  const std::vector<HiddenWord> en = HiddenWordsList(english);
  ASSERT_FALSE(en.empty());
  for (const HiddenWord& w : en) EXPECT_EQ(w.language, "en") << w.phrase;

  HiddenWordsOptions persian;
  persian.languages = "fa,fa-Latn";
  persian.insults = false;
  const std::vector<HiddenWord> fa = HiddenWordsList(persian);
  ASSERT_FALSE(fa.empty());
  for (const HiddenWord& w : fa) {
    EXPECT_NE(w.language, "en") << w.phrase;
    EXPECT_TRUE(w.threat) << w.phrase;
  }

  HiddenWordsOptions strong;
  strong.min_weight = 5.0;
  const std::vector<HiddenWord> high = HiddenWordsList(strong);
  ASSERT_FALSE(high.empty());
  EXPECT_LT(high.size(), HiddenWordsList().size());
  for (const HiddenWord& w : high) EXPECT_GE(w.weight, 5.0) << w.phrase;

  HiddenWordsOptions unknown;
  unknown.languages = "xx";
  EXPECT_TRUE(HiddenWordsList(unknown).empty());
}

TEST(HiddenWords, TextIsCommaSeparated) {
  const std::vector<HiddenWord> words = {{"a b", "en", "death", "", 5, true}, {"c", "en", "insult", "", 3, false}};
  EXPECT_EQ(HiddenWordsText(words), "a b, c");
  EXPECT_EQ(HiddenWordsText({}), "");
}

}  // namespace
}  // namespace swarmlens
