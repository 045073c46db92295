// Ingest: follower / following / profile payloads -> Page, with simdjson On-Demand (error-code
// API only).
//
// The On-Demand reading rules (every value read to its end, error diagnosis) and the typed
// readers are shared with the comment parser: json_read.h.
#include "swarmlens/ingest.h"

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
#include "swarmlens/activity.h"

namespace swarmlens {

const char* PayloadShapeName(PayloadShape shape) noexcept {
  switch (shape) {
    case PayloadShape::kFriendshipsV1:
      return "friendships_v1";
    case PayloadShape::kGraphqlXdt:
      return "graphql_xdt";
    case PayloadShape::kGraphqlEdgeLegacy:
      return "graphql_edge_legacy";
    case PayloadShape::kDyiFollowers:
      return "dyi_followers";
    case PayloadShape::kDyiFollowing:
      return "dyi_following";
    case PayloadShape::kWebProfileInfo:
      return "web_profile_info";
    case PayloadShape::kProfilePageGraphql:
      return "profile_page_graphql";
    case PayloadShape::kUserInfo:
      return "user_info";
    case PayloadShape::kGraphqlXdtProfile:
      return "graphql_xdt_profile";
    case PayloadShape::kProfilePage2017:
      return "profile_page_2017";
    case PayloadShape::kDyiConnections:
      return "dyi_connections";
    case PayloadShape::kActivityFeed:
      return "activity_feed";
  }
  return "unknown";
}

bool IsProfileShape(PayloadShape shape) noexcept {
  switch (shape) {
    case PayloadShape::kWebProfileInfo:
    case PayloadShape::kProfilePageGraphql:
    case PayloadShape::kUserInfo:
    case PayloadShape::kGraphqlXdtProfile:
    case PayloadShape::kProfilePage2017:
      return true;
    default:
      return false;
  }
}

namespace {

// Instagram's silhouette files, one per era (the newest first); the cache key is
// base64("anonymous_profile_pic").
constexpr std::string_view kInstagramSilhouettes[] = {
    "573323465_1219825463302212_7278921664109726296_n.png",  // 2025-26
    "44884218_345707102882519_2446069589734326272_n.jpg",    // 2018-2025
    "11906329_960233084022564_1448528159_a.jpg",             // before 2019
};
constexpr std::string_view kAnonymousCacheKey = "YW5vbnltb3VzX3Byb2ZpbGVfcGlj";

}  // namespace

bool IsDefaultAvatarUrl(std::string_view url) noexcept {
  // Facebook serves its silhouettes (several files) from one fbcdn.net path class, t1.30497-1.
  for (std::string_view file : kInstagramSilhouettes) {
    if (url.find(file) != std::string_view::npos) return true;
  }
  return url.find("ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj") != std::string_view::npos ||
         url.find(".fbcdn.net/v/t1.30497-1/") != std::string_view::npos;
}

namespace {

// A picture URL on Meta's image hosts that names an image file; sets `*instagram` when it is an
// Instagram profile picture (host *.cdninstagram.com, or the t51.2885-19 path class that
// Instagram also serves from *.fbcdn.net). Placeholders such as ".../..." name no file.
bool IsCdnPictureFile(std::string_view url, bool* instagram) {
  if (detail::StartsWith(url, "https://")) {
    url.remove_prefix(8);
  } else if (detail::StartsWith(url, "http://")) {
    url.remove_prefix(7);
  } else {
    return false;
  }
  const std::size_t host_end = url.find_first_of("/?#");
  if (host_end == std::string_view::npos || url[host_end] != '/') return false;
  const std::string_view host = url.substr(0, host_end);
  if (!detail::EndsWith(host, ".cdninstagram.com") && !detail::EndsWith(host, ".fbcdn.net")) return false;
  std::string_view path = url.substr(host_end);
  path = path.substr(0, path.find_first_of("?#"));
  *instagram = detail::EndsWith(host, ".cdninstagram.com") || path.find("/t51.") != std::string_view::npos;
  const std::string_view file = path.substr(path.rfind('/') + 1);
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".webp", ".heic", ".gif"}) {
    if (file.size() > ext.size() && detail::EndsWith(file, ext)) return true;
  }
  return false;
}

// The value of the `ig_cache_key` query parameter; empty when there is none.
std::string_view CacheKey(std::string_view url) {
  const std::size_t query = url.find('?');
  if (query == std::string_view::npos) return {};
  for (std::size_t at = url.find("ig_cache_key=", query); at != std::string_view::npos;
       at = url.find("ig_cache_key=", at + 1)) {
    if (url[at - 1] != '?' && url[at - 1] != '&') continue;
    const std::string_view value = url.substr(at + 13);
    return value.substr(0, value.find_first_of("&#"));
  }
  return {};
}

}  // namespace

std::optional<bool> AnonymousAvatarFromUrl(std::string_view url) noexcept {
  if (IsDefaultAvatarUrl(url)) return true;
  bool instagram = false;
  if (!IsCdnPictureFile(url, &instagram)) return std::nullopt;
  // Facebook keeps every silhouette in one path class, so any other file there is a picture.
  if (!instagram) return false;
  // Older Instagram URLs name the upload in their cache key (base64 of its media id); without
  // one, a file of another name may be a silhouette this build does not know.
  const std::string_view key = CacheKey(url);
  if (key.size() >= 8 && !detail::StartsWith(key, kAnonymousCacheKey)) return false;
  return std::nullopt;
}

namespace {

using detail::EndsWith;
using detail::HasNonAscii;
using detail::IntMode;
using detail::ParseDecimal;
using detail::StartsWith;
namespace od = detail::od;
using detail::error_code;

constexpr int kMaxDepth = detail::kMaxJsonDepth;

std::string_view Trim(std::string_view s) { return detail::TrimJsonSpace(s); }

// Text as kept in an Account: mojibake repaired (the common ASCII case costs one scan).
std::string CleanText(std::string_view s) { return HasNonAscii(s) ? RepairMojibake(s) : std::string(s); }

// "https://www.instagram.com/_u/name" or "https://www.instagram.com/name" -> "name".
std::string_view UsernameFromHref(std::string_view href) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (StartsWith(href, scheme)) href.remove_prefix(scheme.size());
  }
  if (StartsWith(href, "www.")) href.remove_prefix(4);
  if (!StartsWith(href, "instagram.com/")) return {};
  href.remove_prefix(14);
  if (StartsWith(href, "_u/")) href.remove_prefix(3);
  return href.substr(0, href.find_first_of("/?#"));
}

