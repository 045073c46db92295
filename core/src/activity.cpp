// The activity feed's new-follower notifications -> Page, with simdjson On-Demand (error-code API
// only) and the shared readers (json_read.h); the follower records are read by the follower
// parser's user reader (account_records.h).
//
// The GraphQL form (PolarisActivityFeedStoriesViewQuery, variables {inbox_request_data,
// pending_request_data}) wraps the same stories as data.xdt_activity_inbox.{new_stories,
// old_stories}: so public clients of the 2026 web app read it (third-party code found with the
// search corpus reads `data["data"]["xdt_activity_inbox"]` and then its new_stories + old_stories).
#include "swarmlens/activity.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "account_records.h"
#include "json_read.h"
#include "simdjson.h"

namespace swarmlens {
namespace {

namespace od = detail::od;
using detail::error_code;
using detail::IntMode;

// Instagram's story type of "<name> started following you".
constexpr std::int64_t kNewFollowerStory = 101;

class FeedParser : public detail::JsonReader {
 public:
  FeedParser(const char* base, std::size_t len, od::document& doc, const SourceInfo& source)
      : JsonReader(base, len, doc, source, {"input is empty: expected a JSON object"}) {}

  bool Run();
  Page& page() { return page_; }

 private:
  // What one story names as its followers, in order (the main follower first).
  struct Story {
    std::optional<std::int64_t> story_type;
    std::optional<std::string_view> notif_name;
    std::optional<std::int64_t> timestamp;
    std::optional<std::uint64_t> profile_id;
    std::optional<std::string_view> profile_name, profile_image;
    std::vector<Account> user_info;          // inline_follow.user_info (0 or 1)
    std::vector<std::uint64_t> linked_users;  // links[] of type "user"
  };

  bool Stories(od::value& v, std::string_view field, std::vector<Story>* out, int depth);
  // The feed object: the document itself, or GraphQL's data.xdt_activity_inbox.
  bool Feed(od::value& v, std::vector<Story>* fresh, std::vector<Story>* old, int depth);
  bool StoryObject(od::value& v, Story* story, int depth);
  bool Args(od::value& v, Story* story, int depth);
  bool Links(od::value& v, Story* story, int depth);
  bool InlineFollow(od::value& v, Story* story, int depth);
  void Add(const Story& story);

  Page page_;
  std::unordered_set<std::uint64_t> seen_pks_;
  std::unordered_set<std::string> seen_names_;
  bool have_feed_ = false;
  detail::KeyNotes top_keys_;  // for the unknown-shape message
};

bool FeedParser::Links(od::value& v, Story* story, int depth) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  if (type == od::json_type::null) return ConsumeNull(v);
  if (type != od::json_type::array) return FailWrongType(v, "an array", "args.links");
  return ForEachElement(v, [&](od::value& link) {
    od::json_type lt{};
    if (!Type(link, &lt)) return false;
    if (lt != od::json_type::object) return FailWrongType(link, "expected an object in \"args.links\"");
    std::optional<std::string_view> kind;
    std::optional<std::uint64_t> id;
    const bool ok = ForEachField(link, [&](std::string_view key, od::value& fv) {
      if (key == "type") return ReadString(fv, "links[].type", &kind);
      if (key == "id") {
        // Links to hashtags or media carry other ids: only a user link's id is read as a pk.
        od::json_type it{};
        if (!Type(fv, &it)) return false;
        if (it != od::json_type::number && it != od::json_type::string) return Validate(fv, depth + 2);
        std::optional<std::string> token;
        if (!ReadCursor(fv, "links[].id", &token, /*lenient=*/false)) return false;
        std::uint64_t n = 0;
        if (token && detail::ParseDecimal(detail::TrimJsonSpace(*token), &n)) id = n;
        return true;
      }
      return Validate(fv, depth + 2);
    });
    if (ok && kind && *kind == "user" && id) story->linked_users.push_back(*id);
    return ok;
  });
}

bool FeedParser::InlineFollow(od::value& v, Story* story, int depth) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  if (type != od::json_type::object) return Validate(v, depth);  // null: no follow button
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    od::json_type t{};
    if (!Type(fv, &t)) return false;
    if (key != "user_info" || t == od::json_type::null) return Validate(fv, depth + 1);
    if (t != od::json_type::object) return FailWrongType(fv, "an object", "inline_follow.user_info");
    if (depth > detail::kMaxJsonDepth) return Validate(fv, depth + 1);
    const std::uint64_t at = OffsetOf(fv);
    std::string_view raw;
    if (auto e = fv.raw_json().get(raw)) return FailJsonAt(e, fv);
    story->user_info.clear();
    return detail::ReadAccountRecords(raw, /*single=*/true, at, source_.name, &story->user_info, &error_);
  });
}

bool FeedParser::Args(od::value& v, Story* story, int depth) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  if (type == od::json_type::null) return ConsumeNull(v);
  if (type != od::json_type::object) return FailWrongType(v, "an object", "args");
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "profile_id") return ReadPk(fv, "args.profile_id", &story->profile_id);
    if (key == "profile_name") return ReadString(fv, "args.profile_name", &story->profile_name);
    if (key == "profile_image") return ReadString(fv, "args.profile_image", &story->profile_image);
    if (key == "timestamp") return ReadInt(fv, "args.timestamp", &story->timestamp, IntMode::kLoose);
    if (key == "notif_name") return ReadString(fv, "args.notif_name", &story->notif_name);
    if (key == "links") return Links(fv, story, depth + 1);
    if (key == "inline_follow") return InlineFollow(fv, story, depth + 1);
    return Validate(fv, depth + 1);
  });
}

