// Direct messages: inbox / pending inbox / thread payloads -> DirectPage, with simdjson
// On-Demand (error-code API only) and the readers shared with the other parsers (json_read.h).
// A thread's keys come in any order (its `users` may follow its `items`), so items are kept
// until the thread object ends and resolved to their senders then. User records are read by the
// follower parser's user reader (account_records.h).
#include "swarmlens/direct.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// Thread and item ids are decimal numbers of up to ~40 digits (beyond 64 bits) or, in newer
// payloads, opaque tokens.
bool IsPlainId(std::string_view s) { return detail::IsPlainToken(s); }

// Unix seconds from a direct item's `timestamp`: microseconds as sent, but milliseconds and
// seconds are recognised by their size (2001-09-09 in any unit is past these bounds).
std::int64_t ToSeconds(std::int64_t t) {
  if (t >= 1000000000000000LL || t <= -1000000000000000LL) return t / 1000000;
  if (t >= 1000000000000LL || t <= -1000000000000LL) return t / 1000;
  return t;
}

class DirectParser : public detail::JsonReader {
 public:
  DirectParser(const char* base, std::size_t len, od::document& doc, const SourceInfo& source)
      : JsonReader(base, len, doc, source, {"input is empty: expected a JSON object"}) {}

  bool Run();
  DirectPage& page() { return page_; }

 private:
  // One message item as read, before its thread's users are known.
  struct Item {
    std::uint64_t offset = 0;
    std::optional<std::string> id;
    std::optional<std::uint64_t> user_id;
    std::optional<std::int64_t> timestamp;
    std::optional<std::string_view> type;
    std::optional<std::string_view> text;       // `text`, or a link item's `link.text`
  };

  bool Inbox(od::value& v, int depth);
  bool Thread(od::value& v, int depth, bool top);
  bool ThreadItem(od::value& v, Item* item, int depth);
  bool LinkText(od::value& v, std::optional<std::string_view>* text, int depth);
  bool Users(od::value& v, std::string_view field, bool single, std::vector<Account>* out, int depth);
  bool Viewer(od::value& v, int depth);
  // A thread or item id: digits of any length up to 128, or a plain token.
  bool ReadPlainId(od::value& v, std::string_view field, std::optional<std::string>* out);
  bool ReadCount(od::value& v, std::string_view field, std::optional<std::uint64_t>* out);

  DirectPage page_;
  bool have_inbox_ = false;
  bool have_thread_ = false;
  std::optional<std::uint64_t> viewer_;  // the top-level `viewer.pk`: the account holder
  detail::KeyNotes top_keys_;             // for the unknown-shape message
};

bool DirectParser::ReadPlainId(od::value& v, std::string_view field, std::optional<std::string>* out) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  out->reset();
  if (type == od::json_type::number) {
    // Kept as written: these ids exceed 64 bits, which a number parse would round.
    const std::string_view token = detail::TrimJsonSpace(v.raw_json_token());
    od::number num;
    if (auto e = v.get_number().get(num); e && e != simdjson::BIGINT_ERROR) return FailJsonAt(e, v);
    if (token.empty() || token.size() > 128 || token.find_first_not_of("0123456789") != std::string_view::npos) {
      return FailType(v, "a non-negative integer id", field);
    }
    *out = std::string(token);
    return true;
  }
  std::optional<std::string_view> s;
  if (!ReadString(v, field, &s)) return false;
  if (!s) return true;
  const std::string_view text = detail::TrimJsonSpace(*s);
  if (text.empty()) return true;
  if (!IsPlainId(text)) return FailType(v, "a plain id (digits or a token of A-Z a-z 0-9 _-:.=+/)", field);
  *out = std::string(text);
  return true;
}

bool DirectParser::ReadCount(od::value& v, std::string_view field, std::optional<std::uint64_t>* out) {
  std::optional<std::int64_t> n;
  if (!ReadInt(v, field, &n, IntMode::kStrict)) return false;
  if (n && *n < 0) return FailType(v, "a non-negative integer", field);
  if (n) *out = static_cast<std::uint64_t>(*n);
  return true;
}

