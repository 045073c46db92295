// Comment ingest: comment payloads -> CommentPage, with simdjson On-Demand (error-code API only),
// and the <script type="application/json"> blobs of a post's HTML.
//
// Same rules as ingest.cpp, with the same readers (json_read.h): every value met is read to its
// end (known fields with typed getters, the rest validated), the document must end after its root
// value, so a page is never returned half-read. Unlike the follower parser, the comment list is searched for anywhere in the
// document (bounded depth), because the first page comes inside Relay prefetch blobs whose
// nesting changes with every web-app release. A `comments` array somewhere in a blob is only a
// candidate: its elements are read leniently (a wrong type is remembered, not raised) and the
// array counts as a comment list only if every element looks like a comment; then a remembered
// type error becomes the error. The explicitly named GraphQL connections are read strictly.
#include "swarmlens/comments.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_read.h"
#include "simdjson.h"

namespace swarmlens {

const char* CommentShapeName(CommentShape shape) noexcept {
  switch (shape) {
    case CommentShape::kRestV1:
      return "rest_v1";
    case CommentShape::kRestReplies:
      return "rest_replies";
    case CommentShape::kGraphql:
      return "graphql";
    case CommentShape::kGraphqlReplies:
      return "graphql_replies";
    case CommentShape::kFacebookGraphql:
      return "facebook_graphql";
    case CommentShape::kFacebookReplies:
      return "facebook_replies";
    case CommentShape::kShortcodeMedia:
      return "shortcode_media";
    case CommentShape::kDirectInbox:
      return "direct_inbox";
    case CommentShape::kDirectThread:
      return "direct_thread";
  }
  return "unknown";
}

const char* CommentKindName(CommentKind kind) noexcept {
  switch (kind) {
    case CommentKind::kComment:
      return "comment";
    case CommentKind::kMessage:
      return "message";
    case CommentKind::kMessageRequest:
      return "message_request";
  }
  return "comment";
}

namespace {

using detail::AllDigits;
using detail::EndsWith;
using detail::HasNonAscii;
using detail::IntMode;
using detail::StartsWith;
namespace od = detail::od;
using detail::error_code;

constexpr int kMaxDepth = detail::kMaxJsonDepth;  // validity: deeper JSON is rejected (bounds recursion)
constexpr int kMaxSearchDepth = 64;                // the list search does not look below this depth

constexpr std::string_view kConnectionKey = "xdt_api__v1__media__media_id__comments__connection";
constexpr std::string_view kChildConnectionKey =
    "xdt_api__v1__media__media_id__comments__parent_comment_id__child_comments__connection";

bool IsSpace(char c) { return detail::IsJsonSpace(c); }
std::string_view Trim(std::string_view s) { return detail::TrimJsonSpace(s); }
bool ParseU64(std::string_view s, std::uint64_t* out) { return detail::ParseDecimal(s, out); }

// An opaque comment id (the extension's DOM-read Facebook comments, GraphQL ids).
bool IsOpaqueId(std::string_view s) { return detail::IsPlainToken(s); }

// Base64 (standard or URL-safe alphabet, padding optional) -> bytes; nullopt on anything else.
std::optional<std::string> DecodeBase64(std::string_view s) {
  while (!s.empty() && s.back() == '=') s.remove_suffix(1);
  if (s.size() > 256) return std::nullopt;  // Facebook's ids are short; nothing else is decoded
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '+' || c == '-') v = 62;
    if (c == '/' || c == '_') v = 63;
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

// Facebook's GraphQL ids are base64 of "<kind>:<post>_<item>" ("comment:123_456",
// "feedback:123_456"). Gives {post, item} when `id` decodes to that form with decimal parts.
std::optional<std::pair<std::string, std::string>> DecodeFacebookId(std::string_view id, std::string_view kind) {
  const std::optional<std::string> raw = DecodeBase64(id);
  if (!raw || raw->size() <= kind.size() || raw->compare(0, kind.size(), kind) != 0 || (*raw)[kind.size()] != ':')
    return std::nullopt;
  const std::string_view rest = std::string_view(*raw).substr(kind.size() + 1);
  const std::size_t sep = rest.rfind('_');
  if (sep == std::string_view::npos || !AllDigits(rest.substr(0, sep)) || !AllDigits(rest.substr(sep + 1)))
    return std::nullopt;
  return std::make_pair(std::string(rest.substr(0, sep)), std::string(rest.substr(sep + 1)));
}

// A Facebook profile link -> vanity name or numeric id. Forms: /<vanity>, /profile.php?id=<n>,
// /groups/<g>/user/<u>/, /people/<name>/<n>/ (host www., m., web. or none).
void ReadFacebookProfileUrl(std::string_view url, Account& acc) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (StartsWith(url, scheme)) url.remove_prefix(scheme.size());
  }
  const std::size_t slash = url.find('/');
  if (slash == std::string_view::npos) return;
  const std::string_view host = url.substr(0, slash);
  if (host != "facebook.com" && !EndsWith(host, ".facebook.com")) return;
  std::string_view path = url.substr(slash + 1);
  const std::size_t query_at = path.find_first_of("?#");
  const std::string_view query = query_at == std::string_view::npos ? std::string_view() : path.substr(query_at);
  path = path.substr(0, query_at);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::vector<std::string_view> parts;
  for (std::size_t i = 0; i <= path.size();) {
    const std::size_t j = std::min(path.find('/', i), path.size());
    parts.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  std::uint64_t n = 0;
  const auto set_id = [&](std::string_view digits) {
    if (!acc.pk && ParseU64(digits, &n)) acc.pk = n;
  };
  if (parts.size() == 1 && parts[0] == "profile.php") {
    const std::size_t at = query.find("id=");
    if (at != std::string_view::npos && (query[at - 1] == '?' || query[at - 1] == '&')) {
      const std::string_view v = query.substr(at + 3);
      set_id(v.substr(0, v.find_first_of("&#")));
    }
  } else if (parts.size() == 4 && parts[0] == "groups" && parts[2] == "user") {
    set_id(parts[3]);
  } else if (parts.size() == 3 && parts[0] == "people") {
    set_id(parts[2]);
  } else if (parts.size() == 1 && !parts[0].empty() && parts[0].find('.') != 0) {
    // Vanity names: letters, digits and dots (Facebook's rule); lower-cased like Instagram's.
    std::string name;
    for (char c : parts[0]) {
      const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.';
      if (!ok) return;
      name.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    if (AllDigits(name)) {
      set_id(name);  // facebook.com/<id>
    } else {
      acc.username = std::move(name);
    }
  }
}

// What one comment (or user) read has found besides the record itself.
struct ReadState {
  bool lenient = false;  // wrong types are remembered in `deferred` instead of failing
  std::optional<Error> deferred;
};

// A comment list found in the document, with the object that held it (for its cursor).
struct Found {
  CommentShape shape = CommentShape::kRestV1;
  std::vector<Comment> comments;
  int container = -1;  // id of the object holding the array (its cursor and parent_comment)
  bool nested = false;
  std::optional<std::string> cursor;
  std::optional<Comment> parent;
};

class Parser : public detail::JsonReader {
 public:
  Parser(const char* base, std::size_t len, od::document& doc, const SourceInfo& source, std::string_view post)
      : JsonReader(base, len, doc, source, {"input is empty: expected a JSON object", /*locate_control_chars=*/false}),
        post_(post) {}

  bool Run();
  CommentPage& page() { return page_; }

  /// A document of a streamed response: a whole response, or ({"label", "path", "data"}) one
  /// more edge of a comment connection the first document opened (`path` ends in "edges", N).
  enum class Part : std::uint8_t { kDocument, kFacebookEdge, kFacebookReplyEdge };
  void set_part(Part part) { part_ = part; }
  /// Reads the root's "path" only (the rest validated) to tell which Part this document is.
  bool ProbePart(Part* out);

 private:
  std::uint64_t At(od::value& v) { return OffsetOf(v); }
  // A wrong type: the value is still checked to be valid JSON (a malformed value is reported as
  // malformed), then the error is raised or, in a lenient read, remembered.
  bool WrongType(od::value& v, std::string_view expected, std::string_view field, ReadState& st) {
    return Soft(FailWrongType(v, expected, field), st);
  }
  bool Soft(bool ok, ReadState& st) { return JsonReader::Soft(ok, st.lenient, &st.deferred); }
  // A type error found by this parser itself: raised, or in a lenient read remembered.
  bool Problem(std::uint64_t offset, std::string message, ReadState& st) {
    return Soft(Fail(ErrorCode::kUnexpectedType, offset, std::move(message)), st);
  }

  // Typed readers (json_read.h): each consumes the value; null -> nullopt.
  bool ReadString(od::value& v, std::string_view field, std::optional<std::string_view>* out, ReadState& st) {
    return Soft(JsonReader::ReadString(v, field, out), st);
  }
  bool ReadBool(od::value& v, std::string_view field, std::optional<bool>* out, ReadState& st) {
    return Soft(JsonReader::ReadBool(v, field, out), st);
  }
  bool ReadInt(od::value& v, std::string_view field, std::optional<std::int64_t>* out, ReadState& st) {
    return Soft(JsonReader::ReadInt(v, field, out, IntMode::kLoose), st);
  }
  // `opaque`: a comment's own `id` may also be an opaque token (IsOpaqueId).
  bool ReadId(od::value& v, std::string_view field, std::optional<std::string>* out, ReadState& st,
              bool opaque = false);
  // Cursors are opaque (often JSON inside a string); a cursor of another type is no cursor.
  bool ReadCursor(od::value& v, std::optional<std::string>* out) {
    return JsonReader::ReadCursor(v, "cursor", out, /*lenient=*/true);
  }
  bool PageInfo(od::value& v, std::optional<std::string>* cursor, std::optional<bool>* has_next, int depth) {
    return ReadPageInfo(v, cursor, has_next, depth, /*lenient=*/true);
  }

  bool Walk(od::value v, int depth);
  bool WalkObject(od::object& obj, int depth);
  bool CandidateArray(od::value& v, std::string_view key, int container, int depth);
  /// Reads a connection {edges:[{node}], page_info} strictly into `*out` (`field` names it in errors).
  bool ReadConnection(od::value& v, CommentShape shape, std::string_view field, int container, int depth, Found* out);
  bool Connection(od::value& v, CommentShape shape, int depth);
  bool PostPageConnection(od::value& v, std::string_view key, int container, int depth);
  bool ThreadedReplies(od::value& v, std::vector<Comment>* replies, ReadState& st, int depth);
  bool ReadComment(od::value& v, std::vector<Comment>* out, ReadState& st, bool* comment_like, int depth);
  // Facebook (read strictly, like the named Instagram connections).
  bool FbRendering(od::value& v, int depth);
  bool FbTopConnection(od::value& v, CommentShape shape, int container, int depth);
  bool FbConnection(od::value& v, std::string_view field, std::vector<Comment>* out, std::optional<std::string>* cursor,
                    int depth);
  bool FbEdge(od::value& edge, std::string_view field, std::vector<Comment>* out, int depth);
  bool FbComment(od::value& v, std::vector<Comment>* out, int depth);
  bool FbAuthor(od::value& v, Account& acc, int depth);
  bool FbFeedback(od::value& v, std::vector<Comment>* replies, int depth);
  bool FbMember(od::value& v, std::string_view field, std::string_view member, std::optional<std::string_view>* out,
                int depth);
  bool FbActionLinks(od::value& v, std::optional<std::int64_t>* created, int depth);
  bool ReadUser(od::value& v, Account& acc, ReadState& st, int depth);

  std::string_view post_;
  CommentPage page_;
  std::optional<Found> connection_;   // an explicitly named GraphQL connection (wins)
  // A post page's comments (shortcode_media's edge_media_to_parent_comment, ...), and the rank of
  // the key it came from (lower wins: the preview holds only some of the comments).
  std::optional<Found> post_page_;
  int post_page_rank_ = 0;
  std::optional<Found> array_;        // the first non-empty comment array
  std::optional<Found> empty_array_;  // the first empty `comments` / `child_comments` array
  std::optional<Found> facebook_;     // every Facebook comment connection, in document order
  // Replies read from a `replies_connection` right below an object: [first, end) of facebook_,
  // and that object's id; resolved to the parent comment when the object ends.
  struct FbReplyRange {
    int container;
    std::size_t first, end;
  };
  std::vector<FbReplyRange> fb_reply_ranges_;
  Part part_ = Part::kDocument;
  int objects_ = 0;                   // ids of the objects walked
};

// Ids are kept as decimal text: comment pks exceed 2^53, and some payloads send them as strings.
bool Parser::ReadId(od::value& v, std::string_view field, std::optional<std::string>* out, ReadState& st,
                    bool opaque) {
  detail::IdToken id;
  if (!ReadIdToken(v, field, "a string or number id", "a decimal id", &id)) return Soft(false, st);
  if (id.kind == detail::IdToken::kNone) {  // null, or "" which carries no id
    out->reset();
  } else if (id.kind == detail::IdToken::kNumber) {
    *out = std::to_string(id.number);
  } else if (id.kind == detail::IdToken::kText) {
    if (!AllDigits(id.text) && !(opaque && IsOpaqueId(id.text))) {
      return Problem(At(v), "expected a decimal id for \"" + std::string(field) + "\"", st);
    }
    *out = std::string(id.text);
  }
  return true;
}

enum class UserKey : std::uint8_t {
  kNone,
  kPk,
  kPkId,
  kId,
  kStrongId,
  kUsername,
  kFullName,
  kIsPrivate,
  kIsVerified,
  kAnonymous,
  kPicId,
  kPicUrl,
  kLatestReel,
  kJoinedRecently,
};

UserKey ClassifyUserKeyPlain(std::string_view k) {
  if (k == "pk") return UserKey::kPk;
  if (k == "pk_id") return UserKey::kPkId;
  if (k == "id") return UserKey::kId;
  if (k == "strong_id__") return UserKey::kStrongId;
  if (k == "username") return UserKey::kUsername;
  if (k == "full_name") return UserKey::kFullName;
  if (k == "is_private") return UserKey::kIsPrivate;
  if (k == "is_verified") return UserKey::kIsVerified;
  if (k == "has_anonymous_profile_picture") return UserKey::kAnonymous;
  if (k == "profile_pic_id") return UserKey::kPicId;
  if (k == "profile_pic_url") return UserKey::kPicUrl;
  if (k == "latest_reel_media") return UserKey::kLatestReel;
  if (k == "is_joined_recently") return UserKey::kJoinedRecently;
  return UserKey::kNone;
}

// GraphQL aliases prefix a field name with "1" and a letter: "1llatest_reel_media".
UserKey ClassifyUserKey(std::string_view k) {
  UserKey u = ClassifyUserKeyPlain(k);
  if (u == UserKey::kNone && k.size() > 2 && k[0] == '1' && k[1] >= 'a' && k[1] <= 'z')
    u = ClassifyUserKeyPlain(k.substr(2));
  return u;
}

bool Parser::ReadUser(od::value& v, Account& acc, ReadState& st, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::null) return ConsumeNull(v);
  if (t != od::json_type::object) return WrongType(v, "an object", "user", st);
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  std::optional<std::string> pk, pk_id, id, strong_id;
  std::optional<bool> anonymous;
  std::optional<std::string_view> s;
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    bool ok = true;
    switch (ClassifyUserKey(key)) {
      case UserKey::kPk:
        ok = ReadId(fv, key, &pk, st);
        break;
      case UserKey::kPkId:
        ok = ReadId(fv, key, &pk_id, st);
        break;
      case UserKey::kId:
        ok = ReadId(fv, key, &id, st);
        break;
      case UserKey::kStrongId:
        ok = ReadId(fv, key, &strong_id, st);
        break;
      case UserKey::kUsername:
        s.reset();
        ok = ReadString(fv, key, &s, st);
        if (ok && s) acc.username = std::string(Trim(*s));
        break;
      case UserKey::kFullName:
        s.reset();
        ok = ReadString(fv, key, &s, st);
        if (ok && s) acc.full_name = HasNonAscii(*s) ? RepairMojibake(*s) : std::string(*s);
        break;
      case UserKey::kIsPrivate:
        ok = ReadBool(fv, key, &acc.is_private, st);
        break;
      case UserKey::kIsVerified:
        ok = ReadBool(fv, key, &acc.is_verified, st);
        break;
      case UserKey::kAnonymous:
        ok = ReadBool(fv, key, &anonymous, st);
        break;
      case UserKey::kPicId:
        s.reset();
        ok = ReadString(fv, key, &s, st);
        if (ok && s) acc.profile_pic_id = std::string(*s);
        break;
      case UserKey::kPicUrl:
        s.reset();
        ok = ReadString(fv, key, &s, st);
        if (ok && s) acc.profile_pic_url = std::string(*s);
        break;
      case UserKey::kLatestReel:
        ok = ReadInt(fv, key, &acc.latest_reel_media, st);
        break;
      case UserKey::kJoinedRecently:
        ok = ReadBool(fv, key, &acc.is_joined_recently, st);
        break;
      case UserKey::kNone:
        ok = Validate(fv, depth + 1);
        break;
    }
    if (!ok) return false;
  }
  // Ids in order of preference (all equal when several are sent).
  for (const auto* cand : {&pk, &pk_id, &id, &strong_id}) {
    std::uint64_t n = 0;
    if (*cand && ParseU64(**cand, &n)) {
      acc.pk = n;
      break;
    }
  }
  if (anonymous) {
    acc.anonymous_avatar = anonymous;
  } else if (acc.profile_pic_url) {
    acc.anonymous_avatar = AnonymousAvatarFromUrl(*acc.profile_pic_url);
  }
  return true;
}

