// Engine: merging across pages, identity by pk / username, state unchanged on errors, ranking.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "swarmlens/swarmlens.h"
#include "test_data.h"

namespace swarmlens {
namespace {

std::string RestPage(const std::string& users) { return "{\"users\":[" + users + "],\"status\":\"ok\"}"; }

TEST(Engine, MergesTheSameAccountAcrossPagesByPk) {
  Engine engine;
  auto a = engine.Ingest(RestPage(R"({"pk":"11","username":"old_name","full_name":"A"})"),
                         {.name = "p1", .list = ListKind::kFollowers, .owner = "target"});
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_EQ(a.value().new_accounts, 1u);
  // Same pk, new handle, new field; the unknown fields of the new page keep the old values.
  auto b = engine.Ingest(RestPage(R"({"pk":11,"username":"new_name","is_private":true})"),
                         {.name = "p2", .list = ListKind::kFollowing, .owner = "target"});
  ASSERT_TRUE(b.ok()) << b.error().ToString();
  EXPECT_EQ(b.value().new_accounts, 0u);
  ASSERT_EQ(engine.size(), 1u);
  const Account& acc = engine.account(0);
  EXPECT_EQ(acc.username, "new_name");
  EXPECT_EQ(acc.full_name.value_or(""), "A");
  EXPECT_EQ(acc.is_private, std::optional<bool>(true));
  EXPECT_EQ(acc.sightings.size(), 2u);
}

TEST(Engine, MergesByUsernameWhenThePayloadHasNoPk) {
  Engine engine;
  ASSERT_TRUE(engine.Ingest(RestPage(R"({"pk":"12","username":"sara.ahmadi","full_name":"Sara"})")).ok());
  // DYI exports carry no pk: the username identifies the account.
  const std::string dyi = R"([{"title":"","media_list_data":[],"string_list_data":[{"href":"https://www.instagram.com/sara.ahmadi","value":"sara.ahmadi","timestamp":1749860021}]}])";
  auto r = engine.Ingest(dyi, {.name = "followers_1.json"});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(engine.size(), 1u);
  EXPECT_EQ(engine.account(0).pk, std::optional<std::uint64_t>(12));
}

TEST(Engine, SameUsernameWithAnotherPkIsAnotherAccount) {
  Engine engine;
  ASSERT_TRUE(engine.Ingest(RestPage(R"({"pk":"1","username":"recycled"})")).ok());
  ASSERT_TRUE(engine.Ingest(RestPage(R"({"pk":"2","username":"recycled"})")).ok());
  EXPECT_EQ(engine.size(), 2u);
}

TEST(Engine, RereadingAPageDoesNotGrowTheRecord) {
  Engine engine;
  const std::string page = RestPage(R"({"pk":"5","username":"x"},{"pk":"6","username":"y"})");
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(engine.Ingest(page, {.list = ListKind::kFollowers, .owner = "t"}).ok());
  }
  EXPECT_EQ(engine.size(), 2u);
  EXPECT_EQ(engine.account(0).sightings.size(), 1u);
}

TEST(Engine, StateIsUnchangedAfterBadInput) {
  Engine engine;
  ASSERT_TRUE(engine.Ingest(RestPage(R"({"pk":"7","username":"kept"})")).ok());
  const std::string good = RestPage(R"({"pk":"8","username":"a"},{"pk":"9","username":"b"})");
  for (std::size_t cut = 0; cut < good.size(); ++cut) {
    auto r = engine.Ingest(std::string_view(good).substr(0, cut), {.name = "cut"});
    ASSERT_FALSE(r.ok()) << "prefix of " << cut << " bytes was accepted";
    EXPECT_EQ(r.error().source, "cut");
    EXPECT_LE(r.error().offset, cut);
  }
  EXPECT_EQ(engine.size(), 1u);
  EXPECT_EQ(engine.account(0).username, "kept");
}

TEST(Engine, PositionsFollowThePageOrder) {
  Engine engine;
  auto r = engine.Ingest(RestPage(R"({"pk":"1","username":"a"},{"pk":"2","username":"b"})"),
                         {.list = ListKind::kFollowers, .owner = "t", .first_position = 50});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().accounts.size(), 2u);
  EXPECT_EQ(engine.account(r.value().accounts[0]).sightings.at(0).position, 50u);
  EXPECT_EQ(engine.account(r.value().accounts[1]).sightings.at(0).position, 51u);
  EXPECT_EQ(engine.account(r.value().accounts[1]).sightings.at(0).owner, "t");
}

