// Engine: merging across pages, identity by pk / username, state unchanged on errors, ranking.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <iterator>
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


// ---- The commenters of a post as a list (issue 4) ----

// A small deterministic generator for test threads.
struct TestRng {
  std::uint64_t state;
  std::uint64_t Next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  }
};

constexpr const char* kFirstNames[] = {"sara", "ali", "neda", "reza", "mina", "omid", "leila", "kaveh",
                                       "shirin", "hamid", "parisa", "babak", "roya", "dariush", "azadeh", "farid"};
constexpr const char* kLastNames[] = {"ahmadi", "karimi", "rahimi", "tehrani", "mousavi", "hosseini", "jafari",
                                      "rezaei", "moradi", "sadeghi", "nouri", "ghasemi"};

struct TestComment {
  std::string id;
  std::uint64_t pk;
  std::string username;
  std::string full_name;
  std::int64_t time;
};

// An organic commenter: a name-like, unique handle and a name of their own.
TestComment Organic(TestRng& rng, int i, std::int64_t time) {
  const std::string first = kFirstNames[rng.Next() % std::size(kFirstNames)];
  const std::string last = kLastNames[rng.Next() % std::size(kLastNames)];
  return {"1" + std::to_string(1000 + i), 1000000000ULL + rng.Next() % 70000000000ULL,
          first + "." + last + "_" + std::to_string(i) + "x", first + " " + last, time};
}

std::string InstagramComments(const std::vector<TestComment>& comments) {
  std::string out = "{\"comments\":[";
  for (std::size_t i = 0; i < comments.size(); ++i) {
    const TestComment& c = comments[i];
    if (i) out += ',';
    out += "{\"pk\":\"" + c.id + "\",\"text\":\"comment " + c.id + "\",\"created_at\":" + std::to_string(c.time) +
           ",\"user\":{\"pk\":\"" + std::to_string(c.pk) + "\",\"username\":\"" + c.username +
           "\",\"full_name\":\"" + c.full_name + "\"}}";
  }
  return out + "]}";
}

std::string FacebookComments(const std::vector<TestComment>& comments) {
  std::string out = R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[)";
  for (std::size_t i = 0; i < comments.size(); ++i) {
    const TestComment& c = comments[i];
    if (i) out += ',';
    out += R"({"node":{"legacy_fbid":")" + c.id + R"(","body":{"text":"comment )" + c.id + R"("},"created_time":)" +
           std::to_string(c.time) + R"(,"author":{"id":")" + std::to_string(c.pk) + R"(","name":")" + c.full_name +
           R"(","url":"https://www.facebook.com/)" + c.username + R"("}}})";
  }
  return out + "]}}}}}";
}

std::vector<ListCluster> ThreadClusters(const Engine& engine, const std::string& post) {
  std::vector<ListCluster> out;
  for (ListCluster& c : engine.Clusters()) {
    if (c.post && *c.post == post) out.push_back(std::move(c));
  }
  return out;
}

const ListReason* ReasonOf(const Score& s, std::string_view code) {
  for (const ListReason& r : s.list_reasons) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

TEST(EngineCommenters, TemplateUsernamesAmongTheCommentersCluster) {
  Engine engine;
  TestRng rng{11};
  std::vector<TestComment> thread;
  for (int i = 0; i < 40; ++i) thread.push_back(Organic(rng, i, 1731000000 + 60 * i));
  for (int i = 0; i < 12; ++i) {
    thread.push_back({"2" + std::to_string(1000 + i), 2000000000ULL + rng.Next() % 70000000000ULL,
                      "zahra_" + std::to_string(10000 + rng.Next() % 90000), "Zahra " + std::to_string(i),
                      1731000000 + 30 * i});
  }
  auto r = engine.IngestComments(InstagramComments(thread), {.name = "c"}, "post1");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const std::vector<ListCluster> clusters = ThreadClusters(engine, "post1");
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].cluster.kind, ClusterKind::kUsernameTemplate);
  EXPECT_EQ(clusters[0].cluster.members.size(), 12u);
  EXPECT_EQ(clusters[0].list, ListKind::kUnknown);
  // Every member carries the reason, worded for commenters; organic commenters carry none.
  const Score member = engine.ScoreAt(*engine.Find(thread[45].username));
  const ListReason* reason = ReasonOf(member, "swarm_username_template");
  ASSERT_NE(reason, nullptr);
  EXPECT_EQ(reason->text, "username follows the pattern zahra_ + 5 digits, like 11 other commenters on this post");
  EXPECT_GT(member.score, ScoreAccount(engine.account(*engine.Find(thread[45].username))).score);
  EXPECT_TRUE(engine.ScoreAt(*engine.Find(thread[3].username)).list_reasons.empty());
  // The comment's author score carries it too.
  bool seen = false;
  for (const ScoredComment& c : engine.Comments()) {
    if (c.comment->id == thread[45].id) seen = ReasonOf(c.author_score, "swarm_username_template") != nullptr;
  }
  EXPECT_TRUE(seen);
}

