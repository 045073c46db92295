// Comment ingest: the comment payloads the Instagram web app receives (REST pages, GraphQL
// connections, reply pages), the first page it embeds in the post HTML, and the comment
// responses of facebook.com's `/api/graphql/` (Comet comment lists and reply pages, streamed or
// not), parsed with simdjson
// On-Demand into Comment records whose authors are Account records (so the account model scores
// commenters).
//
//   swarmlens::SourceInfo source{.name = "comments.json"};
//   auto page = swarmlens::ParseCommentPage(json, source, /*post=*/"3300000000000000001");
//   if (!page.ok()) { puts(page.error().ToString().c_str()); return; }
//   for (const swarmlens::Comment& c : page.value().comments) { /* c.author, c.text ... */ }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/account.h"
#include "swarmlens/error.h"
#include "swarmlens/ingest.h"

namespace swarmlens {

/// What a Comment record holds: a comment under a post, or a direct message (direct.h), which
/// the engine analyses the same way (threats, harassment, campaigns, its sender's account).
enum class CommentKind : std::uint8_t {
  kComment,         ///< A comment or reply under a post.
  kMessage,         ///< A direct message in an accepted conversation.
  kMessageRequest,  ///< A direct message in a message request (a thread the account holder has not accepted).
};

/// Stable lower-case name: "comment", "message", "message_request".
const char* CommentKindName(CommentKind kind) noexcept;

/// One comment or reply as the page showed it. Every field but `id` may be unknown.
struct Comment {
  /// Comment pk (`pk`, `pk_id` or `id`), decimal digits as sent. An `id` may also be an opaque
  /// token (1-128 of A-Z a-z 0-9 and `_-:.=+/`): the extension's DOM-read Facebook comments
  /// carry no numeric id. Facebook GraphQL: `legacy_fbid`, else the number inside the base64
  /// `id` ("comment:<post>_<comment>"), else that `id` as it is.
  std::string id;
  Account author;    ///< The commenter (`user`; `user_id` when the object has no id). No sightings.
  std::string text;  ///< As written (UTF-8); attacker-written: render as text only.
  std::optional<std::int64_t> created_at;  ///< Unix seconds (`created_at`, else `created_at_utc`).
  std::optional<std::string> parent_id;    ///< The comment this one replies to; nullopt for a top-level comment.
  /// Media id of the post: the caller's `post`, else the comment's `media_id` (Instagram) or the
  /// post number inside its base64 `id` (Facebook). Direct messages: "direct:<thread_id>", and
  /// "direct:requests" for every message request (one thread for the analysis, so that the same
  /// text sent as many requests is one copy-paste campaign).
  std::string post;
  CommentKind kind = CommentKind::kComment;
  std::string thread_id;  ///< Direct messages: the conversation's `thread_id`; empty for comments.
};

/// Which payload shape a comment text was recognised as.
enum class CommentShape : std::uint8_t {
  kRestV1,          ///< `GET /api/v1/media/<id>/comments/`: {"comments":[...], "next_max_id":...}
  kRestReplies,     ///< `GET /api/v1/media/<id>/comments/<cid>/child_comments/`: {"child_comments":[...],
                    ///< "parent_comment":{...}}
  kGraphql,         ///< `xdt_api__v1__media__media_id__comments__connection` {edges:[{node}], page_info}
  kGraphqlReplies,  ///< `xdt_api__v1__media__media_id__comments__parent_comment_id__child_comments__connection`
  /// facebook.com `/api/graphql/` comment list: `comment_rendering_instance_for_feed_location.comments`
  /// (or the older `display_comments`) {edges:[{node}], page_info}, anywhere in the document.
  kFacebookGraphql,
  /// facebook.com reply page (Depth1/Depth2CommentsListPaginationQuery): `replies_connection`
  /// {edges:[{node}], page_info} of the parent comment's feedback object.
  kFacebookReplies,
  /// A post page's GraphQL media: `data.xdt_shortcode_media` (2025) or `graphql.shortcode_media`
  /// (2018-2021) with `edge_media_to_parent_comment` (replies under each node's
  /// `edge_threaded_comments`), else `edge_media_to_comment` (2018), else
  /// `edge_media_preview_comment`: {count, page_info, edges:[{node:{id, text, created_at,
  /// owner:{id, username, profile_pic_url, is_verified}}}]}. The post is the media's `id`.
  kShortcodeMedia,
  /// Direct messages (direct.h, ParseDirectPage): `/api/v1/direct_v2/inbox/` or
  /// `/pending_inbox/` {"inbox":{"threads":[...]}}.
  kDirectInbox,
  /// Direct messages: one conversation, `/api/v1/direct_v2/threads/<id>/` {"thread":{...}}.
  kDirectThread,
};

/// Stable lower-case name: "rest_v1", "rest_replies", "graphql", "graphql_replies",
/// "facebook_graphql", "facebook_replies", "shortcode_media", "direct_inbox", "direct_thread".
const char* CommentShapeName(CommentShape shape) noexcept;

/// One parsed comment page.
struct CommentPage {
  CommentShape shape = CommentShape::kRestV1;
  /// In payload order; a comment's `preview_child_comments` follow it (with parent_id set).
  /// Reply pages list the replies only (the parent is in `parent`).
  std::vector<Comment> comments;
  std::optional<Comment> parent;  ///< Reply pages: the `parent_comment` object, when sent.
  std::optional<std::string>
      next_cursor;      ///< `next_max_id`, `next_max_child_cursor` or `page_info.end_cursor` when more exist.
  bool nested = false;  ///< The list was found below the usual place (an HTML Relay prefetch blob).
};

/// Parses one comment payload (see CommentShape). The list may sit anywhere in the document up to
/// 64 objects deep (the Relay prefetch blobs embedded in post HTML nest it deep): the first
/// object key `xdt_api__v1__media__media_id__comments__connection` (or its child-comments form),
/// else the first `comments` / `child_comments` array whose elements are all comment objects
/// (`text` plus `pk`/`id`), wins. `post` is copied into every Comment (the payload rarely names
/// its post). Never throws; never returns half a page: malformed or truncated input gives an
/// Error naming `source.name`, the byte offset and what was expected; a comment list with a
/// wrongly typed field is an error too. Unknown keys are ignored; every field is optional
/// (null = unknown; ids and times may be numbers or numeric strings). A document without a
/// comment list gives ErrorCode::kUnknownShape.
///
/// Facebook: a leading `for (;;);` is skipped, and a response of several JSON documents each
/// starting on a new line (streamed `@defer` parts) is read document by document: the page holds
/// the comment edges of every document in order (documents without comments are checked and
/// skipped); an error in any document names its byte offset in the whole text. A comment node
/// maps `author` {id, name, url (vanity -> username; `profile.php?id=` and `/groups/<g>/user/<u>/`
/// -> pk), profile_picture_depth_0.uri, is_verified}, `body.text` (else `preferred_body.text`),
/// `created_time`, and its parent (`comment_direct_parent`, `reply_parent_comment` or
/// `comment_parent` id; replies inside a node's `feedback` and a reply page's feedback id).
Result<CommentPage> ParseCommentPage(std::string_view json, const SourceInfo& source = {}, std::string_view post = {});

/// The contents of every `<script type="application/json">` element of an HTML page, in document
/// order (views into `html`). Tag and attribute names are matched case-insensitively, attributes
/// may come in any order with double, single or no quotes; other script types (including
/// `application/ld+json`) and `<!-- -->` comments are skipped. A script's content ends at the
/// first `</script` followed by whitespace, `/` or `>`, as in a browser (JSON escapes it as
/// `<\/script>`); an unclosed script runs to the end of the text. Never throws.
std::vector<std::string_view> ExtractEmbeddedJsonBlobs(std::string_view html);

/// ParseCommentPage over the embedded JSON blobs of a post's HTML: the first blob holding a
/// comment list wins. When none does, the error of the first blob that mentions a comments
/// connection but failed to parse (offset relative to `html`), else ErrorCode::kUnknownShape.
Result<CommentPage> ParseCommentPageFromHtml(std::string_view html, const SourceInfo& source = {},
                                             std::string_view post = {});

}  // namespace swarmlens
