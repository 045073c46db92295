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

// A GraphQL message id ("mid.$cAAB..."): a plain token that may also hold '$'.
bool IsMessageId(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s) {
    if (c != '$' && !detail::IsPlainToken(std::string_view(&c, 1))) return false;
  }
  return true;
}

// Message requests in the GraphQL forms: a thread filed in the pending (or spam) folder.
bool IsRequestFolder(std::string_view folder) { return folder == "PENDING" || folder == "SPAM"; }

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
    std::optional<std::string> sender_fbid;     // GraphQL: the sender's messaging id
    std::optional<std::string> thread_fbid;     // GraphQL: the node's own thread id
  };

  // One thread as read, either form, before its items become messages.
  struct ThreadData {
    std::uint64_t offset = 0;
    std::optional<std::string> thread_id;
    std::vector<Account> users;
    std::vector<std::pair<std::string, std::uint64_t>> fbids;  // messaging id -> pk (GraphQL)
    std::vector<Item> items;
    bool request = false;
    std::optional<std::uint64_t> viewer_id;
    std::optional<std::string> viewer_fbid;
    std::optional<std::string> cursor;  // older messages, when there are
  };

  bool Inbox(od::value& v, int depth);
  bool Thread(od::value& v, int depth, bool top);
  bool ThreadItem(od::value& v, Item* item, int depth);
  bool LinkText(od::value& v, std::optional<std::string_view>* text, int depth);
  bool Users(od::value& v, std::string_view field, bool single, std::vector<Account>* out, int depth);
  bool Viewer(od::value& v, int depth);
  // The messages of a thread, appended to the page (both forms).
  bool AddThread(const ThreadData& t, bool top);
  // GraphQL: data.<root>, a mailbox's threads_by_folder, a slide thread and its message nodes.
  bool Graphql(od::value& v, int depth);
  bool Mailbox(od::value& v, bool spam, int depth);
  bool SlideThread(od::value& v, ThreadData* t, bool holder, int depth);
  bool SlideUsers(od::value& v, ThreadData* t, int depth);
  bool SlideViewer(od::value& v, ThreadData* t, int depth);
  bool SlideMessages(od::value& v, ThreadData* t, int depth);
  bool SlideItem(od::value& v, Item* item, int depth);
  // A GraphQL id that may be a number or a string, kept as text ("" = none).
  bool ReadToken(od::value& v, std::string_view field, std::optional<std::string>* out);
  // A thread or item id: digits of any length up to 128, or a plain token.
  bool ReadPlainId(od::value& v, std::string_view field, std::optional<std::string>* out);
  bool ReadCount(od::value& v, std::string_view field, std::optional<std::uint64_t>* out);

  DirectPage page_;
  bool have_inbox_ = false;
  bool have_thread_ = false;
  std::optional<std::uint64_t> viewer_;  // the top-level `viewer.pk`: the account holder
  detail::KeyNotes top_keys_;             // for the unknown-shape message
  detail::KeyNotes data_keys_;            // GraphQL `data` keys, for the same message
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
  ThreadData t;
  t.offset = OffsetOf(v);
  std::vector<Account> inviter;
  std::optional<bool> pending, has_older;
  std::optional<std::string> cursor;
  const bool ok = ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "thread_id") return ReadPlainId(fv, key, &t.thread_id);
    if (key == "users") return Users(fv, key, /*single=*/false, &t.users, depth + 1);
    if (key == "inviter") return Users(fv, key, /*single=*/true, &inviter, depth + 1);
    if (key == "pending") return ReadBool(fv, key, &pending);
    if (key == "viewer_id") return ReadPk(fv, key, &t.viewer_id);
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
      return ThreadItem(el, &t.items.emplace_back(), depth + 2);
    });
  });
  if (!ok) return false;
  t.request = pending.value_or(false);
  for (Account& a : inviter) t.users.push_back(std::move(a));  // looked up after the users
  if (has_older != false) t.cursor = std::move(cursor);
  return AddThread(t, top);
}

