// Thread campaigns: copy-paste with small edits clusters across accounts, unrelated or short
// comments and one account repeating itself do not; bursts of comments from new accounts are
// found and uniform mixes are not.
#include "swarmlens/campaigns.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace swarmlens {
namespace {

// Deterministic generator (the same on every platform).
struct Rng {
  std::uint64_t s;
  std::uint64_t Next() {
    s += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = s;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
};

// Owns the strings a batch of CommentRefs points into.
struct Thread {
  std::vector<std::string> ids, authors, texts;
  std::vector<std::int64_t> times;
  std::vector<double> scores;
  void Add(std::string author, std::string text, std::int64_t time = 0, double score = 0.1) {
    ids.push_back("c" + std::to_string(ids.size()));
    authors.push_back(std::move(author));
    texts.push_back(std::move(text));
    times.push_back(time);
    scores.push_back(score);
  }
  std::vector<CommentRef> Refs(std::size_t from = 0, std::size_t to = SIZE_MAX) const {
    std::vector<CommentRef> out;
    for (std::size_t i = from; i < std::min(to, ids.size()); ++i) {
      CommentRef r;
      r.id = ids[i];
      r.author = authors[i];
      r.text = texts[i];
      if (times[i] != 0) r.created_at = times[i];
      r.author_score = scores[i];
      out.push_back(r);
    }
    return out;
  }
};

// Organic-looking comments: 6-10 words drawn from a mixed Persian / Finglish / English vocabulary.
std::string RandomComment(Rng& rng) {
  static const char* const kWords[] = {
      "سلام",  "ممنون",   "عالی",     "خیلی",   "قشنگ",    "حرف",    "دلم",      "ایران", "مردم",  "آزادی",
      "امید",  "زندگی",   "روز",      "شب",     "کار",     "دوست",   "خانه",     "شهر",   "زیبا",  "بهترین",
      "چرا",   "کجا",     "هنوز",     "فردا",   "merci",   "kheili", "ghashang", "doset", "daram", "azizam",
      "chera", "hamishe", "midoonam", "bia",    "love",    "this",   "photo",    "great", "work",  "keep",
      "going", "where",   "when",     "today",  "amazing", "voice",  "strong",   "thank", "you",   "brave",
      "truth", "hope",    "light",    "sister", "brother", "music",  "song",     "city"};
  constexpr std::size_t kCount = sizeof(kWords) / sizeof(kWords[0]);
  std::string s;
  const std::size_t n = 6 + rng.Below(5);
  for (std::size_t i = 0; i < n; ++i) {
    if (i) s += ' ';
    s += kWords[rng.Below(kCount)];
  }
  return s;
}

// The template of a smear campaign and small edits of it, as copies are posted by a swarm.
const std::string kTemplate = "این خانم جاسوس است و برای پول دروغ میگوید، همه ریپورت کنید و آنفالو کنید";
std::string Variant(std::size_t i) {
  switch (i % 6) {
    case 0:
      return kTemplate;
    case 1:
      return "@sample_target_" + std::to_string(i) + " " + kTemplate;  // a different mention
    case 2:
      return kTemplate + " \xF0\x9F\x98\xA1\xF0\x9F\x98\xA1";  // emoji added
    case 3:
      return "اين خانم جاسوس است و برای پول دروغ ميگويد، همه ريپورت کنيد و آنفالو کنيد";  // Arabic yeh
    case 4:
      return "این خانم جاسوس است و برای پول دروغ میگوید!!! همه ریپورت کنید و آنفالو کنید";  // punctuation
    default:
      return "این خانوم جاسوس است و برای پول دروغ میگوید، همه ریپورت کنید و آنفالو کنید";  // a typo
  }
}

std::vector<Campaign> OfKind(const std::vector<Campaign>& all, CampaignKind kind) {
  std::vector<Campaign> out;
  for (const Campaign& c : all)
    if (c.kind == kind) out.push_back(c);
  return out;
}

TEST(CampaignsTest, TextAndEligibility) {
  EXPECT_EQ(CampaignText("@Some_one.x   HELLO  there @x #Tag_Two"), "hello there tag two");
  const CampaignOptions o;
  EXPECT_FALSE(IsCampaignEligible(("nice"), o));
  EXPECT_FALSE(IsCampaignEligible(("\xE2\x9D\xA4\xEF\xB8\x8F\xE2\x9D\xA4\xEF\xB8\x8F"), o));
  EXPECT_FALSE(IsCampaignEligible(("زن زندگی آزادی 🔥🔥"), o));
  EXPECT_FALSE(IsCampaignEligible(("#MahsaAmini #زن_زندگی_آزادی #IranRevolution #FreeIran"), o));
  EXPECT_FALSE(IsCampaignEligible(("@a @b @c @d @e @f @g @h @i @j @k @l"), o));
  EXPECT_TRUE(IsCampaignEligible((kTemplate), o));
  EXPECT_TRUE(IsCampaignEligible(("we know where you live, watch out"), o));
  // Small edits keep the texts similar; unrelated texts are not.
  EXPECT_GE(CampaignSimilarity(CampaignText(Variant(0)), CampaignText(Variant(5))), 0.5);
  EXPECT_DOUBLE_EQ(CampaignSimilarity(CampaignText(Variant(0)), CampaignText(Variant(1))), 1.0);
  Rng rng{1};
  EXPECT_LT(CampaignSimilarity(CampaignText(RandomComment(rng)), CampaignText(RandomComment(rng))), 0.5);
}

TEST(CampaignsTest, CopyPasteWithSmallEditsClusters) {
  Rng rng{7};
  Thread t;
  for (int i = 0; i < 120; ++i) t.Add("organic" + std::to_string(i), RandomComment(rng));
  for (std::size_t i = 0; i < 12; ++i) t.Add("swarm" + std::to_string(i), Variant(i));
  for (int i = 0; i < 30; ++i) t.Add("late" + std::to_string(i), RandomComment(rng));
  const auto refs = t.Refs();
  const auto copy = OfKind(AnalyzeThread(refs), CampaignKind::kCopyPaste);
  ASSERT_EQ(copy.size(), 1u);
  const Campaign& c = copy[0];
  ASSERT_EQ(c.members.size(), 12u);
  EXPECT_EQ(c.accounts, 12u);
  for (const CampaignMember& m : c.members) EXPECT_EQ(m.author.rfind("swarm", 0), 0u) << m.author;
  EXPECT_NE(c.representative.find("جاسوس"), std::string::npos);
  // Null: 12 accounts among 162 comparable comments, pair chance 1e-3.
  const double n = 162;
  double tail = 0;  // P(Bin(n-1, 1e-3) >= 11), dominated by its first terms
  for (int k = 11; k <= 20; ++k)
    tail += std::exp(std::lgamma(n) - std::lgamma(k + 1.0) - std::lgamma(n - k) + k * std::log(1e-3) +
                     (n - 1 - k) * std::log1p(-1e-3));
  EXPECT_NEAR(c.strength, -std::log10(tail) - std::log10(n), 0.01);
  EXPECT_NEAR(c.expected, 161 * 1e-3, 1e-9);
  EXPECT_NE(c.description.find("12 accounts"), std::string::npos) << c.description;

  const auto reasons = CampaignReasonsByComment(copy);
  ASSERT_EQ(reasons.size(), 12u);
  const auto& r = reasons.at(c.members[0].comment_id);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].code, "campaign_copy_paste");
  EXPECT_NE(r[0].text.find("as 11 other comments from 11 other accounts"), std::string::npos) << r[0].text;
}