// ---- The parser proper ----------------------------------------------------------------------

// Which object a Container() call is looking at: decides which keys mean something there.
enum class Where : std::uint8_t {
  kTop,         ///< The document root object.
  kData,        ///< `data`.
  kDataChild,   ///< `data.<name>`: an XDT connection (xdt_api__v1__friendships__followers) or a profile user.
  kLegacyUser,  ///< `data.user`: holds the legacy edge_followed_by / edge_follow list, or is a profile user.
  kLegacyEdge,  ///< `data.user.edge_followed_by` / `edge_follow`.
};

enum class Field : std::uint8_t {
  kNone,
  kPk,
  kPkId,
  kId,
  kStrongId,
  kUsername,
  kFullName,
  kIsPrivate,
  kIsVerified,
  kHasAnonymous,
  kPicId,
  kPicUrl,
  kLatestReel,
  kReel,
  kTypename,
  // Profile tier.
  kBiography,
  kExternalUrl,
  kBioLinks,
  kFollowerCount,
  kFollowingCount,
  kMediaCount,
  kEdgeFollowedBy,  ///< {"count": N}: followers
  kEdgeFollow,      ///< {"count": N}: following
  kEdgeMedia,       ///< edge_owner_to_timeline_media {"count": N, "edges": [media]}
  kIsBusiness,
  kIsProfessional,
  kJoinedRecently,
  // The 2017 profile page: {"count": N} objects under other names.
  kLegacyFollowedBy,  ///< followed_by: followers
  kLegacyFollows,     ///< follows: following
  kLegacyMedia,       ///< media {"count": N, "nodes": [...]}: posts
};

Field ClassifyPlain(std::string_view k) {
  switch (k.size()) {
    case 2:
      return k == "pk" ? Field::kPk : k == "id" ? Field::kId : Field::kNone;
    case 4:
      return k == "reel" ? Field::kReel : Field::kNone;
    case 5:
      return k == "pk_id" ? Field::kPkId : k == "media" ? Field::kLegacyMedia : Field::kNone;
    case 7:
      return k == "follows" ? Field::kLegacyFollows : Field::kNone;
    case 8:
      return k == "username" ? Field::kUsername : Field::kNone;
    case 9:
      return k == "full_name"   ? Field::kFullName
             : k == "biography" ? Field::kBiography
             : k == "bio_links" ? Field::kBioLinks
                                : Field::kNone;
    case 10:
      return k == "is_private" ? Field::kIsPrivate : k == "__typename" ? Field::kTypename : Field::kNone;
    case 11:
      return k == "is_verified"   ? Field::kIsVerified
             : k == "strong_id__" ? Field::kStrongId
             : k == "media_count" ? Field::kMediaCount
             : k == "edge_follow" ? Field::kEdgeFollow
             : k == "is_business" ? Field::kIsBusiness
             : k == "followed_by" ? Field::kLegacyFollowedBy
                                  : Field::kNone;
    case 12:
      return k == "external_url" ? Field::kExternalUrl : Field::kNone;
    case 14:
      return k == "profile_pic_id" ? Field::kPicId : k == "follower_count" ? Field::kFollowerCount : Field::kNone;
    case 15:
      return k == "profile_pic_url" ? Field::kPicUrl : k == "following_count" ? Field::kFollowingCount : Field::kNone;
    case 16:
      return k == "edge_followed_by" ? Field::kEdgeFollowedBy : Field::kNone;
    case 17:
      return k == "latest_reel_media" ? Field::kLatestReel : Field::kNone;
    case 18:
      return k == "is_joined_recently" ? Field::kJoinedRecently : Field::kNone;
    case 19:
      return k == "is_business_account" ? Field::kIsBusiness : Field::kNone;
    case 23:
      return k == "is_professional_account" ? Field::kIsProfessional : Field::kNone;
    case 28:
      return k == "edge_owner_to_timeline_media" ? Field::kEdgeMedia : Field::kNone;
    case 29:
      return k == "has_anonymous_profile_picture" ? Field::kHasAnonymous : Field::kNone;
    default:
      return Field::kNone;
  }
}

// GraphQL aliases put a short prefix before a field name: "1llatest_reel_media".
Field Classify(std::string_view k, bool* alias) {
  Field f = ClassifyPlain(k);
  if (f == Field::kNone && k.size() > 2 && k[0] == '1' && k[1] >= 'a' && k[1] <= 'z') {
    f = ClassifyPlain(k.substr(2));
    *alias = f != Field::kNone;
  }
  return f;
}

// What one user object has shown so far. A user in a list or at a profile-only key (`user`,
// `graphql.user`) is read strictly: a wrong type is an error. An object under `data.<key>` may be
// a list container or a profile user, which only its keys tell, and On-Demand reads it once: its
// user fields are read leniently, the first wrong type is kept in `deferred` (the value is still
// checked to be valid JSON), and it becomes the error only if the object turns out to be the
// profile.
struct UserState {
  explicit UserState(Account& a, bool soft = false) : acc(a), lenient(soft) {}
  Account& acc;
  bool lenient;
  std::optional<std::uint64_t> pk, pk_id, id, strong_id;  // ids in order of preference
  std::optional<bool> has_anonymous;
  std::optional<std::int64_t> reel_latest;
  std::optional<std::string> bio_link;  // first bio_links[].url
  bool saw_username = false;            // a `username` key, whatever its value
  bool saw_count = false;               // a profile count key (follower_count, edge_followed_by...)
  bool edge_counts = false;             // counts in the web_profile_info form {"count": N}
  bool legacy_counts = false;           // counts under the 2017 names (followed_by, follows, media)
  bool not_user = false;                // a non-user __typename (lenient objects only)
  std::optional<Error> deferred;
};

class Ingest : public detail::JsonReader {
 public:
  Ingest(const char* base, std::size_t len, od::document& doc, const SourceInfo& source)
      : JsonReader(base, len, doc, source) {}

  // Parses the whole document into page_; false with error_ set on any problem.
  bool Run();

  Page& page() { return page_; }

