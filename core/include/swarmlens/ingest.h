// Ingest: the payloads the Instagram web app receives for follower / following lists and for
// profiles and their hover cards, and Meta's "Download your information" exports, parsed with
// simdjson On-Demand.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/account.h"
#include "swarmlens/error.h"

namespace swarmlens {

/// Which payload shape a text was recognised as.
enum class PayloadShape : std::uint8_t {
  kFriendshipsV1,       ///< REST `/api/v1/friendships/<id>/followers|following/`: {"users":[...], "next_max_id":...}
  kGraphqlXdt,          ///< GraphQL "XDT" user list: {"users":[{"__typename":"XDTUserDict",...}]} possibly under "data.*"
  kGraphqlEdgeLegacy,   ///< Legacy {"data":{"user":{"edge_followed_by"|"edge_follow":{"edges":[{"node":...}]}}}}
  kDyiFollowers,        ///< DYI `followers_1.json`: top-level array of {title, string_list_data:[{href,value,timestamp}]}
  kDyiFollowing,        ///< DYI `following.json`: {"relationships_following":[...]} (older: value, newer: title + /_u/ href)
  // Profile shapes: one account with profile-tier fields (counts, biography...), no list.
  /// `GET /api/v1/users/web_profile_info/?username=`: {"data":{"user":{..., "edge_followed_by":{"count":N}}}}
  kWebProfileInfo,
  /// Older profile page JSON: {"graphql":{"user":{...the keys of web_profile_info...}}}
  kProfilePageGraphql,
  /// `GET /api/v1/users/<id>/info/` (hover card): {"user":{"pk", "follower_count", ...}, "status":"ok"}
  kUserInfo,
  /// GraphQL profile / hover-card query: {"data":{"<key>":{"username", "follower_count"|"media_count"...}}}
  kGraphqlXdtProfile,
  /// The 2017 profile page (`/<name>/?__a=1`): {"user":{..., "followed_by":{"count":N},
  /// "follows":{"count":N}, "media":{"count":N, "nodes":[...]}}}
  kProfilePage2017,
  /// DYI `connections.json` (2019-2020 exports): {"followers":{"<username>":"<ISO-8601 time>"},
  /// "following":{...}, "blocked_users":{...}, ...}. Two lists in one page: each account's
  /// Sighting names its own list (followers or following) and carries the follow time.
  kDyiConnections,
  /// The activity feed `/api/v1/news/inbox/` {"new_stories":[...], "old_stories":[...]}: the
  /// new-follower notifications as a list (ListKind::kNotifications; activity.h).
  kActivityFeed,
};

/// True for the profile shapes (kWebProfileInfo, kProfilePageGraphql, kUserInfo,
/// kGraphqlXdtProfile, kProfilePage2017): their Page holds exactly one account.
bool IsProfileShape(PayloadShape shape) noexcept;

/// Stable lower-case name, e.g. "friendships_v1", "web_profile_info", "user_info".
const char* PayloadShapeName(PayloadShape shape) noexcept;

/// Where a text came from; copied into every Sighting of the page.
struct SourceInfo {
  std::string name;                     ///< File name or URL, used in error messages.
  /// Overrides what the payload implies when not kUnknown. A profile payload is no list: its
  /// account gets a Sighting only when this says one.
  ListKind list = ListKind::kUnknown;
  std::string owner;                    ///< Whose list this is; may be empty.
  std::int64_t seen_at = 0;             ///< Unix seconds the page was received; 0 = unknown.
  std::uint32_t first_position = 0;     ///< List position of the page's first account (pages after the first).
};

/// One parsed page.
struct Page {
  PayloadShape shape = PayloadShape::kFriendshipsV1;
  /// From SourceInfo, else implied by the shape (DYI, edge_follow...). kDyiConnections: the one
  /// list read, or kUnknown when both followers and following were (see each Sighting).
  ListKind list = ListKind::kUnknown;
  /// In payload order. List shapes: each carries one Sighting. Profile shapes: exactly one
  /// account, with no Sighting unless SourceInfo::list names a list.
  std::vector<Account> accounts;
  std::optional<std::string> next_cursor;  ///< `next_max_id` / `end_cursor` when the payload has more.
};

/// Parses one account payload: a follower / following list page, a DYI export, or a profile /
/// hover-card payload (see PayloadShape; the name is historical). Never throws; never returns
/// half a page: any malformed or truncated input yields an Error naming `source.name`, the byte
/// offset and what was expected. Unknown keys are ignored; every field is optional (null =
/// unknown; counts may be numbers or numeric strings). The first list or profile in a document
/// wins. Other payloads (comments, media) give ErrorCode::kUnknownShape, whose message names
/// the top-level keys found (keys only, never values). kDyiConnections: with SourceInfo::list
/// set, only that section is read (the other is checked and skipped); positions count from
/// `first_position` within each section.
Result<Page> ParseFollowerPage(std::string_view json, const SourceInfo& source = {});

/// Repairs UTF-8 text that was decoded as latin-1 and re-encoded ("Ã©" -> "é"), as in DYI exports.
/// Text that is not such mojibake is returned unchanged.
std::string RepairMojibake(std::string_view text);

/// True when a profile picture URL is Instagram's default silhouette (one of its known file
/// names: `44884218_345707102882519_2446069589734326272_n.jpg`, the pre-2019
/// `11906329_960233084022564_1448528159_a.jpg`, the 2025-26
/// `573323465_1219825463302212_7278921664109726296_n.png`, with or without a query; or the
/// `anonymous_profile_pic` cache key) or Facebook's (the `t1.30497-1` path class on fbcdn.net).
bool IsDefaultAvatarUrl(std::string_view url) noexcept;

/// What a profile picture URL says about the avatar, for every parser: true for the default
/// silhouette (IsDefaultAvatarUrl); false only where the URL tells a real picture: a Facebook
/// image file on fbcdn.net outside the silhouette path class, or an Instagram picture whose
/// `ig_cache_key` names an upload; nullopt otherwise. An Instagram picture file of another name
/// stays unknown: Instagram has changed its silhouette file before, and a new one looks like
/// any upload, so "unknown" is preferred to "has a picture".
std::optional<bool> AnonymousAvatarFromUrl(std::string_view url) noexcept;

}  // namespace swarmlens
