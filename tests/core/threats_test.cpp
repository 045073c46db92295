// Threat lexicon and matcher: golden must-match / must-not-match texts (tests/data/threats/),
// spans in the original text, idioms, word boundaries, scoring. Runs natively and under node.
#include "swarmlens/threats.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "test_data.h"

namespace swarmlens {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] != '#') lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::string Describe(std::string_view text, const ThreatResult& r) {
  std::string s = "score " + std::to_string(r.score) + ", matches:";
  for (const auto& m : r.matches)
    s += " [" + std::string(m.category) + " \"" + std::string(text.substr(m.span.begin, m.span.end - m.span.begin)) +
         "\" " + std::string(m.gloss) + "]";
  return s;
}

/// A must-match line: category TAB the exact original bytes the match must span TAB the text.
struct GoldenMatch {
  std::string category, span, text;
};

std::vector<GoldenMatch> ReadGoldenMatches(const char* file) {
  std::vector<GoldenMatch> out;
  for (const std::string& line : Lines(testing::ReadTestData(file))) {
    const std::size_t t1 = line.find('\t');
    const std::size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    EXPECT_NE(t2, std::string::npos) << "malformed line: " << line;
    if (t2 == std::string::npos) continue;
    out.push_back({line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)});
  }
  return out;
}

/// Checks that `r` holds a match of the golden category spanning exactly the golden bytes.
void ExpectGoldenMatch(const GoldenMatch& g, const ThreatResult& r) {
  bool found = false;
  for (const ThreatMatch& m : r.matches) {
    ASSERT_LE(m.span.begin, m.span.end);
    ASSERT_LE(m.span.end, g.text.size());
    if (m.category == g.category && g.text.substr(m.span.begin, m.span.end - m.span.begin) == g.span) found = true;
  }
  EXPECT_TRUE(found) << "expected " << g.category << " \"" << g.span << "\" in: " << g.text << "\n  got "
                     << Describe(g.text, r);
  EXPECT_GE(r.score, kThreatMediumScore) << g.text;
}

TEST(Threats, MustMatchGolden) {
  const std::vector<GoldenMatch> golden = ReadGoldenMatches("threats/must_match.tsv");
  ASSERT_GE(golden.size(), 60u);
  int languages_seen[2] = {0, 0};
  for (const GoldenMatch& g : golden) {
    ExpectGoldenMatch(g, DetectThreats(g.text));
    ++languages_seen[static_cast<unsigned char>(g.text[0]) >= 0x80 ? 0 : 1];
  }
  EXPECT_GE(languages_seen[0], 30);  // Perso-Arabic script
  EXPECT_GE(languages_seen[1], 30);  // Latin: Finglish and English
}

TEST(Threats, MustNotMatchGolden) {
  const std::vector<std::string> lines = Lines(testing::ReadTestData("threats/must_not_match.tsv"));
  ASSERT_GE(lines.size(), 40u);
  for (const std::string& text : lines) {
    const ThreatResult r = DetectThreats(text);
    EXPECT_TRUE(r.matches.empty()) << text << "\n  got " << Describe(text, r);
    EXPECT_EQ(r.score, 0.0) << text;
  }
}

TEST(Threats, LexiconCompilesCleanly) {
  const ThreatLexiconStats s = GetThreatLexiconStats();
  EXPECT_GE(s.entries, 100u);
  EXPECT_GE(s.negative_entries, 5u);
  EXPECT_GE(s.expanded_terms, 1000u);
  // Every form must be able to meet one token of a comment (a typo like a stray space or a
  // punctuation mark inside a form would silently disable it).
  EXPECT_EQ(s.unmatchable_forms, 0u);
}

TEST(Threats, SpanPointsAtOriginalBytes) {
  const std::string text = "hello \xF0\x9F\x98\x80 WE   WILL KILL YOU!!! bye";
  const ThreatResult r = DetectThreats(text);
  ASSERT_EQ(r.matches.size(), 1u) << Describe(text, r);
  EXPECT_EQ(r.matches[0].span.begin, 11u);
  EXPECT_EQ(r.matches[0].span.end, 29u);
  EXPECT_EQ(text.substr(11, 18), "WE   WILL KILL YOU");
  EXPECT_EQ(r.matches[0].category, "death");
  EXPECT_EQ(r.matches[0].gloss, "we will kill you");
}