bool DirectParser::AddThread(const ThreadData& t, bool top) {
  std::optional<std::string> thread_id = t.thread_id;
  if (!thread_id) {
    // A GraphQL message page may name its thread only in its nodes.
    for (const Item& item : t.items) {
      if (item.thread_fbid) {
        thread_id = item.thread_fbid;
        break;
      }
    }
  }
  if (!thread_id) return Fail(ErrorCode::kUnexpectedType, t.offset, "thread without \"thread_id\"");
  ++page_.threads;
  page_.requests += t.request;
  if (top) page_.messages.next_cursor = t.cursor;
  const std::optional<std::uint64_t> self = t.viewer_id ? t.viewer_id : viewer_;
  for (const Item& item : t.items) {
    if (!item.id) return Fail(ErrorCode::kUnexpectedType, item.offset, "message without \"item_id\"");
    const bool text_item = item.type && (*item.type == "text" || *item.type == "link" || *item.type == "TEXT");
    if (!text_item || !item.text) continue;  // pictures, reels, likes, calls: no text to read
    std::optional<std::uint64_t> sender = item.user_id;
    if (!sender && item.sender_fbid) {
      if (t.viewer_fbid && *item.sender_fbid == *t.viewer_fbid) continue;  // the account holder's own
      for (const auto& [fbid, pk] : t.fbids) {
        if (fbid == *item.sender_fbid) sender = pk;
      }
    }
    if (sender && self && *sender == *self) continue;  // the account holder's own message
    Comment& c = page_.messages.comments.emplace_back();
    c.id = *item.id;
    c.text = std::string(*item.text);
    if (item.timestamp) c.created_at = ToSeconds(*item.timestamp);
    c.kind = t.request ? CommentKind::kMessageRequest : CommentKind::kMessage;
    c.thread_id = *thread_id;
    c.post = t.request ? std::string("direct:requests") : "direct:" + *thread_id;
    if (sender) {
      c.author.pk = sender;
      for (const Account& a : t.users) {
        if (a.pk == sender) {
          c.author = a;
          break;
        }
      }
    }
  }
  return true;
}

// ---- GraphQL ----

bool DirectParser::ReadToken(od::value& v, std::string_view field, std::optional<std::string>* out) {
  std::optional<std::string> token;
  if (!ReadCursor(v, field, &token, /*lenient=*/false)) return false;
  out->reset();
  if (!token) return true;
  const std::string_view text = detail::TrimJsonSpace(*token);
  if (text.empty()) return true;
  if (!IsMessageId(text)) return FailType(v, "a plain id (digits or a token of A-Z a-z 0-9 _-:.=+/$)", field);
  *out = std::string(text);
  return true;
}

bool DirectParser::Graphql(od::value& v, int depth) {
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    data_keys_.Note(key);
    od::json_type t{};
    if (!Type(fv, &t)) return false;
    if (t != od::json_type::object) return Validate(fv, depth + 1);  // null: nothing to read
    if (key == "get_slide_mailbox_for_iris_subscription" || key == "get_slide_mailbox") {
      return Mailbox(fv, /*spam=*/false, depth + 1);
    }
    if (key == "spamMailbox") return Mailbox(fv, /*spam=*/true, depth + 1);
    if (key == "get_slide_thread_nullable" || key == "fetch__SlideThread") {
      ThreadData thread;
      thread.offset = OffsetOf(fv);
      if (!SlideThread(fv, &thread, /*holder=*/true, depth + 1)) return false;
      have_thread_ = true;
      return AddThread(thread, /*top=*/true);
    }
    return Validate(fv, depth + 1);
  });
}

bool DirectParser::Mailbox(od::value& v, bool spam, int depth) {
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key != "threads_by_folder") return Validate(fv, depth + 1);
    od::json_type type{};
    if (!Type(fv, &type)) return false;
    if (type == od::json_type::null) return ConsumeNull(fv);
    if (type != od::json_type::object) return FailWrongType(fv, "an object", "threads_by_folder");
    std::optional<std::string> cursor;
    std::optional<bool> has_next;
    const bool ok = ForEachField(fv, [&](std::string_view k, od::value& cv) {
      if (k == "page_info") return ReadPageInfo(cv, &cursor, &has_next, depth + 2, /*lenient=*/false);
      if (k != "edges") return Validate(cv, depth + 2);
      od::json_type et{};
      if (!Type(cv, &et)) return false;
      if (et == od::json_type::null) return ConsumeNull(cv);
      if (et != od::json_type::array) return FailWrongType(cv, "an array", "threads_by_folder.edges");
      have_inbox_ = true;
      return ForEachElement(cv, [&](od::value& edge) {
        od::json_type edt{};
        if (!Type(edge, &edt)) return false;
        if (edt != od::json_type::object) return FailWrongType(edge, "expected an object in \"threads_by_folder.edges\"");
        return ForEachField(edge, [&](std::string_view ek, od::value& node) {
          od::json_type nt{};
          if (!Type(node, &nt)) return false;
          if (ek != "node" || nt == od::json_type::null) return Validate(node, depth + 4);
          if (nt != od::json_type::object) return FailWrongType(node, "an object", "threads_by_folder.edges[].node");
          ThreadData thread;
          thread.offset = OffsetOf(node);
          thread.request = spam;
          if (!SlideThread(node, &thread, /*holder=*/true, depth + 4)) return false;
          return AddThread(thread, /*top=*/false);
        });
      });
    });
    if (!ok) return false;
    if (!spam && has_next != false) page_.messages.next_cursor = std::move(cursor);
    return true;
  });
}

