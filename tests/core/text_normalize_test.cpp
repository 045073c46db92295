// NormalizeText: each step on its own, the options that switch steps off, and the offset map.
// Persian strings are written with \u escapes where the difference is invisible on screen.
#include "swarmlens/text_normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace swarmlens {
namespace {

TEST(NormalizeText, UnifiesArabicYehKafHehAndAlef) {
  // Arabic yeh/alef maksura -> Persian yeh; Arabic kaf -> keheh; teh marbuta -> heh.
  EXPECT_EQ(NormalizeText("\u064A\u0649\u0643\u0629"), "\u06CC\u06CC\u06A9\u0647");
  // Hamza alefs and alef wasla -> alef; alef madda (آ) stays: it is a different Persian letter.
  EXPECT_EQ(NormalizeText("\u0623\u0628\u0625\u0628\u0671\u0622"), "\u0627\u0628\u0627\u0628\u0627\u0622");
  EXPECT_EQ(NormalizeText("\u0645\u0624\u0645\u0646"), "\u0645\u0648\u0645\u0646");  // waw with hamza -> waw
  // Presentation forms (glyph code points) become letters; lam-alef ligature becomes two.
  EXPECT_EQ(NormalizeText("\uFEE3\uFEAE\uFB8E\uFEFB"), "\u0645\u0631\u06A9\u0644\u0627");
  NormalizeOptions keep;
  keep.unify_persian = false;
  EXPECT_EQ(NormalizeText("\u064A\u0643", keep), "\u064A\u0643");
}

TEST(NormalizeText, StripsDiacriticsTatweelAndInvisibles) {
  // "مُحَمَّد" with harakat and shadda -> bare letters; "مـــرگ" with kashida -> "مرگ".
  EXPECT_EQ(NormalizeText("\u0645\u064F\u062D\u064E\u0645\u0651\u064E\u062F"), "\u0645\u062D\u0645\u062F");
  EXPECT_EQ(NormalizeText("\u0645\u0640\u0640\u0640\u0631\u06AF"), "\u0645\u0631\u06AF");
  // Zero-width space, ZWJ, LRM/RLM, bidi overrides, BOM, variation selector, soft hyphen.
  EXPECT_EQ(NormalizeText("k\u200Bi\u200Dl\u200E\u202El\uFEFF\uFE0F\u00AD"), "kill");
  EXPECT_EQ(NormalizeText("Caf\u00E9 \u00C9L\u00C8VE na\u0131ve \u0141\u00F3d\u017A"), "cafe eleve naive lodz");
  EXPECT_EQ(NormalizeText("e\u0301"), "e");  // combining accent
  NormalizeOptions keep;
  keep.strip_diacritics = false;
  EXPECT_EQ(NormalizeText("\u00C9", keep), "\u00E9");  // still lower-cased
}

TEST(NormalizeText, KeepsZwnjBetweenLettersOnly) {
  const std::string mi_ravam = "\u0645\u06CC\u200C\u0631\u0648\u0645";  // "می‌روم"
  EXPECT_EQ(NormalizeText(mi_ravam), mi_ravam);
  EXPECT_EQ(NormalizeText("\u0645\u06CC\u200C\u200C\u200C\u0631"), "\u0645\u06CC\u200C\u0631");
  EXPECT_EQ(NormalizeText("\u200C\u0645\u06CC\u200C \u0631\u200C"), "\u0645\u06CC \u0631");
  NormalizeOptions split;
  split.remove_zwnj = true;
  EXPECT_EQ(NormalizeText(mi_ravam, split), "\u0645\u06CC \u0631\u0648\u0645");
}

TEST(NormalizeText, UnifiesDigits) {
  EXPECT_EQ(NormalizeText("\u06F1\u06F4\u06F0\u06F3 \u0661\u0662"), "1403 12");
  NormalizeOptions keep;
  keep.unify_digits = false;
  EXPECT_EQ(NormalizeText("\u06F1", keep), "\u06F1");
}

TEST(NormalizeText, SqueezesRepeatedLettersButNotDigits) {
  EXPECT_EQ(NormalizeText("kheiliiiiii khoobbbbb"), "kheilii khoobb");
  EXPECT_EQ(NormalizeText("\u0645\u0631\u06AF\u06AF\u06AF\u06AF"), "\u0645\u0631\u06AF\u06AF");
  EXPECT_EQ(NormalizeText("\U0001F602\U0001F602\U0001F602\U0001F602"), "\U0001F602\U0001F602");
  EXPECT_EQ(NormalizeText("1000000"), "1000000");
  NormalizeOptions keep;
  keep.squeeze_repeats = false;
  EXPECT_EQ(NormalizeText("nooooo", keep), "nooooo");
}

TEST(NormalizeText, FoldsCaseLookAlikesAndLeetspeak) {
  EXPECT_EQ(NormalizeText("HELLO World"), "hello world");
  // Cyrillic а, о, е, р and Greek ο inside Latin words.
  EXPECT_EQ(NormalizeText("\u0440\u0430y \u0441\u043E\u0440 h\u03BFme"), "pay cop home");
  EXPECT_EQ(NormalizeText("\uFF2B\uFF29\uFF2C\uFF2C \U0001D42E\U0001D42C \u24DA\u24D8\u24DB\u24DB"), "kill us kill");
  EXPECT_EQ(NormalizeText("k1ll a$$ h4t3 m0th3r"), "kill ass hate mother");
  // Numbers, years, mentions and digit runs with non-leet digits stay.
  EXPECT_EQ(NormalizeText("ali1990 covid19 2024 @sara 100$"), "ali1990 covid19 2024 @sara 100$");
  NormalizeOptions keep;
  keep.fold_lookalikes = false;
  EXPECT_EQ(NormalizeText("k1ll \u0430", keep), "k1ll \u0430");
  keep.fold_case = false;
  EXPECT_EQ(NormalizeText("AbC", keep), "AbC");
}

TEST(NormalizeText, ResolvesLeetspeakRunsAtEveryPositionInAToken) {
  // A run at the start needs a letter after it, one at the end a letter before it; a separator,
  // ZWNJ or an invisible character between does not make a letter touch the run.
  EXPECT_EQ(NormalizeText("4ever k1 1k a1b2c 0o0 7he"), "aever ki ik aib2c oo the");
  EXPECT_EQ(NormalizeText("h4t3\u200Cme l33t\u200B5peak"), "hate\u200Cme leetspeak");
  // Only a leading '@' is a mention; runs without any letter in the token stay.
  EXPECT_EQ(NormalizeText("@@x @5ara x@@ x@y.com 5 $5"), "@@x @5ara xaa xay com 5 $5");
}

TEST(NormalizeText, OptionsOfEachCallApplyWhenCallsAlternate) {
  // Per-character results are tabulated per option set: each call must use its own options.
  NormalizeOptions keep_persian;
  keep_persian.unify_persian = false;
  NormalizeOptions keep_case;
  keep_case.fold_case = false;
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(NormalizeText("\u064A A", keep_persian), "\u064A a");
    EXPECT_EQ(NormalizeText("\u064A A"), "\u06CC a");
    EXPECT_EQ(NormalizeText("\u064A A", keep_case), "\u06CC A");
  }
}

