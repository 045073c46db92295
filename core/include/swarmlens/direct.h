// Direct messages: the inbox payloads the Instagram web app receives (REST
// `/api/v1/direct_v2/inbox/`, `/api/v1/direct_v2/pending_inbox/` for message requests,
// `/api/v1/direct_v2/threads/<id>/`), parsed with simdjson On-Demand into Comment records, so
// that the engine analyses a conversation like a comment thread: the sender is an Account
// (scored like any account), the text goes through the threat lexicon, the harassment model and
// the copy-paste / burst campaign analysis.
//
//   auto page = swarmlens::ParseDirectPage(json, {.name = "pending_inbox.json"});
//   if (!page.ok()) { puts(page.error().ToString().c_str()); return; }
//   for (const swarmlens::Comment& m : page.value().messages.comments) { /* m.author, m.text ... */ }
//
// Engine::IngestComments reads these payloads too (after the comment shapes), so the CLI's
// `analyze` and the wasm `ingestComments` take them as they are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "swarmlens/comments.h"
#include "swarmlens/error.h"
#include "swarmlens/ingest.h"

namespace swarmlens {

/// One parsed direct-message payload.
struct DirectPage {
  /// shape kDirectInbox or kDirectThread. One Comment per text message (`item_type` "text", or a
  /// "link" item's text), threads in payload order, each thread's items in payload order:
  /// id = `item_id`, author = the sender's record from the thread's `users` (or `inviter`; an
  /// account with only its pk when neither lists it), text, created_at = `timestamp`
  /// (microseconds; milliseconds and seconds are recognised by size) in Unix seconds, kind
  /// kMessageRequest for a thread with `pending: true` (post "direct:requests") else kMessage
  /// (post "direct:<thread_id>"), thread_id. The account holder's own messages (sender =
  /// `viewer_id` or the top-level `viewer`) and items of other types are left out.
  /// next_cursor: the inbox's or thread's `oldest_cursor` while `has_older` is not false.
  CommentPage messages;
  std::size_t threads = 0;   ///< Threads in the payload.
  std::size_t requests = 0;  ///< Of them, message requests (`pending: true`).
  /// The inbox's `pending_requests_total` (message requests waiting), when sent.
  std::optional<std::uint64_t> pending_requests_total;
};

/// Parses one direct-message payload: {"inbox":{"threads":[...], "oldest_cursor", "has_older"},
/// "pending_requests_total", "viewer"} or {"thread":{...}}. A thread is {thread_id, users[],
/// inviter, items[{item_id, user_id, timestamp, item_type, text}], pending, viewer_id,
/// oldest_cursor, has_older}; unknown keys are ignored, every field but `thread_id` and each
/// message's `item_id` is optional. Never throws; never returns half a page: malformed or
/// truncated input, or a known field of the wrong type, gives an Error naming `source.name`, the
/// byte offset and what was expected; a document with neither `inbox.threads` nor `thread` gives
/// ErrorCode::kUnknownShape.
Result<DirectPage> ParseDirectPage(std::string_view json, const SourceInfo& source = {});

}  // namespace swarmlens
