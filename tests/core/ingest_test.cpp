// Ingest: every sample payload shape (lists, DYI exports, profiles), field mapping, mojibake
// repair, and errors (golden error cases in tests/data/ingest/errors/cases.tsv, plus every
// truncation of every list and profile sample).
#include "swarmlens/ingest.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "test_data.h"

namespace swarmlens {
namespace {

using ::swarmlens::testing::ReadSample;
using ::swarmlens::testing::ReadTestData;

std::string Sample(const std::string& name) {
  bool found = false;
  std::string text = ReadSample(name, &found);
  EXPECT_TRUE(found) << "missing sample " << name;
  return text;
}

// Parses and fails the test (with the error) when the parse did not succeed.
Page MustParse(const std::string& text, const SourceInfo& source = {}) {
  Result<Page> r = ParseFollowerPage(text, source);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
  if (!r.ok()) return Page{};
  return std::move(r).value();
}

SourceInfo Source(std::string name, ListKind list = ListKind::kUnknown) {
  SourceInfo s;
  s.name = std::move(name);
  s.list = list;
  s.owner = "owner_x";
  s.seen_at = 1700000000;
  s.first_position = 24;
  return s;
}

// The one Sighting every parsed account carries.
void ExpectSighting(const Account& a, ListKind list, std::uint32_t position,
                    std::optional<std::int64_t> listed_at = std::nullopt) {
  ASSERT_EQ(a.sightings.size(), 1u) << a.username;
  const Sighting& s = a.sightings[0];
  EXPECT_EQ(s.list, list) << a.username;
  EXPECT_EQ(s.owner, "owner_x");
  EXPECT_EQ(s.position, position) << a.username;
  EXPECT_EQ(s.seen_at, 1700000000);
  EXPECT_EQ(s.listed_at, listed_at) << a.username;
}

// ---- the sample payloads ----------------------------------------------------------------

TEST(IngestSamples, FriendshipsV1) {
  const Page page = MustParse(Sample("friendships_followers_v1.json"), Source("v1.json"));
  EXPECT_EQ(page.shape, PayloadShape::kFriendshipsV1);
  EXPECT_EQ(page.list, ListKind::kUnknown);
  EXPECT_EQ(page.next_cursor, "QVFEU0FNUExFX0NVUlNPUl9PUEFRVUU=");
  ASSERT_EQ(page.accounts.size(), 2u);

  const Account& a = page.accounts[0];
  EXPECT_EQ(a.pk, 10000000001u);
  EXPECT_EQ(a.username, "sample_user_a");
  EXPECT_EQ(a.full_name, "Sample User A");
  EXPECT_EQ(a.is_private, false);
  EXPECT_EQ(a.is_verified, false);
  EXPECT_EQ(a.anonymous_avatar, false);
  EXPECT_EQ(a.profile_pic_id, "3000000000000000001_10000000001");
  EXPECT_EQ(a.profile_pic_url,
            "https://scontent.cdninstagram.com/v/t51.2885-19/"
            "000000001_000000000000001_0000000000000000001_n.jpg?stp=dst-jpg_s150x150");
  EXPECT_EQ(a.latest_reel_media, 1710000123);
  ExpectSighting(a, ListKind::kUnknown, 24);

  const Account& b = page.accounts[1];
  EXPECT_EQ(b.pk, 20000000002u);
  EXPECT_EQ(b.username, "user8815263094");
  EXPECT_EQ(b.full_name, "");  // shown empty: known, not unknown
  EXPECT_EQ(b.is_private, true);
  EXPECT_EQ(b.anonymous_avatar, true);
  EXPECT_EQ(b.profile_pic_id, std::nullopt);  // key absent
  EXPECT_EQ(b.latest_reel_media, 0);          // 0 = "no story", known
  ExpectSighting(b, ListKind::kUnknown, 25);
}

TEST(IngestSamples, GraphqlXdt) {
  const Page page = MustParse(Sample("graphql_followers_xdt.json"), Source("xdt.json"));
  EXPECT_EQ(page.shape, PayloadShape::kGraphqlXdt);
  EXPECT_EQ(page.list, ListKind::kUnknown);
  EXPECT_EQ(page.next_cursor, std::nullopt);  // "next_max_id": null
  ASSERT_EQ(page.accounts.size(), 2u);

  const Account& c = page.accounts[0];
  EXPECT_EQ(c.pk, 30000000003u);
  EXPECT_EQ(c.username, "sample_user_c");
  EXPECT_EQ(c.full_name, "");
  EXPECT_EQ(c.is_private, true);
  EXPECT_EQ(c.is_verified, false);
  EXPECT_EQ(c.anonymous_avatar, true);
  EXPECT_EQ(c.profile_pic_id, std::nullopt);  // "profile_pic_id": null
  EXPECT_EQ(c.profile_pic_url, "https://scontent.cdninstagram.com/...");
  EXPECT_EQ(c.latest_reel_media, 0);  // from the alias key "1llatest_reel_media"
  ExpectSighting(c, ListKind::kUnknown, 24);

  const Account& d = page.accounts[1];
  EXPECT_EQ(d.pk, 40000000004u);
  EXPECT_EQ(d.username, "sample_user_d");
  EXPECT_EQ(d.full_name, "Sample User D");
  EXPECT_EQ(d.is_private, false);
  EXPECT_EQ(d.anonymous_avatar, false);
  EXPECT_EQ(d.profile_pic_id, "3800000000000000004_40000000004");
  EXPECT_EQ(d.latest_reel_media, 0);
  ExpectSighting(d, ListKind::kUnknown, 25);
}

TEST(IngestSamples, GraphqlEdgeLegacy) {
  const Page page = MustParse(Sample("graphql_edge_followed_by_legacy.json"), Source("legacy.json"));
  EXPECT_EQ(page.shape, PayloadShape::kGraphqlEdgeLegacy);
  EXPECT_EQ(page.list, ListKind::kFollowers);  // edge_followed_by
  EXPECT_EQ(page.next_cursor, "QVFTQU1QTEVfRU5EX0NVUlNPUg==");
  ASSERT_EQ(page.accounts.size(), 1u);
  const Account& e = page.accounts[0];
  EXPECT_EQ(e.pk, 50000000005u);
  EXPECT_EQ(e.username, "sample_user_e");
  EXPECT_EQ(e.full_name, "Sample User E");
  EXPECT_EQ(e.is_private, false);
  EXPECT_EQ(e.is_verified, false);
  EXPECT_EQ(e.latest_reel_media, 0);  // reel.latest_reel_media
  // No flag, and the URL names no file: whether it is the silhouette is unknown.
  EXPECT_EQ(e.anonymous_avatar, std::nullopt);
  EXPECT_EQ(e.profile_pic_id, std::nullopt);
  ExpectSighting(e, ListKind::kFollowers, 24);
}

TEST(IngestSamples, DyiFollowers) {
  const Page page = MustParse(Sample("dyi_followers_1.json"), Source("followers_1.json"));
  EXPECT_EQ(page.shape, PayloadShape::kDyiFollowers);
  EXPECT_EQ(page.list, ListKind::kFollowers);
  EXPECT_EQ(page.next_cursor, std::nullopt);
  ASSERT_EQ(page.accounts.size(), 2u);
  EXPECT_EQ(page.accounts[0].username, "sample_follower_a");
  EXPECT_EQ(page.accounts[1].username, "sample_follower_b");
  for (const Account& a : page.accounts) {
    EXPECT_EQ(a.pk, std::nullopt);
    EXPECT_EQ(a.full_name, std::nullopt);
    EXPECT_EQ(a.is_private, std::nullopt);
    EXPECT_EQ(a.anonymous_avatar, std::nullopt);
    EXPECT_EQ(a.latest_reel_media, std::nullopt);
  }
  ExpectSighting(page.accounts[0], ListKind::kFollowers, 24, 1749860021);
  ExpectSighting(page.accounts[1], ListKind::kFollowers, 25, 1767643173);
}

TEST(IngestSamples, DyiFollowingNewLayout) {
  const Page page = MustParse(Sample("dyi_following.json"), Source("following.json"));
  EXPECT_EQ(page.shape, PayloadShape::kDyiFollowing);
  EXPECT_EQ(page.list, ListKind::kFollowing);
  ASSERT_EQ(page.accounts.size(), 1u);
  EXPECT_EQ(page.accounts[0].username, "sample_followed_c");  // from "title"
  ExpectSighting(page.accounts[0], ListKind::kFollowing, 24, 1767643153);
}

TEST(IngestSamples, CommentPayloadsAreUnknownShape) {
  for (const char* name : {"media_comments_graphql.json", "media_comments_v1.json"}) {
    const Result<Page> r = ParseFollowerPage(Sample(name), Source(name));
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.error().code, ErrorCode::kUnknownShape) << r.error().ToString();
    EXPECT_EQ(r.error().source, name);
  }
  const Result<Page> r = ParseFollowerPage(Sample("media_comments_v1.json"), Source("c.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("\"comments\""), std::string::npos) << r.error().message;
}

TEST(IngestSamples, CallerListKindOverridesTheShape) {
  const Page rest = MustParse(Sample("friendships_followers_v1.json"), Source("v1", ListKind::kFollowing));
  EXPECT_EQ(rest.list, ListKind::kFollowing);
  ExpectSighting(rest.accounts[0], ListKind::kFollowing, 24);
  const Page legacy = MustParse(Sample("graphql_edge_followed_by_legacy.json"), Source("l", ListKind::kFollowing));
  EXPECT_EQ(legacy.list, ListKind::kFollowing);
  ExpectSighting(legacy.accounts[0], ListKind::kFollowing, 24);
}

// ---- profile payloads: one account with profile-tier fields, no list ----------------------

TEST(IngestProfiles, WebProfileInfoSample) {
  const Page page = MustParse(Sample("web_profile_info.json"), Source("wpi.json"));
  EXPECT_EQ(page.shape, PayloadShape::kWebProfileInfo);
  EXPECT_TRUE(IsProfileShape(page.shape));
  EXPECT_EQ(page.list, ListKind::kUnknown);
  // The media connection's page_info is not a list cursor.
  EXPECT_EQ(page.next_cursor, std::nullopt);
  ASSERT_EQ(page.accounts.size(), 1u);
  const Account& f = page.accounts[0];
  EXPECT_EQ(f.pk, 60000000006u);  // "id"
  EXPECT_EQ(f.username, "sample_profile_f");
  EXPECT_EQ(f.full_name, "Sample Profile F");
  EXPECT_EQ(f.biography, "sample bio text \u2728 link below");
  EXPECT_EQ(f.external_url, "https://example.org/f");
  EXPECT_EQ(f.follower_count, 1027u);   // edge_followed_by.count
  EXPECT_EQ(f.following_count, 1932u);  // edge_follow.count
  EXPECT_EQ(f.media_count, 3u);         // edge_owner_to_timeline_media.count
  EXPECT_EQ(f.is_private, false);
  EXPECT_EQ(f.is_verified, false);
  EXPECT_EQ(f.is_business, false);
  EXPECT_EQ(f.is_professional, false);
  EXPECT_EQ(f.is_joined_recently, false);
  EXPECT_EQ(f.anonymous_avatar, std::nullopt);  // "...s150x150..." names no file
  EXPECT_EQ(f.latest_reel_media, std::nullopt);
  // A profile view is not a list: no Sighting.
  EXPECT_TRUE(f.sightings.empty());
}

TEST(IngestProfiles, CallerListGivesTheProfileOneSighting) {
  const Page page = MustParse(Sample("web_profile_info.json"), Source("wpi.json", ListKind::kFollowers));
  EXPECT_EQ(page.shape, PayloadShape::kWebProfileInfo);
  EXPECT_EQ(page.list, ListKind::kFollowers);
  ASSERT_EQ(page.accounts.size(), 1u);
  ExpectSighting(page.accounts[0], ListKind::kFollowers, 24);
}

TEST(IngestProfiles, UserInfoHoverCard) {
  const Page page = MustParse(ReadTestData("ingest/profile/user_info.json"), Source("info"));
  EXPECT_EQ(page.shape, PayloadShape::kUserInfo);
  ASSERT_EQ(page.accounts.size(), 1u);
  const Account& k = page.accounts[0];
  EXPECT_EQ(k.pk, 61000000011u);  // number pk
  EXPECT_EQ(k.username, "hover_user_k");
  EXPECT_EQ(k.full_name, "");
  EXPECT_EQ(k.is_private, true);
  EXPECT_EQ(k.anonymous_avatar, true);
  EXPECT_EQ(k.media_count, 0u);      // zero is known, not unknown
  EXPECT_EQ(k.follower_count, 12u);  // a numeric string
  EXPECT_EQ(k.following_count, 4831u);
  EXPECT_EQ(k.biography, "");
  EXPECT_EQ(k.external_url, std::nullopt);        // null, and bio_links is empty
  EXPECT_EQ(k.is_business, false);                // "is_business"
  EXPECT_EQ(k.is_professional, std::nullopt);     // null
  EXPECT_EQ(k.is_joined_recently, std::nullopt);  // absent
  EXPECT_TRUE(k.sightings.empty());
}

TEST(IngestProfiles, OlderProfilePageGraphql) {
  const Page page = MustParse(ReadTestData("ingest/profile/profile_page_graphql.json"), Source("page"));
  EXPECT_EQ(page.shape, PayloadShape::kProfilePageGraphql);
  EXPECT_EQ(page.next_cursor, std::nullopt);
  ASSERT_EQ(page.accounts.size(), 1u);  // the mutual follower in an edge is not an account here
  const Account& l = page.accounts[0];
  EXPECT_EQ(l.pk, 62000000012u);
  EXPECT_EQ(l.username, "old_profile_l");
  EXPECT_EQ(l.biography, "José photos");               // mojibake repaired like display names
  EXPECT_EQ(l.external_url, "https://example.org/l");  // "" gives way to the first bio link
  EXPECT_EQ(l.follower_count, 350u);
  EXPECT_EQ(l.following_count, 298u);
  EXPECT_EQ(l.media_count, 41u);
  EXPECT_EQ(l.is_verified, true);
  EXPECT_EQ(l.is_business, true);  // "is_business_account"
  EXPECT_EQ(l.is_professional, true);
  EXPECT_EQ(l.is_joined_recently, false);
  // An Instagram picture file (t51.2885-19, here on fbcdn.net) that is no known silhouette: the
  // URL cannot tell a new silhouette from an upload, so unknown.
  EXPECT_EQ(l.anonymous_avatar, std::nullopt);
}

TEST(IngestProfiles, GraphqlXdtHoverCard) {
  const Page page = MustParse(ReadTestData("ingest/profile/graphql_xdt_profile.json"), Source("xdt"));
  EXPECT_EQ(page.shape, PayloadShape::kGraphqlXdtProfile);
  ASSERT_EQ(page.accounts.size(), 1u);
  const Account& m = page.accounts[0];
  EXPECT_EQ(m.pk, 63000000013u);
  EXPECT_EQ(m.username, "xdt_hover_m");
  EXPECT_EQ(m.follower_count, 5u);  // alias key "1lfollower_count"
  EXPECT_EQ(m.following_count, 2110u);
  EXPECT_EQ(m.media_count, std::nullopt);  // null = unknown
  EXPECT_EQ(m.biography, std::nullopt);
  EXPECT_EQ(m.is_business, std::nullopt);
  EXPECT_EQ(m.is_joined_recently, true);
  EXPECT_EQ(m.latest_reel_media, 0);
  EXPECT_EQ(m.anonymous_avatar, std::nullopt);  // no flag; an Instagram file name cannot tell
  EXPECT_TRUE(m.sightings.empty());
}

TEST(IngestProfiles, AnyDataKeyWithUsernameAndACount) {
  const Page page = MustParse(R"({"data":{"xdt_api__v1__users__info":{"username":"any_key",
      "media_count":"0","edge_followed_by":null}},"status":"ok"})");
  EXPECT_EQ(page.shape, PayloadShape::kWebProfileInfo);  // an edge_* key: web_profile_info form
  ASSERT_EQ(page.accounts.size(), 1u);
  EXPECT_EQ(page.accounts[0].username, "any_key");
  EXPECT_EQ(page.accounts[0].pk, std::nullopt);
  EXPECT_EQ(page.accounts[0].media_count, 0u);
  EXPECT_EQ(page.accounts[0].follower_count, std::nullopt);
  EXPECT_EQ(MustParse(R"({"data":{"u":{"username":"c","following_count":1}}})").shape,
            PayloadShape::kGraphqlXdtProfile);
}

