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
using testing::Src;

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
  // No flag; an Instagram picture file of no known silhouette name cannot tell.
  EXPECT_EQ(p.comments[0].author.anonymous_avatar, std::nullopt);
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
  EXPECT_STREQ(CommentShapeName(CommentShape::kFacebookGraphql), "facebook_graphql");
  EXPECT_STREQ(CommentShapeName(CommentShape::kFacebookReplies), "facebook_replies");
  EXPECT_STREQ(CommentShapeName(CommentShape::kShortcodeMedia), "shortcode_media");
}

// ---- issue 12: a post page's GraphQL media (2018, 2021, 2025) ----

TEST(PostPageCommentsTest, XdtShortcodeMedia2025WithThreadedReplies) {
  auto r = ParseCommentPage(ReadTestData("comments/shortcode_media_2025.json"), Src("post25"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kShortcodeMedia);
  EXPECT_FALSE(p.nested);
  EXPECT_EQ(p.next_cursor, "{\"server_cursor\":\"SYNTH25\"}");
  // The parent comments win over the preview; each reply follows its parent.
  ASSERT_EQ(p.comments.size(), 3u);
  const Comment& threat = p.comments[0];
  EXPECT_EQ(threat.id, "18100000000000001");
  EXPECT_EQ(threat.text, "میدونیم خونت کجاست");
  EXPECT_EQ(threat.created_at, 1764000000);
  EXPECT_EQ(threat.parent_id, std::nullopt);
  EXPECT_EQ(threat.post, "3500000000000000025");  // the media's id
  EXPECT_EQ(threat.author.pk, 78700000001u);
  EXPECT_EQ(threat.author.username, "vatan_55501");
  EXPECT_EQ(threat.author.is_verified, false);
  EXPECT_EQ(threat.author.anonymous_avatar, true);  // the 2025-26 silhouette file
  const Comment& reply = p.comments[1];
  EXPECT_EQ(reply.id, "18100000000000002");
  EXPECT_EQ(reply.parent_id, "18100000000000001");
  EXPECT_EQ(reply.post, "3500000000000000025");
  EXPECT_EQ(reply.author.username, "friend_of_the_activist");
  EXPECT_EQ(reply.author.pk, 41000000002u);
  EXPECT_EQ(reply.author.is_verified, true);
  EXPECT_EQ(reply.author.anonymous_avatar, std::nullopt);  // a file name that cannot tell
  EXPECT_EQ(reply.created_at, 1764000300);
  EXPECT_EQ(p.comments[2].id, "18100000000000003");
  EXPECT_EQ(p.comments[2].author.profile_pic_url, std::nullopt);  // null
  // The caller's post id wins over the media's.
  auto named = ParseCommentPage(ReadTestData("comments/shortcode_media_2025.json"), Src("post25"), "42");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named.value().comments[1].post, "42");
}

