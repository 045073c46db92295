// The activity feed: the new-follower notifications of `/api/v1/news/inbox/` (the flood that
// buries an account's real notifications), read as a list of accounts, newest first, so the
// engine badges each follower and finds the swarms among them like in a follower list.
//
//   auto page = swarmlens::ParseActivityFeed(json, {.name = "news_inbox.json", .owner = "me"});
//   if (page.ok()) for (const swarmlens::Account& a : page.value().accounts) { /* a.username ... */ }
//
// ParseFollowerPage (and so Engine::Ingest, the CLI and the wasm `ingest`) reads this payload
// too, as PayloadShape::kActivityFeed.
#pragma once

#include <string_view>

#include "swarmlens/error.h"
#include "swarmlens/ingest.h"

namespace swarmlens {

/// Parses an activity feed {"new_stories":[...], "old_stories":[...]} into a Page of shape
/// kActivityFeed whose list is ListKind::kNotifications (SourceInfo::list overrides it). A story
/// is a new-follower notification when its `story_type` is 101 or its `args.notif_name` is
/// "user_followed"; other stories (likes, comments, mentions) are checked and skipped. Its
/// follower is `args.inline_follow.user_info` (a full account record) when sent, else
/// `args.profile_id` / `profile_name` / `profile_image`; the other `args.links` of type "user"
/// (an aggregated "3 people started following you") add accounts known by their id. Each account
/// appears once, with one Sighting: positions count from `first_position`, new stories first,
/// and `listed_at` is the story's `args.timestamp`. Never throws; errors as ParseFollowerPage's;
/// a document without `new_stories` / `old_stories` arrays gives ErrorCode::kUnknownShape.
Result<Page> ParseActivityFeed(std::string_view json, const SourceInfo& source = {});

}  // namespace swarmlens