TEST(IngestProfiles, NeedsAUsernameAndAProfileCount) {
  for (const char* text :
       {R"({"data":{"user":{"username":"x","full_name":"y","pk":"1"}}})",
        R"({"data":{"user":{"pk":"1","follower_count":3}}})",
        R"({"data":{"user":{"username":"x","follower_count":3,"__typename":"XDTCommentDict"}}})",
        R"({"data":{"comment_x":{"username":"x","follower_count":3}}})", R"({"data":{"user":null}})"}) {
    const Result<Page> r = ParseFollowerPage(text, Source("p"));
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kUnknownShape) << text << ": " << r.error().ToString();
  }
}

TEST(IngestProfiles, CountsAsNumbersStringsAndNull) {
  const Page page = MustParse(R"({"user":{"pk":"1","follower_count":18446744073709551615,
      "following_count":" 42 ","media_count":"","edge_followed_by":{"count":null}}})");
  ASSERT_EQ(page.accounts.size(), 1u);
  // edge_followed_by.count: null comes later and makes the follower count unknown again.
  EXPECT_EQ(page.accounts[0].follower_count, std::nullopt);
  EXPECT_EQ(page.accounts[0].following_count, 42u);
  EXPECT_EQ(page.accounts[0].media_count, std::nullopt);
  const Page big = MustParse(R"({"user":{"pk":"1","follower_count":18446744073709551615}})");
  EXPECT_EQ(big.accounts[0].follower_count, 18446744073709551615u);
  for (const char* text : {R"({"user":{"pk":"1","media_count":1.5}})", R"({"user":{"pk":"1","media_count":-1}})",
                           R"({"user":{"pk":"1","media_count":"1e3"}})", R"({"user":{"pk":"1","media_count":true}})",
                           R"({"user":{"pk":"1","media_count":1e3}})"}) {
    const Result<Page> r = ParseFollowerPage(text, Source("c"));
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kUnexpectedType) << r.error().ToString();
    EXPECT_NE(r.error().message.find("\"media_count\""), std::string::npos) << r.error().message;
  }
}