TEST(EngineCommenters, TheSameTemplateSpreadOverPostsOrRepeatedByOneAccountDoesNotCluster) {
  Engine engine;
  TestRng rng{12};
  for (int post = 0; post < 3; ++post) {
    std::vector<TestComment> thread;
    for (int i = 0; i < 30; ++i) thread.push_back(Organic(rng, post * 100 + i, 1731000000 + 60 * i));
    // Four template accounts per post: below the five a template group needs, in every thread.
    for (int i = 0; i < 4; ++i) {
      thread.push_back({"3" + std::to_string(post * 100 + i), 3000000000ULL + rng.Next() % 70000000000ULL,
                        "zahra_" + std::to_string(10000 + rng.Next() % 90000), "Z", 1731000000 + 5 * i});
    }
    // One account commenting twelve times is one commenter.
    for (int i = 0; i < 12; ++i) thread.push_back({"4" + std::to_string(post * 100 + i), 4000000001ULL, "loud_one",
                                                   "Loud One", 1731001000 + i});
    ASSERT_TRUE(engine.IngestComments(InstagramComments(thread), {.name = "c"}, "post" + std::to_string(post)).ok());
  }
  for (const ListCluster& c : engine.Clusters()) {
    ADD_FAILURE() << "unexpected " << ClusterKindName(c.cluster.kind) << " cluster of " << c.cluster.members.size()
                  << " in " << c.post.value_or("(list)") << ": " << c.cluster.description;
  }
  EXPECT_TRUE(engine.ScoreAt(*engine.Find("loud_one")).list_reasons.empty());
}

TEST(EngineCommenters, SharedPicturesReachTheThreadsOfTheirAccounts) {
  Engine engine;
  TestRng rng{13};
  std::vector<TestComment> thread;
  for (int i = 0; i < 30; ++i) thread.push_back(Organic(rng, i, 1731000000 + 60 * i));
  ASSERT_TRUE(engine.IngestComments(InstagramComments(thread), {.name = "c"}, "post1").ok());
  PerceptualHash shared;
  shared.words = {0x0123456789abcdefULL, 0xfedcba9876543210ULL, 0x0f0f0f0f33333333ULL, 0x5555aaaa12345678ULL};
  shared.quality = 90;
  for (int i = 0; i < 4; ++i) {
    PerceptualHash copy = shared;
    copy.words[static_cast<std::size_t>(i)] ^= 0x7ULL;  // re-encoded copies: 3 bits differ
    ASSERT_TRUE(engine.AddAvatar(*engine.Find(thread[static_cast<std::size_t>(i * 7)].username), copy).ok());
  }
  std::vector<ListCluster> clusters = ThreadClusters(engine, "post1");
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].cluster.kind, ClusterKind::kSharedAvatar);
  EXPECT_EQ(clusters[0].cluster.members.size(), 4u);
  const Score member = engine.ScoreAt(*engine.Find(thread[7].username));
  const ListReason* reason = ReasonOf(member, "swarm_shared_avatar");
  ASSERT_NE(reason, nullptr);
  EXPECT_EQ(reason->text, "one of 4 commenters on this post using the same profile picture");
  // Two of them commenting on another post: two pictures are no swarm there; a third makes one.
  std::vector<TestComment> other = {thread[0], thread[7]};
  for (TestComment& c : other) c.id = "9" + c.id;
  ASSERT_TRUE(engine.IngestComments(InstagramComments(other), {.name = "c"}, "post2").ok());
  EXPECT_TRUE(ThreadClusters(engine, "post2").empty());
  other = {thread[14]};
  other[0].id = "8" + other[0].id;
  ASSERT_TRUE(engine.IngestComments(InstagramComments(other), {.name = "c"}, "post2").ok());
  clusters = ThreadClusters(engine, "post2");
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].cluster.members.size(), 3u);
}

TEST(EngineCommenters, CohortsOnInstagramPksButNotOnFacebookIds) {
  TestRng rng{14};
  std::vector<TestComment> thread;
  for (int i = 0; i < 60; ++i) thread.push_back(Organic(rng, i, 1731000000 + 60 * i));
  // Twelve accounts created together: pks in one narrow band, newer than the rest.
  for (int i = 0; i < 12; ++i) {
    thread.push_back({"5" + std::to_string(1000 + i), 75000000000ULL + static_cast<std::uint64_t>(i) * 977,
                      "user.name" + std::to_string(i) + "x", "Someone " + std::to_string(i), 1731000000 + 45 * i});
  }
  Engine instagram;
  ASSERT_TRUE(instagram.IngestComments(InstagramComments(thread), {.name = "ig"}, "p").ok());
  bool cohort = false;
  for (const ListCluster& c : ThreadClusters(instagram, "p")) {
    cohort |= c.cluster.kind == ClusterKind::kCohort && c.cluster.members.size() == 12;
  }
  EXPECT_TRUE(cohort);
  const Score member = instagram.ScoreAt(*instagram.Find("user.name3x"));
  const ListReason* reason = ReasonOf(member, "swarm_cohort");
  ASSERT_NE(reason, nullptr);
  EXPECT_NE(reason->text.find("as 11 other commenters on this post"), std::string::npos) << reason->text;
  // The same ids as Facebook authors: Facebook ids do not grow with creation, no cohort is sought.
  Engine facebook;
  auto r = facebook.IngestComments(FacebookComments(thread), {.name = "fb"}, "p");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(facebook.comment_count(), thread.size());
  for (const ListCluster& c : ThreadClusters(facebook, "p")) EXPECT_NE(c.cluster.kind, ClusterKind::kCohort);
}

}  // namespace
}  // namespace swarmlens