// `users` (an array of user records) or `inviter` (one record): read by the follower parser's
// user reader over the raw text.
bool DirectParser::Users(od::value& v, std::string_view field, bool single, std::vector<Account>* out, int depth) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  if (type == od::json_type::null) return ConsumeNull(v);
  const od::json_type want = single ? od::json_type::object : od::json_type::array;
  if (type != want) return FailWrongType(v, single ? "an object" : "an array", field);
  if (depth > detail::kMaxJsonDepth) return Validate(v, depth);
  const std::uint64_t at = OffsetOf(v);
  std::string_view raw;
  if (auto e = v.raw_json().get(raw)) return FailJsonAt(e, v);
  return detail::ReadAccountRecords(raw, single, at, source_.name, out, &error_);
}

bool DirectParser::Viewer(od::value& v, int depth) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  if (type != od::json_type::object) return Validate(v, depth);
  std::optional<std::uint64_t> pk, pk_id, id;
  const bool ok = ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "pk") return ReadPk(fv, key, &pk);
    if (key == "pk_id") return ReadPk(fv, key, &pk_id);
    if (key == "id") return ReadPk(fv, key, &id);
    return Validate(fv, depth + 1);
  });
  if (!ok) return false;
  viewer_ = pk ? pk : pk_id ? pk_id : id;
  return true;
}

bool DirectParser::LinkText(od::value& v, std::optional<std::string_view>* text, int depth) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  if (type != od::json_type::object) return Validate(v, depth);
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    return key == "text" ? ReadString(fv, "link.text", text) : Validate(fv, depth + 1);
  });
}

bool DirectParser::ThreadItem(od::value& v, Item* item, int depth) {
  item->offset = OffsetOf(v);
  std::optional<std::string_view> link_text;
  const bool ok = ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "item_id") return ReadPlainId(fv, key, &item->id);
    if (key == "user_id") return ReadPk(fv, key, &item->user_id);
    if (key == "timestamp") return ReadInt(fv, key, &item->timestamp, IntMode::kLoose);
    if (key == "item_type") return ReadString(fv, key, &item->type);
    if (key == "text") return ReadString(fv, key, &item->text);
    if (key == "link") return LinkText(fv, &link_text, depth + 1);
    return Validate(fv, depth + 1);
  });
  if (!ok) return false;
  if (!item->text) item->text = link_text;
  return true;
}

bool DirectParser::Thread(od::value& v, int depth, bool top) {
  const std::uint64_t offset = OffsetOf(v);
  std::optional<std::string> thread_id;
  std::vector<Account> users;
  std::vector<Account> inviter;
  std::vector<Item> items;
  std::optional<bool> pending, has_older;
  std::optional<std::uint64_t> viewer_id;
  std::optional<std::string> cursor;
  const bool ok = ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "thread_id") return ReadPlainId(fv, key, &thread_id);
    if (key == "users") return Users(fv, key, /*single=*/false, &users, depth + 1);
    if (key == "inviter") return Users(fv, key, /*single=*/true, &inviter, depth + 1);
    if (key == "pending") return ReadBool(fv, key, &pending);
    if (key == "viewer_id") return ReadPk(fv, key, &viewer_id);
    if (key == "has_older") return ReadBool(fv, key, &has_older);
    if (key == "oldest_cursor") return ReadCursor(fv, key, &cursor, /*lenient=*/false);
    if (key != "items") return Validate(fv, depth + 1);
    od::json_type type{};
    if (!Type(fv, &type)) return false;
    if (type == od::json_type::null) return ConsumeNull(fv);
    if (type != od::json_type::array) return FailWrongType(fv, "an array", "items");
    return ForEachElement(fv, [&](od::value& el) {
      od::json_type et{};
      if (!Type(el, &et)) return false;
      if (et != od::json_type::object) return FailWrongType(el, "expected an object in \"items\"");
      return ThreadItem(el, &items.emplace_back(), depth + 2);
    });
  });
  if (!ok) return false;
  if (!thread_id) return Fail(ErrorCode::kUnexpectedType, offset, "thread without \"thread_id\"");
  const bool request = pending.value_or(false);
  ++page_.threads;
  page_.requests += request;
  if (top && has_older != false) page_.messages.next_cursor = std::move(cursor);
  const std::optional<std::uint64_t> self = viewer_id ? viewer_id : viewer_;
  for (const Item& item : items) {
    if (!item.id) return Fail(ErrorCode::kUnexpectedType, item.offset, "message without \"item_id\"");
    const bool text_item = item.type && (*item.type == "text" || *item.type == "link");
    if (!text_item || !item.text) continue;  // pictures, reels, likes, calls: no text to read
    if (item.user_id && self && *item.user_id == *self) continue;  // the account holder's own message
    Comment& c = page_.messages.comments.emplace_back();
    c.id = *item.id;
    c.text = std::string(*item.text);
    if (item.timestamp) c.created_at = ToSeconds(*item.timestamp);
    c.kind = request ? CommentKind::kMessageRequest : CommentKind::kMessage;
    c.thread_id = *thread_id;
    c.post = request ? std::string("direct:requests") : "direct:" + *thread_id;
    if (item.user_id) {
      c.author.pk = item.user_id;
      for (const std::vector<Account>* known : {&users, &inviter}) {
        for (const Account& a : *known) {
          if (a.pk == item.user_id) {
            c.author = a;
            break;
          }
        }
        if (!c.author.username.empty()) break;
      }
    }
  }
  return true;
}