TEST(Engine, RanksBotLikeAccountsAboveOrganicOnes) {
  Engine engine;
  auto r = engine.Ingest(testing::ReadSample("friendships_followers_v1.json"), {.name = "sample"});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const auto ranked = engine.Ranked();
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].account->username, "user8815263094");
  EXPECT_GT(ranked[0].score.score, ranked[1].score.score);
  EXPECT_EQ(ranked[0].score.level, Level::kHigh);
  EXPECT_EQ(ranked[1].score.level, Level::kLow);
}

// Reads examples/followers/page_NNN.json (the demo's input) into one followers list.
std::size_t IngestBundledExample(Engine& engine) {
  std::uint32_t position = 0;
  std::size_t pages = 0;
  for (int page = 1;; ++page) {
    char name[64];
    std::snprintf(name, sizeof name, "../../examples/followers/page_%03d.json", page);
    bool found = false;
    std::string text;
    {
      std::FILE* f = std::fopen(testing::TestDataPath(name).c_str(), "rb");
      if (f == nullptr) break;
      char buf[65536];
      for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
      std::fclose(f);
      found = true;
    }
    if (!found) break;
    auto r = engine.Ingest(text, {.name = name, .list = ListKind::kFollowers, .owner = "example_activist",
                                  .first_position = position});
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    if (!r.ok()) break;
    position += static_cast<std::uint32_t>(r.value().accounts.size());
    ++pages;
  }
  return pages;
}

TEST(Engine, BundledExampleRanksTheSwarmOnTop) {
  // examples/ comes from `swarmlens simulate examples/demo.scenario`; labels.csv is its ground truth.
  Engine engine;
  ASSERT_GT(IngestBundledExample(engine), 5u);
  const std::string labels = testing::ReadTestData("../../examples/labels.csv");
  std::size_t swarm = 0;
  for (std::size_t at = labels.find(",swarm,"); at != std::string::npos; at = labels.find(",swarm,", at + 1)) ++swarm;
  ASSERT_GT(swarm, 0u);
  const auto ranked = engine.Ranked();
  std::size_t swarm_in_top = 0;
  for (std::size_t i = 0; i < swarm && i < ranked.size(); ++i) {
    swarm_in_top += labels.find("," + ranked[i].account->username + ",swarm,") != std::string::npos;
  }
  EXPECT_GE(swarm_in_top * 100, swarm * 90) << swarm_in_top << " of " << swarm << " swarm accounts ranked on top";
}

TEST(Engine, FindsTheSwarmClustersOfTheBundledExampleAndAddsTheirEvidence) {
  Engine engine;
  ASSERT_GT(IngestBundledExample(engine), 5u);
  bool cohort = false, burst = false;
  for (const ListCluster& c : engine.Clusters()) {
    EXPECT_EQ(c.list, ListKind::kFollowers);
    EXPECT_EQ(c.owner, "example_activist");
    cohort |= c.cluster.kind == ClusterKind::kCohort && c.cluster.members.size() >= 100;
    burst |= c.cluster.kind == ClusterKind::kBurst && c.cluster.members.size() >= 100;
  }
  EXPECT_TRUE(cohort);
  EXPECT_TRUE(burst);
  // A cohort member's score carries the swarm reason and is higher than its account score.
  for (const ListCluster& c : engine.Clusters()) {
    if (c.cluster.kind != ClusterKind::kCohort) continue;
    const std::size_t member = c.cluster.members.front();
    const Score with = engine.ScoreAt(member);
    const Score without = ScoreAccount(engine.account(member));
    ASSERT_FALSE(with.list_reasons.empty());
    EXPECT_EQ(with.list_reasons.front().code, "swarm_cohort");
    EXPECT_NE(with.list_reasons.front().text.find("same narrow id range"), std::string::npos);
    EXPECT_GT(with.logit, without.logit);
    double sum = with.bias;
    for (const Reason& r : with.reasons) sum += r.weight;
    for (const ListReason& r : with.list_reasons) sum += r.weight;
    EXPECT_NEAR(sum, with.logit, 1e-9);
  }
}

TEST(Engine, AnOrganicListHasNoClusters) {
  Engine engine;
  std::string users;
  for (int i = 0; i < 300; ++i) {
    if (i) users += ',';
    // Ids spread over years, varied names: nothing here should look coordinated.
    const unsigned long long pk = 1000000ULL + static_cast<unsigned long long>(i) * 197385451ULL % 60000000000ULL;
    users += "{\"pk\":\"" + std::to_string(pk) + "\",\"username\":\"person" + std::string(1, static_cast<char>('a' + i % 26)) +
             std::string(1, static_cast<char>('a' + (i / 26) % 26)) + ".name\",\"full_name\":\"Person " + std::to_string(i) + "\"}";
  }
  ASSERT_TRUE(engine.Ingest(RestPage(users), {.list = ListKind::kFollowers, .owner = "t"}).ok());
  EXPECT_TRUE(engine.Clusters().empty());
}