TEST(Threats, SpanCoversTatweelElongationAndArabicLetters) {
  // Arabic yeh and kaf, a tatweel inside the verb and an elongated last letter.
  const std::string verb =
      "\xD9\x85\xD9\x8A\xE2\x80\x8C\xD9\x83\xD8\xB4\xD9\x80\xD9\x8A\xD9\x85\xD8\xAA\xD8\xAA\xD8\xAA";
  const std::string text = "\xD8\xA8\xD8\xA7\xD9\x84\xD8\xA7\xD8\xAE\xD8\xB1\xD9\x87 " + verb + " !";
  const ThreatResult r = DetectThreats(text);
  ASSERT_FALSE(r.matches.empty()) << Describe(text, r);
  EXPECT_EQ(text.substr(r.matches[0].span.begin, r.matches[0].span.end - r.matches[0].span.begin), verb);
}

TEST(Threats, ZwnjSpaceAndGluedVerbPrefixAreOneForm) {
  for (const char* text : {"\xD9\x85\xDB\x8C\xE2\x80\x8C\xDA\xA9\xD8\xB4\xDB\x8C\xD9\x85\xD8\xAA",  // ZWNJ
                           "\xD9\x85\xDB\x8C \xDA\xA9\xD8\xB4\xDB\x8C\xD9\x85\xD8\xAA",             // space
                           "\xD9\x85\xDB\x8C\xDA\xA9\xD8\xB4\xDB\x8C\xD9\x85\xD8\xAA"}) {           // glued
    const ThreatResult r = DetectThreats(text);
    ASSERT_EQ(r.matches.size(), 1u) << text;
    EXPECT_EQ(r.matches[0].span.begin, 0u);
    EXPECT_EQ(r.matches[0].span.end, std::string_view(text).size());
  }
}

TEST(Threats, WordBoundaries) {
  // A lexicon word inside a longer word is not that word.
  EXPECT_TRUE(DetectThreats("skill youth").matches.empty());
  EXPECT_TRUE(DetectThreats("we will overkill your expectations").matches.empty());
  EXPECT_TRUE(DetectThreats("mikoshimetaaa bala").matches.empty());  // not a form of the verb
  EXPECT_FALSE(DetectThreats("we will kill you").matches.empty());
}

TEST(Threats, GapsBetweenWordsAreBounded) {
  EXPECT_FALSE(DetectThreats("we will definitely kill you").matches.empty());
  // Three unrelated words between "you" and "die": no longer one phrase.
  EXPECT_TRUE(DetectThreats("you will never ever really die").matches.empty());
}

TEST(Threats, IdiomsCancelOverlappingMatchesOnly) {
  EXPECT_TRUE(DetectThreats("you will die of laughter").matches.empty());
  EXPECT_FALSE(DetectThreats("you will die").matches.empty());
  // An idiom elsewhere in the comment does not excuse a threat.
  const ThreatResult r = DetectThreats("I'm dying of laughter. we know where you live");
  ASSERT_EQ(r.matches.size(), 1u);
  EXPECT_EQ(r.matches[0].category, "doxxing");
}

TEST(Threats, ScoreAndLevels) {
  EXPECT_EQ(DetectThreats("").score, 0.0);
  EXPECT_EQ(ThreatLevelOf(DetectThreats("nice picture").score), ThreatLevel::kNone);
  const ThreatResult strong = DetectThreats("we will cut off your head");
  EXPECT_EQ(ThreatLevelOf(strong.score), ThreatLevel::kHigh);
  const ThreatResult weak = DetectThreats("watch your back");
  EXPECT_EQ(ThreatLevelOf(weak.score), ThreatLevel::kMedium);
  EXPECT_LT(weak.score, strong.score);
  // Several kinds of threat in one comment add up, below 1.
  const ThreatResult several = DetectThreats("we know where you live. we will cut off your head");
  EXPECT_GT(several.score, strong.score);
  EXPECT_LE(several.score, 1.0);
  EXPECT_STREQ(ThreatLevelName(ThreatLevel::kHigh), "high");
  EXPECT_STREQ(ThreatLevelName(ThreatLevel::kMedium), "medium");
  EXPECT_STREQ(ThreatLevelName(ThreatLevel::kNone), "none");
}

TEST(Threats, ContainedWeakerMatchIsNotRepeated) {
  // "kill you" alone is an entry too; inside "we will kill you" only the stronger reason shows.
  const ThreatResult r = DetectThreats("we will kill you");
  ASSERT_EQ(r.matches.size(), 1u) << Describe("we will kill you", r);
  EXPECT_EQ(r.matches[0].weight, 5.5);
}