TEST(CampaignsTest, PagesInAnyOrderGiveTheSameCampaign) {
  Rng rng{11};
  Thread t;
  for (int i = 0; i < 60; ++i) {
    if (i % 5 == 0) {
      t.Add("swarm" + std::to_string(i), Variant(static_cast<std::size_t>(i)));
    } else {
      t.Add("organic" + std::to_string(i), RandomComment(rng));
    }
  }
  const auto batch = OfKind(AnalyzeThread(t.Refs()), CampaignKind::kCopyPaste);
  ThreadAnalyzer paged;
  EXPECT_EQ(paged.AddComments(t.Refs(40, 60)), 20u);
  EXPECT_EQ(paged.AddComments(t.Refs(0, 25)), 25u);
  EXPECT_EQ(paged.AddComments(t.Refs(20, 45)), 15u);  // a page delivered twice in part
  EXPECT_EQ(paged.size(), 60u);
  const auto inc = OfKind(paged.Clusters(), CampaignKind::kCopyPaste);
  ASSERT_EQ(batch.size(), 1u);
  ASSERT_EQ(inc.size(), 1u);
  std::set<std::string> a, b;
  for (const auto& m : batch[0].members) a.insert(m.comment_id);
  for (const auto& m : inc[0].members) b.insert(m.comment_id);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.size(), 12u);
  EXPECT_NEAR(batch[0].strength, inc[0].strength, 1e-9);
}