TEST(IngestProfiles, LegacyListUnderDataUserStillWins) {
  // data.user with a username and counts, but its edge_followed_by holds accounts: a list.
  const Page list = MustParse(R"({"data":{"user":{"username":"owner","edge_followed_by":{"count":2,
      "edges":[{"node":{"id":"5","username":"f1"}},{"node":{"id":"6","username":"f2"}}]}}}})",
                              Source("l"));
  EXPECT_EQ(list.shape, PayloadShape::kGraphqlEdgeLegacy);
  EXPECT_EQ(list.list, ListKind::kFollowers);
  ASSERT_EQ(list.accounts.size(), 2u);
  EXPECT_EQ(list.accounts[1].username, "f2");
  ExpectSighting(list.accounts[1], ListKind::kFollowers, 25);
  // Empty edges and a cursor: the profile, without the cursor.
  const Page profile = MustParse(R"({"data":{"user":{"edge_follow":{"count":"7","edges":[],
      "page_info":{"has_next_page":true,"end_cursor":"C"}},"username":"p","id":"9"}}})");
  EXPECT_EQ(profile.shape, PayloadShape::kWebProfileInfo);
  EXPECT_EQ(profile.list, ListKind::kUnknown);
  EXPECT_EQ(profile.next_cursor, std::nullopt);
  ASSERT_EQ(profile.accounts.size(), 1u);
  EXPECT_EQ(profile.accounts[0].following_count, 7u);
  EXPECT_EQ(profile.accounts[0].pk, 9u);
  EXPECT_TRUE(profile.accounts[0].sightings.empty());
}

