// Comment ingest: every sample and fixture parses to the expected records, truncations and wrong
// types give errors (never half a page), and the HTML blob extraction finds exactly the
// application/json scripts a browser would.
#include "swarmlens/comments.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "test_data.h"

namespace swarmlens {
namespace {

using testing::ReadTestData;

SourceInfo Src(const char* name) {
  SourceInfo s;
  s.name = name;
  return s;
}

TEST(CommentsTest, RestV1Sample) {
  const std::string json = ReadTestData("instagram-samples/media_comments_v1.json");
  auto r = ParseCommentPage(json, Src("v1"), "3300000000000000001");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kRestV1);
  EXPECT_FALSE(p.nested);
  ASSERT_EQ(p.comments.size(), 1u);
  const Comment& c = p.comments[0];
  EXPECT_EQ(c.id, "18000000000000003");
  EXPECT_EQ(c.text, "\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5\xF0\x9F\x94\xA5");
  EXPECT_EQ(c.created_at, 1700000000);
  EXPECT_FALSE(c.parent_id.has_value());
  EXPECT_EQ(c.post, "3300000000000000001");
  EXPECT_EQ(c.author.pk, 90000000009u);
  EXPECT_EQ(c.author.username, "sample_commenter_i");
  EXPECT_EQ(c.author.full_name, "");
  EXPECT_EQ(c.author.is_private, false);
  EXPECT_EQ(c.author.anonymous_avatar, false);
  EXPECT_EQ(c.author.latest_reel_media, 0);
  EXPECT_TRUE(c.author.sightings.empty());
  EXPECT_EQ(p.next_cursor, "{\"server_cursor\":\"SAMPLE\"}");
}

TEST(CommentsTest, GraphqlSample) {
  const std::string json = ReadTestData("instagram-samples/media_comments_graphql.json");
  auto r = ParseCommentPage(json, Src("gql"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kGraphql);
  EXPECT_FALSE(p.nested);
  ASSERT_EQ(p.comments.size(), 2u);
  EXPECT_EQ(p.comments[0].id, "18000000000000001");
  EXPECT_EQ(p.comments[0].text, "Nice post! Check my profile for free followers \xF0\x9F\x94\xA5");
  EXPECT_EQ(p.comments[0].created_at, 1774293705);
  EXPECT_EQ(p.comments[0].author.pk, 70000000007u);
  EXPECT_EQ(p.comments[0].author.username, "sample_commenter_g");
  EXPECT_FALSE(p.comments[0].author.anonymous_avatar.has_value());  // placeholder URL: unknown
  EXPECT_EQ(p.comments[1].id, "18000000000000002");
  EXPECT_EQ(p.comments[1].author.username, "sample_commenter_h");
  EXPECT_EQ(p.comments[1].post, "");
  EXPECT_EQ(p.next_cursor, "{\"server_cursor\":\"SAMPLE\",\"is_server_cursor_inverse\":true}");
}

TEST(CommentsTest, RestV1PersianWithPreviewReplies) {
  const std::string json = ReadTestData("comments/rest_v1_persian.json");
  auto r = ParseCommentPage(json, Src("fa"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  ASSERT_EQ(p.comments.size(), 4u);
  EXPECT_EQ(p.comments[0].id, "18050000000000101");
  EXPECT_EQ(p.comments[0].text, "زن، زندگی، آزادی \u2764\ufe0f");
  EXPECT_EQ(p.comments[0].author.full_name, "نسرین");
  EXPECT_EQ(p.comments[0].author.anonymous_avatar, false);
  EXPECT_EQ(p.comments[0].author.latest_reel_media, 1730990000);
  // The preview reply follows its parent.
  EXPECT_EQ(p.comments[1].id, "18050000000000102");
  EXPECT_EQ(p.comments[1].parent_id, "18050000000000101");
  EXPECT_EQ(p.comments[1].author.anonymous_avatar, true);  // default-silhouette URL
  EXPECT_EQ(p.comments[1].author.is_private, true);
  // Numeric ids, created_at_utc only, null full name, anonymous flag.
  EXPECT_EQ(p.comments[2].id, "18050000000000103");
  EXPECT_EQ(p.comments[2].created_at, 1731000600);
  EXPECT_EQ(p.comments[2].author.pk, 61000000103u);
  EXPECT_FALSE(p.comments[2].author.full_name.has_value());
  EXPECT_EQ(p.comments[2].author.anonymous_avatar, true);
  // String time, media_id as the post, `id` and an alias key in the user.
  EXPECT_EQ(p.comments[3].created_at, 1731000900);
  EXPECT_EQ(p.comments[3].post, "3300000000000000001_10000000001");
  EXPECT_EQ(p.comments[3].author.pk, 61000000104u);
  EXPECT_EQ(p.comments[3].author.latest_reel_media, 1731000000);
  EXPECT_EQ(p.comments[3].author.is_verified, true);
  EXPECT_EQ(p.next_cursor, "{\"server_cursor\":\"QVFEc2FtcGxlX3Bl\",\"is_server_cursor_inverse\":false}");
  // The caller's post id wins over media_id.
  auto with_post = ParseCommentPage(json, Src("fa"), "42");
  ASSERT_TRUE(with_post.ok());
  for (const Comment& c : with_post.value().comments) EXPECT_EQ(c.post, "42");
}

TEST(CommentsTest, RestReplies) {
  const std::string json = ReadTestData("comments/rest_replies.json");
  auto r = ParseCommentPage(json, Src("replies"), "7");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kRestReplies);
  ASSERT_EQ(p.comments.size(), 2u);
  ASSERT_TRUE(p.parent.has_value());
  EXPECT_EQ(p.parent->id, "18050000000000201");
  EXPECT_EQ(p.parent->author.username, "sample_parent_201");
  EXPECT_EQ(p.parent->post, "7");
  // A reply without parent_comment_id gets the page's parent (which came after the list).
  EXPECT_EQ(p.comments[0].parent_id, "18050000000000201");
  EXPECT_EQ(p.comments[1].parent_id, "18050000000000201");
  EXPECT_EQ(p.comments[0].author.anonymous_avatar, false);
  EXPECT_EQ(p.next_cursor, "QVFEcmVwbGllc19jdXJzb3I=");
}

TEST(CommentsTest, GraphqlReplies) {
  const std::string json = ReadTestData("comments/graphql_replies.json");
  auto r = ParseCommentPage(json, Src("gql-replies"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kGraphqlReplies);
  ASSERT_EQ(p.comments.size(), 2u);
  EXPECT_EQ(p.comments[0].parent_id, "18050000000000301");
  EXPECT_EQ(p.comments[1].parent_id, "18050000000000301");
  EXPECT_EQ(p.comments[1].id, "18050000000000303");
  EXPECT_EQ(p.comments[1].text, "I know where you live.");
  EXPECT_FALSE(p.next_cursor.has_value());  // has_next_page false
}

TEST(CommentsTest, HtmlEmbeddedFirstPage) {
  const std::string html = ReadTestData("comments/post_embedded.html");
  const std::vector<std::string_view> blobs = ExtractEmbeddedJsonBlobs(html);
  ASSERT_EQ(blobs.size(), 3u);  // ld+json, the nonce script and the HTML comment are skipped
  EXPECT_EQ(blobs[0].substr(0, 11), "{\"require\":");
  EXPECT_EQ(blobs[1].back(), '}');
  auto r = ParseCommentPageFromHtml(html, Src("post.html"), "3300000000000000001");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_TRUE(p.nested);
  EXPECT_EQ(p.shape, CommentShape::kGraphql);
  ASSERT_EQ(p.comments.size(), 2u);
  EXPECT_EQ(p.comments[0].id, "18050000000000401");
  EXPECT_EQ(p.comments[0].text, "زن زندگی آزادی </script> </script>");
  EXPECT_EQ(p.comments[1].author.anonymous_avatar, true);
  EXPECT_EQ(p.comments[1].post, "3300000000000000001");
  EXPECT_EQ(p.next_cursor, "{\"server_cursor\":\"QVFIRW1iZWQ=\",\"is_server_cursor_inverse\":true}");
  // The blob alone parses the same way (what the extension hands over).
  auto direct = ParseCommentPage(blobs[1], Src("blob"));
  ASSERT_TRUE(direct.ok()) << direct.error().ToString();
  EXPECT_TRUE(direct.value().nested);
  EXPECT_EQ(direct.value().comments.size(), 2u);
}

TEST(CommentsTest, BlobExtractionEdgeCases) {
  // Attribute order and quoting, upper case, other types ignored, self-described end tags.
  const std::string html =
      "<p>x</p><script type=\"text/javascript\">var a='<script type=\"application/json\">';</script>"
      "<ScRiPt\nid=a TYPE = ' Application/JSON ' >[1]</sCrIpT >"
      "<script type=application/json data-x>{\"a\":\"<\\/script>\"}</script>"
      "<scripts type=application/json>no</scripts>"
      "<script type=\"application/ld+json\">{}</script>"
      "<script type='application/json'>{\"b\":2}</script/>"
      "<script type=\"application/json\">{\"c\":\"</script>\"}</script>"
      "<script type=\"application/json\">{\"unclosed\":";
  const std::vector<std::string_view> blobs = ExtractEmbeddedJsonBlobs(html);
  ASSERT_EQ(blobs.size(), 5u);
  EXPECT_EQ(blobs[0], "[1]");
  EXPECT_EQ(blobs[1], "{\"a\":\"<\\/script>\"}");
  EXPECT_EQ(blobs[2], "{\"b\":2}");
  // A literal </script> inside a JSON string ends the element, as in a browser.
  EXPECT_EQ(blobs[3], "{\"c\":\"");
  EXPECT_EQ(blobs[4], "{\"unclosed\":");
  EXPECT_TRUE(ExtractEmbeddedJsonBlobs("").empty());
  EXPECT_TRUE(ExtractEmbeddedJsonBlobs("<script type=application/json").empty());
  EXPECT_TRUE(ExtractEmbeddedJsonBlobs("<!-- <script type=application/json>{}</script>").empty());
}

TEST(CommentsTest, HtmlWithoutCommentsOrWithABrokenBlob) {
  auto none = ParseCommentPageFromHtml("<script type=application/json>{\"a\":1}</script>", Src("p"));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kUnknownShape);
  const std::string html =
      "<html><script type=application/json>{\"data\":{\"xdt_api__v1__media__media_id__comments__connection\":"
      "{\"edges\":[</script></html>";
  auto broken = ParseCommentPageFromHtml(html, Src("p"));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kTruncated);
  EXPECT_EQ(broken.error().offset, html.find("</script>"));  // offset relative to the HTML
}

TEST(CommentsTest, EveryPrefixIsAnError) {
  for (const char* name :
       {"instagram-samples/media_comments_v1.json", "instagram-samples/media_comments_graphql.json",
        "comments/rest_v1_persian.json", "comments/rest_replies.json", "comments/graphql_replies.json"}) {
    const std::string json = ReadTestData(name);
    const std::size_t end = json.find_last_of('}');
    ASSERT_NE(end, std::string::npos);
    for (std::size_t n = 0; n <= end; ++n) {
      auto r = ParseCommentPage(std::string_view(json).substr(0, n), Src(name));
      ASSERT_FALSE(r.ok()) << name << " prefix " << n;
      EXPECT_LE(r.error().offset, n) << name << " prefix " << n;
      EXPECT_EQ(r.error().source, name);
    }
  }
}

TEST(CommentsTest, WrongTypesAreErrors) {
  struct Case {
    const char* json;
    ErrorCode code;
  };
  const Case cases[] = {
      {R"({"comments":[{"pk":"1","text":5,"user":{"pk":"2"}}]})", ErrorCode::kUnexpectedType},
      {R"({"comments":[{"pk":"1","text":"a","user":{"username":7}}]})", ErrorCode::kUnexpectedType},
      {R"({"comments":[{"pk":"1","text":"a","created_at":"soon"}]})", ErrorCode::kUnexpectedType},
      {R"({"comments":[{"pk":"x1","text":"a"}]})", ErrorCode::kUnexpectedType},
      {R"({"comments":[{"pk":"1","text":"a","user":[]}]})", ErrorCode::kUnexpectedType},
      {R"({"comments":[{"pk":"1","text":"a","user":{"is_private":"yes"}}]})", ErrorCode::kUnexpectedType},
      {R"({"data":{"xdt_api__v1__media__media_id__comments__connection":{"edges":{}}}})", ErrorCode::kUnexpectedType},
      {R"({"data":{"xdt_api__v1__media__media_id__comments__connection":{"edges":[{"node":[]}]}}})",
       ErrorCode::kUnexpectedType},
      {R"({"data":{"xdt_api__v1__media__media_id__comments__connection":{"edges":[{"cursor":""}]}}})",
       ErrorCode::kUnexpectedType},
      {R"({"data":{"xdt_api__v1__media__media_id__comments__connection":{"edges":[{"node":{"text":"a"}}]}}})",
       ErrorCode::kUnexpectedType},
      {R"({"data":{"xdt_api__v1__media__media_id__comments__connection":[]}})", ErrorCode::kUnexpectedType},
      {R"({"comments":"none"})", ErrorCode::kUnknownShape},
      {R"({"comments":[1,2]})", ErrorCode::kUnknownShape},
      {R"({"comments":[{"pk":"1"}]})", ErrorCode::kUnknownShape},  // no text: not a comment list
      {R"({"users":[]})", ErrorCode::kUnknownShape},
      {R"([])", ErrorCode::kUnknownShape},
      {R"(42)", ErrorCode::kUnknownShape},
      {R"({"comments":[{"pk":"1","text":"a"}]} x)", ErrorCode::kMalformedJson},
      {R"({"comments":[{"pk":"1","text":"a","x":tru}]})", ErrorCode::kMalformedJson},
      {R"({"comments":[{"pk":"1","text":"a"]})", ErrorCode::kMalformedJson},
  };
  for (const Case& c : cases) {
    auto r = ParseCommentPage(c.json, Src("t"));
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.error().code, c.code) << c.json << " -> " << r.error().ToString();
  }
}

TEST(CommentsTest, LenientWhereItShouldBe) {
  // Null and missing fields are unknown; unknown keys ignored; an empty list is a page.
  auto empty = ParseCommentPage(R"({"comments":[],"has_more_comments":false,"next_max_id":"x"})", Src("e"));
  ASSERT_TRUE(empty.ok()) << empty.error().ToString();
  EXPECT_TRUE(empty.value().comments.empty());
  EXPECT_FALSE(empty.value().next_cursor.has_value());  // has_more_comments false wins
  auto nulls = ParseCommentPage(
      R"({"comments":[{"pk":"5","text":null,"created_at":null,"user":null,"parent_comment_id":null,"zzz":{"a":[1]}}]})",
      Src("n"));
  ASSERT_TRUE(nulls.ok()) << nulls.error().ToString();
  ASSERT_EQ(nulls.value().comments.size(), 1u);
  EXPECT_EQ(nulls.value().comments[0].text, "");
  EXPECT_FALSE(nulls.value().comments[0].created_at.has_value());
  EXPECT_FALSE(nulls.value().comments[0].author.pk.has_value());
  // user_id stands in for a user object without an id.
  auto uid = ParseCommentPage(R"({"comments":[{"pk":5,"text":"t","user_id":77,"user":{"username":"u"}}]})", Src("u"));
  ASSERT_TRUE(uid.ok());
  EXPECT_EQ(uid.value().comments[0].author.pk, 77u);
  // A non-comment `comments` array elsewhere does not hide the real list that follows.
  auto later = ParseCommentPage(
      R"({"x":{"comments":[{"count":1}]},"y":[{"z":{"comments":[{"id":"9","text":"deep"}],"next_max_id":3}}]})",
      Src("l"));
  ASSERT_TRUE(later.ok()) << later.error().ToString();
  ASSERT_EQ(later.value().comments.size(), 1u);
  EXPECT_EQ(later.value().comments[0].text, "deep");
  EXPECT_TRUE(later.value().nested);
  EXPECT_EQ(later.value().next_cursor, "3");
  // A named connection wins over an earlier comments array.
  auto conn = ParseCommentPage(
      R"({"comments":[{"id":"1","text":"a"}],"data":{"xdt_api__v1__media__media_id__comments__connection":{"edges":[{"node":{"pk":"2","text":"b"}}]}}})",
      Src("c"));
  ASSERT_TRUE(conn.ok());
  ASSERT_EQ(conn.value().comments.size(), 1u);
  EXPECT_EQ(conn.value().comments[0].id, "2");
}

TEST(CommentsTest, DepthLimits) {
  // The search stops at depth 64 (the list there is not found), validity at 256.
  std::string deep;
  for (int i = 0; i < 70; ++i) deep += "{\"a\":";
  deep += R"({"comments":[{"id":"1","text":"x"}]})";
  for (int i = 0; i < 70; ++i) deep += "}";
  auto r = ParseCommentPage(deep, Src("d"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnknownShape);
  std::string shallow;
  for (int i = 0; i < 40; ++i) shallow += "[";
  shallow += R"({"comments":[{"id":"1","text":"x"}]})";
  for (int i = 0; i < 40; ++i) shallow += "]";
  auto s = ParseCommentPage(shallow, Src("s"));
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  std::string too_deep(300, '[');
  too_deep += std::string(300, ']');
  auto t = ParseCommentPage(too_deep, Src("t"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kMalformedJson);
}

TEST(CommentsTest, ShapeNames) {
  EXPECT_STREQ(CommentShapeName(CommentShape::kRestV1), "rest_v1");
  EXPECT_STREQ(CommentShapeName(CommentShape::kRestReplies), "rest_replies");
  EXPECT_STREQ(CommentShapeName(CommentShape::kGraphql), "graphql");
  EXPECT_STREQ(CommentShapeName(CommentShape::kGraphqlReplies), "graphql_replies");
}

TEST(CommentsTest, ReplyWithoutIdIsAnError) {
  // Found by fuzz_comments: a preview reply with text but no pk/id used to pass with an empty id.
  const std::string json = R"({"comments":[{"pk":"1","text":"top","user":{"pk":"2","username":"a"},)"
                           R"("preview_child_comments":[{"text":"reply","user":{"pk":"3","username":"b"}}]}]})";
  auto r = ParseCommentPage(json, {.name = "reply.json"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnexpectedType);
  EXPECT_EQ(r.error().source, "reply.json");
  EXPECT_NE(r.error().message.find("without pk or id"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace swarmlens