TEST(CampaignsTest, UnrelatedCommentsDoNotCluster) {
  Rng rng{3};
  Thread t;
  for (int i = 0; i < 400; ++i) t.Add("user" + std::to_string(i), RandomComment(rng));
  EXPECT_TRUE(OfKind(AnalyzeThread(t.Refs()), CampaignKind::kCopyPaste).empty());
}

TEST(CampaignsTest, OneAccountRepeatingItselfIsNoCampaign) {
  Rng rng{5};
  Thread t;
  for (int i = 0; i < 50; ++i) t.Add("user" + std::to_string(i), RandomComment(rng));
  for (std::size_t i = 0; i < 30; ++i) t.Add("spammer", Variant(i));
  EXPECT_TRUE(OfKind(AnalyzeThread(t.Refs()), CampaignKind::kCopyPaste).empty());
  // Two accounts are not enough (min_accounts = 3). Among about 90 comparable comments three or
  // four accounts are not unlikely enough under the null (strength about 0.4 and 1.9 < 3); five
  // are (about 3.5).
  for (std::size_t i = 0; i < 10; ++i) t.Add("spammer2", Variant(i));
  EXPECT_TRUE(OfKind(AnalyzeThread(t.Refs()), CampaignKind::kCopyPaste).empty());
  t.Add("third", Variant(0));
  t.Add("fourth", Variant(1));
  EXPECT_TRUE(OfKind(AnalyzeThread(t.Refs()), CampaignKind::kCopyPaste).empty());
  t.Add("fifth", Variant(2));
  const auto c = OfKind(AnalyzeThread(t.Refs()), CampaignKind::kCopyPaste);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].accounts, 5u);
  EXPECT_EQ(c[0].members.size(), 43u);
}

TEST(CampaignsTest, ShortCommonCommentsDoNotCluster) {
  Thread t;
  const char* const kShort[] = {"❤️",
                                "nice",
                                "زن زندگی آزادی",
                                "🔥🔥🔥",
                                "merci azizam",
                                "Stay strong!!",
                                "#FreeIran #MahsaAmini #WomanLifeFreedom"};
  for (int i = 0; i < 140; ++i) t.Add("fan" + std::to_string(i), kShort[i % 7]);
  EXPECT_TRUE(OfKind(AnalyzeThread(t.Refs()), CampaignKind::kCopyPaste).empty());
}

TEST(CampaignsTest, LargeCampaignPastTheBucketCap) {
  Thread t;
  for (int i = 0; i < 300; ++i) t.Add("bot" + std::to_string(i), Variant(static_cast<std::size_t>(i)));
  const auto c = OfKind(AnalyzeThread(t.Refs()), CampaignKind::kCopyPaste);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].members.size(), 300u);
  EXPECT_EQ(c[0].accounts, 300u);
  EXPECT_GT(c[0].strength, 100);
}