// One comment object, appended to `out` followed by its preview replies. `comment_like` tells
// whether the object had `text` and an id key (decides whether a candidate array is a list).
bool Parser::ReadComment(od::value& v, std::vector<Comment>* out, ReadState& st, bool* comment_like, int depth) {
  *comment_like = false;
  if (depth > kMaxDepth) return Validate(v, depth);
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t != od::json_type::object) return Validate(v, depth);
  const std::uint64_t offset = At(v);
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  const std::size_t index = out->size();
  out->emplace_back();
  std::vector<Comment> replies;
  std::optional<std::string> pk, pk_id, id, user_id, parent, media_id;
  std::optional<std::int64_t> created_at, created_at_utc;
  std::optional<std::string_view> text;
  bool saw_text = false, saw_id = false;
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    bool ok = true;
    Comment& c = (*out)[index];
    if (key == "pk") {
      saw_id = true;
      ok = ReadId(fv, key, &pk, st);
    } else if (key == "pk_id") {
      saw_id = true;
      ok = ReadId(fv, key, &pk_id, st);
    } else if (key == "id") {
      saw_id = true;
      ok = ReadId(fv, key, &id, st, /*opaque=*/true);
    } else if (key == "text") {
      saw_text = true;
      ok = ReadString(fv, key, &text, st);
    } else if (key == "created_at") {
      ok = ReadInt(fv, key, &created_at, st);
    } else if (key == "created_at_utc") {
      ok = ReadInt(fv, key, &created_at_utc, st);
    } else if (key == "user" || key == "owner") {  // "owner": GraphQL post-page nodes
      ok = ReadUser(fv, c.author, st, depth + 1);
    } else if (key == "edge_threaded_comments") {
      ok = ThreadedReplies(fv, &replies, st, depth + 1);
    } else if (key == "user_id") {
      ok = ReadId(fv, key, &user_id, st);
    } else if (key == "parent_comment_id") {
      ok = ReadId(fv, key, &parent, st);
    } else if (key == "media_id") {
      ok = ReadCursor(fv, &media_id);  // "<media pk>_<owner pk>": opaque text
    } else if (key == "preview_child_comments" || key == "child_comments") {
      od::json_type at{};
      if (!Type(fv, &at)) return false;
      if (at == od::json_type::null) {
        ok = ConsumeNull(fv);
      } else if (at != od::json_type::array) {
        ok = WrongType(fv, "an array", key, st);
      } else {
        od::array arr;
        if (auto e = fv.get_array().get(arr)) return FailJson(e);
        for (auto er : arr) {
          od::value el;
          if (auto e = std::move(er).get(el)) return FailJson(e);
          od::json_type et{};
          if (!Type(el, &et)) return false;
          if (et != od::json_type::object) {
            if (!WrongType(el, "a comment object", key, st)) return false;
            continue;
          }
          bool like = false;
          if (!ReadComment(el, &replies, st, &like, depth + 2)) return false;
        }
      }
    } else {
      ok = Validate(fv, depth + 1);
    }
    if (!ok) return false;
  }
  *comment_like = saw_text && saw_id;
  Comment& c = (*out)[index];
  if (pk) {
    c.id = std::move(*pk);
  } else if (pk_id) {
    c.id = std::move(*pk_id);
  } else if (id) {
    c.id = std::move(*id);
  }
  if (c.id.empty() && *comment_like && !Problem(offset, "comment without pk or id", st)) return false;
  if (text) c.text = std::string(*text);
  c.created_at = created_at ? created_at : created_at_utc;
  c.parent_id = std::move(parent);
  if (!c.author.pk && user_id) {
    std::uint64_t n = 0;
    if (ParseU64(*user_id, &n)) c.author.pk = n;
  }
  c.post = !post_.empty() ? std::string(post_) : media_id ? *media_id : std::string();
  const std::string parent_id = c.id;
  const std::string post = c.post;
  for (Comment& r : replies) {
    if (r.id.empty()) {
      // A reply must be addressable like any comment (campaigns, updates key on the id).
      if (!Problem(offset, "reply comment without pk or id", st)) return false;
      continue;
    }
    if (!r.parent_id && !parent_id.empty() && r.id != parent_id) r.parent_id = parent_id;
    if (r.post.empty()) r.post = post;
    out->push_back(std::move(r));
  }
  return true;
}

