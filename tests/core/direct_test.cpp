// Direct messages and the activity feed (issue 12): the inbox, message-request and thread
// payloads parse into message records with their senders, the engine analyses them like comment
// threads (threats, copy-paste campaigns across requests, the senders' swarm), and the activity
// feed's new-follower notifications are a list. Truncations and wrong types are errors.
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "swarmlens/activity.h"
#include "swarmlens/direct.h"
#include "swarmlens/swarmlens.h"
#include "test_data.h"

namespace swarmlens {
namespace {

using testing::ReadTestData;
using testing::Src;

DirectPage MustParseDirect(const std::string& text) {
  Result<DirectPage> r = ParseDirectPage(text, Src("direct"));
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
  if (!r.ok()) return DirectPage{};
  return std::move(r).value();
}

// A payload that must be refused: the error's code, a piece of its message.
struct ErrorCase {
  const char* json;
  ErrorCode code;
  const char* message;
};

// Each case gives its error, naming the source and pointing inside the input.
void ExpectDirectErrors(std::initializer_list<ErrorCase> cases) {
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.json);
    Result<DirectPage> r = ParseDirectPage(c.json, Src("bad"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, c.code) << r.error().ToString();
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << r.error().ToString();
    EXPECT_LE(r.error().offset, std::string_view(c.json).size());
    EXPECT_EQ(r.error().source, "bad");
  }
}

// Every cut of the fixture (every `step` bytes) is an error pointing inside what was given.
template <class Parse>
void ExpectEveryPrefixFails(const char* file, std::size_t step, Parse parse) {
  const std::string json = ReadTestData(file);
  for (std::size_t n = 0; n + 1 < json.size(); n += step) {
    const auto r = parse(std::string_view(json).substr(0, n));
    ASSERT_FALSE(r.ok()) << file << " " << n;
    EXPECT_LE(r.error().offset, n);
  }
}

// True when the engine holds a copy-paste campaign of `accounts` or more among the requests.
bool RequestsHaveCopyPaste(const Engine& engine, std::size_t accounts) {
  for (const auto& [post, campaign] : engine.Campaigns()) {
    if (post == "direct:requests" && campaign.kind == CampaignKind::kCopyPaste && campaign.accounts >= accounts) return true;
  }
  return false;
}

// ---- parsing ----

TEST(DirectTest, PendingInboxIsMessageRequests) {
  const DirectPage page = MustParseDirect(ReadTestData("direct/pending_inbox.json"));
  EXPECT_EQ(page.messages.shape, CommentShape::kDirectInbox);
  EXPECT_EQ(page.threads, 4u);
  EXPECT_EQ(page.requests, 4u);
  EXPECT_EQ(page.pending_requests_total, 27u);
  EXPECT_EQ(page.messages.next_cursor, "QVFIUmVxdWVzdHNfc3ludGhldGlj");
  // One text item per request; the "like" items carry no text.
  ASSERT_EQ(page.messages.comments.size(), 4u);
  const Comment& m = page.messages.comments[0];
  EXPECT_EQ(m.kind, CommentKind::kMessageRequest);
  EXPECT_EQ(m.id, "320987654321098765432109876543200001");  // beyond 64 bits: kept as text
  EXPECT_EQ(m.thread_id, "340282366841710300949128122292511800001");
  EXPECT_EQ(m.post, "direct:requests");  // every request in one thread for the analysis
  EXPECT_EQ(m.text, "میدونیم خونت کجاست، مراقب خانواده‌ات باش");
  EXPECT_EQ(m.created_at, 1764100000);  // microseconds -> seconds
  EXPECT_EQ(m.parent_id, std::nullopt);
  // The sender is the thread's user record, read like any account.
  EXPECT_EQ(m.author.pk, 78900000101u);
  EXPECT_EQ(m.author.username, "vatan_48213");
  EXPECT_EQ(m.author.full_name, "vatan_48213");
  EXPECT_EQ(m.author.anonymous_avatar, true);
  EXPECT_EQ(m.author.is_private, false);
  EXPECT_TRUE(m.author.sightings.empty());
  EXPECT_EQ(page.messages.comments[3].author.username, "user9981230045");
  EXPECT_EQ(page.messages.comments[3].text, "bitch, we will find you");
  EXPECT_EQ(page.messages.comments[3].created_at, 1764100012);
}

TEST(DirectTest, InboxConversationLeavesOutTheAccountHoldersOwnMessages) {
  const DirectPage page = MustParseDirect(ReadTestData("direct/inbox.json"));
  EXPECT_EQ(page.messages.shape, CommentShape::kDirectInbox);
  EXPECT_EQ(page.threads, 1u);
  EXPECT_EQ(page.requests, 0u);
  EXPECT_EQ(page.messages.next_cursor, std::nullopt);  // has_older: false
  ASSERT_EQ(page.messages.comments.size(), 2u);      // the viewer's own reply is not analysed
  const Comment& m = page.messages.comments[0];
  EXPECT_EQ(m.kind, CommentKind::kMessage);
  EXPECT_EQ(m.post, "direct:340282366841710300949128122292511899999");
  EXPECT_EQ(m.text, "are you safe? I saw the comments");
  EXPECT_EQ(m.author.username, "sara.friend");
  EXPECT_EQ(m.author.full_name, "Sara R");
  EXPECT_EQ(m.author.anonymous_avatar, false);  // the record's has_anonymous_profile_picture
  EXPECT_EQ(page.messages.comments[1].text, "https://example.org/report");  // a link item's text
  EXPECT_EQ(page.messages.comments[1].created_at, 1763990000);
}

TEST(DirectTest, OneThreadWithUsersAfterItems) {
  const DirectPage page = MustParseDirect(ReadTestData("direct/thread.json"));
  EXPECT_EQ(page.messages.shape, CommentShape::kDirectThread);
  EXPECT_EQ(page.messages.next_cursor, "cur_thread_older");
  ASSERT_EQ(page.messages.comments.size(), 2u);
  EXPECT_EQ(page.messages.comments[0].author.username, "vatan_66002");  // resolved after the items
  EXPECT_EQ(page.messages.comments[0].created_at, 1764200000);        // milliseconds
  EXPECT_EQ(page.messages.comments[1].created_at, 1764199990);        // seconds
  EXPECT_EQ(page.messages.comments[1].author.username, "vatan_66002");
}

TEST(DirectTest, SenderNotListedIsKnownByPk) {
  const DirectPage page = MustParseDirect(
      R"({"thread":{"thread_id":340282366841710300949128122292511800777,"items":[{"item_id":"9","user_id":"123",)"
      R"("item_type":"text","text":"hi"}]}})");
  ASSERT_EQ(page.messages.comments.size(), 1u);
  EXPECT_EQ(page.messages.comments[0].thread_id, "340282366841710300949128122292511800777");  // number as written
  EXPECT_EQ(page.messages.comments[0].author.pk, 123u);
  EXPECT_EQ(page.messages.comments[0].author.username, "");
  EXPECT_EQ(page.messages.comments[0].created_at, std::nullopt);
}

TEST(DirectTest, ErrorsSayWhatAndWhere) {
  ExpectDirectErrors({
      {R"({"inbox":{"threads":{}}})", ErrorCode::kUnexpectedType, "expected an array for \"inbox.threads\""},
      {R"({"inbox":{"threads":[5]}})", ErrorCode::kUnexpectedType, "expected an object in \"inbox.threads\""},
      {R"({"inbox":{"threads":[{"items":[]}]}})", ErrorCode::kUnexpectedType, "thread without \"thread_id\""},
      {R"({"thread":{"thread_id":"1","items":[{"text":"x","item_type":"text"}]}})", ErrorCode::kUnexpectedType,
       "message without \"item_id\""},
      {R"({"thread":{"thread_id":"1","items":[{"item_id":"2","user_id":"x"}]}})", ErrorCode::kUnexpectedType,
       "expected a decimal id for \"user_id\""},
      {R"({"thread":{"thread_id":"a b"}})", ErrorCode::kUnexpectedType, "expected a plain id"},
      {R"({"thread":{"thread_id":"1","users":[{"pk":"1","username":5}]}})", ErrorCode::kUnexpectedType,
       "expected a string for \"username\""},
      {R"({"thread":{"thread_id":"1","users":[{"full_name":"no id"}]}})", ErrorCode::kUnexpectedType,
       "user without pk or username"},
      {R"({"thread":{"thread_id":"1","pending":"yes"}})", ErrorCode::kUnexpectedType, "for \"pending\""},
      {R"({"pending_requests_total":-1,"inbox":{"threads":[]}})", ErrorCode::kUnexpectedType, "non-negative"},
      {R"({"thread":{"thread_id":"1","users":[{"pk":"1","username":tru}]}})", ErrorCode::kMalformedJson, "true"},
      {R"({"status":"ok"})", ErrorCode::kUnknownShape, "no direct inbox"},
      {R"([1,2])", ErrorCode::kUnknownShape, "top-level array"},
      {R"(tru)", ErrorCode::kMalformedJson, "true, false or null"},
  });
  // A user record's error points into the whole text, at the offending value.
  const std::string text = R"({"thread":{"thread_id":"1","users":[{"pk":"1","username":5}]}})";
  Result<DirectPage> r = ParseDirectPage(text, Src("bad"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, text.find(":5") + 1);
}

TEST(DirectTest, EveryPrefixIsAnError) {
  for (const char* file : {"direct/pending_inbox.json", "direct/inbox.json", "direct/thread.json", "direct/graphql_inbox.json",
                           "direct/graphql_requests.json", "direct/graphql_thread.json",
                           "direct/graphql_older_messages.json"}) {
    ExpectEveryPrefixFails(file, 3, [](std::string_view text) { return ParseDirectPage(text, Src("prefix")); });
  }
}

// ---- the GraphQL forms (PolarisDirectInboxQuery, PolarisDirectMessageRequestQuery,
// IGDThreadDetailQuery, IGDMessageListOffMsysQuery; see direct.cpp for the field paths) ----

TEST(DirectGraphqlTest, InboxThreadsAreReadLikeRest) {
  const DirectPage page = MustParseDirect(ReadTestData("direct/graphql_inbox.json"));
  EXPECT_EQ(page.messages.shape, CommentShape::kDirectInbox);
  EXPECT_EQ(page.threads, 2u);
  EXPECT_EQ(page.requests, 0u);
  EXPECT_EQ(page.pending_requests_total, std::nullopt);
  EXPECT_EQ(page.messages.next_cursor, "QVFIUmInboxSynthetic");  // threads_by_folder.page_info
  // The viewer's own reply (sender_fbid = viewer.interop_messaging_user_fbid) and the picture
  // are left out.
  ASSERT_EQ(page.messages.comments.size(), 2u);
  const Comment& m = page.messages.comments[0];
  EXPECT_EQ(m.id, "mid.$cAAAsyntheticA0002");  // message_id before id
  EXPECT_EQ(m.kind, CommentKind::kMessage);
  EXPECT_EQ(m.thread_id, "179000000000090001");  // thread_fbid
  EXPECT_EQ(m.post, "direct:179000000000090001");
  EXPECT_EQ(m.text, "are you safe? I saw the comments");
  EXPECT_EQ(m.created_at, 1764400000);  // timestamp_ms as a string
  // The sender resolved through the users' interop_messaging_user_fbid, read like any account.
  EXPECT_EQ(m.author.pk, 4100000123u);
  EXPECT_EQ(m.author.username, "sara.friend");
  EXPECT_EQ(m.author.full_name, "Sara R");
  EXPECT_EQ(m.author.anonymous_avatar, false);
  EXPECT_TRUE(m.author.sightings.empty());
  const Comment& threat = page.messages.comments[1];
  EXPECT_EQ(threat.text, "we know where your family lives");
  EXPECT_EQ(threat.author.username, "vatan_55120");
  EXPECT_EQ(threat.author.pk, 78900000440u);
  EXPECT_EQ(threat.author.anonymous_avatar, true);
}

TEST(DirectGraphqlTest, MessageRequestsFromThePendingFolderAndTheSpamMailbox) {
  const DirectPage page = MustParseDirect(ReadTestData("direct/graphql_requests.json"));
  EXPECT_EQ(page.messages.shape, CommentShape::kDirectInbox);
  EXPECT_EQ(page.threads, 4u);
  EXPECT_EQ(page.requests, 4u);  // folder PENDING, and every thread of spamMailbox
  EXPECT_EQ(page.messages.next_cursor, std::nullopt);  // the main folder has no next page
  ASSERT_EQ(page.messages.comments.size(), 4u);
  for (const Comment& m : page.messages.comments) {
    EXPECT_EQ(m.kind, CommentKind::kMessageRequest);
    EXPECT_EQ(m.post, "direct:requests");
    EXPECT_EQ(m.text, "خائن وطن‌فروش، میدونیم کجا زندگی میکنی");
  }
  EXPECT_EQ(page.messages.comments[0].author.username, "vatan_90211");
  EXPECT_EQ(page.messages.comments[2].author.username, "user9911220034");
  EXPECT_EQ(page.messages.comments[3].author.username, "vatan_90688");  // from spamMailbox
  EXPECT_EQ(page.messages.comments[3].created_at, 1764410009);
}

TEST(DirectGraphqlTest, ThreadDetailAndOlderMessagesAreOneThread) {
  const DirectPage detail = MustParseDirect(ReadTestData("direct/graphql_thread.json"));
  EXPECT_EQ(detail.messages.shape, CommentShape::kDirectThread);
  EXPECT_EQ(detail.threads, 1u);
  EXPECT_EQ(detail.messages.next_cursor, "QVFIUmOlderSynthetic");  // slide_messages.page_info
  ASSERT_EQ(detail.messages.comments.size(), 2u);  // the viewer's "who are you?" left out
  EXPECT_EQ(detail.messages.comments[0].text, "stop posting or die");
  EXPECT_EQ(detail.messages.comments[0].created_at, 1764399200);
  EXPECT_EQ(detail.messages.comments[1].id, "mid.$cAAAsyntheticB0001");
  EXPECT_EQ(detail.messages.comments[1].author.username, "vatan_55120");
  // The older page names its thread only in its nodes, and its sender by sender.igid.
  const DirectPage older = MustParseDirect(ReadTestData("direct/graphql_older_messages.json"));
  EXPECT_EQ(older.messages.shape, CommentShape::kDirectThread);
  ASSERT_EQ(older.messages.comments.size(), 1u);
  EXPECT_EQ(older.messages.comments[0].post, detail.messages.comments[0].post);
  EXPECT_EQ(older.messages.comments[0].author.pk, 78900000440u);
  EXPECT_EQ(older.messages.comments[0].created_at, 1764398000);  // a number of milliseconds
  EXPECT_EQ(older.messages.next_cursor, std::nullopt);
}

TEST(DirectGraphqlTest, ErrorsSayWhatAndWhere) {
  ExpectDirectErrors({
      {R"({"data":{"get_slide_mailbox":{"threads_by_folder":{"edges":{}}}}})", ErrorCode::kUnexpectedType,
       "expected an array for \"threads_by_folder.edges\""},
      {R"({"data":{"get_slide_mailbox":{"threads_by_folder":{"edges":[{"node":{"as_ig_direct_thread":{}}}]}}}})",
       ErrorCode::kUnexpectedType, "thread without \"thread_id\""},
      {R"({"data":{"get_slide_thread_nullable":{"as_ig_direct_thread":{"thread_fbid":"1","slide_messages":)"
       R"({"edges":[{"node":{"content_type":"TEXT","text_body":"x"}}]}}}}})",
       ErrorCode::kUnexpectedType, "message without \"item_id\""},
      {R"({"data":{"get_slide_thread_nullable":{"as_ig_direct_thread":{"thread_fbid":"1","slide_messages":)"
       R"({"edges":[{"node":{"message_id":"a b"}}]}}}}})",
       ErrorCode::kUnexpectedType, "expected a plain id"},
      {R"({"data":{"get_slide_thread_nullable":{"as_ig_direct_thread":{"thread_fbid":"1","users":[{"id":"5",)"
       R"("username":"a","interop_messaging_user_fbid":true}]}}}})",
       ErrorCode::kUnexpectedType, "interop_messaging_user_fbid"},
      {R"({"data":{"get_slide_thread_nullable":{"as_ig_direct_thread":{"thread_fbid":"1","users":[{"id":"x"}]}}}})",
       ErrorCode::kUnexpectedType, "decimal id"},
      {R"({"data":{"get_slide_thread_nullable":{"as_ig_direct_thread":{"thread_fbid":"1","viewer":{"id":[]}}}}})",
       ErrorCode::kUnexpectedType, "viewer.id"},
      {R"({"data":{"fetch__SlideThread":{"slide_messages":{"edges":[{"node":{"message_id":"m","timestamp_ms":"soon"}}]}}}})",
       ErrorCode::kUnexpectedType, "timestamp_ms"},
      {R"({"data":{"get_slide_mailbox_for_iris_subscription":{"iris_inactive_subscription_uq_seq_id":"7"}}})",
       ErrorCode::kUnknownShape, "data keys: \"get_slide_mailbox_for_iris_subscription\""},
      {R"({"data":{"xdt_future_inbox":{}}})", ErrorCode::kUnknownShape, "get_slide_mailbox_for_iris_subscription"},
  });
  // A user record's error points at the offending value in the whole text.
  const std::string text = R"({"data":{"get_slide_thread_nullable":{"as_ig_direct_thread":{"thread_fbid":"1",)"
                           R"("users":[{"id":"5","username":"a","interop_messaging_user_fbid":true}]}}}})";
  Result<DirectPage> r = ParseDirectPage(text, Src("bad"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, text.find("true"));
}

TEST(DirectGraphqlTest, RequestsCampaignThroughTheEngine) {
  Engine engine;
  engine.set_track_updates(false);
  Result<CommentSummary> r = engine.IngestComments(ReadTestData("direct/graphql_requests.json"), Src("requests"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r.value().shape, CommentShape::kDirectInbox);
  EXPECT_EQ(r.value().new_comments, 4u);
  EXPECT_TRUE(RequestsHaveCopyPaste(engine, 4));
  EXPECT_GT(engine.ScoreComment(0).threat.score, 0.5);  // "we know where you live"
  ASSERT_TRUE(engine.Find("vatan_90688").has_value());
}

// ---- the activity feed ----

TEST(ActivityFeedTest, NewFollowerNotificationsAreAList) {
  SourceInfo source = Src("news");
  source.owner = "example_activist";
  source.first_position = 3;
  Result<Page> r = ParseActivityFeed(ReadTestData("activity/news_inbox.json"), source);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const Page& page = r.value();
  EXPECT_EQ(page.shape, PayloadShape::kActivityFeed);
  EXPECT_EQ(page.list, ListKind::kNotifications);
  EXPECT_STREQ(PayloadShapeName(page.shape), "activity_feed");
  EXPECT_STREQ(ListKindName(page.list), "notifications");
  EXPECT_FALSE(IsProfileShape(page.shape));
  // The like is no follow; each follower once; the aggregated story's other users by id.
  ASSERT_EQ(page.accounts.size(), 6u);
  const Account& a = page.accounts[0];  // inline_follow.user_info
  EXPECT_EQ(a.pk, 78900000201u);
  EXPECT_EQ(a.username, "vatan_30011");
  EXPECT_EQ(a.full_name, "");
  EXPECT_EQ(a.is_private, true);
  EXPECT_EQ(a.anonymous_avatar, true);
  ASSERT_EQ(a.sightings.size(), 1u);
  EXPECT_EQ(a.sightings[0].list, ListKind::kNotifications);
  EXPECT_EQ(a.sightings[0].owner, "example_activist");
  EXPECT_EQ(a.sightings[0].position, 3u);
  EXPECT_EQ(a.sightings[0].listed_at, 1764300300);
  const Account& b = page.accounts[1];  // profile_id / profile_name / profile_image only
  EXPECT_EQ(b.pk, 78900000205u);
  EXPECT_EQ(b.username, "vatan_30492");
  EXPECT_EQ(b.full_name, std::nullopt);
  EXPECT_EQ(b.anonymous_avatar, true);  // the 2025-26 silhouette
  EXPECT_EQ(b.sightings[0].position, 4u);
  EXPECT_EQ(page.accounts[2].username, "vatan_31873");
  EXPECT_EQ(page.accounts[3].pk, 78900000211u);  // aggregated: id only
  EXPECT_EQ(page.accounts[3].username, "");
  EXPECT_EQ(page.accounts[3].sightings[0].listed_at, 1764300180);
  EXPECT_EQ(page.accounts[4].pk, 78900000214u);
  EXPECT_EQ(page.accounts[5].username, "old.friend");  // old stories after the new
  EXPECT_EQ(page.accounts[5].sightings[0].position, 8u);
}

TEST(ActivityFeedTest, FollowerPageParserReadsItToo) {
  Result<Page> r = ParseFollowerPage(ReadTestData("activity/news_inbox.json"), Src("news"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r.value().shape, PayloadShape::kActivityFeed);
  EXPECT_EQ(r.value().accounts.size(), 6u);
  // A follower page is untouched by the fallback; a feed of no follows is an empty list.
  Result<Page> empty = ParseFollowerPage(R"({"new_stories":[],"old_stories":[]})");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.value().accounts.size(), 0u);
}

TEST(ActivityFeedTest, ErrorsSayWhatAndWhere) {
  struct Case {
    const char* json;
    ErrorCode code;
    const char* message;
  };
  const Case cases[] = {
      {R"({"new_stories":{}})", ErrorCode::kUnexpectedType, "expected an array for \"new_stories\""},
      {R"({"new_stories":[1]})", ErrorCode::kUnexpectedType, "expected an object in \"new_stories\""},
      {R"({"new_stories":[{"story_type":"x"}]})", ErrorCode::kUnexpectedType, "for \"story_type\""},
      {R"({"new_stories":[{"story_type":101,"args":[]}]})", ErrorCode::kUnexpectedType, "expected an object for \"args\""},
      {R"({"new_stories":[{"story_type":101,"args":{"profile_id":"abc"}}]})", ErrorCode::kUnexpectedType,
       "\"args.profile_id\""},
      {R"({"new_stories":[{"story_type":101,"args":{"links":{}}}]})", ErrorCode::kUnexpectedType, "\"args.links\""},
      {R"({"new_stories":[{"story_type":101,"args":{"inline_follow":{"user_info":{"pk":"1","is_private":"no"}}}}]})",
       ErrorCode::kUnexpectedType, "\"is_private\""},
      {R"({"old_stories":[{"args":{"timestamp":tru}}]})", ErrorCode::kMalformedJson, "true"},
      {R"({"counts":{}})", ErrorCode::kUnknownShape, "no activity feed"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    Result<Page> r = ParseActivityFeed(c.json, Src("bad"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, c.code) << r.error().ToString();
    EXPECT_NE(r.error().message.find(c.message), std::string::npos) << r.error().ToString();
  }
  ExpectEveryPrefixFails("activity/news_inbox.json", 3, [](std::string_view text) { return ParseActivityFeed(text, Src("prefix")); });
}

TEST(ActivityFeedTest, GraphqlFormIsTheSameList) {
  SourceInfo source = Src("news");
  source.owner = "example_activist";
  source.first_position = 3;
  Result<Page> rest = ParseActivityFeed(ReadTestData("activity/news_inbox.json"), source);
  Result<Page> graphql = ParseActivityFeed(ReadTestData("activity/graphql_activity_inbox.json"), source);
  ASSERT_TRUE(rest.ok() && graphql.ok()) << (graphql.ok() ? "" : graphql.error().ToString());
  EXPECT_EQ(graphql.value().shape, PayloadShape::kActivityFeed);
  EXPECT_EQ(graphql.value().list, ListKind::kNotifications);
  ASSERT_EQ(graphql.value().accounts.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    const Account& a = graphql.value().accounts[i];
    const Account& b = rest.value().accounts[i];
    EXPECT_EQ(a.pk, b.pk);
    EXPECT_EQ(a.username, b.username);
    EXPECT_EQ(a.anonymous_avatar, b.anonymous_avatar);
    EXPECT_EQ(a.sightings[0].position, b.sightings[0].position);
    EXPECT_EQ(a.sightings[0].listed_at, b.sightings[0].listed_at);
  }
  EXPECT_EQ(graphql.value().accounts[0].username, "vatan_30011");
  // The follower-page parser (Engine::Ingest, the CLI, the wasm ingest) takes it too.
  Result<Page> via_ingest = ParseFollowerPage(ReadTestData("activity/graphql_activity_inbox.json"), Src("news"));
  ASSERT_TRUE(via_ingest.ok()) << via_ingest.error().ToString();
  EXPECT_EQ(via_ingest.value().shape, PayloadShape::kActivityFeed);
  // Errors name the GraphQL path.
  Result<Page> bad = ParseActivityFeed(R"({"data":{"xdt_activity_inbox":{"new_stories":{}}}})", Src("bad"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("\"xdt_activity_inbox.new_stories\""), std::string::npos) << bad.error().ToString();
  Result<Page> none = ParseActivityFeed(R"({"data":{"xdt_future_feed":{}}})", Src("bad"));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kUnknownShape);
  ExpectEveryPrefixFails("activity/graphql_activity_inbox.json", 5,
                         [](std::string_view text) { return ParseActivityFeed(text, Src("prefix")); });
}

// ---- the engine ----

TEST(DirectEngineTest, MessageRequestsAreAnalysedTogether) {
  Engine engine;
  engine.set_track_updates(false);
  Result<CommentSummary> r = engine.IngestComments(ReadTestData("direct/pending_inbox.json"), Src("pending"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r.value().shape, CommentShape::kDirectInbox);
  EXPECT_EQ(r.value().new_comments, 4u);
  ASSERT_EQ(engine.comment_count(), 4u);
  // The senders are accounts like any commenter.
  ASSERT_TRUE(engine.Find("vatan_48213").has_value());
  const ScoredComment first = engine.ScoreComment(0);
  EXPECT_EQ(first.comment->kind, CommentKind::kMessageRequest);
  EXPECT_GT(first.threat.score, 0.5);  // "we know where your home is"
  // The same text from three new accounts, in three requests: one copy-paste campaign.
  EXPECT_TRUE(RequestsHaveCopyPaste(engine, 3));
  EXPECT_FALSE(first.campaign.empty());
  // The jsonl record says it is a message request, and in which conversation.
  std::string out;
  AppendCommentJson(out, engine, first);
  EXPECT_NE(out.find("\"comment_kind\":\"message_request\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"thread_id\":\"340282366841710300949128122292511800001\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"post\":\"direct:requests\""), std::string::npos) << out;
}

TEST(DirectEngineTest, ConversationsAndCommentsKeepTheirKinds) {
  Engine engine;
  ASSERT_TRUE(engine.IngestComments(ReadTestData("direct/inbox.json"), Src("inbox")).ok());
  ASSERT_TRUE(engine.IngestComments(ReadTestData("comments/shortcode_media_2021.json"), Src("post")).ok());
  ASSERT_EQ(engine.comment_count(), 4u);
  EXPECT_EQ(engine.ScoreComment(0).comment->kind, CommentKind::kMessage);
  EXPECT_EQ(engine.ScoreComment(2).comment->kind, CommentKind::kComment);
  std::string out;
  AppendCommentJson(out, engine, engine.ScoreComment(2));
  EXPECT_NE(out.find("\"comment_kind\":\"comment\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"thread_id\":null"), std::string::npos) << out;
}

TEST(DirectEngineTest, BadDirectPayloadChangesNothing) {
  Engine engine;
  Result<CommentSummary> bad = engine.IngestComments(R"({"inbox":{"threads":[{"thread_id":"1","items":[{"text":"x"}]}]}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kUnexpectedType);
  EXPECT_EQ(engine.comment_count(), 0u);
  EXPECT_EQ(engine.size(), 0u);
  // Neither a comment list nor a direct payload: the error names both.
  Result<CommentSummary> none = engine.IngestComments(R"({"status":"ok"})");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kUnknownShape);
  EXPECT_NE(none.error().message.find("no comment list"), std::string::npos);
  EXPECT_NE(none.error().message.find("inbox.threads"), std::string::npos);
}

TEST(DirectEngineTest, NotificationsAreAList) {
  Engine engine;
  Result<IngestSummary> r = engine.Ingest(ReadTestData("activity/news_inbox.json"), {.name = "news", .owner = "me"});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r.value().shape, PayloadShape::kActivityFeed);
  EXPECT_EQ(r.value().list, ListKind::kNotifications);
  EXPECT_EQ(r.value().accounts.size(), 6u);
  const Account& a = engine.account(r.value().accounts[0]);
  ASSERT_EQ(a.sightings.size(), 1u);
  EXPECT_EQ(a.sightings[0].list, ListKind::kNotifications);
  std::string json;
  AppendAccountJson(json, a, engine.ScoreAt(r.value().accounts[0]));
  EXPECT_NE(json.find("\"list\":\"notifications\""), std::string::npos) << json;
}

// A follow swarm in the notifications: 24 accounts created together with digit usernames and no
// picture, after 24 organic followers. The list analysis runs over the notifications as over a
// follower list.
TEST(DirectEngineTest, FollowSwarmInTheNotificationsIsFound) {
  const std::string silhouette =
      "https://scontent.cdninstagram.com/v/t51.2885-19/44884218_345707102882519_2446069589734326272_n.jpg";
  const char* const names[] = {"sara", "maryam", "ali", "reza", "neda", "omid", "leila", "kaveh"};
  std::string stories;
  for (int i = 0; i < 48; ++i) {
    const bool swarm = i < 24;  // newest first: the flood is on top
    const std::uint64_t pk = swarm ? 78900000500ULL + static_cast<std::uint64_t>(i) * 7
                                   : 1000000000ULL + static_cast<std::uint64_t>(i) * 987654321ULL;
    const std::string name = swarm ? "user" + std::to_string(5550000000ULL + static_cast<std::uint64_t>(i) * 1237)
                                   : std::string(names[i % 8]) + ".photo" + std::to_string(i);
    if (!stories.empty()) stories += ',';
    stories += R"({"story_type":101,"args":{"profile_id":)" + std::to_string(pk) + R"(,"profile_name":")" + name +
               R"(","timestamp":)" + std::to_string(1764300000 - i * 60) + R"(,"inline_follow":{"user_info":{"pk":")" +
               std::to_string(pk) + R"(","username":")" + name + R"(","full_name":")" + (swarm ? "" : name) +
               R"(","is_private":)" + (swarm ? "true" : "false") + R"(,"has_anonymous_profile_picture":)" +
               (swarm ? "true" : "false") + R"(,"profile_pic_url":")" + silhouette + R"("}}}})";
  }
  Engine engine;
  engine.set_track_updates(false);
  Result<IngestSummary> r = engine.Ingest(R"({"new_stories":[)" + stories + "]}", {.name = "news", .owner = "me"});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  std::size_t in_notifications = 0;
  for (const ListCluster& c : engine.Clusters()) {
    if (c.list == ListKind::kNotifications && c.owner == "me" && c.cluster.members.size() >= 10) ++in_notifications;
  }
  EXPECT_GE(in_notifications, 1u);
  const Score swarm_member = engine.ScoreAt(*engine.Find("user5550000000"));
  EXPECT_FALSE(swarm_member.list_reasons.empty());  // swarm evidence from the notifications list
}

}  // namespace
}  // namespace swarmlens
