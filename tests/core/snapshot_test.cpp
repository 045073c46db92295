// The case file: Engine::Save / Engine::Load round trips, continuing a loaded case equals one
// uninterrupted run, and damaged, cut or foreign snapshots are refused with the state unchanged.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "swarmlens/simulate.h"
#include "swarmlens/swarmlens.h"
#include "case/snapshot.h"  // FrameSnapshot: cut contents with a valid checksum
#include "test_data.h"

namespace swarmlens {
namespace {

constexpr const char* kScenario = R"(organic.count = 520
swarm.count = 90
swarm.start = 120
page_size = 50
)";

// Everything the engine answers, as text: ranking, clusters with members, comments, campaigns.
std::string Output(const Engine& engine) {
  std::string out = RankedJson(engine);
  AppendAnalysisJsonl(out, engine);
  return out;
}

struct Case {
  SimulatedList list;
  std::vector<std::string> comment_files;
};

Case MakeCase() {
  Case c;
  auto scenario = ParseScenario(kScenario, "snapshot");
  EXPECT_TRUE(scenario.ok());
  auto list = Simulate(scenario.value(), 11);
  EXPECT_TRUE(list.ok());
  c.list = std::move(list.value());
  for (const char* f : {"comments/rest_v1_persian.json", "comments/graphql_replies.json", "comments/rest_replies.json",
                        "comments/facebook_comments.json", "comments/post_embedded.html"})
    c.comment_files.push_back(testing::ReadTestData(f));
  // A copy-paste campaign: one text from six accounts (the campaign analyzer must be restored).
  std::string campaign = R"({"comments":[)";
  for (int i = 0; i < 6; ++i) {
    const std::string n = std::to_string(i);
    if (i) campaign += ",";
    campaign += R"({"pk":"1805000000000900)" + n + R"(","text":"you will pay for every word you wrote here, traitor )" + n +
                R"(","created_at":)" + std::to_string(1731000000 + i * 40) + R"(,"user":{"pk":"7700000000)" + n +
                R"(","username":"copy_bot_)" + n + R"("}})";
  }
  campaign += "]}";
  c.comment_files.insert(c.comment_files.begin() + 3, campaign);
  return c;
}

// Feeds pages [from, to) of the list, the pictures of their accounts and, in the first half, the
// comment files; returns the `updated` lists the engine reported, as text.
std::string Feed(Engine& engine, const Case& c, std::size_t from, std::size_t to) {
  std::string updated;
  const SourceInfo source{.name = "page", .list = ListKind::kFollowers, .owner = "target"};
  for (std::size_t p = from; p < to && p < c.list.pages.size(); ++p) {
    auto r = engine.Ingest(c.list.pages[p], source);
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    if (!r.ok()) continue;
    for (std::size_t u : r.value().updated) updated += std::to_string(u) + ",";
    updated += ";";
    for (std::size_t index : r.value().accounts) {
      const std::string& name = engine.account(index).username;
      for (const AvatarRow& row : c.list.avatars) {
        if (row.username != name) continue;
        if (auto hash = SimulatedAvatarHash(row, 11)) {
          auto a = engine.AddAvatar(index, *hash);
          EXPECT_TRUE(a.ok());
          if (a.ok())
            for (std::size_t u : a.value().updated) updated += std::to_string(u) + ",";
        }
        break;
      }
    }
    if (p % 3 == 0 && p / 3 < c.comment_files.size()) {
      auto r2 = engine.IngestComments(c.comment_files[p / 3], {.name = "comments"});
      EXPECT_TRUE(r2.ok()) << r2.error().ToString();
    }
  }
  for (std::size_t u : engine.Flush()) updated += std::to_string(u) + ",";
  return updated;
}

TEST(Snapshot, EmptyEngineRoundTrips) {
  Engine a;
  const std::vector<std::uint8_t> bytes = a.Save();
  Engine b;
  auto info = b.Load(bytes);
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info.value().accounts, 0u);
  EXPECT_EQ(b.Save(), bytes);
}