 private:
  // -- readers beyond json_read.h's; each consumes the value completely
  bool ReadInt(od::value& v, std::string_view field, std::optional<std::int64_t>* out) {
    return JsonReader::ReadInt(v, field, out, IntMode::kStrict);
  }
  bool ReadId(od::value& v, std::string_view field, std::optional<std::uint64_t>* out) { return ReadPk(v, field, out); }
  bool ReadCursor(od::value& v, std::string_view field, std::optional<std::string>* out) {
    return JsonReader::ReadCursor(v, field, out, /*lenient=*/false);
  }
  bool ReadCount(od::value& v, std::string_view field, std::optional<std::uint64_t>* out);
  // A user field read: true when it succeeded, or when `st` is lenient and it failed only on a
  // value's type (then kept as st.deferred; the value was consumed and checked).
  bool Soft(bool ok, UserState& st) { return JsonReader::Soft(ok, st.lenient, &st.deferred); }

  // -- shapes
  bool Container(od::object& obj, Where where, ListKind implied, int depth, UserState* profile = nullptr);
  bool ListField(od::value& v, std::string_view key, Where where, ListKind implied, int depth,
                 UserState* profile = nullptr);
  bool Users(od::value& v, std::string_view field, PayloadShape shape, ListKind implied, int depth);
  bool Edges(od::value& v, PayloadShape shape, ListKind implied, int depth);
  /// `bare`: the array is the document's root, which only its first element shows to be a DYI
  /// export (else the document is of an unknown shape).
  bool DyiList(od::array& arr, int depth, bool bare = false);
  bool Connections(od::value& v, std::string_view key, int depth);
  bool User(od::value& v, Account& acc, int depth);
  bool UserField(od::value& v, std::string_view key, Field field, UserState& st, int depth);
  void FinishUser(UserState& st);
  bool Reel(od::value& v, UserState& st, int depth);
  bool EdgeCount(od::value& v, std::string_view field, std::optional<std::uint64_t>* count, UserState& st, int depth);
  bool BioLinks(od::value& v, UserState& st, int depth);
  bool ProfileUser(od::value& v, PayloadShape shape, int depth);
  bool GraphqlRoot(od::value& v, int depth);
  bool AmbiguousObject(od::value& v, std::string_view key, int depth);
  void AcceptProfile(Account&& acc, PayloadShape shape);
  bool PageInfo(od::value& v, std::optional<std::string>* cursor, std::optional<bool>* has_next, int depth) {
    return ReadPageInfo(v, cursor, has_next, depth, /*lenient=*/false);
  }
  /// `unknown` (the first element of a bare root array only): set, instead of failing, when the
  /// object has none of the DYI keys.
  bool DyiEntry(od::value& v, Account& acc, std::optional<std::int64_t>* listed_at, int depth,
                std::optional<Error>* unknown = nullptr);
  bool StringListData(od::value& v, std::optional<std::string_view>* value, std::optional<std::string_view>* href,
                      std::optional<std::int64_t>* ts, int depth);
  void NoteTopKey(std::string_view key);

  // Starts a list: sets shape and list kind (the first list in a document wins).
  void BeginList(PayloadShape shape, ListKind implied) {
    have_list_ = true;
    list_container_ = current_container_;
    page_.shape = shape;
    page_.list = source_.list != ListKind::kUnknown ? source_.list : implied;
  }
  Account& NewAccount() { return page_.accounts.emplace_back(); }
  void AddSighting(Account& acc, std::optional<std::int64_t> listed_at) {
    Sighting& s = acc.sightings.emplace_back();
    s.list = page_.list;
    s.owner = source_.owner;
    s.position = source_.first_position + static_cast<std::uint32_t>(page_.accounts.size() - 1);
    s.seen_at = source_.seen_at;
    s.listed_at = listed_at;
  }

  Page page_;
  bool have_list_ = false;
  int current_container_ = 0;  // id of the Container() being read, to tie a cursor to its list
  int list_container_ = -1;
  int container_count_ = 0;
  bool xdt_hint_ = false;  // alias keys or XDT __typename seen in a user object
  bool last_user_legacy_counts_ = false;  // the last User() read counts under the 2017 names
  std::optional<Error> bare_unknown_;     // a root array that is no DYI export (raised after the checks)
  unsigned connection_sections_ = 0;      // connections.json sections read: 1 followers, 2 following
  detail::KeyNotes top_keys_;  // for the unknown-shape message
};

bool Ingest::ReadCount(od::value& v, std::string_view field, std::optional<std::uint64_t>* out) {
  detail::IdToken count;  // read like an id: a non-negative number or digits; "" shows no count
  if (!ReadIdToken(v, field, "a non-negative integer", "a non-negative integer", &count)) return false;
  std::uint64_t n = count.number;
  if (count.kind == detail::IdToken::kNone) {
    out->reset();
    return true;
  }
  if (count.kind == detail::IdToken::kText && !ParseDecimal(count.text, &n)) {
    return FailType(v, "a non-negative integer", field);
  }
  *out = n;
  return true;
}

void Ingest::NoteTopKey(std::string_view key) {
  if (!have_list_) top_keys_.Note(key);
}

bool Ingest::Container(od::object& obj, Where where, ListKind implied, int depth, UserState* profile) {
  // Cursor fields may come before or after the list: keep them until the object ends.
  std::optional<std::string> cursor;
  std::optional<bool> has_more;
  const int id = ++container_count_;
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& v = f.value();
    if (where == Where::kTop) NoteTopKey(key);

    const bool cursor_here = where != Where::kLegacyUser;
    if (cursor_here && where != Where::kLegacyEdge && key == "next_max_id") {
      if (!ReadCursor(v, key, &cursor)) return false;
      continue;
    }
    if (cursor_here && where != Where::kLegacyEdge && key == "has_more") {
      if (!ReadBool(v, key, &has_more)) return false;
      continue;
    }
    if (cursor_here && where != Where::kTop && key == "page_info") {
      if (!PageInfo(v, &cursor, &has_more, depth + 1)) return false;
      continue;
    }

    if (profile != nullptr) {
      // An object under `data` that may be a profile user: read its user fields too.
      if (where == Where::kLegacyEdge) {
        if (key == "count") {  // data.user.edge_followed_by.count: the user's own count
          profile->saw_count = profile->edge_counts = true;
          const bool follow = implied == ListKind::kFollowing;
          std::optional<std::uint64_t>* count = follow ? &profile->acc.following_count : &profile->acc.follower_count;
          if (!Soft(ReadCount(v, follow ? "edge_follow.count" : "edge_followed_by.count", count), *profile))
            return false;
          continue;
        }
      } else {
        bool alias = false;
        const Field field = Classify(key, &alias);
        if (field != Field::kNone) {
          // data.user.edge_followed_by / edge_follow objects may also hold the legacy list.
          bool list_capable =
              where == Where::kLegacyUser && !alias && (field == Field::kEdgeFollowedBy || field == Field::kEdgeFollow);
          if (list_capable) {
            od::json_type type{};
            if (auto e = v.type().get(type)) return FailJsonAt(e, v);
            list_capable = type == od::json_type::object;
          }
          if (list_capable) {
            profile->saw_count = profile->edge_counts = true;
          } else {
            if (!UserField(v, key, field, *profile, depth)) return false;
            continue;
          }
        }
      }
    }

    current_container_ = id;
    if (!ListField(v, key, where, implied, depth + 1, profile)) return false;
  }
  if (list_container_ == id) {
    // `has_more: false` / `has_next_page: false` wins over a leftover cursor.
    if (has_more == false) cursor.reset();
    page_.next_cursor = std::move(cursor);
  }
  return true;
}