TEST(PostPageCommentsTest, GraphqlShortcodeMedia2021ParentWinsOverPreview) {
  auto r = ParseCommentPage(ReadTestData("comments/shortcode_media_2021.json"), Src("post21"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kShortcodeMedia);
  EXPECT_EQ(p.next_cursor, std::nullopt);  // has_next_page false
  ASSERT_EQ(p.comments.size(), 2u);        // not the preview read first
  EXPECT_EQ(p.comments[0].id, "17900000000000001");
  EXPECT_EQ(p.comments[0].text, "Beautiful photo");
  EXPECT_EQ(p.comments[0].author.username, "organic.friend");
  EXPECT_EQ(p.comments[0].author.pk, 45000000001u);
  EXPECT_EQ(p.comments[1].id, "17900000000000002");
  EXPECT_EQ(p.comments[1].created_at, 1620000100);
  EXPECT_EQ(p.comments[1].author.anonymous_avatar, true);
  for (const Comment& c : p.comments) EXPECT_EQ(c.post, "2500000000000000021");
}

TEST(PostPageCommentsTest, PreviewAloneIsTheList) {
  const std::string json = R"({"graphql":{"shortcode_media":{"id":"77","edge_media_preview_comment":{"count":9,)"
                           R"("edges":[{"node":{"id":"5","text":"hi","created_at":1,"owner":{"id":"6","username":"u6"}}}]}}}})";
  auto r = ParseCommentPage(json, Src("preview"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(r.value().comments.size(), 1u);
  EXPECT_EQ(r.value().comments[0].author.username, "u6");
  EXPECT_EQ(r.value().comments[0].post, "77");
}

TEST(PostPageCommentsTest, GraphqlShortcodeMedia2018EdgeMediaToComment) {
  auto r = ParseCommentPage(ReadTestData("comments/shortcode_media_2018.json"), Src("post18"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kShortcodeMedia);
  EXPECT_EQ(p.next_cursor, "AQBsynthetic2018");
  ASSERT_EQ(p.comments.size(), 2u);
  EXPECT_EQ(p.comments[0].id, "17800000000000001");
  EXPECT_EQ(p.comments[0].text, "first!");
  EXPECT_EQ(p.comments[0].created_at, 1520000000);
  EXPECT_EQ(p.comments[0].author.pk, 1800000001u);
  EXPECT_EQ(p.comments[0].author.username, "old_commenter_1");
  EXPECT_EQ(p.comments[0].author.anonymous_avatar, true);  // the pre-2019 silhouette file
  EXPECT_EQ(p.comments[1].author.anonymous_avatar, std::nullopt);
  EXPECT_EQ(p.comments[1].post, "1800000000000000018");
}

TEST(PostPageCommentsTest, WrongTypesAndPrefixesAreErrors) {
  for (const char* bad : {
           R"({"graphql":{"shortcode_media":{"edge_media_to_comment":[]}}})",
           R"({"graphql":{"shortcode_media":{"edge_media_to_comment":{"edges":{}}}}})",
           R"({"graphql":{"shortcode_media":{"edge_media_to_comment":{"edges":[{"cursor":"x"}]}}}})",
           R"({"graphql":{"shortcode_media":{"edge_media_to_comment":{"edges":[{"node":{"text":"no id"}}]}}}})",
           R"({"data":{"xdt_shortcode_media":{"edge_media_to_parent_comment":{"edges":[{"node":{"id":"1","text":"a",)"
           R"("owner":{"id":"not digits"}}}]}}}})",
           R"({"data":{"xdt_shortcode_media":{"edge_media_to_parent_comment":{"edges":[{"node":{"id":"1","text":"a",)"
           R"("edge_threaded_comments":{"edges":[{"node":{"id":"2","text":5}}]}}}]}}}})",
       }) {
    auto r = ParseCommentPage(bad, Src("bad"));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kUnexpectedType) << r.error().ToString();
  }
  const std::string json = ReadTestData("comments/shortcode_media_2025.json");
  for (std::size_t n = 0; n < json.size(); n += 7) {
    auto r = ParseCommentPage(std::string_view(json).substr(0, n), Src("prefix"));
    EXPECT_FALSE(r.ok()) << n;
  }
}

TEST(PostPageCommentsTest, UnknownShapeNamesThePostPageKeys) {
  auto r = ParseCommentPage(R"({"graphql":{"shortcode_media":{"id":"1"}}})", Src("none"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnknownShape);
  EXPECT_NE(r.error().message.find("edge_media_to_parent_comment"), std::string::npos);
  EXPECT_NE(r.error().message.find("edge_media_to_comment"), std::string::npos);
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


// ---- Facebook ----

TEST(FacebookCommentsTest, CommentPage) {
  const std::string json = ReadTestData("comments/facebook_comments.json");
  auto r = ParseCommentPage(json, Src("fb"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kFacebookGraphql);
  EXPECT_EQ(p.next_cursor, "MjoxNzMxMDAzMzAwOg==");
  ASSERT_EQ(p.comments.size(), 4u);  // three comments, the first's inline reply after it
  const Comment& c = p.comments[0];
  EXPECT_EQ(c.id, "900000000000011");  // legacy_fbid
  EXPECT_EQ(c.text, "Stay strong, you are not alone.");
  EXPECT_EQ(c.created_at, 1731003000);
  EXPECT_FALSE(c.parent_id.has_value());
  EXPECT_EQ(c.post, "800000000000001");  // from the base64 id: the caller gave none
  EXPECT_EQ(c.author.pk, 100000000000011u);
  EXPECT_EQ(c.author.username, "sara.ahmadi.55");
  EXPECT_EQ(c.author.full_name, "Sara Ahmadi");
  EXPECT_EQ(c.author.is_verified, true);
  EXPECT_EQ(c.author.anonymous_avatar, false);
  EXPECT_NE(c.author.profile_pic_url->find("100000000000011_3_4_n.jpg"), std::string::npos);
  // The inline reply: id from the base64 id (legacy_fbid is null), parent from comment_direct_parent.
  const Comment& reply = p.comments[1];
  EXPECT_EQ(reply.id, "900000000000012");
  EXPECT_EQ(reply.parent_id, "900000000000011");
  EXPECT_EQ(reply.author.pk, 61550000000003u);  // /groups/<g>/user/<u>/
  EXPECT_EQ(reply.author.username, "");
  EXPECT_EQ(reply.text, "@Sara Ahmadi \u0645\u0627 \u0645\u06cc\u062f\u0648\u0646\u06cc\u0645 \u06a9\u062c\u0627 "
                        "\u0632\u0646\u062f\u06af\u06cc \u0645\u06cc\u06a9\u0646\u06cc");
  // body null: preferred_body; created_time only in comment_action_links; default silhouette.
  const Comment& silent = p.comments[2];
  EXPECT_EQ(silent.id, "900000000000013");
  EXPECT_EQ(silent.text, "\u062e\u0641\u0647 \u0634\u0648");
  EXPECT_EQ(silent.created_at, 1731003200);
  EXPECT_EQ(silent.author.pk, 61550000000004u);  // profile.php?id=
  EXPECT_EQ(silent.author.username, "");
  EXPECT_EQ(silent.author.anonymous_avatar, true);
  EXPECT_FALSE(silent.author.is_verified.has_value());
  const Comment& page_author = p.comments[3];
  EXPECT_EQ(page_author.author.username, "m.example.page");
  EXPECT_EQ(page_author.author.is_verified, false);
  // viewer_actor (inside every feedback) is never taken for an author.
  for (const Comment& x : p.comments) EXPECT_NE(x.author.pk, 100000000000999u) << x.id;
  // The caller's post wins over the id's.
  auto given = ParseCommentPage(json, Src("fb"), "p9");
  ASSERT_TRUE(given.ok());
  for (const Comment& x : given.value().comments) EXPECT_EQ(x.post, "p9");
}

TEST(FacebookCommentsTest, ReplyPage) {
  auto r = ParseCommentPage(ReadTestData("comments/facebook_replies.json"), Src("fbr"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kFacebookReplies);
  EXPECT_FALSE(p.next_cursor.has_value());  // has_next_page false
  ASSERT_EQ(p.comments.size(), 2u);
  // No parent field: the feedback object's id names the parent comment.
  EXPECT_EQ(p.comments[0].parent_id, "900000000000011");
  EXPECT_EQ(p.comments[1].parent_id, "900000000000011");
  EXPECT_EQ(p.comments[1].author.pk, 61550000000022u);  // m.facebook.com/profile.php?id=...&ref=
  EXPECT_EQ(p.comments[1].author.anonymous_avatar, true);
}

TEST(FacebookCommentsTest, StreamedResponse) {
  const std::string text = ReadTestData("comments/facebook_streamed.txt");
  ASSERT_EQ(text.rfind("for (;;);", 0), 0u);
  auto r = ParseCommentPage(text, Src("fbs"));
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kFacebookGraphql);
  ASSERT_EQ(p.comments.size(), 3u);  // first page, the @stream edge, the last document
  EXPECT_EQ(p.comments[0].text, "first");
  EXPECT_EQ(p.comments[1].text, "second");
  EXPECT_EQ(p.comments[1].author.pk, 61550000000032u);
  EXPECT_EQ(p.comments[2].text, "third");
  EXPECT_EQ(p.next_cursor, "MToy");  // the first page's
  // Without the guard, and with CRLF line ends, it is the same page.
  std::string bare = text.substr(9);
  auto b = ParseCommentPage(bare, Src("bare"));
  ASSERT_TRUE(b.ok()) << b.error().ToString();
  EXPECT_EQ(b.value().comments.size(), 3u);
  std::string crlf;
  for (char ch : text) {
    if (ch == '\n') crlf += '\r';
    crlf += ch;
  }
  auto c = ParseCommentPage(crlf, Src("crlf"));
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_EQ(c.value().comments.size(), 3u);
  // Documents on one line are no stream: trailing content.
  std::string one_line = text;
  for (char& ch : one_line) {
    if (ch == '\n') ch = ' ';
  }
  auto o = ParseCommentPage(one_line, Src("one"));
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().code, ErrorCode::kMalformedJson);
  EXPECT_EQ(o.error().offset, text.find('\n') + 1);
}

TEST(FacebookCommentsTest, StreamErrorsNameTheirOffset) {
  const std::string text = ReadTestData("comments/facebook_streamed.txt");
  // A wrong type in the third document: the offset is in the whole text.
  const std::size_t third = text.find("\"label\":\"CommentsListComponents_comments$stream$edges\"");
  ASSERT_NE(third, std::string::npos);
  const std::size_t at = text.find("\"created_time\":", third) + 15;
  std::string broken = text;
  broken.replace(at, 10, "\"tomorrow\"");
  auto r = ParseCommentPage(broken, Src("b"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnexpectedType) << r.error().ToString();
  EXPECT_EQ(r.error().offset, at);
  EXPECT_EQ(r.error().source, "b");
  // Every prefix is an error, except one that ends right after a whole document (a stream read
  // so far), which holds the comments of the documents so far.
  std::vector<std::size_t> ends;
  for (std::size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1)) ends.push_back(i);
  for (std::size_t n = 0; n + 1 < text.size(); ++n) {
    auto p = ParseCommentPage(std::string_view(text).substr(0, n), Src("pre"));
    bool at_boundary = false;
    for (std::size_t e : ends) at_boundary = at_boundary || n == e || n == e + 1;
    if (at_boundary) {
      ASSERT_TRUE(p.ok()) << n << ": " << p.error().ToString();
      EXPECT_GE(p.value().comments.size(), 1u);
      EXPECT_LT(p.value().comments.size(), 3u);
      continue;
    }
    ASSERT_FALSE(p.ok()) << "prefix " << n << " parsed";
    EXPECT_LE(p.error().offset, n) << n;
    EXPECT_EQ(p.error().source, "pre");
  }
}

TEST(FacebookCommentsTest, EveryPrefixIsAnError) {
  for (const char* name : {"comments/facebook_comments.json", "comments/facebook_replies.json",
                           "comments/facebook_dom.json"}) {
    const std::string json = ReadTestData(name);
    const std::size_t end = json.find_last_of('}');
    for (std::size_t n = 0; n <= end; ++n) {
      auto r = ParseCommentPage(std::string_view(json).substr(0, n), Src(name));
      ASSERT_FALSE(r.ok()) << name << " prefix " << n;
      EXPECT_LE(r.error().offset, n) << name << " prefix " << n;
    }
  }
}

TEST(FacebookCommentsTest, WrongTypesAreErrors) {
  const char* const bad[] = {
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":{}}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":[]}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":[]}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"cursor":"x"}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":[]}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"body":{"text":"no id"}}}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"12","body":{"text":5}}}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"12","body":"text"}}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"x12"}}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"12","created_time":"soon"}}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"12","author":"me"}}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"12","author":{"name":7}}}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"12","author":{"id":true}}}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"12","author":{"profile_picture_depth_0":"u"}}}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"12","author":{"is_verified":"yes"}}}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"12","comment_parent":{"id":"not an id!"}}}]}}}}})",
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"12","feedback":{"replies_connection":{"edges":[{"node":{}}]}}}}]}}}}})",
      R"({"data":{"node":{"replies_connection":{"edges":[{"node":{"legacy_fbid":"12","depth":"one"}}]}}}})",
      "for (;;);{\"data\":{\"node\":{\"display_comments\":{\"edges\":[{\"node\":{\"id\":{}}}]}}}}",
  };
  for (const char* json : bad) {
    auto r = ParseCommentPage(json, Src("t"));
    ASSERT_FALSE(r.ok()) << json;
    EXPECT_EQ(r.error().code, ErrorCode::kUnexpectedType) << json << " -> " << r.error().ToString();
  }
  // Unknown is not wrong: nulls and missing fields, an author id that is no number.
  auto ok = ParseCommentPage(
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":12,"body":null,"author":{"id":"pfbid0abc","name":null,"url":null,"profile_picture_depth_0":null},"comment_parent":null,"created_time":null,"feedback":null}}],"page_info":null}}}}})",
      Src("n"));
  ASSERT_TRUE(ok.ok()) << ok.error().ToString();
  ASSERT_EQ(ok.value().comments.size(), 1u);
  EXPECT_EQ(ok.value().comments[0].id, "12");
  EXPECT_FALSE(ok.value().comments[0].author.pk.has_value());
  // An empty comment list is a page; a document without one is not.
  auto empty = ParseCommentPage(
      R"({"data":{"node":{"comment_rendering_instance_for_feed_location":{"comments":{"edges":[]}}}}})", Src("e"));
  ASSERT_TRUE(empty.ok()) << empty.error().ToString();
  EXPECT_TRUE(empty.value().comments.empty());
  EXPECT_EQ(empty.value().shape, CommentShape::kFacebookGraphql);
  auto none = ParseCommentPage("for (;;);{\"data\":{\"node\":{\"comment_rendering_instance\":{\"comments\":{\"total_count\":4}}}}}", Src("x"));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kUnknownShape);
}