TEST(NormalizeText, CollapsesWhitespaceAndPunctuation) {
  EXPECT_EQ(NormalizeText("  hello,\t\n world!!! \u060C\u061F\u00AB\u00BB  "), "hello world");
  EXPECT_EQ(NormalizeText("\u0633\u0644\u0627\u0645\u061F\u061F"), "\u0633\u0644\u0627\u0645");
  EXPECT_EQ(NormalizeText(""), "");
  EXPECT_EQ(NormalizeText(" ... "), "");
  NormalizeOptions keep;
  keep.collapse_space = false;
  EXPECT_EQ(NormalizeText("a,  b", keep), "a,  b");
}

TEST(NormalizeText, ReplacesInvalidUtf8ByteByByte) {
  EXPECT_EQ(NormalizeText(std::string("a\xC3(b\xFF", 5)), "a\uFFFD b\uFFFD");
  EXPECT_EQ(NormalizeText(std::string("\xE2\x82", 2)), "\uFFFD\uFFFD");   // truncated sequence
  EXPECT_EQ(NormalizeText(std::string("\xC0\xAF", 2)), "\uFFFD\uFFFD");   // overlong '/'
  // A surrogate is three bad bytes; the third U+FFFD is squeezed like any repeated character.
  EXPECT_EQ(NormalizeText(std::string("\xED\xA0\x80", 3)), "\uFFFD\uFFFD");
  EXPECT_EQ(NormalizeText(std::string("a\0b", 3)), "a b");
}

TEST(NormalizeTextWithMap, MapsEveryOutputByteToItsSource) {
  // "  K\u0640\u0640ILL!!  \u0645\u0631\u06AF\u06AF\u06AF"
  const std::string in = "  K\u0640ILL!!  \u064A\u0627\u0627\u0627\u0627";
  std::vector<std::size_t> map;
  const std::string out = NormalizeTextWithMap(in, &map);
  ASSERT_EQ(out, "kill \u06CC\u0627\u0627");
  ASSERT_EQ(map.size(), out.size() + 1);
  EXPECT_EQ(map[0], 2u);   // k <- K
  EXPECT_EQ(map[1], 5u);   // i <- I, after the two-byte tatweel
  EXPECT_EQ(map[3], 7u);   // second l
  EXPECT_EQ(map[4], 8u);   // the space comes from the first '!'
  EXPECT_EQ(map[5], 12u);  // both bytes of ی come from ي
  EXPECT_EQ(map[6], 12u);
  EXPECT_EQ(map[7], 14u);  // first alef
  EXPECT_EQ(map[9], 16u);  // second alef; the squeezed ones leave no bytes
  EXPECT_EQ(map.back(), in.size());
  // Offsets never decrease and always land on the start of an input code point.
  for (std::size_t i = 1; i < map.size(); ++i) EXPECT_LE(map[i - 1], map[i]);
}

TEST(NormalizeTextWithMap, SameTextAsNormalizeText) {
  const std::string in = "Y\u0640\u0627 \u0639\u0644\u06CC\u0651!! c0me h3re \U0001F52A\U0001F52A\U0001F52A";
  std::vector<std::size_t> map;
  EXPECT_EQ(NormalizeTextWithMap(in, &map), NormalizeText(in));
  EXPECT_EQ(NormalizeTextWithMap(in, nullptr), NormalizeText(in));
}

}  // namespace
}  // namespace swarmlens