// One field of a container that is not a cursor: a list, a nested container, or ignored.
bool Ingest::ListField(od::value& v, std::string_view key, Where where, ListKind implied, int depth,
                       UserState* profile) {
  if (depth > kMaxDepth) return Validate(v, depth);
  od::json_type type{};
  if (auto e = v.type().get(type)) return FailJsonAt(e, v);
  const bool is_object = type == od::json_type::object;
  switch (where) {
    case Where::kTop:
      if (key == "users") return Users(v, key, PayloadShape::kFriendshipsV1, ListKind::kUnknown, depth);
      if (key == "relationships_following" || key == "relationships_followers") {
        if (have_list_ || type == od::json_type::null) return Validate(v, depth);
        if (type != od::json_type::array) return FailWrongType(v, "an array", key);
        od::array arr;
        if (auto e = v.get_array().get(arr)) return FailJson(e);
        const bool following = key == "relationships_following";
        BeginList(following ? PayloadShape::kDyiFollowing : PayloadShape::kDyiFollowers,
                  following ? ListKind::kFollowing : ListKind::kFollowers);
        return DyiList(arr, depth);
      }
      if ((key == "followers" || key == "following") && is_object) return Connections(v, key, depth);
      if (key == "data" && is_object) break;
      if (key == "user" && is_object) return ProfileUser(v, PayloadShape::kUserInfo, depth);
      if (key == "graphql" && is_object) return GraphqlRoot(v, depth);
      return Validate(v, depth);
    case Where::kData:
    case Where::kDataChild:
      if (key == "users") return Users(v, key, PayloadShape::kGraphqlXdt, ListKind::kUnknown, depth);
      if (key == "edges") return Edges(v, PayloadShape::kGraphqlXdt, ListKind::kUnknown, depth);
      // Search one level below `data`; comment connections hold comments, not accounts.
      if (where == Where::kData && is_object && key.find("comment") == std::string_view::npos) {
        return AmbiguousObject(v, key, depth);
      }
      return Validate(v, depth);
    case Where::kLegacyUser:
      if (is_object && (key == "edge_followed_by" || key == "edge_follow")) break;
      return Validate(v, depth);
    case Where::kLegacyEdge:
      if (key == "edges") return Edges(v, PayloadShape::kGraphqlEdgeLegacy, implied, depth);
      return Validate(v, depth);
  }
  // A nested container.
  od::object child;
  if (auto e = v.get_object().get(child)) return FailJson(e);
  switch (where) {
    case Where::kTop:
      return Container(child, Where::kData, ListKind::kUnknown, depth);
    case Where::kLegacyUser:
      return Container(child, Where::kLegacyEdge, key == "edge_follow" ? ListKind::kFollowing : ListKind::kFollowers,
                       depth, profile);
    default:
      return Validate(v, depth);  // not reached: other places never break out above
  }
}

bool Ingest::Users(od::value& v, std::string_view field, PayloadShape shape, ListKind implied, int depth) {
  od::json_type type{};
  if (auto e = v.type().get(type)) return FailJsonAt(e, v);
  if (type == od::json_type::null) return ConsumeNull(v);
  if (type != od::json_type::array) return FailWrongType(v, "an array", field);
  if (have_list_) return Validate(v, depth);  // the first list in a document wins
  od::array arr;
  if (auto e = v.get_array().get(arr)) return FailJson(e);
  BeginList(shape, implied);
  for (auto er : arr) {
    od::value el;
    if (auto e = std::move(er).get(el)) return FailJson(e);
    od::json_type et{};
    if (auto e = el.type().get(et)) return FailJsonAt(e, el);
    if (et != od::json_type::object) {
      return FailWrongType(el, std::string("expected an object in \"") + std::string(field) + "\"");
    }
    Account& acc = NewAccount();
    if (!User(el, acc, depth + 1)) return false;
    AddSighting(acc, std::nullopt);
  }
  // Alias keys and XDTUserDict mark the GraphQL flavour of the same top-level {"users": [...]}.
  if (shape == PayloadShape::kFriendshipsV1 && xdt_hint_) page_.shape = PayloadShape::kGraphqlXdt;
  return true;
}

bool Ingest::Edges(od::value& v, PayloadShape shape, ListKind implied, int depth) {
  od::json_type type{};
  if (auto e = v.type().get(type)) return FailJsonAt(e, v);
  if (type == od::json_type::null) return ConsumeNull(v);
  if (type != od::json_type::array) return FailWrongType(v, "an array", "edges");
  if (have_list_) return Validate(v, depth);
  od::array arr;
  if (auto e = v.get_array().get(arr)) return FailJson(e);
  BeginList(shape, implied);
  for (auto er : arr) {
    od::value edge;
    if (auto e = std::move(er).get(edge)) return FailJson(e);
    od::json_type et{};
    if (auto e = edge.type().get(et)) return FailJsonAt(e, edge);
    if (et != od::json_type::object) return FailWrongType(edge, "expected an object in \"edges\"");
    const std::uint64_t edge_offset = OffsetOf(edge.raw_json_token().data());
    od::object obj;
    if (auto e = edge.get_object().get(obj)) return FailJson(e);
    bool have_node = false;
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return FailJson(e);
      std::string_view key;
      if (!Key(f, &key)) return false;
      od::value& fv = f.value();
      if (key == "node" && !have_node) {
        od::json_type nt{};
        if (auto e = fv.type().get(nt)) return FailJsonAt(e, fv);
        if (nt != od::json_type::object) return FailWrongType(fv, "an object", "node");
        have_node = true;
        Account& acc = NewAccount();
        if (!User(fv, acc, depth + 2)) return false;
        AddSighting(acc, std::nullopt);
      } else if (!Validate(fv, depth + 2)) {
        return false;
      }
    }
    if (!have_node) return Fail(ErrorCode::kUnexpectedType, edge_offset, "expected \"node\" in an edge");
  }
  return true;
}

