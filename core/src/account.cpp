#include "swarmlens/account.h"

namespace swarmlens {

const char* ListKindName(ListKind kind) noexcept {
  switch (kind) {
    case ListKind::kFollowers: return "followers";
    case ListKind::kFollowing: return "following";
    case ListKind::kNotifications: return "notifications";
    case ListKind::kUnknown: break;
  }
  return "unknown";
}

ListKind ParseListKind(std::string_view name) noexcept {
  if (name == "followers") return ListKind::kFollowers;
  if (name == "following") return ListKind::kFollowing;
  if (name == "notifications") return ListKind::kNotifications;
  return ListKind::kUnknown;
}

namespace {
template <class T>
void Take(std::optional<T>& into, const std::optional<T>& update) {
  if (update) into = update;
}
}  // namespace

void MergeAccount(Account& into, const Account& update) {
  Take(into.pk, update.pk);
  if (!update.username.empty()) into.username = update.username;
  Take(into.full_name, update.full_name);
  Take(into.is_private, update.is_private);
  Take(into.is_verified, update.is_verified);
  Take(into.anonymous_avatar, update.anonymous_avatar);
  Take(into.profile_pic_id, update.profile_pic_id);
  Take(into.profile_pic_url, update.profile_pic_url);
  Take(into.latest_reel_media, update.latest_reel_media);
  Take(into.media_count, update.media_count);
  Take(into.follower_count, update.follower_count);
  Take(into.following_count, update.following_count);
  Take(into.biography, update.biography);
  Take(into.external_url, update.external_url);
  Take(into.is_business, update.is_business);
  Take(into.is_professional, update.is_professional);
  Take(into.is_joined_recently, update.is_joined_recently);
  // One sighting per (list, owner): re-reading a page (scrolling back, a repeated request) updates
  // it instead of growing the record without bound.
  for (const Sighting& s : update.sightings) {
    bool merged = false;
    for (Sighting& old : into.sightings) {
      if (old.list == s.list && old.owner == s.owner) {
        old = s;
        merged = true;
        break;
      }
    }
    if (!merged) into.sightings.push_back(s);
  }
}

}  // namespace swarmlens