TEST(FacebookCommentsTest, ProfileLinks) {
  struct Case {
    const char* url;
    const char* username;
    std::uint64_t pk;
  };
  const Case cases[] = {
      {"https://www.facebook.com/zahra.m.1990", "zahra.m.1990", 0},
      {"https://www.facebook.com/Zahra.M/?ref=comment", "zahra.m", 0},
      {"https://web.facebook.com/profile.php?id=61550000000009", "", 61550000000009u},
      {"https://m.facebook.com/profile.php?ref=x&id=61550000000010", "", 61550000000010u},
      {"https://www.facebook.com/groups/123/user/61550000000011/", "", 61550000000011u},
      {"https://www.facebook.com/people/Some-Name/61550000000012/", "", 61550000000012u},
      {"https://www.facebook.com/profile.php?xid=5", "", 0},
      {"https://evil.example/zahra.m", "", 0},
      {"https://www.facebook.com/groups/123/", "", 0},
      {"https://www.facebook.com/bad%20name", "", 0},
  };
  for (const Case& c : cases) {
    const std::string json =
        std::string(R"({"data":{"node":{"display_comments":{"edges":[{"node":{"legacy_fbid":"1","author":{"url":")") +
        c.url + R"("}}}]}}}})";
    auto r = ParseCommentPage(json, Src("u"));
    ASSERT_TRUE(r.ok()) << c.url << ": " << r.error().ToString();
    const Account& a = r.value().comments.at(0).author;
    EXPECT_EQ(a.username, c.username) << c.url;
    EXPECT_EQ(a.pk.value_or(0), c.pk) << c.url;
  }
}

