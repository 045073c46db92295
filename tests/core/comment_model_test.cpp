// The compiled harassment model against the golden file written by scripts/train_comment_model.py:
// the Python port of NormalizeText and of the features must give the C++ results exactly (text)
// and to 1e-4 (logit, score), natively and under wasm. Plus behaviour a caller relies on.
#include "swarmlens/comment_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "swarmlens/text_normalize.h"

namespace swarmlens {
namespace {

std::string FromHex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

struct GoldenRow {
  std::string input;
  std::string normalized;
  double logit = 0;
  double score = 0;
  double violence_logit = 0;
  double violence_score = 0;
};

// The non-comment lines of a TAB-separated test file under tests/data, split into columns (a
// trailing TAB gives a last empty column).
std::vector<std::vector<std::string>> LoadTsv(const std::string& path) {
  std::ifstream in(std::string(SWARMLENS_TEST_DATA_DIR) + "/" + path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (line.back() == '\t') cols.push_back("");
    rows.push_back(cols);
  }
  return rows;
}

std::vector<GoldenRow> LoadGolden() {
  std::vector<GoldenRow> rows;
  for (const auto& cols : LoadTsv("comment_model/golden.tsv")) {
    if (cols.size() != 6) {
      ADD_FAILURE() << "bad golden line with " << cols.size() << " columns";
      continue;
    }
    rows.push_back({FromHex(cols[0]), FromHex(cols[1]), std::stod(cols[2]), std::stod(cols[3]), std::stod(cols[4]),
                    std::stod(cols[5])});
  }
  return rows;
}

TEST(CommentModel, MatchesGoldenFile) {
  const std::vector<GoldenRow> rows = LoadGolden();
  ASSERT_GE(rows.size(), 40u);
  for (const GoldenRow& row : rows) {
    SCOPED_TRACE("input bytes: " + row.input);
    EXPECT_EQ(NormalizeText(row.input), row.normalized);
    const HarassmentResult r = ScoreHarassment(row.input);
    EXPECT_NEAR(r.logit, row.logit, 1e-4);
    EXPECT_NEAR(r.score, row.score, 1e-4);
    EXPECT_EQ(r.flagged, r.score >= kHarassmentThreshold);
    const CommentModelLogits both = ScoreNormalizedCommentModels(NormalizeText(row.input));
    EXPECT_DOUBLE_EQ(both.harassment, r.logit);
    EXPECT_NEAR(both.threat, row.violence_logit, 1e-4);
    EXPECT_NEAR(ViolenceModelScore(both.threat), row.violence_score, 1e-4);
  }
}

TEST(CommentModel, GoldenFileCoversBothClasses) {
  // A golden file of all-low or all-high scores would not notice weights that lost their sign.
  int flagged = 0;
  int clean = 0;
  for (const GoldenRow& row : LoadGolden()) (row.score >= kHarassmentThreshold ? flagged : clean)++;
  EXPECT_GE(flagged, 5);
  EXPECT_GE(clean, 5);
}

TEST(CommentModel, SeparatesInsultsFromThanks) {
  // "shut up, stupid idiot" vs "hello, thank you very much for the beautiful post".
  const HarassmentResult insult = ScoreHarassment("خفه شو احمق بیشعور");
  const HarassmentResult thanks = ScoreHarassment("سلام، خیلی ممنون از پست قشنگتون");
  EXPECT_TRUE(insult.flagged);
  EXPECT_FALSE(thanks.flagged);
  EXPECT_GT(insult.logit, thanks.logit + 5.0);
}

TEST(CommentModel, ScoresSpellingVariantsAlike) {
  // Arabic yeh/kaf, kashida, diacritics and zero-width junk do not change the features.
  const std::string plain = "برو گمشو عوضی";
  const std::string disguised = "بـــرو گمــشو\u200B عَوَضي";
  EXPECT_DOUBLE_EQ(ScoreHarassment(plain).logit, ScoreHarassment(disguised).logit);
}

TEST(CommentModel, NormalizedEntryPointAgrees) {
  const std::string text = "  تو یه آدم احمق و بی‌شعوری!!! ";
  EXPECT_DOUBLE_EQ(ScoreHarassment(text).logit, ScoreNormalizedHarassment(NormalizeText(text)).logit);
}

TEST(CommentModel, ExplainsWithSpansOfTheOriginalText) {
  // "hello, shut up, stupid!!" with a kashida inside the insult and an Arabic yeh in front.
  const std::string text = "\u064A\u0627 \u0633\u0644\u0627\u0645\u060C \u062E\u0641\u0647 \u0634\u0648 \u0627\u062D\u0640\u0645\u0642!!";
  const std::string insult = "\u0627\u062D\u0640\u0645\u0642";  // as written, kashida included
  const std::vector<HarassmentEvidence> top = ExplainHarassment(text, 10);
  ASSERT_FALSE(top.empty());
  bool found = false;
  for (std::size_t i = 0; i < top.size(); ++i) {
    ASSERT_LT(top[i].span.begin, top[i].span.end);
    ASSERT_LE(top[i].span.end, text.size());
    EXPECT_GT(top[i].contribution, 0.0);
    if (i > 0) {
      EXPECT_GE(top[i - 1].contribution, top[i].contribution);
    }
    found = found || text.substr(top[i].span.begin, top[i].span.end - top[i].span.begin) == insult;
  }
  EXPECT_TRUE(found) << "the insult itself should be among the contributing words";
  EXPECT_LE(ExplainHarassment(text, 1).size(), 1u);
  EXPECT_TRUE(ExplainHarassment("").empty());
}

TEST(CommentModel, CommentHarassmentAddsTheInsultLexicon) {
  // English and Finglish abuse: the comment scorer flags it with the insult as a span of the
  // original text, whether or not the model (now trained on English sets too) flags it alone.
  for (const std::string text : {"you are a whore", "jende bi namoos", "shut up, traitor"}) {
    const std::string norm = NormalizeText(text);
    const HarassmentResult model = ScoreNormalizedHarassment(norm);
    const HarassmentResult both = ScoreCommentHarassment(text, norm);
    EXPECT_TRUE(both.flagged) << text;
    EXPECT_GE(both.logit, model.logit) << text;
    EXPECT_DOUBLE_EQ(both.model_score, model.score) << text;
    ASSERT_FALSE(both.insults.empty()) << text;
    for (const ThreatMatch& m : both.insults) EXPECT_LE(m.span.end, text.size());
  }
  // Persian insults keep the model's verdict; ordinary text stays unflagged.
  const std::string persian = "خفه شو احمق بیشعور";
  EXPECT_TRUE(ScoreCommentHarassment(persian, NormalizeText(persian)).flagged);
  EXPECT_DOUBLE_EQ(ScoreCommentHarassment(persian, NormalizeText(persian)).logit, ScoreHarassment(persian).logit);
  const std::string thanks = "thank you for your courage, woman life freedom";
  const HarassmentResult ok = ScoreCommentHarassment(thanks, NormalizeText(thanks));
  EXPECT_FALSE(ok.flagged);
  EXPECT_TRUE(ok.insults.empty());
}

TEST(CommentModel, TheModelReadsEnglishAbuse) {
  // The harassment head is trained on English sets (Jigsaw, GHC, Reddit misogyny) as well as
  // Persian: English abuse is flagged by the model itself, polite English is not.
  for (const std::string text : {"you are a whore", "shut up you stupid bitch", "you are a disgusting pig"}) {
    EXPECT_TRUE(ScoreHarassment(text).flagged) << text << " " << ScoreHarassment(text).score;
  }
  for (const std::string text : {"Thank you for sharing this, very helpful!", "we stand with you, stay safe"}) {
    EXPECT_FALSE(ScoreHarassment(text).flagged) << text << " " << ScoreHarassment(text).score;
  }
}

TEST(CommentModel, ProtestSlogansAreNotHarassmentOfTheAccountHolder) {
  // The model alone flags the slogans (its training data labels them offensive); the comment
  // scorer leaves them out, and still flags abuse written next to one.
  for (const std::string text : {"زن زندگی آزادی، مرگ بر دیکتاتور", "مرگ بر جمهوری اسلامی", "marg bar khamenei",
                                 "death to the dictator"}) {
    const std::string norm = NormalizeText(text);
    const HarassmentResult both = ScoreCommentHarassment(text, norm);
    EXPECT_FALSE(both.flagged) << text;
    ASSERT_EQ(both.slogans.size(), 1u) << text;
    EXPECT_LE(both.slogans[0].span.end, text.size());
    EXPECT_EQ(both.slogans[0].category, "slogan");
  }
  EXPECT_TRUE(ScoreHarassment("زن زندگی آزادی، مرگ بر دیکتاتور").flagged) << "the model alone flags it";
  const std::string mixed = "مرگ بر دیکتاتور، جنده";
  EXPECT_TRUE(ScoreCommentHarassment(mixed, NormalizeText(mixed)).flagged);
  // "Death to you" is a threat against the person, not a slogan.
  const std::string you = "مرگ بر تو";
  EXPECT_TRUE(ScoreCommentHarassment(you, NormalizeText(you)).slogans.empty());
}

TEST(CommentModel, EmptyAndRepeatedCallsAreStable) {
  const HarassmentResult empty = ScoreHarassment("");
  EXPECT_GT(empty.score, 0.0);
  EXPECT_LT(empty.score, kHarassmentThreshold);
  // The scorer reuses per-thread buffers: a long text must not leak counts into the next call.
  const double before = ScoreHarassment("احمق").logit;
  std::string long_text;
  for (int i = 0; i < 2000; ++i) long_text += "احمق کثافت ";
  (void)ScoreHarassment(long_text);
  EXPECT_DOUBLE_EQ(ScoreHarassment("احمق").logit, before);
  EXPECT_STRNE(HarassmentModelName(), "");
}


// ---- The violent-speech head combined with the threat lexicon (AnalyzeCommentText) ----------

TEST(ThreatModel, HeldOutThreatPhrasingsReachMedium) {
  const auto rows = LoadTsv("threat_model/must_flag.tsv");
  ASSERT_GE(rows.size(), 20u);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 2u);
    const CommentTextAnalysis a = AnalyzeCommentText(row[1]);
    EXPECT_NE(ThreatLevelOf(a.threat.score), ThreatLevel::kNone)
        << row[0] << ": \"" << row[1] << "\" score " << a.threat.score << " (lexicon " << a.threat.lexicon_score
        << ", model " << a.threat.model_score << ")";
  }
}