TEST(Threats, HostileBytesDoNotBreakIt) {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 37 + 11) & 0xFF));
  junk += " we will kill you \xD9";  // truncated UTF-8 at the end
  const ThreatResult r = DetectThreats(junk);
  for (const ThreatMatch& m : r.matches) {
    EXPECT_LE(m.span.begin, m.span.end);
    EXPECT_LE(m.span.end, junk.size());
  }
  EXPECT_FALSE(r.matches.empty());
  EXPECT_TRUE(DetectThreats(std::string(100000, 'a')).matches.empty());
  EXPECT_TRUE(DetectThreats(std::string_view("\0\0\0", 3)).matches.empty());
}


// --- Insult lexicon (DetectInsults): English and Finglish harassment the Persian model cannot see.

TEST(Insults, MustMatchGolden) {
  const std::vector<GoldenMatch> golden = ReadGoldenMatches("insults/must_match.tsv");
  ASSERT_GE(golden.size(), 35u);
  for (const GoldenMatch& g : golden) {
    ExpectGoldenMatch(g, DetectInsults(g.text));
    // Insults are not threats: the threat lexicon stays silent on them.
    EXPECT_LT(DetectThreats(g.text).score, kThreatMediumScore) << g.text;
  }
}

TEST(Insults, MustNotMatchGolden) {
  for (const char* file : {"insults/must_not_match.tsv", "threats/must_not_match.tsv"}) {
    const std::vector<std::string> lines = Lines(testing::ReadTestData(file));
    ASSERT_GE(lines.size(), 20u) << file;
    for (const std::string& text : lines) {
      const ThreatResult r = DetectInsults(text);
      EXPECT_TRUE(r.matches.empty()) << file << ": " << text << "\n  got " << Describe(text, r);
    }
  }
}

TEST(Insults, LexiconCompilesCleanly) {
  const ThreatLexiconStats s = GetInsultLexiconStats();
  EXPECT_GE(s.entries, 60u);
  EXPECT_GE(s.negative_entries, 3u);
  EXPECT_EQ(s.unmatchable_forms, 0u);
}

TEST(Insults, WeakWordsCountButDoNotFlagAlone) {
  const ThreatResult weak = DetectInsults("that was garbage");
  ASSERT_EQ(weak.matches.size(), 1u) << Describe("that was garbage", weak);
  EXPECT_LT(weak.score, kThreatMediumScore);
  // Aimed at the reader it is an insult.
  EXPECT_GE(DetectInsults("you are garbage").score, kThreatMediumScore);
  // An idiom cancels only what it overlaps.
  const std::string idiom = "karma is a bitch, you whore";
  const ThreatResult r = DetectInsults(idiom);
  ASSERT_EQ(r.matches.size(), 1u) << Describe(idiom, r);
  EXPECT_EQ(idiom.substr(r.matches[0].span.begin, r.matches[0].span.end - r.matches[0].span.begin), "whore");
}

TEST(Insults, OnePassEqualsTwoSeparatePasses) {
  // The comment scorer matches both lexicons at once; it must agree with each alone, and an idiom
  // of one lexicon must not cancel a match of the other ("karma is a bitch" vs a threat).
  std::vector<std::string> texts = {"karma is a bitch, we will kill you", "you whore, we know where you live"};
  for (const char* file : {"insults/must_match.tsv", "threats/must_match.tsv", "insults/must_not_match.tsv",
                           "threats/must_not_match.tsv"}) {
    for (const std::string& line : Lines(testing::ReadTestData(file))) texts.push_back(line.substr(line.rfind('\t') + 1));
  }
  for (const std::string& text : texts) {
    const std::string norm = NormalizeText(text);
    ThreatResult threats, insults;
    DetectThreatsAndInsults(text, norm, &threats, &insults);
    EXPECT_EQ(Describe(text, threats), Describe(text, DetectThreats(text))) << text;
    EXPECT_EQ(Describe(text, insults), Describe(text, DetectInsults(text))) << text;
  }
  ThreatResult threats, insults;
  DetectThreatsAndInsults(texts[0], NormalizeText(texts[0]), &threats, &insults);
  EXPECT_GE(threats.score, kThreatHighScore);
  EXPECT_TRUE(insults.matches.empty());
}

}  // namespace
}  // namespace swarmlens