bool Ingest::Reel(od::value& v, UserState& st, int depth) {
  od::json_type type{};
  if (auto e = v.type().get(type)) return FailJsonAt(e, v);
  if (type != od::json_type::object) return Validate(v, depth);
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    if (key == "latest_reel_media") {
      if (!Soft(ReadInt(fv, key, &st.reel_latest), st)) return false;
    } else if (!Validate(fv, depth + 1)) {
      return false;
    }
  }
  return true;
}

// {"count": N, ...} of web_profile_info (`edges` there hold media or mutual followers: skipped).
bool Ingest::EdgeCount(od::value& v, std::string_view field, std::optional<std::uint64_t>* count, UserState& st,
                       int depth) {
  od::json_type type{};
  if (auto e = v.type().get(type)) return FailJsonAt(e, v);
  if (type == od::json_type::null) return ConsumeNull(v);
  if (type != od::json_type::object) return Soft(FailWrongType(v, "an object", field), st);
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    if (key == "count") {
      const std::string name = std::string(field) + ".count";  // errors name "edge_follow.count"
      if (!Soft(ReadCount(fv, name, count), st)) return false;
    } else if (!Validate(fv, depth + 1)) {
      return false;
    }
  }
  return true;
}

// bio_links: [{"url": ..., "title": ..., "link_type": ...}]; the first non-empty url is kept.
bool Ingest::BioLinks(od::value& v, UserState& st, int depth) {
  od::json_type type{};
  if (auto e = v.type().get(type)) return FailJsonAt(e, v);
  if (type == od::json_type::null) return ConsumeNull(v);
  if (type != od::json_type::array) return Soft(FailWrongType(v, "an array", "bio_links"), st);
  od::array arr;
  if (auto e = v.get_array().get(arr)) return FailJson(e);
  for (auto er : arr) {
    od::value el;
    if (auto e = std::move(er).get(el)) return FailJson(e);
    od::json_type et{};
    if (auto e = el.type().get(et)) return FailJsonAt(e, el);
    if (et != od::json_type::object) {
      if (!Soft(FailWrongType(el, "expected an object in \"bio_links\""), st)) return false;
      continue;
    }
    od::object obj;
    if (auto e = el.get_object().get(obj)) return FailJson(e);
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return FailJson(e);
      std::string_view key;
      if (!Key(f, &key)) return false;
      od::value& fv = f.value();
      if (key == "url") {
        std::optional<std::string_view> url;
        const bool ok = ReadString(fv, key, &url);
        if (!Soft(ok, st)) return false;
        if (ok && url && !st.bio_link && !Trim(*url).empty()) st.bio_link.emplace(Trim(*url));
      } else if (!Validate(fv, depth + 2)) {
        return false;
      }
    }
  }
  return true;
}

bool Ingest::UserField(od::value& fv, std::string_view key, Field field, UserState& st, int depth) {
  Account& acc = st.acc;
  std::optional<std::string_view> s;
  bool ok = true;
  switch (field) {
    case Field::kPk:
      return Soft(ReadId(fv, key, &st.pk), st);
    case Field::kPkId:
      return Soft(ReadId(fv, key, &st.pk_id), st);
    case Field::kId:
      return Soft(ReadId(fv, key, &st.id), st);
    case Field::kStrongId:
      return Soft(ReadId(fv, key, &st.strong_id), st);
    case Field::kUsername:
      st.saw_username = true;
      ok = ReadString(fv, key, &s);
      if (ok) acc.username = s ? std::string(Trim(*s)) : std::string();
      return Soft(ok, st);
    case Field::kFullName:
      ok = ReadString(fv, key, &s);
      if (ok) acc.full_name = s ? std::optional<std::string>(CleanText(*s)) : std::nullopt;
      return Soft(ok, st);
    case Field::kIsPrivate:
      return Soft(ReadBool(fv, key, &acc.is_private), st);
    case Field::kIsVerified:
      return Soft(ReadBool(fv, key, &acc.is_verified), st);
    case Field::kHasAnonymous:
      return Soft(ReadBool(fv, key, &st.has_anonymous), st);
    case Field::kPicId:
      ok = ReadString(fv, key, &s);
      if (ok) acc.profile_pic_id = s ? std::optional<std::string>(*s) : std::nullopt;
      return Soft(ok, st);
    case Field::kPicUrl:
      ok = ReadString(fv, key, &s);
      if (ok) acc.profile_pic_url = s ? std::optional<std::string>(*s) : std::nullopt;
      return Soft(ok, st);
    case Field::kLatestReel:
      return Soft(ReadInt(fv, key, &acc.latest_reel_media), st);
    case Field::kReel:
      return Reel(fv, st, depth + 1);
    case Field::kTypename: {
      ok = ReadString(fv, key, &s);
      if (!ok) return Soft(false, st);
      if (!s) return true;
      const bool user_type = s->find("User") != std::string_view::npos;
      const bool typed = StartsWith(*s, "XDT") || StartsWith(*s, "Graph");
      if (st.lenient) {
        if (typed && !user_type) st.not_user = true;  // a connection or comment object, not a user
        return true;
      }
      if (user_type && StartsWith(*s, "XDT")) xdt_hint_ = true;
      if (!user_type && typed) {
        return Fail(ErrorCode::kUnknownShape, OffsetOf(fv.raw_json_token().data()),
                    "expected user objects, found __typename \"" + std::string(s->substr(0, 40)) + "\"");
      }
      return true;
    }
    case Field::kBiography:
      ok = ReadString(fv, key, &s);
      if (ok) acc.biography = s ? std::optional<std::string>(CleanText(*s)) : std::nullopt;
      return Soft(ok, st);
    case Field::kExternalUrl:
      ok = ReadString(fv, key, &s);
      if (ok) acc.external_url = s ? std::optional<std::string>(Trim(*s)) : std::nullopt;
      return Soft(ok, st);
    case Field::kBioLinks:
      return BioLinks(fv, st, depth + 1);
    case Field::kFollowerCount:
      st.saw_count = true;
      return Soft(ReadCount(fv, key, &acc.follower_count), st);
    case Field::kFollowingCount:
      st.saw_count = true;
      return Soft(ReadCount(fv, key, &acc.following_count), st);
    case Field::kMediaCount:
      st.saw_count = true;
      return Soft(ReadCount(fv, key, &acc.media_count), st);
    case Field::kEdgeFollowedBy:
      st.saw_count = st.edge_counts = true;
      return EdgeCount(fv, key, &acc.follower_count, st, depth + 1);
    case Field::kEdgeFollow:
      st.saw_count = st.edge_counts = true;
      return EdgeCount(fv, key, &acc.following_count, st, depth + 1);
    case Field::kEdgeMedia:
      st.saw_count = st.edge_counts = true;
      return EdgeCount(fv, key, &acc.media_count, st, depth + 1);
    case Field::kIsBusiness:
      return Soft(ReadBool(fv, key, &acc.is_business), st);
    case Field::kIsProfessional:
      return Soft(ReadBool(fv, key, &acc.is_professional), st);
    case Field::kJoinedRecently:
      return Soft(ReadBool(fv, key, &acc.is_joined_recently), st);
    case Field::kLegacyFollowedBy:
    case Field::kLegacyFollows:
    case Field::kLegacyMedia: {
      // Only the {"count": N} object is the 2017 count; these names mean other things elsewhere.
      od::json_type type{};
      if (auto e = fv.type().get(type)) return FailJsonAt(e, fv);
      if (type != od::json_type::object) return Validate(fv, depth + 1);
      st.saw_count = st.edge_counts = st.legacy_counts = true;
      std::optional<std::uint64_t>* count = field == Field::kLegacyFollowedBy ? &acc.follower_count
                                            : field == Field::kLegacyFollows  ? &acc.following_count
                                                                              : &acc.media_count;
      return EdgeCount(fv, key, count, st, depth + 1);
    }
    case Field::kNone:
      return Validate(fv, depth + 1);
  }
  return Validate(fv, depth + 1);
}