TEST(Snapshot, RoundTripGivesTheSameAnswersAndTheSameBytes) {
  const Case c = MakeCase();
  Engine engine;
  Feed(engine, c, 0, c.list.pages.size());
  const std::string before = Output(engine);
  const std::vector<std::uint8_t> bytes = engine.Save();

  Engine loaded;
  auto info = loaded.Load(bytes, "case.swl");
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(info.value().accounts, engine.size());
  EXPECT_EQ(info.value().comments, engine.comment_count());
  EXPECT_GT(info.value().threads, 0u);
  {
    const std::string after = Output(loaded);
    if (after != before) {
      std::size_t i = 0;
      while (i < after.size() && i < before.size() && after[i] == before[i]) ++i;
      ADD_FAILURE() << "outputs differ at byte " << i << ": before ..." << before.substr(i > 300 ? i - 300 : 0, 600)
                    << "\n after ..." << after.substr(i > 300 ? i - 300 : 0, 600);
    }
  }
  EXPECT_EQ(loaded.Save(), bytes);  // save after load is byte-identical
  EXPECT_EQ(engine.Save(), bytes);  // and saving does not change the engine
}

TEST(Snapshot, ContinuingALoadedCaseEqualsOneRun) {
  const Case c = MakeCase();
  const std::size_t half = c.list.pages.size() / 2 + 1;
  Engine whole;
  const std::string updates_first = Feed(whole, c, 0, half);
  // Save mid-list (clusters and queues as they are), load into a fresh engine, go on in both.
  Engine resumed;
  ASSERT_TRUE(resumed.Load(whole.Save()).ok());
  const std::string updates_whole = Feed(whole, c, half, c.list.pages.size());
  const std::string updates_resumed = Feed(resumed, c, half, c.list.pages.size());
  EXPECT_FALSE(updates_first.empty());
  EXPECT_FALSE(whole.Campaigns().empty());
  EXPECT_EQ(updates_resumed, updates_whole);  // the same accounts re-badged after each page
  EXPECT_EQ(Output(resumed), Output(whole));
  EXPECT_EQ(resumed.Save(), whole.Save());
}

TEST(Snapshot, AnalyzerInputsSurviveLaterChangesToTheAccount) {
  // A DYI export (usernames only) fed to a list, then pages with the pks: the list's analyzer
  // got the accounts without pks; a loaded case must rebuild it from that, not from the accounts.
  Engine engine;
  engine.set_track_updates(false);
  std::string dyi = R"({"relationships_followers":[)";
  std::string rest = R"({"users":[)";
  for (int i = 0; i < 40; ++i) {
    const std::string name = "acct_" + std::to_string(i);
    if (i) dyi += ",", rest += ",";
    dyi += R"({"string_list_data":[{"value":")" + name + R"(","timestamp":1700000000}]})";
    rest += R"({"pk":")" + std::to_string(60000000000ULL + static_cast<std::uint64_t>(i)) + R"(","username":")" + name +
            R"(","full_name":"Same Name"})";
  }
  dyi += "]}";
  rest += "]}";
  const SourceInfo followers{.name = "dyi", .list = ListKind::kFollowers, .owner = "target"};
  ASSERT_TRUE(engine.Ingest(dyi, followers).ok());
  engine.Clusters();  // the analyzer receives the DYI accounts now
  ASSERT_TRUE(engine.Ingest(rest, {.name = "rest"}).ok());
  Engine loaded;
  ASSERT_TRUE(loaded.Load(engine.Save()).ok());
  EXPECT_EQ(Output(loaded), Output(engine));
  EXPECT_EQ(loaded.Save(), engine.Save());
}

// A small case for the exhaustive damage tests (every prefix, every bit).
std::vector<std::uint8_t> SmallSnapshot(Engine* engine) {
  const Case c = MakeCase();
  const SourceInfo source{.name = "page", .list = ListKind::kFollowers, .owner = "target"};
  EXPECT_TRUE(engine->Ingest(c.list.pages[0], source).ok());
  EXPECT_TRUE(engine->IngestComments(c.comment_files[0], {.name = "comments"}).ok());
  auto hash = SimulatedAvatarHash(c.list.avatars[1], 11);
  if (hash) {
    EXPECT_TRUE(engine->AddAvatar(0, *hash).ok());
  }
  return engine->Save();
}

TEST(Snapshot, EveryPrefixIsRefusedAndTheStateKept) {
  Engine source;
  const std::vector<std::uint8_t> bytes = SmallSnapshot(&source);
  Engine engine;
  Feed(engine, MakeCase(), 0, 2);
  const std::string before = Output(engine);
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    auto r = engine.Load(std::span<const std::uint8_t>(bytes.data(), cut), "cut.swl");
    ASSERT_FALSE(r.ok()) << "prefix of " << cut << " bytes loaded";
    // Cut inside the magic bytes reads as "not a case file" only for a wrong byte; a true prefix is truncated.
    EXPECT_EQ(r.error().code, ErrorCode::kTruncated) << cut << ": " << r.error().ToString();
  }
  EXPECT_EQ(Output(engine), before);
}