bool FeedParser::StoryObject(od::value& v, Story* story, int depth) {
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "story_type") return ReadInt(fv, key, &story->story_type, IntMode::kStrict);
    if (key == "args") return Args(fv, story, depth + 1);
    return Validate(fv, depth + 1);
  });
}

bool FeedParser::Stories(od::value& v, std::string_view field, std::vector<Story>* out, int depth) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  if (type == od::json_type::null) return ConsumeNull(v);
  if (type != od::json_type::array) return FailWrongType(v, "an array", field);
  have_feed_ = true;
  return ForEachElement(v, [&](od::value& el) {
    od::json_type et{};
    if (!Type(el, &et)) return false;
    if (et != od::json_type::object) return FailWrongType(el, std::string("expected an object in \"") + std::string(field) + "\"");
    Story story;
    if (!StoryObject(el, &story, depth + 1)) return false;
    const bool follow = story.story_type == kNewFollowerStory || (story.notif_name && *story.notif_name == "user_followed");
    if (follow) out->push_back(std::move(story));
    return true;
  });
}

// The followers one story names join the page once each, in order.
void FeedParser::Add(const Story& story) {
  std::vector<Account> accounts = story.user_info;
  if (accounts.empty() && (story.profile_id || story.profile_name)) {
    Account& a = accounts.emplace_back();
    a.pk = story.profile_id;
    if (story.profile_name) a.username = std::string(detail::TrimJsonSpace(*story.profile_name));
    if (story.profile_image && !story.profile_image->empty()) {
      a.profile_pic_url = std::string(*story.profile_image);
      a.anonymous_avatar = AnonymousAvatarFromUrl(*story.profile_image);
    }
    if (!a.pk && a.username.empty()) accounts.pop_back();
  }
  for (std::uint64_t pk : story.linked_users) {
    Account& a = accounts.emplace_back();
    a.pk = pk;
  }
  for (Account& a : accounts) {
    const bool dup = a.pk ? !seen_pks_.insert(*a.pk).second : !seen_names_.insert(a.username).second;
    if (dup) continue;
    if (a.pk && !a.username.empty()) seen_names_.insert(a.username);
    Sighting& s = a.sightings.emplace_back();
    s.list = page_.list;
    s.owner = source_.owner;
    s.position = source_.first_position + static_cast<std::uint32_t>(page_.accounts.size());
    s.seen_at = source_.seen_at;
    s.listed_at = story.timestamp;
    page_.accounts.push_back(std::move(a));
  }
}

bool FeedParser::Feed(od::value& v, std::vector<Story>* fresh, std::vector<Story>* old, int depth) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  if (type != od::json_type::object) return Validate(v, depth);
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    od::json_type t{};
    if (!Type(fv, &t)) return false;
    if (key != "xdt_activity_inbox" || t != od::json_type::object) return Validate(fv, depth + 1);
    return ForEachField(fv, [&](std::string_view k, od::value& sv) {
      if (k == "new_stories" && fresh->empty()) return Stories(sv, "xdt_activity_inbox.new_stories", fresh, depth + 2);
      if (k == "old_stories" && old->empty()) return Stories(sv, "xdt_activity_inbox.old_stories", old, depth + 2);
      return Validate(sv, depth + 2);
    });
  });
}

bool FeedParser::Run() {
  od::json_type type{};
  if (auto e = doc_.type().get(type)) return FailJson(e, 0);
  if (type != od::json_type::object) {
    return RejectNonObjectRoot(type, "an object holding \"new_stories\" or \"old_stories\"");
  }
  od::object obj;
  if (auto e = doc_.get_object().get(obj)) return FailJson(e);
  std::vector<Story> fresh, old;
  const bool ok = ForEachField(obj, [&](std::string_view key, od::value& fv) {
    top_keys_.Note(key);
    if (key == "new_stories" && fresh.empty()) return Stories(fv, key, &fresh, 1);
    if (key == "old_stories" && old.empty()) return Stories(fv, key, &old, 1);
    if (key == "data" && !have_feed_) return Feed(fv, &fresh, &old, 1);
    return Validate(fv, 1);
  });
  if (!ok) return false;
  if (!doc_.at_end()) return FailJson(simdjson::TRAILING_CONTENT);
  if (!have_feed_) {
    return Fail(ErrorCode::kUnknownShape, 0,
                "no activity feed (\"new_stories\", \"old_stories\", GraphQL \"data.xdt_activity_inbox\") found (top-level keys: " +
                    top_keys_.Or() + ")");
  }
  page_.shape = PayloadShape::kActivityFeed;
  page_.list = source_.list != ListKind::kUnknown ? source_.list : ListKind::kNotifications;
  for (const Story& s : fresh) Add(s);  // newest first, as the feed shows them
  for (const Story& s : old) Add(s);
  return true;
}

}  // namespace

Result<Page> ParseActivityFeed(std::string_view json, const SourceInfo& source) {
  return detail::ParseWith<FeedParser, Page>(json, source);
}

}  // namespace swarmlens