TEST(IngestProfiles, ListContainersKeepTheirLooseKeys) {
  // A connection object under `data` is read for user fields too, but a list in it wins and the
  // odd values of its own keys are not errors (they were ignored before profiles existed).
  const Page page = MustParse(R"({"data":{"xdt_conn":{"id":"not-a-number","username":5,"follower_count":"x",
      "bio_links":7,"reel":{"latest_reel_media":"y"},"users":[{"pk":"1"}],"next_max_id":"N"}}})");
  EXPECT_EQ(page.shape, PayloadShape::kGraphqlXdt);
  EXPECT_EQ(page.next_cursor, "N");
  ASSERT_EQ(page.accounts.size(), 1u);
  EXPECT_EQ(page.accounts[0].pk, 1u);
}

TEST(IngestProfiles, FirstListOrProfileWins) {
  const Page profile = MustParse(R"({"user":{"username":"p","media_count":1},"users":[{"pk":"1"},{"pk":"2"}]})");
  EXPECT_EQ(profile.shape, PayloadShape::kUserInfo);
  ASSERT_EQ(profile.accounts.size(), 1u);
  EXPECT_EQ(profile.accounts[0].username, "p");
  const Page list = MustParse(R"({"users":[{"pk":"1"},{"pk":"2"}],"user":{"username":"p"},
      "data":{"user":{"username":"q","follower_count":1}}})");
  EXPECT_EQ(list.shape, PayloadShape::kFriendshipsV1);
  EXPECT_EQ(list.accounts.size(), 2u);
  const Page two =
      MustParse(R"({"data":{"a":{"username":"first","media_count":1},"b":{"username":"second","media_count":2}}})");
  ASSERT_EQ(two.accounts.size(), 1u);
  EXPECT_EQ(two.accounts[0].username, "first");
}

TEST(IngestProfiles, BioLinksAndExternalUrl) {
  const Page page = MustParse(R"({"user":{"username":"a","external_url":null,
      "bio_links":[{"url":""},{"title":"t"},{"url":"https://one.example/"},{"url":"https://two.example/"}]}})");
  EXPECT_EQ(page.accounts[0].external_url, "https://one.example/");
  const Page own = MustParse(R"({"user":{"username":"a","bio_links":[{"url":"https://b.example/"}],
      "external_url":"https://a.example/"}})");
  EXPECT_EQ(own.accounts[0].external_url, "https://a.example/");  // the profile's own field wins
}

TEST(IngestProfiles, ListUsersMayCarryProfileFields) {
  const Page page = MustParse(R"({"users":[{"pk":"1","username":"a","follower_count":3,"biography":"b"}]})");
  EXPECT_EQ(page.shape, PayloadShape::kFriendshipsV1);
  EXPECT_EQ(page.accounts[0].follower_count, 3u);
  EXPECT_EQ(page.accounts[0].biography, "b");
  ASSERT_EQ(page.accounts[0].sightings.size(), 1u);
}

// ---- golden inputs in tests/data/ingest ------------------------------------------------

TEST(IngestShapes, XdtUsersUnderData) {
  const Page page = MustParse(ReadTestData("ingest/xdt_data_users.json"), Source("x"));
  EXPECT_EQ(page.shape, PayloadShape::kGraphqlXdt);
  EXPECT_EQ(page.list, ListKind::kUnknown);
  EXPECT_EQ(page.next_cursor, "NESTED_CURSOR");
  ASSERT_EQ(page.accounts.size(), 2u);
  const Account& a = page.accounts[0];
  EXPECT_EQ(a.pk, 91000000001u);  // number id
  EXPECT_EQ(a.username, "nested_user_a");
  EXPECT_EQ(a.full_name, "Nested A");  // "1lfull_name"
  EXPECT_EQ(a.is_private, true);       // "1fis_private": 1
  EXPECT_EQ(a.is_verified, false);     // "1vis_verified": 0
  EXPECT_EQ(a.latest_reel_media, 1720000000);
  EXPECT_EQ(a.anonymous_avatar, std::nullopt);  // an Instagram file name of no known silhouette
  const Account& b = page.accounts[1];
  EXPECT_EQ(b.pk, 91000000002u);        // strong_id__ only
  EXPECT_EQ(b.anonymous_avatar, true);  // default silhouette file name
  EXPECT_EQ(b.full_name, std::nullopt);
  EXPECT_EQ(b.latest_reel_media, std::nullopt);
  ExpectSighting(b, ListKind::kUnknown, 25);
}

TEST(IngestShapes, XdtEdgesUnderData) {
  const Page page = MustParse(ReadTestData("ingest/xdt_data_edges.json"), Source("x"));
  EXPECT_EQ(page.shape, PayloadShape::kGraphqlXdt);
  EXPECT_EQ(page.next_cursor, "EDGE_CURSOR");  // page_info before edges
  ASSERT_EQ(page.accounts.size(), 2u);
  EXPECT_EQ(page.accounts[0].pk, 92000000001u);  // pk_id
  EXPECT_EQ(page.accounts[0].username, "edge_user_a");
  EXPECT_EQ(page.accounts[1].pk, 92000000002u);  // numeric id
  // Not an Instagram CDN URL: unknown, not "has a real picture".
  EXPECT_EQ(page.accounts[1].anonymous_avatar, std::nullopt);
}

TEST(IngestShapes, LegacyEdgeFollowIsFollowing) {
  const Page page = MustParse(ReadTestData("ingest/legacy_edge_follow.json"), Source("x"));
  EXPECT_EQ(page.shape, PayloadShape::kGraphqlEdgeLegacy);
  EXPECT_EQ(page.list, ListKind::kFollowing);
  EXPECT_EQ(page.next_cursor, std::nullopt);  // has_next_page: false
  ASSERT_EQ(page.accounts.size(), 1u);
  EXPECT_EQ(page.accounts[0].pk, 93000000001u);
  EXPECT_EQ(page.accounts[0].is_verified, true);
  EXPECT_EQ(page.accounts[0].latest_reel_media, 1730000000);
  ExpectSighting(page.accounts[0], ListKind::kFollowing, 24);
}

TEST(IngestShapes, DyiFollowingOldLayoutAndHrefOnly) {
  const Page page = MustParse(ReadTestData("ingest/dyi_following_old.json"), Source("x"));
  EXPECT_EQ(page.shape, PayloadShape::kDyiFollowing);
  ASSERT_EQ(page.accounts.size(), 2u);
  EXPECT_EQ(page.accounts[0].username, "old_layout_user");  // "value"
  EXPECT_EQ(page.accounts[1].username, "href_only_user");   // from ".../_u/<name>"
  ExpectSighting(page.accounts[0], ListKind::kFollowing, 24, 1600000000);
  ExpectSighting(page.accounts[1], ListKind::kFollowing, 25, 1600000001);
}