void Ingest::FinishUser(UserState& st) {
  Account& acc = st.acc;
  // Ids in order of preference; all are the same number when several are present.
  acc.pk = st.pk ? st.pk : st.pk_id ? st.pk_id : st.id ? st.id : st.strong_id;
  if (!acc.latest_reel_media) acc.latest_reel_media = st.reel_latest;
  if (st.has_anonymous) {
    acc.anonymous_avatar = st.has_anonymous;
  } else if (acc.profile_pic_url) {
    acc.anonymous_avatar = AnonymousAvatarFromUrl(*acc.profile_pic_url);
  }
  // Newer profiles list their links in bio_links; external_url is then null or the first one.
  if ((!acc.external_url || acc.external_url->empty()) && st.bio_link) acc.external_url = std::move(st.bio_link);
}

bool Ingest::User(od::value& v, Account& acc, int depth) {
  const std::uint64_t offset = OffsetOf(v.raw_json_token().data());
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  UserState st(acc);
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    bool alias = false;
    const Field field = Classify(key, &alias);
    if (alias) xdt_hint_ = true;
    if (!UserField(f.value(), key, field, st, depth)) return false;
  }
  FinishUser(st);
  last_user_legacy_counts_ = st.legacy_counts;
  if (!acc.pk && acc.username.empty()) {
    return Fail(ErrorCode::kUnexpectedType, offset, "user without pk or username");
  }
  return true;
}

void Ingest::AcceptProfile(Account&& acc, PayloadShape shape) {
  // The page is this one account; an empty list met on the way (`edges: []`) is dropped.
  have_list_ = true;
  list_container_ = -1;  // no cursor belongs to a profile
  page_.shape = shape;
  page_.list = source_.list;
  page_.next_cursor.reset();
  page_.accounts.clear();
  page_.accounts.push_back(std::move(acc));
  if (source_.list != ListKind::kUnknown) AddSighting(page_.accounts.back(), std::nullopt);
}

// `user` at the top (user_info) or under `graphql` (older profile page): always a profile user.
bool Ingest::ProfileUser(od::value& v, PayloadShape shape, int depth) {
  if (have_list_) return Validate(v, depth);  // the first list or profile in a document wins
  Account acc;
  if (!User(v, acc, depth)) return false;
  AcceptProfile(std::move(acc), last_user_legacy_counts_ ? PayloadShape::kProfilePage2017 : shape);
  return true;
}

bool Ingest::GraphqlRoot(od::value& v, int depth) {
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    od::json_type type{};
    if (auto e = fv.type().get(type)) return FailJsonAt(e, fv);
    if (key == "user" && type == od::json_type::object) {
      if (!ProfileUser(fv, PayloadShape::kProfilePageGraphql, depth + 1)) return false;
    } else if (!Validate(fv, depth + 1)) {
      return false;
    }
  }
  return true;
}

// `data.<key>`: a list container (XDT `users` / `edges`, legacy `data.user.edge_followed_by`) or
// a profile user (web_profile_info, GraphQL profile / hover card); its keys decide.
bool Ingest::AmbiguousObject(od::value& v, std::string_view key, int depth) {
  const std::uint64_t offset = OffsetOf(v.raw_json_token().data());
  const Where where = key == "user" ? Where::kLegacyUser : Where::kDataChild;
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  Account candidate;
  UserState st(candidate, /*soft=*/true);
  const bool had_page = have_list_;
  if (!Container(obj, where, ListKind::kUnknown, depth, &st)) return false;
  // A profile shows a username and at least one profile count.
  if (had_page || !st.saw_username || !st.saw_count || st.not_user) return true;
  if (have_list_ && !page_.accounts.empty()) return true;  // a user list inside it wins
  if (st.deferred) {
    error_ = std::move(*st.deferred);
    return false;
  }
  FinishUser(st);
  if (!candidate.pk && candidate.username.empty()) {
    return Fail(ErrorCode::kUnexpectedType, offset, "user without pk or username");
  }
  AcceptProfile(std::move(candidate), st.legacy_counts ? PayloadShape::kProfilePage2017
                                      : st.edge_counts ? PayloadShape::kWebProfileInfo
                                                       : PayloadShape::kGraphqlXdtProfile);
  return true;
}

