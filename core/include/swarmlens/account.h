// The account record: what a page showed about one account, and where it was seen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarmlens {

/// Which kind of list an account was seen in.
enum class ListKind : std::uint8_t {
  kUnknown,    ///< The caller did not say and the payload does not tell.
  kFollowers,  ///< The followers of `Sighting::owner`.
  kFollowing,  ///< The accounts `Sighting::owner` follows.
  /// The new followers `Sighting::owner`'s activity feed notified (newest first): the
  /// notifications, which a follow swarm floods, counted like a list.
  kNotifications,
};

/// Stable lower-case name: "unknown", "followers", "following", "notifications".
const char* ListKindName(ListKind kind) noexcept;
/// Parses a ListKindName; anything else gives kUnknown.
ListKind ParseListKind(std::string_view name) noexcept;

/// One appearance of an account in a list.
struct Sighting {
  ListKind list = ListKind::kUnknown;
  std::string owner;            ///< Username (or id) of the profile whose list this is; may be empty.
  std::uint32_t position = 0;   ///< 0-based position in the list (newest follow first on Instagram).
  std::int64_t seen_at = 0;     ///< Unix seconds when the page was received (caller's clock); 0 = unknown.
  std::optional<std::int64_t> listed_at;  ///< Unix seconds of the follow, when the payload carries it (DYI exports).
};

/// What the page showed about one account. Every field is optional: a field the payload did not
/// carry stays std::nullopt ("unknown") and contributes nothing to any score.
struct Account {
  std::optional<std::uint64_t> pk;          ///< Numeric Instagram id (`pk`, `pk_id`, `id`); grows with creation time.
  std::string username;                     ///< Lower-case handle without '@'; may be empty only if pk is set.
  std::optional<std::string> full_name;     ///< Display name as shown (UTF-8, mojibake repaired).
  std::optional<bool> is_private;
  std::optional<bool> is_verified;
  std::optional<bool> anonymous_avatar;     ///< Default silhouette (flag or default-avatar URL markers).
  std::optional<std::string> profile_pic_id;
  std::optional<std::string> profile_pic_url;
  std::optional<std::int64_t> latest_reel_media;  ///< Unix seconds of the newest story; 0 = no story.

  // Profile tier: known only when the page loaded the profile or its hover card.
  std::optional<std::uint64_t> media_count;      ///< Posts (`edge_owner_to_timeline_media.count`, `media_count`).
  std::optional<std::uint64_t> follower_count;   ///< `edge_followed_by.count`, `follower_count`.
  std::optional<std::uint64_t> following_count;  ///< `edge_follow.count`, `following_count`.
  std::optional<std::string> biography;
  std::optional<std::string> external_url;
  std::optional<bool> is_business;               ///< `is_business_account`.
  std::optional<bool> is_professional;           ///< `is_professional_account`.
  std::optional<bool> is_joined_recently;
  std::vector<Sighting> sightings;          ///< Where it was seen, in ingest order.
};

/// Merges what `update` knows into `into`: fields known in `update` overwrite, unknown ones keep
/// the old value, a sighting replaces the one of the same (list, owner) or is appended. Precondition: same account (same pk or same username).
void MergeAccount(Account& into, const Account& update);

}  // namespace swarmlens