TEST(IngestShapes, DyiFollowersWrapper) {
  const Page page = MustParse(ReadTestData("ingest/dyi_followers_wrapped.json"), Source("x"));
  EXPECT_EQ(page.shape, PayloadShape::kDyiFollowers);
  EXPECT_EQ(page.list, ListKind::kFollowers);
  ASSERT_EQ(page.accounts.size(), 1u);
  EXPECT_EQ(page.accounts[0].username, "wrapped_user");
}

TEST(IngestShapes, MojibakeNamesAreRepairedAndUsernamesTrimmed) {
  const Page page = MustParse(ReadTestData("ingest/friendships_mojibake.json"), Source("x"));
  ASSERT_EQ(page.accounts.size(), 4u);
  EXPECT_EQ(page.accounts[0].full_name, "José García");
  EXPECT_EQ(page.accounts[1].full_name, "سارا");
  EXPECT_EQ(page.accounts[2].full_name, "José سارا 🔥");  // already correct: unchanged
  EXPECT_EQ(page.accounts[3].full_name, "Plain ASCII");
  EXPECT_EQ(page.accounts[3].username, "padded_d");
}

TEST(IngestShapes, IdsAsStringsAndNumbers) {
  const Page page = MustParse(R"({"users":[
    {"pk": 18446744073709551615, "username": "max"},
    {"pk": "42", "id": "43", "pk_id": "44", "username": "prefers_pk"},
    {"id": "45", "strong_id__": 46},
    {"pk": null, "pk_id": 47},
    {"pk": "", "username": "empty_pk"}
  ]})");
  ASSERT_EQ(page.accounts.size(), 5u);
  EXPECT_EQ(page.accounts[0].pk, 18446744073709551615u);
  EXPECT_EQ(page.accounts[1].pk, 42u);
  EXPECT_EQ(page.accounts[2].pk, 45u);
  EXPECT_EQ(page.accounts[2].username, "");  // an id alone is enough
  EXPECT_EQ(page.accounts[3].pk, 47u);
  EXPECT_EQ(page.accounts[4].pk, std::nullopt);
}

TEST(IngestShapes, NullAndLooseTypes) {
  const Page page = MustParse(R"({"users":[
    {"pk":"1","username":"a","full_name":null,"is_private":null,"is_verified":1,
     "has_anonymous_profile_picture":null,"profile_pic_url":null,"latest_reel_media":"1710000000"},
    {"pk":"2","latest_reel_media":null,"reel":{"latest_reel_media":5}},
    {"pk":"3","latest_reel_media":7,"reel":{"latest_reel_media":5}},
    {"pk":"4","profile_pic_url":"https://instagram.fxyz1-1.fna.fbcdn.net/v/t51/abc_n.webp"},
    {"pk":"5","profile_pic_url":"https://example.org/x.jpg?ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj.2"},
    {"pk":"6","profile_pic_url":"https://scontent.cdninstagram.com/v/t51.2885-19/000_n.jpg",
     "has_anonymous_profile_picture":true}
  ]})");
  ASSERT_EQ(page.accounts.size(), 6u);
  const Account& a = page.accounts[0];
  EXPECT_EQ(a.full_name, std::nullopt);
  EXPECT_EQ(a.is_private, std::nullopt);
  EXPECT_EQ(a.is_verified, true);
  EXPECT_EQ(a.anonymous_avatar, std::nullopt);
  EXPECT_EQ(a.profile_pic_url, std::nullopt);
  EXPECT_EQ(a.latest_reel_media, 1710000000);
  EXPECT_EQ(page.accounts[1].latest_reel_media, 5);  // legacy reel.latest_reel_media
  EXPECT_EQ(page.accounts[2].latest_reel_media, 7);  // the direct field wins
  EXPECT_EQ(page.accounts[3].anonymous_avatar, false);
  EXPECT_EQ(page.accounts[4].anonymous_avatar, true);
  EXPECT_EQ(page.accounts[5].anonymous_avatar, true);  // the flag wins over the URL
}

TEST(IngestShapes, CursorRules) {
  EXPECT_EQ(MustParse(R"({"next_max_id":"before","users":[]})").next_cursor, "before");
  EXPECT_EQ(MustParse(R"({"users":[],"next_max_id":12345678901234567890123})").next_cursor,
            "12345678901234567890123");  // opaque: kept as written
  EXPECT_EQ(MustParse(R"({"users":[],"next_max_id":"x","has_more":false})").next_cursor, std::nullopt);
  EXPECT_EQ(MustParse(R"({"users":[],"next_max_id":""})").next_cursor, std::nullopt);
  // A cursor beside `data` belongs to no list.
  EXPECT_EQ(MustParse(R"({"data":{"x":{"users":[],"next_max_id":"in"}},"next_max_id":"out"})").next_cursor, "in");
}

TEST(IngestShapes, EmptyListsAndUnknownKeys) {
  const Page empty = MustParse(R"({"users":[]})");
  EXPECT_EQ(empty.shape, PayloadShape::kFriendshipsV1);
  EXPECT_TRUE(empty.accounts.empty());
  EXPECT_EQ(MustParse("[]").shape, PayloadShape::kDyiFollowers);
  const Page page = MustParse(
      R"({"zzz":{"users":[{"not":"a user"}]},"users":[{"username":"u","\u0070k":"9","big":123456789012345678901234567890,
         "nested":{"a":[[],{}],"b":"\u00e9\n"}}],"status":"ok"})");
  ASSERT_EQ(page.accounts.size(), 1u);
  EXPECT_EQ(page.accounts[0].pk, 9u);  // an escaped key is still "pk"
}

TEST(IngestShapes, PositionsAreConsecutiveFromFirstPosition) {
  std::string json = R"({"users":[)";
  for (int i = 0; i < 50; ++i) {
    if (i > 0) json += ',';
    json += R"({"pk":)";
    json += std::to_string(i + 1);
    json += '}';
  }
  json += "]}";
  SourceInfo src = Source("p");
  src.first_position = 100;
  const Page page = MustParse(json, src);
  ASSERT_EQ(page.accounts.size(), 50u);
  for (std::uint32_t i = 0; i < 50; ++i) {
    EXPECT_EQ(page.accounts[i].pk, i + 1u);
    EXPECT_EQ(page.accounts[i].sightings.at(0).position, 100 + i);
  }
}

TEST(IngestShapes, ParserIsReusableAcrossCalls) {
  // A long input then a short one: the reused buffer must not leak the old bytes.
  const std::string big = Sample("friendships_followers_v1.json");
  ASSERT_TRUE(ParseFollowerPage(big).ok());
  const Result<Page> r = ParseFollowerPage(big.substr(0, 20));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTruncated);
  EXPECT_TRUE(ParseFollowerPage(R"({"users":[{"pk":1}]})").ok());
}

// ---- issue 12: older and newer shapes --------------------------------------------------------