// `holder`: an edge's node or a query root, whose `as_ig_direct_thread` is the thread.
bool DirectParser::SlideThread(od::value& v, ThreadData* t, bool holder, int depth) {
  std::optional<std::string> fbid, key_id;
  std::optional<std::string_view> folder;
  const bool ok = ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "as_ig_direct_thread" && holder) {
      od::json_type type{};
      if (!Type(fv, &type)) return false;
      if (type == od::json_type::null) return ConsumeNull(fv);
      if (type != od::json_type::object) return FailWrongType(fv, "an object", "as_ig_direct_thread");
      t->offset = OffsetOf(fv);
      return SlideThread(fv, t, /*holder=*/false, depth + 1);
    }
    if (key == "thread_id") return ReadPlainId(fv, key, &t->thread_id);
    if (key == "thread_fbid") return ReadPlainId(fv, key, &fbid);
    if (key == "thread_key") return ReadPlainId(fv, key, &key_id);
    if (key == "folder") return ReadString(fv, key, &folder);
    if (key == "viewer_id") return ReadPk(fv, key, &t->viewer_id);
    if (key == "viewer") return SlideViewer(fv, t, depth + 1);
    if (key == "users") return SlideUsers(fv, t, depth + 1);
    if (key == "slide_messages") return SlideMessages(fv, t, depth + 1);
    return Validate(fv, depth + 1);
  });
  if (!ok) return false;
  // thread_fbid first: the one id every GraphQL form carries (an older-messages page names only it,
  // in its nodes), so the pages of one conversation are one thread.
  if (fbid) t->thread_id = std::move(fbid);
  if (!t->thread_id) t->thread_id = std::move(key_id);
  if (folder && IsRequestFolder(*folder)) t->request = true;
  return true;
}

bool DirectParser::SlideViewer(od::value& v, ThreadData* t, int depth) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  if (type != od::json_type::object) return Validate(v, depth);
  return ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "id" || key == "pk") {
      std::optional<std::uint64_t> id;
      if (!ReadPk(fv, key == "id" ? "viewer.id" : "viewer.pk", &id)) return false;
      if (id) t->viewer_id = id;
      return true;
    }
    if (key == "interop_messaging_user_fbid") return ReadToken(fv, "viewer.interop_messaging_user_fbid", &t->viewer_fbid);
    return Validate(fv, depth + 1);
  });
}

// A user record's messaging id and pk, read apart from the record itself (the follower parser's
// user reader does not keep the messaging id).
class FbidReader : public detail::JsonReader {
 public:
  struct Ids {
    std::optional<std::string> fbid;
    std::optional<std::uint64_t> pk;
  };
  FbidReader(const char* base, std::size_t len, od::document& doc, const SourceInfo& source)
      : JsonReader(base, len, doc, source, {"empty user record"}) {}
  bool Run() {
    od::object obj;
    if (auto e = doc_.get_object().get(obj)) return FailJson(e);
    std::optional<std::uint64_t> pk, id;
    std::optional<std::string> fbid;
    const bool ok = ForEachField(obj, [&](std::string_view key, od::value& fv) {
      if (key == "pk" || key == "pk_id") return ReadPk(fv, key, &pk);
      if (key == "id") return ReadPk(fv, key, &id);
      if (key == "interop_messaging_user_fbid") {
        if (!ReadCursor(fv, key, &fbid, /*lenient=*/false)) return false;
        if (fbid && !IsPlainId(*fbid)) return FailType(fv, "a plain id", key);
        return true;
      }
      return Validate(fv, 2);
    });
    if (!ok) return false;
    ids_.fbid = std::move(fbid);
    ids_.pk = pk ? pk : id;
    return true;
  }
  Ids& page() { return ids_; }

 private:
  Ids ids_;
};

bool DirectParser::SlideUsers(od::value& v, ThreadData* t, int depth) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  if (type == od::json_type::null) return ConsumeNull(v);
  if (type != od::json_type::array) return FailWrongType(v, "an array", "users");
  return ForEachElement(v, [&](od::value& el) {
    od::json_type et{};
    if (!Type(el, &et)) return false;
    if (et != od::json_type::object) return FailWrongType(el, "expected an object in \"users\"");
    if (depth > detail::kMaxJsonDepth) return Validate(el, depth + 1);
    const std::uint64_t at = OffsetOf(el);
    std::string_view raw;
    if (auto e = el.raw_json().get(raw)) return FailJsonAt(e, el);
    if (!detail::ReadAccountRecords(raw, /*single=*/true, at, source_.name, &t->users, &error_)) return false;
    Result<FbidReader::Ids> ids = detail::ParseWith<FbidReader, FbidReader::Ids>(raw, source_);
    if (!ids.ok()) {
      error_ = ids.error();
      error_.offset = at + (error_.offset < raw.size() ? error_.offset : raw.size());
      return false;
    }
    if (ids.value().fbid && ids.value().pk) t->fbids.emplace_back(*ids.value().fbid, *ids.value().pk);
    return true;
  });
}

