// What the case keeps as evidence: the payload log (SHA-256 of the bytes as received, capture
// time), who was seen in which payload, the allowlist, and the estimated creation from the pk.
#include <gtest/gtest.h>

#include <string>

#include "swarmlens/creation.h"
#include "swarmlens/simulate.h"
#include "swarmlens/swarmlens.h"

namespace swarmlens {
namespace {

std::string RestPage(const std::string& users) { return "{\"users\":[" + users + "],\"status\":\"ok\"}"; }

TEST(Evidence, EveryIngestedPayloadIsLoggedWithItsSha256AndCaptureTime) {
  Engine engine;
  const std::string page = RestPage(R"({"pk":"11","username":"a"},{"pk":"12","username":"b"})");
  ASSERT_TRUE(engine.Ingest(page, {.name = "page1.json", .list = ListKind::kFollowers, .owner = "o",
                                   .seen_at = 1764300000}).ok());
  ASSERT_FALSE(engine.Ingest("{\"users\":[", {.name = "broken.json"}).ok());  // refused: not logged
  const std::string comments =
      R"({"comments":[{"pk":"901","text":"hello there","user":{"pk":"12","username":"b"},"created_at":1764000000}]})";
  ASSERT_TRUE(engine.IngestComments(comments, {.name = "comments.json", .seen_at = 1764300100}).ok());
  ASSERT_EQ(engine.Payloads().size(), 2u);
  const PayloadRecord& first = engine.Payloads()[0];
  EXPECT_EQ(Sha256Hex(first.sha256), Sha256Hex(Sha256Of(page)));
  EXPECT_EQ(first.source, "page1.json");
  EXPECT_EQ(first.captured_at, 1764300000);
  EXPECT_EQ(first.size, page.size());
  EXPECT_FALSE(first.comments);
  EXPECT_TRUE(engine.Payloads()[1].comments);
  // Account b was in both payloads, a in the first only; the comment came from the second.
  EXPECT_EQ(engine.PayloadsOfAccount(*engine.Find("a")), (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(engine.PayloadsOfAccount(*engine.Find("b")), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(engine.PayloadOfComment(0), std::optional<std::uint32_t>(1));
  // The same bytes again are one record, counted, with the latest capture time.
  ASSERT_TRUE(engine.Ingest(page, {.name = "again.json", .list = ListKind::kFollowers, .owner = "o",
                                   .seen_at = 1764309999}).ok());
  ASSERT_EQ(engine.Payloads().size(), 2u);
  EXPECT_EQ(engine.Payloads()[0].times, 2u);
  EXPECT_EQ(engine.Payloads()[0].captured_at, 1764300000);
  EXPECT_EQ(engine.Payloads()[0].last_captured_at, 1764309999);
  EXPECT_EQ(engine.PayloadsOfAccount(*engine.Find("b")), (std::vector<std::uint32_t>{0, 1}));
  // Kept in the case file.
  Engine loaded;
  ASSERT_TRUE(loaded.Load(engine.Save()).ok());
  ASSERT_EQ(loaded.Payloads().size(), 2u);
  EXPECT_EQ(loaded.Payloads()[0].sha256, engine.Payloads()[0].sha256);
  EXPECT_EQ(loaded.Payloads()[0].times, 2u);
  EXPECT_EQ(loaded.Save(), engine.Save());
  EXPECT_EQ(loaded.PayloadsOfAccount(*loaded.Find("b")), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(loaded.PayloadOfComment(0), std::optional<std::uint32_t>(1));
}

TEST(Allowlist, AKnownSwarmMemberIsLowAndNotCountedInItsSwarm) {
  auto scenario = ParseScenario("organic.count = 400\nswarm.count = 80\nswarm.start = 100\n", "allow");
  ASSERT_TRUE(scenario.ok());
  auto list = Simulate(scenario.value(), 5);
  ASSERT_TRUE(list.ok());
  Engine engine;
  engine.set_track_updates(false);
  std::uint32_t position = 0;
  for (const std::string& page : list.value().pages) {
    auto r = engine.Ingest(page, {.name = "p", .list = ListKind::kFollowers, .owner = "o", .first_position = position});
    ASSERT_TRUE(r.ok());
    position += static_cast<std::uint32_t>(r.value().accounts.size());
  }
  // A high-level account in a swarm cluster.
  std::optional<std::size_t> member;
  std::size_t cluster_size = 0;
  for (const ListCluster& c : engine.Clusters()) {
    for (std::uint32_t id : c.cluster.members) {
      if (engine.ScoreAt(id).level == Level::kHigh) {
        member = id;
        cluster_size = c.cluster.members.size();
        break;
      }
    }
    if (member) break;
  }
  ASSERT_TRUE(member.has_value());
  const std::string name = engine.account(*member).username;
  engine.Allow(name);
  EXPECT_TRUE(engine.IsKnown(*member));
  const Score s = engine.ScoreAt(*member);
  EXPECT_EQ(s.level, Level::kLow);
  ASSERT_FALSE(s.list_reasons.empty());
  EXPECT_EQ(s.list_reasons.back().code, "allowlisted");
  bool seen = false;
  for (const ListCluster& c : engine.Clusters()) {
    for (std::uint32_t id : c.cluster.members) seen = seen || id == *member;
    if (c.cluster.members.size() + 1 == cluster_size) cluster_size = 0;  // its cluster shrank by one
  }
  EXPECT_FALSE(seen);
  EXPECT_EQ(cluster_size, 0u);
  // By pk too, kept in the case file, and removable.
  Engine loaded;
  ASSERT_TRUE(loaded.Load(engine.Save()).ok());
  EXPECT_EQ(loaded.Allowlist(), (std::vector<std::string>{name}));
  EXPECT_EQ(loaded.ScoreAt(*member).level, Level::kLow);
  loaded.Disallow(name);
  EXPECT_EQ(loaded.ScoreAt(*member).level, Level::kHigh);
  loaded.Allow("#" + std::to_string(*loaded.account(*member).pk));
  EXPECT_TRUE(loaded.IsKnown(*member));
}

TEST(Creation, AnchorsGiveTheirOwnMonthAndLaterPksOnlyALowerBound) {
  ASSERT_GE(CreationAnchors().size(), 3u);
  EXPECT_EQ(EstimateCreation(27000000)->text, "created around Mar 2012");
  EXPECT_EQ(EstimateCreation(3029050773ULL)->text, "created around Mar 2016");
  const auto later = EstimateCreation(60000000000ULL);
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->only_after);
  EXPECT_EQ(later->text, "created after Mar 2016");
  EXPECT_FALSE(EstimateCreation(0));
  // Monotone between anchors (log interpolation).
  std::int64_t previous = 0;
  for (std::uint64_t pk = 1; pk < 3000000000ULL; pk *= 3) {
    const auto e = EstimateCreation(pk);
    ASSERT_TRUE(e);
    EXPECT_GE(e->at, previous) << pk;
    EXPECT_FALSE(e->only_after);
    previous = e->at;
  }
  // Half-way in log(pk) between the 2012 and 2016 anchors is half-way in time (mid 2014).
  EXPECT_EQ(EstimateCreation(285965000ULL)->year, 2014);
}

}  // namespace
}  // namespace swarmlens