bool Ingest::DyiList(od::array& arr, int depth, bool bare) {
  bool first = true;
  std::optional<Error> unknown;  // a bare array that is no DYI export: the rest is only checked
  for (auto er : arr) {
    od::value el;
    if (auto e = std::move(er).get(el)) return FailJson(e);
    if (unknown) {
      if (!Validate(el, depth + 1)) return false;
      continue;
    }
    od::json_type et{};
    if (auto e = el.type().get(et)) return FailJsonAt(e, el);
    if (et != od::json_type::object) {
      if (!(bare && first)) return FailWrongType(el, "expected an object in the DYI list");
      static const char* const kNames[] = {"values", "arrays", "objects", "numbers", "strings", "booleans", "nulls"};
      const auto index = static_cast<std::size_t>(et);
      unknown = Error{ErrorCode::kUnknownShape, source_.name, OffsetOf(el),
                      std::string("top-level array of ") + kNames[index < 7 ? index : 0] +
                          ": expected a DYI followers export (objects with \"title\" and \"string_list_data\") "
                          "or an object holding a list or profile"};
      if (!Validate(el, depth + 1)) return false;
      continue;
    }
    Account& acc = NewAccount();
    std::optional<std::int64_t> listed_at;
    if (!DyiEntry(el, acc, &listed_at, depth + 1, bare && first ? &unknown : nullptr)) return false;
    first = false;
    if (unknown) {
      page_.accounts.pop_back();
      continue;
    }
    AddSighting(acc, listed_at);
  }
  if (unknown) bare_unknown_ = std::move(unknown);
  return true;
}

// Unix seconds of an ISO-8601 time as DYI exports write it: "2019-04-12T17:21:08+00:00" (also
// "Z", "+0330", fractions of a second, or no zone = UTC). False on anything else.
bool ParseIsoTime(std::string_view s, std::int64_t* out) {
  const auto num = [&](std::size_t at, std::size_t len, int* v) {
    if (at + len > s.size()) return false;
    int n = 0;
    for (std::size_t i = at; i < at + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      n = n * 10 + (s[i] - '0');
    }
    *v = n;
    return true;
  };
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!num(0, 4, &year) || s.size() < 19 || s[4] != '-' || !num(5, 2, &month) || s[7] != '-' || !num(8, 2, &day) ||
      (s[10] != 'T' && s[10] != ' ') || !num(11, 2, &hour) || s[13] != ':' || !num(14, 2, &minute) || s[16] != ':' ||
      !num(17, 2, &second)) {
    return false;
  }
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t digits = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == digits) return false;
  }
  int offset_minutes = 0;
  if (i < s.size() && s[i] == 'Z') {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    const int sign = s[i] == '-' ? -1 : 1;
    int oh = 0, om = 0;
    if (!num(i + 1, 2, &oh)) return false;
    i += 3;
    if (i < s.size() && s[i] == ':') ++i;
    if (!num(i, 2, &om) || oh > 23 || om > 59) return false;
    i += 2;
    offset_minutes = sign * (oh * 60 + om);
  }
  if (i != s.size()) return false;
  // Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
  const int y = month <= 2 ? year - 1 : year;
  const int era = y / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
  *out = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  return true;
}

// DYI connections.json: {"<username>": "<ISO-8601 time>", ...} under "followers" / "following".
// Both sections join one page (each Sighting names its list); a section whose values are not
// all strings (or null) is some other payload's object and is ignored.
bool Ingest::Connections(od::value& v, std::string_view key, int depth) {
  const ListKind kind = key == "followers" ? ListKind::kFollowers : ListKind::kFollowing;
  const bool continuing = have_list_ && page_.shape == PayloadShape::kDyiConnections;
  const unsigned bit = kind == ListKind::kFollowers ? 1u : 2u;
  if ((have_list_ && !continuing) || (source_.list != ListKind::kUnknown && source_.list != kind) ||
      (connection_sections_ & bit) != 0) {
    return Validate(v, depth);  // another list came first, the caller wants the other list, or a repeated key
  }
  struct Entry {
    std::string username;
    std::optional<std::int64_t> time;
  };
  std::vector<Entry> entries;
  bool all_strings = true;
  std::optional<Error> problem;  // raised only if the section is a connections list
  const bool ok = ForEachField(v, [&](std::string_view name, od::value& fv) {
    od::json_type type{};
    if (!Type(fv, &type)) return false;
    if (type != od::json_type::string && type != od::json_type::null) {
      all_strings = false;
      return Validate(fv, depth + 1);
    }
    const std::uint64_t at = OffsetOf(fv);
    std::optional<std::string_view> when;
    if (!ReadString(fv, name, &when)) return false;
    Entry& e = entries.emplace_back();
    e.username = CleanText(Trim(name));
    std::int64_t t = 0;
    if (when && !Trim(*when).empty()) {
      if (ParseIsoTime(Trim(*when), &t)) {
        e.time = t;
      } else if (!problem) {
        problem = Error{ErrorCode::kUnexpectedType, source_.name, at,
                         "expected an ISO-8601 time (\"2019-04-12T17:21:08+00:00\") for \"" + std::string(key) + "\" entry \"" +
                             std::string(Trim(name).substr(0, 40)) + "\""};
      }
    }
    if (e.username.empty() && !problem) {
      problem = Error{ErrorCode::kUnexpectedType, source_.name, at, "empty username in \"" + std::string(key) + "\""};
    }
    return true;
  });
  if (!ok) return false;
  if (!all_strings) return true;
  if (problem) {
    error_ = std::move(*problem);
    return false;
  }
  connection_sections_ |= bit;
  if (!continuing) {
    have_list_ = true;
    list_container_ = -1;  // connections.json has no cursor
    page_.shape = PayloadShape::kDyiConnections;
    page_.list = kind;
  } else if (page_.list != kind) {
    page_.list = ListKind::kUnknown;  // both sections: each Sighting names its own list
  }
  std::uint32_t position = source_.first_position;
  for (Entry& e : entries) {
    Account& acc = NewAccount();
    acc.username = std::move(e.username);
    Sighting& s = acc.sightings.emplace_back();
    s.list = kind;
    s.owner = source_.owner;
    s.position = position++;
    s.seen_at = source_.seen_at;
    s.listed_at = e.time;
  }
  return true;
}