TEST(Snapshot, EveryCutOfTheContentIsRefusedEvenWithAValidChecksum) {
  // Re-framed prefixes reach the section readers: each must fail cleanly, naming a field.
  Engine source;
  const std::vector<std::uint8_t> bytes = SmallSnapshot(&source);
  const std::size_t payload = bytes.size() - 20 - 8;
  Engine engine;
  for (std::size_t cut = 0; cut < payload; ++cut) {
    std::vector<std::uint8_t> framed(bytes.begin(), bytes.begin() + 20 + static_cast<std::ptrdiff_t>(cut));
    for (int i = 0; i < 8; ++i) framed[12 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(cut >> (8 * i));
    // Checksum as the writer computes it, so only the content is cut.
    std::vector<std::uint8_t> body(framed.begin() + 20, framed.end());
    framed = FrameSnapshot(body);
    auto r = engine.Load(framed);
    ASSERT_FALSE(r.ok()) << "content cut at " << cut << " loaded";
    EXPECT_GE(r.error().offset, 20u);
    EXPECT_NE(r.error().message.find(':'), std::string::npos) << r.error().message;
  }
  EXPECT_EQ(engine.size(), 0u);
}

TEST(Snapshot, EveryFlippedBitIsRefused) {
  Engine source;
  const std::vector<std::uint8_t> bytes = SmallSnapshot(&source);
  Engine engine;
  ASSERT_TRUE(engine.Load(bytes).ok());
  const std::string before = Output(engine);
  std::vector<std::uint8_t> damaged = bytes;
  for (std::size_t i = 0; i < damaged.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      damaged[i] ^= static_cast<std::uint8_t>(1u << bit);
      auto r = engine.Load(damaged);
      ASSERT_FALSE(r.ok()) << "bit " << bit << " of byte " << i << " flipped loaded";
      damaged[i] = bytes[i];
    }
  }
  EXPECT_EQ(Output(engine), before);
}

TEST(Snapshot, OtherVersionsAndForeignFilesAreRefusedClearly) {
  Engine source;
  std::vector<std::uint8_t> bytes = SmallSnapshot(&source);
  bytes[8] = 2;  // version 2
  Engine engine;
  auto r = engine.Load(bytes, "new.swl");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnsupportedVersion);
  EXPECT_EQ(r.error().offset, 8u);
  EXPECT_NE(r.error().ToString().find("version 2; this build reads version 1"), std::string::npos)
      << r.error().ToString();
  const std::string json = R"({"users":[]})";
  auto foreign = engine.Load(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(json.data()), json.size()));
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::kCorrupt);
  EXPECT_NE(foreign.error().message.find("not a swarmlens case file"), std::string::npos);
}

}  // namespace
}  // namespace swarmlens

namespace swarmlens {
namespace {

TEST(Snapshot, MessagesAndNotificationsRoundTrip) {
  // Direct messages keep their kind and conversation; the activity feed's notifications list
  // keeps its list kind (both came after the first snapshot layout: a loader that refused them
  // would lose a case file).
  Engine engine;
  ASSERT_TRUE(engine.IngestComments(testing::ReadTestData("direct/pending_inbox.json")).ok());
  ASSERT_TRUE(engine.IngestComments(testing::ReadTestData("direct/inbox.json")).ok());
  SourceInfo feed;
  feed.owner = "target";
  ASSERT_TRUE(engine.Ingest(testing::ReadTestData("activity/news_inbox.json"), feed).ok());
  const std::string before = Output(engine);
  Engine loaded;
  auto info = loaded.Load(engine.Save());
  ASSERT_TRUE(info.ok()) << info.error().ToString();
  EXPECT_EQ(Output(loaded), before);
  bool message_request = false;
  for (const ScoredComment& c : loaded.Comments()) message_request |= c.comment->kind == CommentKind::kMessageRequest;
  EXPECT_TRUE(message_request);
  bool notifications = false;
  for (std::size_t i = 0; i < loaded.size(); ++i)
    for (const Sighting& s : loaded.account(i).sightings) notifications |= s.list == ListKind::kNotifications;
  EXPECT_TRUE(notifications);
}

}  // namespace
}  // namespace swarmlens