TEST(CampaignsTest, BurstOfNewAccounts) {
  Rng rng{9};
  Thread t;
  std::int64_t time = 1731000000;
  // 200 organic comments, one every ~10 minutes, 5% from suspicious authors; then a burst of 24
  // comments in 6 minutes, 20 of them from new accounts.
  for (int i = 0; i < 200; ++i) {
    time += 300 + static_cast<std::int64_t>(rng.Below(600));
    t.Add("organic" + std::to_string(i), RandomComment(rng), time, i % 20 == 0 ? 0.8 : 0.1);
    if (i == 120) {
      for (int k = 0; k < 24; ++k) {
        time += 15;
        t.Add((k % 6 == 5 ? "organic_b" : "new") + std::to_string(k), RandomComment(rng), time, k % 6 == 5 ? 0.1 : 0.9);
      }
    }
  }
  const auto all = AnalyzeThread(t.Refs());
  const auto bursts = OfKind(all, CampaignKind::kBurst);
  ASSERT_EQ(bursts.size(), 1u);
  const Campaign& b = bursts[0];
  EXPECT_GE(b.members.size(), 20u);
  EXPECT_LE(b.members.size(), 22u);  // the burst plus at most the odd flagged organic at its edge
  std::size_t from_new = 0;
  for (const auto& m : b.members) from_new += m.author.rfind("new", 0) == 0 ? 1 : 0;
  EXPECT_EQ(from_new, 20u);
  EXPECT_GE(b.strength, 3.0);
  ASSERT_TRUE(b.first_at && b.last_at);
  EXPECT_LE(*b.last_at - *b.first_at, 24 * 15);
  const auto reasons = CampaignReasonsByComment(bursts);
  EXPECT_EQ(reasons.at(b.members[0].comment_id)[0].code, "campaign_burst");
}

TEST(CampaignsTest, NoBurstWhenFlaggedCommentsAreSpreadOut) {
  Rng rng{13};
  Thread t;
  std::int64_t time = 1731000000;
  for (int i = 0; i < 300; ++i) {
    time += 60 + static_cast<std::int64_t>(rng.Below(120));
    t.Add("u" + std::to_string(i), RandomComment(rng), time, i % 4 == 0 ? 0.9 : 0.1);
  }
  EXPECT_TRUE(OfKind(AnalyzeThread(t.Refs()), CampaignKind::kBurst).empty());
}

TEST(CampaignsTest, AuthorNewFlagsAndUntimedComments) {
  Rng rng{17};
  Thread t;
  std::int64_t time = 1731000000;
  for (int i = 0; i < 120; ++i) {
    time += 600;
    t.Add("u" + std::to_string(i), RandomComment(rng), time, 0.1);
  }
  auto refs = t.Refs();
  // 15 consecutive comments from accounts the caller knows are new (scores low).
  for (int i = 50; i < 65; ++i) refs[static_cast<std::size_t>(i)].author_new = true;
  ASSERT_EQ(OfKind(AnalyzeThread(refs), CampaignKind::kBurst).size(), 1u);
  // Without times the same comments take no part in the burst scan.
  for (auto& r : refs) r.created_at.reset();
  EXPECT_TRUE(OfKind(AnalyzeThread(refs), CampaignKind::kBurst).empty());
}

TEST(CampaignsTest, MemoryCapCountsButDoesNotStore) {
  Rng rng{19};
  Thread t;
  for (int i = 0; i < 100; ++i) t.Add("u" + std::to_string(i), RandomComment(rng));
  CampaignOptions o;
  o.max_comments = 40;
  ThreadAnalyzer capped(o);
  capped.AddComments(t.Refs());
  EXPECT_EQ(capped.size(), 100u);
  ThreadAnalyzer full;
  full.AddComments(t.Refs());
  EXPECT_LT(capped.MemoryBytes(), full.MemoryBytes());
  EXPECT_GT(capped.MemoryBytes(), 40u * 256u);  // at least the stored signatures
}

TEST(CampaignsTest, KindNames) {
  EXPECT_STREQ(CampaignKindName(CampaignKind::kCopyPaste), "copy_paste");
  EXPECT_STREQ(CampaignKindName(CampaignKind::kBurst), "burst");
}

}  // namespace
}  // namespace swarmlens