TEST(FacebookCommentsTest, ExtensionDomComments) {
  // The extension's JSON for comments read from the Facebook DOM: REST-like, ids may be opaque.
  auto r = ParseCommentPage(ReadTestData("comments/facebook_dom.json"), Src("dom"), "fbpost1");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kRestV1);
  ASSERT_EQ(p.comments.size(), 3u);
  EXPECT_EQ(p.comments[0].id, "900000000000041");
  EXPECT_EQ(p.comments[0].author.pk, 61550000000041u);
  EXPECT_EQ(p.comments[0].author.username, "");
  EXPECT_EQ(p.comments[0].author.anonymous_avatar, true);
  EXPECT_EQ(p.comments[0].created_at, 1731006000);
  EXPECT_EQ(p.comments[1].id, "fbdom:Y29tbWVudDoxXzI=");
  EXPECT_EQ(p.comments[1].author.username, "maryam.r.1990");
  EXPECT_FALSE(p.comments[1].author.pk.has_value());
  EXPECT_EQ(p.comments[2].author.pk, 100000000000043u);
  EXPECT_FALSE(p.comments[2].created_at.has_value());
  for (const Comment& c : p.comments) EXPECT_EQ(c.post, "fbpost1");
  // Opaque ids are `id` only, short and plain; pk stays decimal.
  for (const char* bad : {R"({"comments":[{"id":"has space","text":"a"}]})",
                          R"({"comments":[{"id":"a<b>","text":"a"}]})",
                          R"({"comments":[{"pk":"fbdom:1","text":"a"}]})"}) {
    auto b = ParseCommentPage(bad, Src("b"));
    ASSERT_FALSE(b.ok()) << bad;
    EXPECT_EQ(b.error().code, ErrorCode::kUnexpectedType) << bad;
  }
  const std::string long_id = R"({"comments":[{"id":")" + std::string(129, 'a') + R"(","text":"a"}]})";
  EXPECT_FALSE(ParseCommentPage(long_id, Src("l")).ok());
}