TEST(ThreatModel, HeldOutNonThreatsStayBelowMedium) {
  const auto rows = LoadTsv("threat_model/must_not_flag.tsv");
  ASSERT_GE(rows.size(), 10u);
  for (const auto& row : rows) {
    const CommentTextAnalysis a = AnalyzeCommentText(row[0]);
    EXPECT_EQ(ThreatLevelOf(a.threat.score), ThreatLevel::kNone)
        << "\"" << row[0] << "\" score " << a.threat.score << " (lexicon " << a.threat.lexicon_score << ", model "
        << a.threat.model_score << ")";
  }
}

// Logit of a probability, to feed CombineThreat a chosen model score.
double Logit(double p) { return std::log(p / (1.0 - p)); }

TEST(ThreatModel, CombineThreatRule) {
  const double t = kViolenceModelThreshold;
  ASSERT_GT(t, 0.0);
  ASSERT_LT(t, 1.0);
  // Nothing matched, the model below its threshold: below medium, the model's score kept.
  ThreatResult none = CombineThreat({}, Logit(t * 0.5));
  EXPECT_LT(none.score, kThreatMediumScore);
  EXPECT_NEAR(none.model_score, t * 0.5, 1e-9);
  EXPECT_EQ(none.lexicon_score, 0.0);
  // The model alone at its threshold is medium, and never high however sure it is.
  EXPECT_NEAR(CombineThreat({}, Logit(t)).score, kThreatMediumScore, 1e-9);
  EXPECT_LT(CombineThreat({}, Logit(1.0 - 1e-9)).score, kThreatHighScore);
  // A lexicon match keeps its score and its matches (the explanation) when the model is unsure.
  ThreatResult lexicon = DetectThreats("we will kill you");
  ASSERT_FALSE(lexicon.matches.empty());
  const double lexicon_score = lexicon.score;
  ThreatResult kept = CombineThreat(lexicon, Logit(0.01));
  EXPECT_EQ(kept.score, lexicon_score);
  EXPECT_EQ(kept.lexicon_score, lexicon_score);
  EXPECT_EQ(kept.matches.size(), lexicon.matches.size());
  // A medium lexicon match and the model at medium agree: high.
  ThreatResult medium = DetectThreats("you will die");
  ASSERT_GE(medium.score, 0.0);
  medium.score = kThreatMediumScore;  // force the case (the lexicon weight is not the point here)
  EXPECT_GE(CombineThreat(medium, Logit(t)).score, kThreatHighScore);
  EXPECT_LT(CombineThreat(medium, Logit(t * 0.9)).score, kThreatHighScore);
  // Monotone in the model's score.
  double last = -1;
  for (double p = 0.001; p < 1.0; p += 0.01) {
    const double s = CombineThreat({}, Logit(p)).score;
    EXPECT_GE(s, last);
    last = s;
  }
}

TEST(ThreatModel, SlogansAreLeftOutOfBothHeads) {
  // "death to the dictator" is a protest slogan: neither a threat nor abuse of the account holder.
  const CommentTextAnalysis slogan = AnalyzeCommentText("زن زندگی آزادی، مرگ بر دیکتاتور");
  EXPECT_EQ(ThreatLevelOf(slogan.threat.score), ThreatLevel::kNone);
  EXPECT_FALSE(slogan.harassment.slogans.empty());
  const CommentTextAnalysis threat = AnalyzeCommentText("مرگ بر دیکتاتور، میکشیمت");
  EXPECT_NE(ThreatLevelOf(threat.threat.score), ThreatLevel::kNone);
}
}  // namespace
}  // namespace swarmlens