TEST(IngestShapes, DyiConnections2019) {
  const Page page = MustParse(ReadTestData("ingest/dyi_connections_2019.json"), Source("connections.json"));
  EXPECT_EQ(page.shape, PayloadShape::kDyiConnections);
  EXPECT_EQ(page.list, ListKind::kUnknown);  // two lists: each Sighting names its own
  EXPECT_EQ(page.next_cursor, std::nullopt);
  // blocked_users, follow_requests_sent, hashtags_following... are not lists of this owner.
  ASSERT_EQ(page.accounts.size(), 5u);
  EXPECT_EQ(page.accounts[0].username, "vatan_11223");
  EXPECT_EQ(page.accounts[0].pk, std::nullopt);
  ExpectSighting(page.accounts[0], ListKind::kFollowers, 24, 1580724000);
  EXPECT_EQ(page.accounts[1].username, "maryam.photos");
  ExpectSighting(page.accounts[1], ListKind::kFollowers, 25, 1574225130);  // +03:30
  EXPECT_EQ(page.accounts[2].username, "user5551234");
  ExpectSighting(page.accounts[2], ListKind::kFollowers, 26, 1580724007);  // "Z"
  // Positions count within each list.
  EXPECT_EQ(page.accounts[3].username, "friend_ali");
  ExpectSighting(page.accounts[3], ListKind::kFollowing, 24, 1530446400);
  EXPECT_EQ(page.accounts[4].username, "news.page");
  ExpectSighting(page.accounts[4], ListKind::kFollowing, 25, 1552686310);  // fraction dropped
  for (const Account& a : page.accounts) {
    EXPECT_EQ(a.full_name, std::nullopt);  // the export shows names only
    EXPECT_EQ(a.anonymous_avatar, std::nullopt);
  }
  EXPECT_STREQ(PayloadShapeName(page.shape), "dyi_connections");
  EXPECT_FALSE(IsProfileShape(page.shape));
}

TEST(IngestShapes, DyiConnectionsCallerListReadsOneSection) {
  SourceInfo source = Source("connections.json");
  source.list = ListKind::kFollowing;
  const Page page = MustParse(ReadTestData("ingest/dyi_connections_2019.json"), source);
  EXPECT_EQ(page.shape, PayloadShape::kDyiConnections);
  EXPECT_EQ(page.list, ListKind::kFollowing);
  ASSERT_EQ(page.accounts.size(), 2u);
  ExpectSighting(page.accounts[0], ListKind::kFollowing, 24, 1530446400);
  ExpectSighting(page.accounts[1], ListKind::kFollowing, 25, 1552686310);
}

TEST(IngestShapes, DyiConnectionsOneSectionNullTimesAndOtherObjects) {
  const Page one = MustParse(R"({"following":{"a_user":null,"b_user":"","c_user":"2019-01-01 00:00:00"}})");
  EXPECT_EQ(one.list, ListKind::kFollowing);
  ASSERT_EQ(one.accounts.size(), 3u);
  EXPECT_EQ(one.accounts[0].sightings[0].listed_at, std::nullopt);  // null: time unknown
  EXPECT_EQ(one.accounts[1].sightings[0].listed_at, std::nullopt);
  EXPECT_EQ(one.accounts[2].sightings[0].listed_at, 1546300800);  // space separator, no zone = UTC
  // A "followers" object of other values is some other payload's object, not this export.
  const Result<Page> other = ParseFollowerPage(R"({"followers":{"count":12}})");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kUnknownShape);
  // Impossible dates are no times.
  for (const char* bad : {"2019-02-30T00:00:00Z", "2019-13-01T00:00:00Z", "2019-01-01T25:00:00Z",
                          "2019-01-01T00:00:00+5", "2019-01-01", "2019-01-01T00:00:00Zjunk"}) {
    const std::string text = std::string(R"({"followers":{"x":")") + bad + "\"}}";
    const Result<Page> r = ParseFollowerPage(text);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kUnexpectedType) << bad;
  }
}

TEST(IngestProfiles, Profile2017CountsAreRead) {
  const Page page = MustParse(ReadTestData("ingest/profile/profile_2017.json"), Source("2017"));
  EXPECT_EQ(page.shape, PayloadShape::kProfilePage2017);
  EXPECT_TRUE(IsProfileShape(page.shape));
  EXPECT_STREQ(PayloadShapeName(page.shape), "profile_page_2017");
  ASSERT_EQ(page.accounts.size(), 1u);  // the media node's owner is no second account
  const Account& a = page.accounts[0];
  EXPECT_EQ(a.pk, 3000000017u);
  EXPECT_EQ(a.username, "hamid_13961717");
  EXPECT_EQ(a.follower_count, 14u);     // followed_by.count
  EXPECT_EQ(a.following_count, 6712u);  // follows.count, as a digit string
  EXPECT_EQ(a.media_count, 1u);         // media.count
  EXPECT_EQ(a.biography, "");
  EXPECT_EQ(a.external_url, std::nullopt);
  EXPECT_EQ(a.is_private, false);
  EXPECT_EQ(a.anonymous_avatar, true);  // the pre-2019 silhouette file
  EXPECT_TRUE(a.sightings.empty());
  EXPECT_EQ(page.next_cursor, std::nullopt);  // media.page_info is the posts' cursor, not a list's
}

TEST(IngestProfiles, Profile2017NamesMeanNothingWhenNotCountObjects) {
  // followed_by / follows / media of another type (a flag, a list) are not the 2017 counts.
  const Page page = MustParse(R"({"user":{"pk":"7","username":"u7","followed_by":true,"media":[],"follows":null}})");
  EXPECT_EQ(page.shape, PayloadShape::kUserInfo);
  EXPECT_EQ(page.accounts[0].follower_count, std::nullopt);
  EXPECT_EQ(page.accounts[0].media_count, std::nullopt);
  // Under data.<key>, the 2017 counts make the object a profile too.
  const Page data = MustParse(R"({"data":{"user":{"id":"8","username":"u8","follows":{"count":9000}}}})");
  EXPECT_EQ(data.shape, PayloadShape::kProfilePage2017);
  EXPECT_EQ(data.accounts[0].following_count, 9000u);
}