bool DirectParser::Inbox(od::value& v, int depth) {
  std::optional<std::string> cursor;
  std::optional<bool> has_older;
  bool threads_seen = false;
  const bool ok = ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "oldest_cursor") return ReadCursor(fv, key, &cursor, /*lenient=*/false);
    if (key == "has_older") return ReadBool(fv, key, &has_older);
    if (key != "threads") return Validate(fv, depth + 1);
    od::json_type type{};
    if (!Type(fv, &type)) return false;
    if (type == od::json_type::null) return ConsumeNull(fv);
    if (type != od::json_type::array) return FailWrongType(fv, "an array", "inbox.threads");
    threads_seen = true;
    return ForEachElement(fv, [&](od::value& el) {
      od::json_type et{};
      if (!Type(el, &et)) return false;
      if (et != od::json_type::object) return FailWrongType(el, "expected an object in \"inbox.threads\"");
      return Thread(el, depth + 2, /*top=*/false);
    });
  });
  if (!ok) return false;
  if (threads_seen) {
    have_inbox_ = true;
    if (has_older != false) page_.messages.next_cursor = std::move(cursor);
  }
  return true;
}

bool DirectParser::Run() {
  od::json_type type{};
  if (auto e = doc_.type().get(type)) return FailJson(e, 0);
  if (type != od::json_type::object) return RejectNonObjectRoot(type, "an object holding \"inbox\" or \"thread\"");
  od::object obj;
  if (auto e = doc_.get_object().get(obj)) return FailJson(e);
  // The viewer may come after the threads: their own messages are dropped when it is known
  // before (the thread's `viewer_id` is the usual way).
  const bool ok = ForEachField(obj, [&](std::string_view key, od::value& fv) {
    top_keys_.Note(key);
    od::json_type t{};
    if (!Type(fv, &t)) return false;
    if (key == "viewer") return Viewer(fv, 2);
    if (key == "pending_requests_total") return ReadCount(fv, key, &page_.pending_requests_total);
    if (key == "inbox" && t == od::json_type::object && !have_inbox_ && !have_thread_) return Inbox(fv, 2);
    if (key == "thread" && t == od::json_type::object && !have_inbox_ && !have_thread_) {
      have_thread_ = true;
      return Thread(fv, 2, /*top=*/true);
    }
    return Validate(fv, 2);
  });
  if (!ok) return false;
  if (!doc_.at_end()) return FailJson(simdjson::TRAILING_CONTENT);
  if (!have_inbox_ && !have_thread_) {
    return Fail(ErrorCode::kUnknownShape, 0,
                "no direct inbox (\"inbox.threads\") or thread (\"thread\" with \"thread_id\") found (top-level keys: " +
                    top_keys_.Or() + ")");
  }
  page_.messages.shape = have_thread_ ? CommentShape::kDirectThread : CommentShape::kDirectInbox;
  return true;
}

}  // namespace

Result<DirectPage> ParseDirectPage(std::string_view json, const SourceInfo& source) {
  return detail::ParseWith<DirectParser, DirectPage>(json, source);
}

}  // namespace swarmlens