TEST(Engine, SharedPicturesClusterAndUpdateTheOtherMembers) {
  Engine engine;
  std::string users;
  for (int i = 0; i < 40; ++i) {
    if (i) users += ',';
    users += "{\"pk\":\"" + std::to_string(5000000000ULL + static_cast<unsigned long long>(i) * 7919ULL * 1000003ULL) +
             "\",\"username\":\"member" + std::to_string(i) + "x\"}";
  }
  auto page = engine.Ingest(RestPage(users), {.list = ListKind::kFollowers, .owner = "t"});
  ASSERT_TRUE(page.ok());
  PerceptualHash shared;
  shared.words = {0x0123456789abcdefULL, 0xfedcba9876543210ULL, 0x0f0f0f0f33333333ULL, 0x5555aaaa12345678ULL};
  shared.quality = 90;
  std::vector<std::size_t> last_updated;
  for (int i = 0; i < 4; ++i) {
    PerceptualHash copy = shared;
    copy.words[static_cast<std::size_t>(i)] ^= 0x7ULL;  // a re-encoded copy: 3 bits differ
    auto r = engine.AddAvatar(*engine.Find("member" + std::to_string(i) + "x"), copy);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    last_updated = r.value().updated;
  }
  // The third copy formed the cluster (3+ members); the fourth joined it and changed the others.
  EXPECT_GE(last_updated.size(), 3u);
  const Score s = engine.ScoreAt(*engine.Find("member0x"));
  ASSERT_FALSE(s.list_reasons.empty());
  EXPECT_EQ(s.list_reasons.front().code, "swarm_shared_avatar");
  EXPECT_EQ(s.list_reasons.front().text, "one of 4 accounts of this list using the same profile picture");
  EXPECT_TRUE(engine.ScoreAt(*engine.Find("member9x")).list_reasons.empty());
  // The same accounts seen later in another list bring their pictures along.
  ASSERT_TRUE(engine.Ingest(RestPage(users), {.list = ListKind::kFollowing, .owner = "other"}).ok());
  bool in_other = false;
  for (const ListCluster& c : engine.Clusters()) {
    in_other |= c.owner == "other" && c.cluster.kind == ClusterKind::kSharedAvatar && c.cluster.members.size() == 4;
  }
  EXPECT_TRUE(in_other);
  // An index that does not exist is an error, not a crash.
  EXPECT_FALSE(engine.AddAvatar(engine.size(), shared).ok());
}

TEST(Engine, CommentsAreStoredOnceScoredAndTheirAuthorsMerged) {
  Engine engine;
  ASSERT_TRUE(engine.Ingest(testing::ReadSample("friendships_followers_v1.json"), {.name = "followers"}).ok());
  const std::string page = testing::ReadSample("media_comments_v1.json");
  auto r = engine.IngestComments(page, {.name = "comments"}, "post1");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r.value().new_comments, 1u);
  const std::size_t accounts = engine.size();
  // The same page again: no new comment, no new account.
  auto again = engine.IngestComments(page, {.name = "comments"}, "post1");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().new_comments, 0u);
  EXPECT_EQ(engine.comment_count(), 1u);
  EXPECT_EQ(engine.size(), accounts);
  const ScoredComment c = engine.ScoreComment(0);
  ASSERT_TRUE(c.author.has_value());
  EXPECT_EQ(engine.account(*c.author).username, "sample_commenter_i");
  EXPECT_EQ(c.comment->post, "post1");
  // A threat is found with its span in the original text.
  const std::string threat = R"({"comments":[{"pk":"9","text":"ما میدونیم کجا زندگی میکنی","user":{"pk":"77","username":"x_1"}}]})";
  ASSERT_TRUE(engine.IngestComments(threat, {.name = "t"}, "post1").ok());
  const ScoredComment t = engine.ScoreComment(1);
  ASSERT_FALSE(t.threat.matches.empty());
  EXPECT_EQ(t.threat.matches.front().category, "doxxing");
  // Bad input changes nothing.
  EXPECT_FALSE(engine.IngestComments(threat.substr(0, threat.size() / 2), {.name = "cut"}, "post1").ok());
  EXPECT_EQ(engine.comment_count(), 2u);
}

}  // namespace
}  // namespace swarmlens
