// Engine: merging across pages, identity by pk / username, state unchanged on errors, ranking.
#include <gtest/gtest.h>

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

TEST(Engine, BundledExampleRanksTheSwarmOnTop) {
  // examples/followers is the demo's input; labels.csv says which accounts are the swarm.
  Engine engine;
  std::uint32_t position = 0;
  for (int page = 1; page <= 8; ++page) {
    char name[64];
    std::snprintf(name, sizeof name, "../../examples/followers/page_%03d.json", page);
    auto r = engine.Ingest(testing::ReadTestData(name), {.name = name, .list = ListKind::kFollowers,
                                                          .owner = "example_activist", .first_position = position});
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    position += static_cast<std::uint32_t>(r.value().accounts.size());
  }
  const std::string labels = testing::ReadTestData("../../examples/labels.csv");
  std::size_t swarm = 0;
  for (std::size_t at = labels.find(",swarm"); at != std::string::npos; at = labels.find(",swarm", at + 1)) ++swarm;
  ASSERT_GT(swarm, 0u);
  const auto ranked = engine.Ranked();
  std::size_t swarm_in_top = 0;
  for (std::size_t i = 0; i < swarm && i < ranked.size(); ++i) {
    const std::string needle = "," + ranked[i].account->username + ",swarm";
    swarm_in_top += labels.find(needle) != std::string::npos;
  }
  // The hand-set weights must put nearly the whole swarm above every organic follower.
  EXPECT_GE(swarm_in_top * 100, swarm * 90) << swarm_in_top << " of " << swarm << " swarm accounts ranked on top";
}

}  // namespace
}  // namespace swarmlens