bool DirectParser::SlideMessages(od::value& v, ThreadData* t, int depth) {
  od::json_type type{};
  if (!Type(v, &type)) return false;
  if (type == od::json_type::null) return ConsumeNull(v);
  if (type != od::json_type::object) return FailWrongType(v, "an object", "slide_messages");
  std::optional<bool> has_next;
  std::optional<std::string> cursor;
  const bool ok = ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "page_info") return ReadPageInfo(fv, &cursor, &has_next, depth + 1, /*lenient=*/false);
    if (key != "edges") return Validate(fv, depth + 1);
    od::json_type et{};
    if (!Type(fv, &et)) return false;
    if (et == od::json_type::null) return ConsumeNull(fv);
    if (et != od::json_type::array) return FailWrongType(fv, "an array", "slide_messages.edges");
    return ForEachElement(fv, [&](od::value& edge) {
      od::json_type edt{};
      if (!Type(edge, &edt)) return false;
      if (edt != od::json_type::object) return FailWrongType(edge, "expected an object in \"slide_messages.edges\"");
      return ForEachField(edge, [&](std::string_view ek, od::value& node) {
        od::json_type nt{};
        if (!Type(node, &nt)) return false;
        if (ek != "node" || nt == od::json_type::null) return Validate(node, depth + 3);
        if (nt != od::json_type::object) return FailWrongType(node, "an object", "slide_messages.edges[].node");
        return SlideItem(node, &t->items.emplace_back(), depth + 3);
      });
    });
  });
  if (!ok) return false;
  if (has_next != false) t->cursor = std::move(cursor);
  return true;
}

bool DirectParser::SlideItem(od::value& v, Item* item, int depth) {
  item->offset = OffsetOf(v);
  std::optional<std::string> id;
  std::optional<std::string_view> content_text, typename_;
  const bool ok = ForEachField(v, [&](std::string_view key, od::value& fv) {
    if (key == "message_id") return ReadToken(fv, key, &item->id);
    if (key == "id") return ReadToken(fv, key, &id);
    if (key == "sender_fbid") return ReadToken(fv, key, &item->sender_fbid);
    if (key == "thread_fbid") return ReadPlainId(fv, key, &item->thread_fbid);
    if (key == "timestamp_ms") return ReadInt(fv, key, &item->timestamp, IntMode::kLoose);
    if (key == "content_type") return ReadString(fv, key, &item->type);
    if (key == "text_body") return ReadString(fv, key, &item->text);
    if (key == "sender") {
      od::json_type type{};
      if (!Type(fv, &type)) return false;
      if (type != od::json_type::object) return Validate(fv, depth + 1);
      return ForEachField(fv, [&](std::string_view sk, od::value& sv) {
        return sk == "igid" ? ReadPk(sv, "sender.igid", &item->user_id) : Validate(sv, depth + 2);
      });
    }
    if (key == "content") {
      od::json_type type{};
      if (!Type(fv, &type)) return false;
      if (type != od::json_type::object) return Validate(fv, depth + 1);
      return ForEachField(fv, [&](std::string_view ck, od::value& cv) {
        if (ck == "__typename") return ReadString(cv, "content.__typename", &typename_);
        if (ck == "text_body") return ReadString(cv, "content.text_body", &content_text);
        return Validate(cv, depth + 2);
      });
    }
    return Validate(fv, depth + 1);
  });
  if (!ok) return false;
  if (!item->id) item->id = std::move(id);
  if (!item->text) item->text = content_text;
  if (!item->type && typename_ && *typename_ == "SlideMessageTextContent") item->type = "TEXT";
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
    if (key == "data" && t == od::json_type::object && !have_inbox_ && !have_thread_) return Graphql(fv, 2);
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
                "no direct inbox (\"inbox.threads\", GraphQL \"data.get_slide_mailbox_for_iris_subscription\") or "
                "thread (\"thread\" with \"thread_id\", \"data.get_slide_thread_nullable\") found (top-level keys: " +
                    top_keys_.Or() + (data_keys_.count ? "; data keys: " + data_keys_.Or() : std::string()) + ")");
  }
  page_.messages.shape = have_thread_ ? CommentShape::kDirectThread : CommentShape::kDirectInbox;
  return true;
}

}  // namespace

Result<DirectPage> ParseDirectPage(std::string_view json, const SourceInfo& source) {
  return detail::ParseWith<DirectParser, DirectPage>(json, source);
}

}  // namespace swarmlens