// An explicitly named connection {edges:[{node}], page_info}: read strictly.
bool Parser::Connection(od::value& v, CommentShape shape, int depth) {
  if (connection_) return Validate(v, depth);  // the first connection in a document wins
  Found found;
  const std::string_view field = shape == CommentShape::kGraphql ? kConnectionKey : kChildConnectionKey;
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::null) return ConsumeNull(v);
  if (!ReadConnection(v, shape, field, -1, depth, &found)) return false;
  found.nested = depth > 3;  // deeper than {"data": {"<connection>": ...}}
  connection_ = std::move(found);
  return true;
}

// Which post-page key holds the comments, best first; -1 for other keys.
int PostPageRank(std::string_view key) {
  if (key == "edge_media_to_parent_comment") return 0;  // 2021-: top-level comments, replies threaded
  if (key == "edge_media_to_comment") return 1;         // 2018: every comment
  if (key == "edge_media_preview_comment") return 2;    // the few shown under the post
  return -1;
}

// A post page's comments: `graphql.shortcode_media` / `data.xdt_shortcode_media` hold them under
// edge_media_to_parent_comment (replies under each node's edge_threaded_comments),
// edge_media_preview_comment or, in 2018, edge_media_to_comment; read strictly.
bool Parser::PostPageConnection(od::value& v, std::string_view key, int container, int depth) {
  const int rank = PostPageRank(key);
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::null) return ConsumeNull(v);
  if (post_page_ && post_page_rank_ <= rank) return Validate(v, depth);  // a better list came first
  Found found;
  if (!ReadConnection(v, CommentShape::kShortcodeMedia, key, container, depth, &found)) return false;
  found.nested = depth > 4;  // deeper than {"data": {"xdt_shortcode_media": {<key>: ...}}}
  post_page_ = std::move(found);
  post_page_rank_ = rank;
  return true;
}

