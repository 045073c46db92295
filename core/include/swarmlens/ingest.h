// Ingest: the payloads the Instagram web app receives for follower / following lists, and
// Meta's "Download your information" exports, parsed with simdjson On-Demand.
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
};

/// Stable lower-case name, e.g. "friendships_v1".
const char* PayloadShapeName(PayloadShape shape) noexcept;

/// Where a text came from; copied into every Sighting of the page.
struct SourceInfo {
  std::string name;                     ///< File name or URL, used in error messages.
  ListKind list = ListKind::kUnknown;   ///< Overrides what the payload implies when not kUnknown.
  std::string owner;                    ///< Whose list this is; may be empty.
  std::int64_t seen_at = 0;             ///< Unix seconds the page was received; 0 = unknown.
  std::uint32_t first_position = 0;     ///< List position of the page's first account (pages after the first).
};

/// One parsed page.
struct Page {
  PayloadShape shape = PayloadShape::kFriendshipsV1;
  ListKind list = ListKind::kUnknown;   ///< From SourceInfo, else implied by the shape (DYI, edge_follow...).
  std::vector<Account> accounts;        ///< In payload order; each carries one Sighting.
  std::optional<std::string> next_cursor;  ///< `next_max_id` / `end_cursor` when the payload has more.
};

/// Parses one follower / following payload. Never throws; never returns half a page: any
/// malformed or truncated input yields an Error naming `source.name`, the byte offset and what
/// was expected. Unknown keys are ignored; every field is optional.
Result<Page> ParseFollowerPage(std::string_view json, const SourceInfo& source = {});

/// Repairs UTF-8 text that was decoded as latin-1 and re-encoded ("Ã©" -> "é"), as in DYI exports.
/// Text that is not such mojibake is returned unchanged.
std::string RepairMojibake(std::string_view text);

/// True when a profile picture URL is Instagram's default silhouette (known file name or the
/// `anonymous_profile_pic` cache key).
bool IsDefaultAvatarUrl(std::string_view url) noexcept;

}  // namespace swarmlens