bool Ingest::StringListData(od::value& v, std::optional<std::string_view>* value, std::optional<std::string_view>* href,
                            std::optional<std::int64_t>* ts, int depth) {
  od::json_type type{};
  if (auto e = v.type().get(type)) return FailJsonAt(e, v);
  if (type == od::json_type::null) return ConsumeNull(v);
  if (type != od::json_type::array) return FailWrongType(v, "an array", "string_list_data");
  od::array arr;
  if (auto e = v.get_array().get(arr)) return FailJson(e);
  for (auto er : arr) {
    od::value el;
    if (auto e = std::move(er).get(el)) return FailJson(e);
    od::json_type et{};
    if (auto e = el.type().get(et)) return FailJsonAt(e, el);
    if (et != od::json_type::object) return FailWrongType(el, "expected an object in \"string_list_data\"");
    od::object obj;
    if (auto e = el.get_object().get(obj)) return FailJson(e);
    for (auto fr : obj) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return FailJson(e);
      std::string_view key;
      if (!Key(f, &key)) return false;
      od::value& fv = f.value();
      // The first item that carries a field wins (exports have one item per entry).
      std::optional<std::string_view> sv;
      std::optional<std::int64_t> n;
      if (key == "value") {
        if (!ReadString(fv, key, &sv)) return false;
        if (!*value && sv && !Trim(*sv).empty()) *value = sv;
      } else if (key == "href") {
        if (!ReadString(fv, key, &sv)) return false;
        if (!*href && sv && !sv->empty()) *href = sv;
      } else if (key == "timestamp") {
        if (!ReadInt(fv, key, &n)) return false;
        if (!*ts) *ts = n;
      } else if (!Validate(fv, depth + 2)) {
        return false;
      }
    }
  }
  return true;
}

bool Ingest::DyiEntry(od::value& v, Account& acc, std::optional<std::int64_t>* listed_at, int depth,
                      std::optional<Error>* unknown) {
  const bool bare = unknown != nullptr;
  const std::uint64_t offset = OffsetOf(v.raw_json_token().data());
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  std::optional<std::string_view> title, value, href;
  bool dyi_key = false;
  detail::KeyNotes keys;  // bare: the first keys, for the unknown-shape message
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    dyi_key = dyi_key || key == "title" || key == "string_list_data" || key == "media_list_data";
    if (bare) keys.Note(key);
    if (key == "title") {
      if (!ReadString(fv, key, &title)) return false;
    } else if (key == "string_list_data") {
      if (!StringListData(fv, &value, &href, listed_at, depth + 1)) return false;
    } else if (!Validate(fv, depth + 1)) {
      return false;
    }
  }
  // Older exports: username in `value`, title empty. Newer following.json: username in
  // `title` and in the href (`/_u/<name>`), no `value`.
  if (bare && !dyi_key) {
    *unknown = Error{ErrorCode::kUnknownShape, source_.name, offset,
                     "top-level array of objects without \"title\" or \"string_list_data\" (keys: " + keys.Or() +
                         "): expected a DYI followers export or an object holding a list or profile"};
    return true;
  }
  std::string_view name = value ? Trim(*value) : std::string_view();
  if (name.empty() && title) name = Trim(*title);
  if (name.empty() && href) name = Trim(UsernameFromHref(*href));
  if (name.empty()) return Fail(ErrorCode::kUnexpectedType, offset, "user without pk or username");
  acc.username = CleanText(name);
  return true;
}

bool Ingest::Run() {
  od::json_type type{};
  if (auto e = doc_.type().get(type)) return FailJson(e, 0);
  switch (type) {
    case od::json_type::object: {
      od::object obj;
      if (auto e = doc_.get_object().get(obj)) return FailJson(e);
      if (!Container(obj, Where::kTop, ListKind::kUnknown, 1)) return false;
      break;
    }
    case od::json_type::array: {
      od::array arr;
      if (auto e = doc_.get_array().get(arr)) return FailJson(e);
      BeginList(PayloadShape::kDyiFollowers, ListKind::kFollowers);
      if (!DyiList(arr, 1, /*bare=*/true)) return false;
      break;
    }
    default: {
      // A scalar root: check it first, so that "tru" is malformed and "42" an unknown shape.
      if (!CheckScalarRoot(type)) return false;
      static const char* const kNames[] = {"value", "array", "object", "number", "string", "boolean", "null"};
      const auto index = static_cast<std::size_t>(type);
      return Fail(ErrorCode::kUnknownShape, 0,
                  std::string("top-level ") + kNames[index < 7 ? index : 0] +
                      ": expected an object or array of a follower / following list or a profile");
    }
  }
  if (!doc_.at_end()) return FailJson(simdjson::TRAILING_CONTENT);
  if (bare_unknown_) {
    error_ = std::move(*bare_unknown_);
    return false;
  }
  if (!have_list_) {
    // Names every payload family the engine reads, so a user can tell which one a file is not.
    return Fail(ErrorCode::kUnknownShape, 0,
                "no \"users\", \"data.user.edge_followed_by\", \"relationships_following\", DYI "
                "\"followers\"/\"following\" object or array, or profile user (\"user\", \"graphql.user\", "
                "\"data.user\" with counts) found (top-level keys: " + top_keys_.Or() +
                    "); comment threads (\"comments\", \"edge_media_to_parent_comment\", "
                    "\"edge_media_to_comment\", \"xdt_api__v1__media__media_id__comments__connection\"), direct "
                    "inboxes (\"inbox.threads\", \"thread.items\") and activity feeds (\"new_stories\") are "
                    "read as such");
  }
  return true;
}
}  // namespace

Result<Page> ParseFollowerPage(std::string_view json, const SourceInfo& source) {
  Result<Page> page = detail::ParseWith<Ingest, Page>(json, source);
  // The activity feed is a list too, read by its own parser (activity.h); only a text that names
  // its keys is read twice.
  if (!page.ok() && page.error().code == ErrorCode::kUnknownShape &&
      json.find("_stories\"") != std::string_view::npos) {
    Result<Page> feed = ParseActivityFeed(json, source);
    if (feed.ok() || feed.error().code != ErrorCode::kUnknownShape) return feed;
  }
  return page;
}

}  // namespace swarmlens