bool Parser::ReadConnection(od::value& v, CommentShape shape, std::string_view field, int container, int depth,
                            Found* out) {
  ReadState strict;
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t != od::json_type::object) return WrongType(v, "an object", field, strict);
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  Found& found = *out;
  found.shape = shape;
  found.container = container;
  std::optional<std::string> cursor;
  std::optional<bool> has_next;
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    if (key == "page_info") {
      if (!PageInfo(fv, &cursor, &has_next, depth + 1)) return false;
      continue;
    }
    if (key != "edges") {
      if (!Validate(fv, depth + 1)) return false;
      continue;
    }
    od::json_type et{};
    if (!Type(fv, &et)) return false;
    if (et == od::json_type::null) {
      if (!ConsumeNull(fv)) return false;
      continue;
    }
    if (et != od::json_type::array) return WrongType(fv, "an array", "edges", strict);
    od::array arr;
    if (auto e = fv.get_array().get(arr)) return FailJson(e);
    for (auto er : arr) {
      od::value edge;
      if (auto e = std::move(er).get(edge)) return FailJson(e);
      od::json_type nt{};
      if (!Type(edge, &nt)) return false;
      if (nt != od::json_type::object) return WrongType(edge, "an object", "edges[]", strict);
      const std::uint64_t edge_at = At(edge);
      od::object eo;
      if (auto e = edge.get_object().get(eo)) return FailJson(e);
      bool have_node = false;
      for (auto efr : eo) {
        od::field ef;
        if (auto e = std::move(efr).get(ef)) return FailJson(e);
        std::string_view ekey;
        if (!Key(ef, &ekey)) return false;
        od::value& nv = ef.value();
        if (ekey == "node" && !have_node) {
          od::json_type ntt{};
          if (!Type(nv, &ntt)) return false;
          if (ntt != od::json_type::object) return WrongType(nv, "an object", "node", strict);
          have_node = true;
          const std::uint64_t node_at = At(nv);
          bool like = false;
          const std::size_t before = found.comments.size();
          if (!ReadComment(nv, &found.comments, strict, &like, depth + 3)) return false;
          if (found.comments[before].id.empty()) {
            return Fail(ErrorCode::kUnexpectedType, node_at, "comment without pk or id");
          }
        } else if (!Validate(nv, depth + 3)) {
          return false;
        }
      }
      if (!have_node) return Fail(ErrorCode::kUnexpectedType, edge_at, "expected \"node\" in an edge");
    }
  }
  if (has_next == false) cursor.reset();
  found.cursor = std::move(cursor);
  return true;
}

// A post-page node's `edge_threaded_comments` {count, page_info, edges:[{node}]}: its replies.
bool Parser::ThreadedReplies(od::value& v, std::vector<Comment>* replies, ReadState& st, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::null) return ConsumeNull(v);
  if (t != od::json_type::object) return WrongType(v, "an object", "edge_threaded_comments", st);
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key != "edges") return Validate(fv, depth + 1);
    od::json_type et{};
    if (!Type(fv, &et)) return false;
    if (et == od::json_type::null) return ConsumeNull(fv);
    if (et != od::json_type::array) return WrongType(fv, "an array", "edge_threaded_comments.edges", st);
    return ForEachElement(fv, [&](od::value& edge) {
      od::json_type nt{};
      if (!Type(edge, &nt)) return false;
      if (nt != od::json_type::object) return WrongType(edge, "an object", "edge_threaded_comments.edges[]", st);
      return ForEachField(edge, [&](std::string_view ekey, od::value& nv) {
        if (ekey != "node") return Validate(nv, depth + 3);
        od::json_type ntt{};
        if (!Type(nv, &ntt)) return false;
        if (ntt != od::json_type::object) return WrongType(nv, "a comment object", "node", st);
        bool like = false;
        return ReadComment(nv, replies, st, &like, depth + 3);
      });
    });
  });
}

// ---- Facebook GraphQL comments ----

// `comment_rendering_instance_for_feed_location`: its `comments` is the post's comment list.
bool Parser::FbRendering(od::value& v, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::null) return ConsumeNull(v);
  if (t != od::json_type::object) return FailWrongType(v, "an object", "comment_rendering_instance_for_feed_location");
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    return key == "comments" ? FbTopConnection(fv, CommentShape::kFacebookGraphql, -1, depth + 1)
                             : Validate(fv, depth + 1);
  });
}