TEST(FacebookCommentsTest, ExtensionDomCommentsInGraphqlShape) {
  // What the extension sends for comments it reads from the Facebook DOM (comments.js).
  auto r = ParseCommentPage(ReadTestData("comments/facebook_dom_graphql.json"), Src("dom"), "fbpost1");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  const CommentPage& p = r.value();
  EXPECT_EQ(p.shape, CommentShape::kFacebookGraphql);
  ASSERT_EQ(p.comments.size(), 3u);
  EXPECT_EQ(p.comments[0].id, "900000000000051");
  EXPECT_EQ(p.comments[0].author.pk, 61550000000051u);
  EXPECT_EQ(p.comments[0].author.full_name, "Kaveh D");
  // The page showed a silhouette that is not an fbcdn.net file: the explicit flag carries it.
  EXPECT_EQ(p.comments[0].author.anonymous_avatar, true);
  EXPECT_EQ(p.comments[0].created_at, 1731006000);
  EXPECT_EQ(p.comments[1].id, "fbdom-opaque_51:x");
  EXPECT_EQ(p.comments[1].author.username, "maryam.r.1990");
  EXPECT_FALSE(p.comments[1].author.pk.has_value());
  EXPECT_EQ(p.comments[1].author.anonymous_avatar, false);
  EXPECT_EQ(p.comments[2].author.pk, 100000000000053u);
  EXPECT_FALSE(p.comments[2].author.anonymous_avatar.has_value());
  // The flag wins over the picture URL both ways, and must be a boolean.
  auto flag = ParseCommentPage(
      R"({"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"1",)"
      R"("body":{"text":"a"},"author":{"id":"5","has_anonymous_profile_picture":false,"profile_picture_depth_0":)"
      R"({"uri":"https://x.fbcdn.net/v/t1.30497-1/1_n.jpg"}}}}]}}})",
      Src("f"));
  ASSERT_TRUE(flag.ok()) << flag.error().ToString();
  EXPECT_EQ(flag.value().comments[0].author.anonymous_avatar, false);
  auto bad = ParseCommentPage(
      R"({"comment_rendering_instance_for_feed_location":{"comments":{"edges":[{"node":{"legacy_fbid":"1",)"
      R"("body":{"text":"a"},"author":{"id":"5","has_anonymous_profile_picture":"yes"}}}]}}})",
      Src("b"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kUnexpectedType);
}

}  // namespace
}  // namespace swarmlens