TEST(DefaultAvatar, KnownSilhouetteFiles) {
  for (const char* url : {
           "https://scontent.cdninstagram.com/v/t51.2885-19/44884218_345707102882519_2446069589734326272_n.jpg",
           "https://instagram.fxyz1-1.fna.fbcdn.net/v/t51.2885-19/44884218_345707102882519_2446069589734326272_n.jpg"
           "?stp=dst-jpg_s150x150&_nc_ht=x&_nc_cat=1&ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj.3-ccb7-5",
           "https://scontent-frt3-1.cdninstagram.com/t51.2885-19/11906329_960233084022564_1448528159_a.jpg",
           "https://scontent-frt3-1.cdninstagram.com/t51.2885-19/11906329_960233084022564_1448528159_a.jpg"
           "?ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj.2",
           "https://scontent-fra5-2.cdninstagram.com/v/t51.2885-19/573323465_1219825463302212_7278921664109726296_n.png"
           "?stp=dst-jpg_e0_s150x150_tt6&_nc_ht=scontent-fra5-2.cdninstagram.com&oh=00_AAAA&oe=69000000",
           "https://instagram.fxyz1-1.fna.fbcdn.net/v/t51.2885-19/573323465_1219825463302212_7278921664109726296_n.png"
           "?_nc_cat=1&ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj.3-ccb7-5",
       }) {
    EXPECT_TRUE(IsDefaultAvatarUrl(url)) << url;
    EXPECT_EQ(AnonymousAvatarFromUrl(url), true) << url;
  }
}

TEST(DefaultAvatar, UnknownUnlessTheUrlTells) {
  // An Instagram picture of another file name: a silhouette of an era not listed looks the same.
  EXPECT_EQ(AnonymousAvatarFromUrl("https://scontent.cdninstagram.com/v/t51.2885-19/123_456_789_n.jpg?stp=s150x150"),
            std::nullopt);
  EXPECT_EQ(AnonymousAvatarFromUrl("https://instagram.fxyz1-1.fna.fbcdn.net/v/t51.2885-19/123_456_789_n.jpg"),
            std::nullopt);
  // An older URL whose cache key names the upload (base64 of its media id) tells a real picture.
  EXPECT_EQ(AnonymousAvatarFromUrl("https://scontent.cdninstagram.com/t51.2885-19/s150x150/123_456_n.jpg"
                                   "?ig_cache_key=MTk4NzY1NDMyMTA5ODc2NTQzMg%3D%3D.2"),
            false);
  // A cache key that is only a parameter's tail is no cache key.
  EXPECT_EQ(AnonymousAvatarFromUrl("https://scontent.cdninstagram.com/t51.2885-19/1_n.jpg?xig_cache_key=MTk4NzY1NDMy"),
            std::nullopt);
  // Facebook keeps every silhouette in t1.30497-1: another path class is a picture.
  EXPECT_EQ(AnonymousAvatarFromUrl("https://scontent.fxyz1-1.fna.fbcdn.net/v/t39.30808-1/123_456_n.jpg?stp=c0"), false);
  EXPECT_EQ(AnonymousAvatarFromUrl("https://scontent.fxyz1-1.fna.fbcdn.net/v/t1.30497-1/84628273_1_n.jpg"), true);
  // No file, or not Meta's hosts: unknown.
  EXPECT_EQ(AnonymousAvatarFromUrl("https://scontent.cdninstagram.com/..."), std::nullopt);
  EXPECT_EQ(AnonymousAvatarFromUrl("https://example.org/123_n.jpg?ig_cache_key=MTk4NzY1NDMy"), std::nullopt);
  EXPECT_EQ(AnonymousAvatarFromUrl(""), std::nullopt);
}

TEST(IngestErrors, BareArraysSayWhatTheyHold) {
  // Not "user without pk or username": what the array holds, and at the element.
  const Result<Page> strings = ParseFollowerPage(R"(["a","b"])", Source("bare"));
  ASSERT_FALSE(strings.ok());
  EXPECT_EQ(strings.error().code, ErrorCode::kUnknownShape);
  EXPECT_EQ(strings.error().offset, 1u);
  EXPECT_NE(strings.error().message.find("top-level array of strings"), std::string::npos);
  // A malformed element later in the array is still reported as malformed.
  const Result<Page> broken = ParseFollowerPage(R"([{"id":1},{"id":tru}])", Source("bare"));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kMalformedJson) << broken.error().ToString();
  // A DYI entry without a name is still that error; an empty array is an empty export.
  const Result<Page> nameless = ParseFollowerPage(R"([{"title":"","string_list_data":[]}])");
  ASSERT_FALSE(nameless.ok());
  EXPECT_NE(nameless.error().message.find("user without pk or username"), std::string::npos);
  EXPECT_EQ(MustParse("[]").accounts.size(), 0u);
}