// A connection found by the document walk: its comments join the page.
bool Parser::FbTopConnection(od::value& v, CommentShape shape, int container, int depth) {
  if (!facebook_) {
    facebook_.emplace();
    facebook_->shape = shape;
    facebook_->nested = depth > 4;  // deeper than {"data": {"node": {<key>: ...}}}
  }
  const std::size_t first = facebook_->comments.size();
  std::optional<std::string> cursor;
  const std::string_view field =
      shape == CommentShape::kFacebookReplies ? "replies_connection" : "comment_rendering_instance_for_feed_location";
  if (!FbConnection(v, field, &facebook_->comments, &cursor, depth)) return false;
  if (first == 0 && !facebook_->cursor) facebook_->cursor = std::move(cursor);  // the first list's cursor
  if (container >= 0) fb_reply_ranges_.push_back({container, first, facebook_->comments.size()});
  return true;
}

// {edges: [{node: comment}], page_info}: every edge must hold a comment object.
bool Parser::FbConnection(od::value& v, std::string_view field, std::vector<Comment>* out,
                          std::optional<std::string>* cursor, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::null) return ConsumeNull(v);
  if (t != od::json_type::object) return FailWrongType(v, "an object", field);
  std::optional<bool> has_next;
  const bool ok = ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "page_info") return PageInfo(fv, cursor, &has_next, depth + 1);
    if (key != "edges") return Validate(fv, depth + 1);
    od::json_type et{};
    if (!Type(fv, &et)) return false;
    if (et == od::json_type::null) return ConsumeNull(fv);
    if (et != od::json_type::array) return FailWrongType(fv, "an array", "edges");
    return ForEachElement(fv, [&](od::value& edge) { return FbEdge(edge, "edges[]", out, depth + 2); });
  });
  if (ok && has_next == false) cursor->reset();
  return ok;
}

// {node: comment, cursor: ...}.
bool Parser::FbEdge(od::value& edge, std::string_view field, std::vector<Comment>* out, int depth) {
  od::json_type nt{};
  if (!Type(edge, &nt)) return false;
  if (nt != od::json_type::object) return FailWrongType(edge, "an object", field);
  const std::uint64_t edge_at = At(edge);
  bool have_node = false;
  const bool ok = ForEachField(edge, [&](std::string_view key, od::value& fv) {
    if (key != "node" || have_node) return Validate(fv, depth + 1);
    have_node = true;
    return FbComment(fv, out, depth + 1);
  });
  if (ok && !have_node) return Fail(ErrorCode::kUnexpectedType, edge_at, "expected \"node\" in an edge");
  return ok;
}

// A streamed part's "path" (the rest of the document is only validated).
bool Parser::ProbePart(Part* out) {
  *out = Part::kDocument;
  od::json_type type{};
  if (doc_.type().get(type) || type != od::json_type::object) return true;
  od::object obj;
  if (doc_.get_object().get(obj)) return false;
  return ForEachField(obj, [&](std::string_view key, od::value& fv) {
    od::json_type t{};
    if (!Type(fv, &t)) return false;
    if (key != "path" || t != od::json_type::array) return Validate(fv, 1);
    bool replies = false, edges_then_index = false, last_was_edges = false;
    const bool ok = ForEachElement(fv, [&](od::value& el) {
      od::json_type et{};
      if (!Type(el, &et)) return false;
      std::string_view name;
      if (et == od::json_type::string && el.get_string().get(name) == simdjson::SUCCESS) {
        replies = replies || name == "replies_connection";
        edges_then_index = false;
        last_was_edges = name == "edges";
        return true;
      }
      edges_then_index = last_was_edges && et == od::json_type::number;
      last_was_edges = false;
      return Validate(el, 2);
    });
    if (ok && edges_then_index) *out = replies ? Part::kFacebookReplyEdge : Part::kFacebookEdge;
    return ok;
  });
}

// One member of a small object: {"text": ...} (body), {"uri": ...} (pictures), {"id": ...}
// (parent references). Null or a missing member is unknown.
bool Parser::FbMember(od::value& v, std::string_view field, std::string_view member,
                      std::optional<std::string_view>* out, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::null) return ConsumeNull(v);
  if (t != od::json_type::object) return FailWrongType(v, "an object", field);
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    return key == member ? JsonReader::ReadString(fv, key, out) : Validate(fv, depth + 1);
  });
}

bool Parser::FbAuthor(od::value& v, Account& acc, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::null) return ConsumeNull(v);
  if (t != od::json_type::object) return FailWrongType(v, "an object", "author");
  std::optional<std::string_view> url, picture, fallback_picture, name;
  std::optional<bool> anonymous;
  const bool ok = ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "id") {
      // Numeric for people and pages; anything else (rare) leaves the author without an id.
      detail::IdToken token;
      if (!ReadIdToken(fv, key, "a string or number id", "a decimal id", &token)) return false;
      std::uint64_t n = token.number;
      if (token.kind == detail::IdToken::kNumber || (token.kind == detail::IdToken::kText && ParseU64(token.text, &n))) {
        acc.pk = n;
      }
      return true;
    }
    if (key == "name") return JsonReader::ReadString(fv, key, &name);
    if (key == "url") return JsonReader::ReadString(fv, key, &url);
    if (key == "profile_picture_depth_0") return FbMember(fv, key, "uri", &picture, depth + 1);
    if (key == "profile_picture") return FbMember(fv, key, "uri", &fallback_picture, depth + 1);
    if (key == "is_verified") return JsonReader::ReadBool(fv, key, &acc.is_verified);
    // Not in Facebook's payloads: the extension sets it on comments it reads from the page, where
    // the silhouette may be a static resource rather than an fbcdn.net file.
    if (key == "has_anonymous_profile_picture") return JsonReader::ReadBool(fv, key, &anonymous);
    return Validate(fv, depth + 1);
  });
  if (!ok) return false;
  if (name) acc.full_name = std::string(*name);
  if (url) ReadFacebookProfileUrl(*url, acc);
  if (!picture) picture = fallback_picture;
  if (picture && !picture->empty()) {
    acc.profile_pic_url = std::string(*picture);
    acc.anonymous_avatar = AnonymousAvatarFromUrl(*picture);
  }
  if (anonymous) acc.anonymous_avatar = anonymous;
  return true;
}

// A comment's `feedback`: replies shown inline (`replies_connection`, older `display_comments`).
bool Parser::FbFeedback(od::value& v, std::vector<Comment>* replies, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t != od::json_type::object) return Validate(v, depth);  // null or odd: no replies
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    std::optional<std::string> ignored_cursor;
    return key == "replies_connection" || key == "display_comments"
               ? FbConnection(fv, key, replies, &ignored_cursor, depth + 1)
               : Validate(fv, depth + 1);
  });
}

// `comment_action_links[].comment.created_time`: where newer responses put the time.
bool Parser::FbActionLinks(od::value& v, std::optional<std::int64_t>* created, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t != od::json_type::array) return Validate(v, depth);
  ReadState strict;
  return ForEachElement(v, [&](od::value& link) {
    od::json_type lt{};
    if (!Type(link, &lt)) return false;
    if (lt != od::json_type::object) return Validate(link, depth + 1);
    return ForEachField(link, [&](std::string_view key, od::value& fv) {
      od::json_type ct{};
      if (!Type(fv, &ct)) return false;
      if (key != "comment" || ct != od::json_type::object) return Validate(fv, depth + 2);
      return ForEachField(fv, [&](std::string_view ckey, od::value& cv) {
        if (ckey != "created_time") return Validate(cv, depth + 3);
        std::optional<std::int64_t> when;
        if (!ReadInt(cv, ckey, &when, strict)) return false;
        if (when && !*created) *created = when;
        return true;
      });
    });
  });
}

// A comment node, appended to `out` followed by the replies its feedback holds.
bool Parser::FbComment(od::value& v, std::vector<Comment>* out, int depth) {
  if (depth > kMaxDepth) return Validate(v, depth);
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t != od::json_type::object) return FailWrongType(v, "an object", "node");
  const std::uint64_t offset = At(v);
  const std::size_t index = out->size();
  out->emplace_back();
  std::vector<Comment> replies;
  ReadState strict;
  std::optional<std::string_view> graph_id, body, preferred_body, direct_parent, reply_parent, parent;
  std::optional<std::string> legacy_fbid;
  std::optional<std::int64_t> created, link_created, depth_field;
  const bool ok = ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "id") return JsonReader::ReadString(fv, key, &graph_id);
    if (key == "legacy_fbid") return ReadId(fv, key, &legacy_fbid, strict);
    if (key == "body") return FbMember(fv, key, "text", &body, depth + 1);
    if (key == "preferred_body") return FbMember(fv, key, "text", &preferred_body, depth + 1);
    if (key == "created_time") return ReadInt(fv, key, &created, strict);
    if (key == "depth") return ReadInt(fv, key, &depth_field, strict);
    if (key == "author") return FbAuthor(fv, (*out)[index].author, depth + 1);
    if (key == "comment_direct_parent") return FbMember(fv, key, "id", &direct_parent, depth + 1);
    if (key == "reply_parent_comment") return FbMember(fv, key, "id", &reply_parent, depth + 1);
    if (key == "comment_parent") return FbMember(fv, key, "id", &parent, depth + 1);
    if (key == "feedback") return FbFeedback(fv, &replies, depth + 1);
    if (key == "comment_action_links") return FbActionLinks(fv, &link_created, depth + 1);
    return Validate(fv, depth + 1);
  });
  if (!ok) return false;
  Comment& c = (*out)[index];
  std::optional<std::pair<std::string, std::string>> decoded;
  if (graph_id) decoded = DecodeFacebookId(*graph_id, "comment");
  if (legacy_fbid) {
    c.id = std::move(*legacy_fbid);
  } else if (decoded) {
    c.id = decoded->second;
  } else if (graph_id && IsOpaqueId(*graph_id)) {
    c.id = std::string(*graph_id);
  } else if (graph_id && !graph_id->empty()) {
    return Fail(ErrorCode::kUnexpectedType, offset, "expected a plain comment id for \"id\"");
  }
  if (c.id.empty()) return Fail(ErrorCode::kUnexpectedType, offset, "comment without legacy_fbid or id");
  if (body) {
    c.text = std::string(*body);
  } else if (preferred_body) {
    c.text = std::string(*preferred_body);
  }
  c.created_at = created ? created : link_created;
  // The direct parent first: comment_parent names the thread's top comment on deeper replies.
  for (const auto* ref : {&direct_parent, &reply_parent, &parent}) {
    if (!*ref || (*ref)->empty()) continue;
    if (auto p = DecodeFacebookId(**ref, "comment")) {
      c.parent_id = p->second;
    } else if (IsOpaqueId(**ref)) {
      c.parent_id = std::string(**ref);
    } else {
      return Fail(ErrorCode::kUnexpectedType, offset, "expected a plain comment id for the parent's \"id\"");
    }
    break;
  }
  if (c.parent_id == c.id) c.parent_id.reset();
  c.post = !post_.empty() ? std::string(post_) : decoded ? decoded->first : std::string();
  const std::string parent_id = c.id;
  const std::string post = c.post;
  for (Comment& r : replies) {
    if (!r.parent_id && r.id != parent_id) r.parent_id = parent_id;
    if (r.post.empty()) r.post = post;
    out->push_back(std::move(r));
  }
  return true;
}

bool Parser::CandidateArray(od::value& v, std::string_view key, int container, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t != od::json_type::array) return Walk(v, depth);  // e.g. "comments": {"count": 3} in a media object
  if (array_) return Validate(v, depth);                 // the first comment array wins
  od::array arr;
  if (auto e = v.get_array().get(arr)) return FailJson(e);
  ReadState st{true, std::nullopt};
  Found found;
  found.shape = key == "comments" ? CommentShape::kRestV1 : CommentShape::kRestReplies;
  found.container = container;
  found.nested = depth > 2;  // the array sits below the root object
  bool all_like = true;
  std::size_t elements = 0;
  for (auto er : arr) {
    od::value el;
    if (auto e = std::move(er).get(el)) return FailJson(e);
    ++elements;
    od::json_type et{};
    if (!Type(el, &et)) return false;
    if (et != od::json_type::object) {
      all_like = false;
      if (!Validate(el, depth + 1)) return false;
      continue;
    }
    bool like = false;
    if (!ReadComment(el, &found.comments, st, &like, depth + 1)) return false;
    all_like = all_like && like;
  }
  if (elements == 0) {
    if (!empty_array_) empty_array_ = std::move(found);
    return true;
  }
  if (!all_like) return true;  // not a comment list: ignored
  if (st.deferred) {
    error_ = std::move(*st.deferred);
    return false;
  }
  array_ = std::move(found);
  return true;
}

bool Parser::Walk(od::value v, int depth) {
  if (depth > kMaxSearchDepth) return Validate(v, depth);
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::object) {
    od::object obj;
    if (auto e = v.get_object().get(obj)) return FailJson(e);
    return WalkObject(obj, depth);
  }
  if (t == od::json_type::array) {
    od::array arr;
    if (auto e = v.get_array().get(arr)) return FailJson(e);
    for (auto er : arr) {
      od::value el;
      if (auto e = std::move(er).get(el)) return FailJson(e);
      if (!Walk(el, depth + 1)) return false;
    }
    return true;
  }
  return Validate(v, depth);
}