TEST(IngestErrors, UnknownShapeNamesTheOtherPayloadFamilies) {
  const Result<Page> r = ParseFollowerPage(R"({"status":"ok","items":[]})", Source("x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnknownShape);
  for (const char* name : {"\"status\"", "edge_media_to_parent_comment", "inbox.threads", "new_stories", "\"followers\""}) {
    EXPECT_NE(r.error().message.find(name), std::string::npos) << name << ": " << r.error().message;
  }
}

// ---- errors -------------------------------------------------------------------------------

// Every proper prefix of a valid payload is an error (never a partial page), and it says the
// text was truncated, at the end of what was given.
TEST(IngestErrors, EveryPrefixOfEverySampleIsTruncated) {
  for (const char* name :
       {"friendships_followers_v1.json", "graphql_followers_xdt.json", "graphql_edge_followed_by_legacy.json",
        "dyi_followers_1.json", "dyi_following.json", "web_profile_info.json", "profile/user_info.json",
        "profile/profile_page_graphql.json", "profile/graphql_xdt_profile.json"}) {
    const std::string text =
        std::string_view(name).substr(0, 8) == "profile/" ? ReadTestData(std::string("ingest/") + name) : Sample(name);
    const std::size_t end = text.find_last_not_of(" \n\r\t");
    ASSERT_NE(end, std::string::npos);
    int failures = 0;
    for (std::size_t len = 0; len <= end; ++len) {
      const Result<Page> r = ParseFollowerPage(std::string_view(text).substr(0, len), Source(name));
      if (r.ok()) {
        ADD_FAILURE() << name << ": prefix of " << len << " bytes parsed as a page of " << r.value().accounts.size();
      } else if (r.error().code != ErrorCode::kTruncated || r.error().offset != len || r.error().source != name) {
        ADD_FAILURE() << name << ": prefix of " << len << " bytes: " << r.error().ToString();
      }
      if (::testing::Test::HasFailure() && ++failures > 5) return;
    }
    // The full text (and with its trailing newline cut) parses.
    EXPECT_TRUE(ParseFollowerPage(text.substr(0, end + 1)).ok()) << name;
  }
}

struct GoldenError {
  std::string file;
  std::string code;
  std::uint64_t offset = 0;
  std::string message;
};

std::vector<GoldenError> ReadGoldenErrors() {
  std::vector<GoldenError> cases;
  std::istringstream in(ReadTestData("ingest/errors/cases.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    GoldenError c;
    std::string offset;
    std::getline(fields, c.file, '\t');
    std::getline(fields, c.code, '\t');
    std::getline(fields, offset, '\t');
    std::getline(fields, c.message);
    c.offset = std::stoull(offset);
    cases.push_back(c);
  }
  return cases;
}

TEST(IngestErrors, GoldenErrorCases) {
  const std::vector<GoldenError> cases = ReadGoldenErrors();
  ASSERT_GE(cases.size(), 30u);
  for (const GoldenError& c : cases) {
    SCOPED_TRACE(c.file);
    const std::string text = ReadTestData("ingest/errors/" + c.file);
    const Result<Page> r = ParseFollowerPage(text, Source(c.file));
    ASSERT_FALSE(r.ok()) << "parsed into " << r.value().accounts.size() << " accounts";
    const Error& e = r.error();
    EXPECT_EQ(ErrorCodeName(e.code), c.code) << e.ToString();
    EXPECT_EQ(e.source, c.file);
    EXPECT_EQ(e.offset, c.offset) << e.ToString();
    EXPECT_LE(e.offset, text.size());
    EXPECT_NE(e.message.find(c.message), std::string::npos) << e.ToString();
    EXPECT_NE(e.ToString().find(c.file), std::string::npos);
  }
}

TEST(IngestErrors, EveryByteCorruptionIsAnErrorOrAValidPage) {
  // Flipping single bytes to structural characters must never crash nor give an account
  // without pk and username; whatever parses must also re-parse identically.
  for (const char* name : {"graphql_followers_xdt.json", "web_profile_info.json"}) {
    const std::string text = Sample(name);
    for (std::size_t i = 0; i < text.size(); ++i) {
      for (char c : {'"', '}', ']', ',', ':', '\\', '\x01'}) {
        std::string broken = text;
        broken[i] = c;
        const Result<Page> r = ParseFollowerPage(broken, Source("b"));
        if (!r.ok()) {
          EXPECT_LE(r.error().offset, broken.size());
          EXPECT_EQ(r.error().source, "b");
          continue;
        }
        const Page& page = r.value();
        if (IsProfileShape(page.shape)) {
          EXPECT_EQ(page.accounts.size(), 1u);
        }
        for (const Account& a : page.accounts) EXPECT_TRUE(a.pk || !a.username.empty());
      }
    }
  }
}

TEST(IngestErrors, TrailingGarbageAfterEveryShape) {
  for (const char* name : {"friendships_followers_v1.json", "dyi_followers_1.json", "web_profile_info.json"}) {
    const std::string text = Sample(name) + "garbage";
    const Result<Page> r = ParseFollowerPage(text, Source(name));
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformedJson) << r.error().ToString();
    EXPECT_EQ(r.error().offset, text.size() - 7) << r.error().ToString();
  }
}

TEST(IngestErrors, TopLevelScalarsAreUnknownShapeUnlessMalformed) {
  for (const char* text : {"42", "\"str\"", "true", "null", "-1.5e3"}) {
    const Result<Page> r = ParseFollowerPage(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kUnknownShape) << text << ": " << r.error().ToString();
  }
  // Longer than simdjson's root-number buffer (an over-read the fuzzer found).
  const std::string long_number = "4" + std::string(2000, '0');
  const Result<Page> big = ParseFollowerPage(long_number);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, ErrorCode::kUnknownShape) << big.error().ToString();
  for (const char* text : {"tru", "nul", "-", "01", "1.", "1e", "42 43", "\"a\" x", " 7 ]"}) {
    const Result<Page> r = ParseFollowerPage(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformedJson) << text << ": " << r.error().ToString();
    EXPECT_LE(r.error().offset, std::string_view(text).size());
  }
}

TEST(IngestErrors, EmbeddedNulByteIsMalformed) {
  const std::string text("{\"users\":[]}\0", 13);
  const Result<Page> r = ParseFollowerPage(text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kMalformedJson) << r.error().ToString();
  EXPECT_EQ(r.error().offset, 12u);
}

// ---- helpers ------------------------------------------------------------------------------

TEST(Mojibake, RepairsLatin1AndWindows1252Mojibake) {
  EXPECT_EQ(RepairMojibake("JosÃ©"), "José");
  EXPECT_EQ(RepairMojibake("Ã˜Â³Ã˜Â§Ã˜Â±Ã˜Â§"), "سارا");  // went through windows-1252 twice
  EXPECT_EQ(RepairMojibake("Ø³Ø§Ø±Ø§"), "سارا");          // once, latin-1
  EXPECT_EQ(RepairMojibake("caf\xc3\x83\xc2\xa9"), "café");
  EXPECT_EQ(RepairMojibake("\xc3\xb0\xc2\x9f\xc2\x94\xc2\xa5"), "🔥");  // emoji via C1 code points
}

TEST(Mojibake, LeavesOtherTextUnchanged) {
  for (const char* text :
       {"", "plain ascii", "José", "سارا", "日本語", "🔥", "Ã", "naïve café", "\xff\xfe invalid", "Ã©\xff"}) {
    EXPECT_EQ(RepairMojibake(text), text) << text;
  }
}

TEST(DefaultAvatar, Markers) {
  EXPECT_TRUE(IsDefaultAvatarUrl(
      "https://scontent.cdninstagram.com/v/t51.2885-19/44884218_345707102882519_2446069589734326272_n.jpg?x=1"));
  EXPECT_TRUE(IsDefaultAvatarUrl("https://a.example/p.jpg?ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj.2-ccb7-5"));
  EXPECT_FALSE(IsDefaultAvatarUrl("https://scontent.cdninstagram.com/v/t51.2885-19/123_456_789_n.jpg"));
  EXPECT_FALSE(IsDefaultAvatarUrl(""));
}

TEST(PayloadShapeNames, Stable) {
  EXPECT_STREQ(PayloadShapeName(PayloadShape::kFriendshipsV1), "friendships_v1");
  EXPECT_STREQ(PayloadShapeName(PayloadShape::kGraphqlXdt), "graphql_xdt");
  EXPECT_STREQ(PayloadShapeName(PayloadShape::kGraphqlEdgeLegacy), "graphql_edge_legacy");
  EXPECT_STREQ(PayloadShapeName(PayloadShape::kDyiFollowers), "dyi_followers");
  EXPECT_STREQ(PayloadShapeName(PayloadShape::kDyiFollowing), "dyi_following");
  EXPECT_STREQ(PayloadShapeName(PayloadShape::kWebProfileInfo), "web_profile_info");
  EXPECT_STREQ(PayloadShapeName(PayloadShape::kProfilePageGraphql), "profile_page_graphql");
  EXPECT_STREQ(PayloadShapeName(PayloadShape::kUserInfo), "user_info");
  EXPECT_STREQ(PayloadShapeName(PayloadShape::kGraphqlXdtProfile), "graphql_xdt_profile");
  EXPECT_FALSE(IsProfileShape(PayloadShape::kDyiFollowing));
  EXPECT_FALSE(IsProfileShape(PayloadShape::kFriendshipsV1));
  EXPECT_TRUE(IsProfileShape(PayloadShape::kUserInfo));
}

}  // namespace
}  // namespace swarmlens