bool Parser::WalkObject(od::object& obj, int depth) {
  const int id = ++objects_;
  std::optional<std::string> cursor;
  std::optional<bool> has_more;
  std::optional<Comment> parent;
  std::optional<std::pair<std::string, std::string>> feedback_of;  // {post, comment}
  std::optional<std::string> object_id;                            // this object's decimal `id`
  ReadState lenient{true, std::nullopt};
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    bool ok = true;
    if (key == kConnectionKey) {
      ok = Connection(fv, CommentShape::kGraphql, depth + 1);
    } else if (PostPageRank(key) >= 0) {
      ok = PostPageConnection(fv, key, id, depth + 1);
    } else if (key == kChildConnectionKey) {
      ok = Connection(fv, CommentShape::kGraphqlReplies, depth + 1);
    } else if (key == "comments" || key == "child_comments") {
      ok = CandidateArray(fv, key, id, depth + 1);
    } else if (key == "comment_rendering_instance_for_feed_location") {
      ok = FbRendering(fv, depth + 1);
    } else if (key == "display_comments") {
      ok = FbTopConnection(fv, CommentShape::kFacebookGraphql, -1, depth + 1);
    } else if (key == "replies_connection") {
      ok = FbTopConnection(fv, CommentShape::kFacebookReplies, id, depth + 1);
    } else if (key == "id") {
      // A reply page's object is the parent comment's feedback: base64 "feedback:<post>_<comment>".
      od::json_type t{};
      if (!Type(fv, &t)) return false;
      if (t == od::json_type::string) {
        std::optional<std::string_view> s;
        ok = JsonReader::ReadString(fv, key, &s);
        if (ok && s && StartsWith(*s, "ZmVlZGJhY2s6")) feedback_of = DecodeFacebookId(*s, "feedback");
        if (ok && s && AllDigits(*s)) object_id = std::string(*s);  // a shortcode_media's media id
      } else if (t == od::json_type::number) {
        std::optional<std::string> number;
        ok = ReadCursor(fv, &number);
        if (ok && number && AllDigits(*number)) object_id = std::move(number);
      } else {
        ok = Walk(fv, depth + 1);
      }
    } else if (key == "next_max_id" || key == "next_max_child_cursor") {
      // Cursor keys may come before or after the list: kept until the object ends.
      ok = ReadCursor(fv, &cursor);
    } else if (key == "has_more_comments" || key == "has_more_tail_child_comments") {
      ok = ReadBool(fv, key, &has_more, lenient);
    } else if (key == "parent_comment") {
      od::json_type t{};
      if (!Type(fv, &t)) return false;
      if (t == od::json_type::object && !parent) {
        std::vector<Comment> one;
        ReadState st{true, std::nullopt};
        bool like = false;
        ok = ReadComment(fv, &one, st, &like, depth + 1);
        if (ok && like && !st.deferred && !one.empty() && !one.front().id.empty()) parent = std::move(one.front());
      } else {
        ok = Walk(fv, depth + 1);
      }
    } else {
      ok = Walk(fv, depth + 1);
    }
    if (!ok) return false;
  }
  for (std::optional<Found>* found : {&array_, &empty_array_}) {
    if (!*found || (*found)->container != id) continue;
    (*found)->cursor = has_more == false ? std::nullopt : cursor;
    if (parent) {
      for (Comment& c : (*found)->comments) {
        if (!c.parent_id && c.id != parent->id) c.parent_id = parent->id;
      }
      (*found)->parent = parent;
    }
  }
  if (post_page_ && post_page_->container == id && object_id) {
    // The comments of a shortcode_media belong to that media (its `id`), unless the caller named one.
    for (Comment& c : post_page_->comments) {
      if (c.post.empty()) c.post = *object_id;
    }
  }
  if (feedback_of) {
    for (const FbReplyRange& r : fb_reply_ranges_) {
      if (r.container != id) continue;
      for (std::size_t i = r.first; i < r.end; ++i) {
        Comment& c = facebook_->comments[i];
        if (!c.parent_id && c.id != feedback_of->second) c.parent_id = feedback_of->second;
        if (c.post.empty()) c.post = feedback_of->first;
      }
    }
  }
  return true;
}

bool Parser::Run() {
  od::json_type type{};
  if (auto e = doc_.type().get(type)) return FailJson(e, 0);
  if (type == od::json_type::object && part_ != Part::kDocument) {
    od::object obj;
    if (auto e = doc_.get_object().get(obj)) return FailJson(e);
    facebook_.emplace();
    facebook_->shape = part_ == Part::kFacebookReplyEdge ? CommentShape::kFacebookReplies : CommentShape::kFacebookGraphql;
    const bool ok = ForEachField(obj, [&](std::string_view key, od::value& fv) {
      return key == "data" ? FbEdge(fv, "data", &facebook_->comments, 2) : Validate(fv, 2);
    });
    if (!ok) return false;
  } else if (type == od::json_type::object) {
    od::object obj;
    if (auto e = doc_.get_object().get(obj)) return FailJson(e);
    if (!WalkObject(obj, 1)) return false;
  } else if (type == od::json_type::array) {
    od::array arr;
    if (auto e = doc_.get_array().get(arr)) return FailJson(e);
    for (auto er : arr) {
      od::value el;
      if (auto e = std::move(er).get(el)) return FailJson(e);
      if (!Walk(el, 2)) return false;
    }
  } else {
    if (!CheckScalarRoot(type)) return false;
    return Fail(ErrorCode::kUnknownShape, 0, "top-level scalar: expected an object holding a comment list");
  }
  if (!doc_.at_end()) return FailJson(simdjson::TRAILING_CONTENT);
  std::optional<Found>& found = connection_   ? connection_
                                : post_page_  ? post_page_
                                : facebook_   ? facebook_
                                : array_      ? array_
                                              : empty_array_;
  if (!found) {
    return Fail(ErrorCode::kUnknownShape, 0,
                "no comment list found: expected \"comments\" or \"child_comments\" arrays of comment objects, a "
                "\"xdt_api__v1__media__media_id__comments__connection\", a post page's "
                "\"edge_media_to_parent_comment\", \"edge_media_preview_comment\" or \"edge_media_to_comment\" "
                "(under \"shortcode_media\" or \"xdt_shortcode_media\"), or Facebook's "
                "\"comment_rendering_instance_for_feed_location\"");
  }
  page_.shape = found->shape;
  page_.comments = std::move(found->comments);
  page_.parent = std::move(found->parent);
  page_.next_cursor = std::move(found->cursor);
  page_.nested = found->nested;
  if (page_.parent && page_.parent->post.empty()) page_.parent->post = std::string(post_);
  return true;
}

// ---- HTML ----

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Position of the first `</script` (any case) at or after `from` that a browser treats as the
// end tag (followed by whitespace, '/' or '>' or the end of the text); npos if none.
std::size_t FindScriptEnd(std::string_view html, std::size_t from) {
  for (std::size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
    if (html.size() - i < 8 || !EqualsNoCase(html.substr(i + 2, 6), "script")) continue;
    if (i + 8 == html.size() || IsHtmlSpace(html[i + 8]) || html[i + 8] == '/' || html[i + 8] == '>') return i;
  }
  return std::string_view::npos;
}

}  // namespace

namespace {

// One JSON document (offsets relative to `json`). `streamed`: a document after the first of a
// streamed response, which may be a part carrying one more edge.
Result<CommentPage> ParseOneDocument(std::string_view json, const SourceInfo& source, std::string_view post,
                                     bool streamed = false) {
  thread_local detail::PaddedBuffer buffer;
  thread_local od::parser parser;
  const simdjson::padded_string_view padded = buffer.Load(json);
  Parser::Part part = Parser::Part::kDocument;
  if (streamed) {
    od::document probe_doc;
    if (parser.iterate(padded).get(probe_doc) == simdjson::SUCCESS) {
      Parser probe(padded.data(), json.size(), probe_doc, source, post);
      if (!probe.ProbePart(&part)) part = Parser::Part::kDocument;  // the real read reports the problem
    }
  }
  od::document doc;
  const error_code e = parser.iterate(padded).get(doc);
  Parser p(padded.data(), json.size(), doc, source, post);
  p.set_part(part);
  if (e) {
    (void)p.FailJson(e, 0);
    return std::move(p.error());
  }
  if (!p.Run()) return std::move(p.error());
  return std::move(p.page());
}

Result<CommentPage> Shifted(Result<CommentPage> r, std::size_t by) {
  if (r.ok() || by == 0) return r;
  Error e = r.error();
  e.offset += by;
  return e;
}

// Where the next document starts when `json` holds a complete JSON value followed, after a line
// break, by more text (a streamed response); npos otherwise.
std::size_t NextDocument(std::string_view json) {
  const detail::Diagnosis d = detail::Diagnose(json);
  if (d.kind != detail::Diagnosis::kTrailing) return std::string_view::npos;
  for (std::size_t i = d.offset; i > 0 && IsSpace(json[i - 1]); --i) {
    if (json[i - 1] == '\n') return d.offset;
  }
  return std::string_view::npos;
}

// Facebook's responses may be guarded against JSON hijacking by a leading infinite loop.
constexpr std::string_view kFacebookGuard = "for (;;);";

}  // namespace

Result<CommentPage> ParseCommentPage(std::string_view json, const SourceInfo& source, std::string_view post) {
  if (json.size() > simdjson::SIMDJSON_MAXSIZE_BYTES - simdjson::SIMDJSON_PADDING) {
    return Error{ErrorCode::kInvalidArgument, source.name, 0, "input larger than 4 GiB"};
  }
  std::size_t start = 0;
  while (start < json.size() && IsSpace(json[start])) ++start;
  start = StartsWith(json.substr(start), kFacebookGuard) ? start + kFacebookGuard.size() : 0;
  Result<CommentPage> first = Shifted(ParseOneDocument(json.substr(start), source, post), start);
  if (first.ok() || first.error().code != ErrorCode::kMalformedJson) return first;
  std::size_t next = NextDocument(json.substr(start));
  if (next == std::string_view::npos) return first;

  // Several documents, one a line: Facebook's streamed (@defer) parts. Each must parse; the
  // page is every document's Facebook comments in order (else the first document's list).
  std::optional<CommentPage> page;
  std::size_t documents = 0;
  for (std::size_t at = start; at < json.size(); ++documents) {
    const std::string_view rest = json.substr(at);
    next = NextDocument(rest);
    const std::string_view doc = next == std::string_view::npos ? rest : rest.substr(0, next);
    Result<CommentPage> part = Shifted(ParseOneDocument(doc, source, post, /*streamed=*/documents > 0), at);
    if (!part.ok()) {
      if (part.error().code != ErrorCode::kUnknownShape) return part;  // parts without comments are fine
    } else if (!page) {
      page = std::move(part.value());
    } else {
      const bool facebook =
          page->shape == CommentShape::kFacebookGraphql || page->shape == CommentShape::kFacebookReplies;
      const bool part_facebook = part.value().shape == CommentShape::kFacebookGraphql ||
                                 part.value().shape == CommentShape::kFacebookReplies;
      if (facebook && part_facebook) {
        for (Comment& c : part.value().comments) page->comments.push_back(std::move(c));
        if (!page->next_cursor) page->next_cursor = std::move(part.value().next_cursor);
      }
    }
    if (next == std::string_view::npos) break;
    at += next;
  }
  if (!page) {
    return Error{ErrorCode::kUnknownShape, source.name, start,
                 "no comment list found in any of the " + std::to_string(documents + 1) + " JSON documents"};
  }
  return std::move(*page);
}

std::vector<std::string_view> ExtractEmbeddedJsonBlobs(std::string_view html) {
  std::vector<std::string_view> blobs;
  std::size_t i = 0;
  while (i < html.size()) {
    const std::size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) break;
    if (html.substr(lt, 4) == "<!--") {  // markup inside an HTML comment is no element
      const std::size_t end = html.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    i = lt + 1;
    if (html.size() - lt < 8 || !EqualsNoCase(html.substr(lt + 1, 6), "script")) continue;
    std::size_t p = lt + 7;
    if (!IsHtmlSpace(html[p]) && html[p] != '>' && html[p] != '/') continue;  // <scripts>, <script-x>
    // Attributes up to '>': name[=value], value in "", '' or bare.
    bool json_type = false;
    bool closed = false;
    while (p < html.size()) {
      while (p < html.size() && (IsHtmlSpace(html[p]) || html[p] == '/')) ++p;
      if (p >= html.size()) break;
      if (html[p] == '>') {
        closed = true;
        ++p;
        break;
      }
      const std::size_t name_start = p;
      while (p < html.size() && !IsHtmlSpace(html[p]) && html[p] != '=' && html[p] != '>' && html[p] != '/') ++p;
      const std::string_view name = html.substr(name_start, p - name_start);
      while (p < html.size() && IsHtmlSpace(html[p])) ++p;
      std::string_view value;
      if (p < html.size() && html[p] == '=') {
        ++p;
        while (p < html.size() && IsHtmlSpace(html[p])) ++p;
        if (p < html.size() && (html[p] == '"' || html[p] == '\'')) {
          const char q = html[p];
          const std::size_t end = html.find(q, p + 1);
          if (end == std::string_view::npos) {
            p = html.size();
            break;
          }
          value = html.substr(p + 1, end - p - 1);
          p = end + 1;
        } else {
          const std::size_t start = p;
          while (p < html.size() && !IsHtmlSpace(html[p]) && html[p] != '>') ++p;
          value = html.substr(start, p - start);
        }
      }
      if (EqualsNoCase(name, "type")) {
        std::string_view v = value;
        while (!v.empty() && IsHtmlSpace(v.front())) v.remove_prefix(1);
        while (!v.empty() && IsHtmlSpace(v.back())) v.remove_suffix(1);
        json_type = EqualsNoCase(v, "application/json");
      }
    }
    if (!closed) break;  // the text ended inside the start tag
    const std::size_t end = FindScriptEnd(html, p);
    const std::size_t content_end = end == std::string_view::npos ? html.size() : end;
    if (json_type) blobs.push_back(html.substr(p, content_end - p));
    i = end == std::string_view::npos ? html.size() : end + 8;
  }
  return blobs;
}

Result<CommentPage> ParseCommentPageFromHtml(std::string_view html, const SourceInfo& source, std::string_view post) {
  const std::vector<std::string_view> blobs = ExtractEmbeddedJsonBlobs(html);
  std::optional<Error> first_error;
  for (std::string_view blob : blobs) {
    Result<CommentPage> page = ParseCommentPage(blob, source, post);
    if (page.ok()) {
      page.value().nested = true;
      return page;
    }
    if (!first_error && page.error().code != ErrorCode::kUnknownShape &&
        (blob.find("comments__connection") != std::string_view::npos ||
         blob.find("\"comments\"") != std::string_view::npos)) {
      first_error = page.error();
      first_error->offset += static_cast<std::uint64_t>(blob.data() - html.data());
    }
  }
  if (first_error) return std::move(*first_error);
  return Error{ErrorCode::kUnknownShape, source.name, 0,
               "no <script type=\"application/json\"> blob holds a comment list (" + std::to_string(blobs.size()) +
                   " JSON blobs in the page)"};
}

}  // namespace swarmlens
