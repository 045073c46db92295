// Output formats shared by the CLI and the wasm boundary (one serializer, one contract).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/account.h"
#include "swarmlens/engine.h"
#include "swarmlens/error.h"
#include "swarmlens/score.h"

namespace swarmlens {

/// Appends `text` to `out` as a JSON string literal (with quotes), escaping control characters,
/// quotes, backslashes and U+2028/U+2029; invalid UTF-8 bytes become U+FFFD.
void AppendJsonString(std::string& out, std::string_view text);

/// Appends one JSON object (no newline) for an account and its score. The jsonl contract:
/// {"kind":"account","username","pk" (string or null),"full_name" (or null),"score","level",
///  "reasons":[{"code","weight","text"}],"private","verified","anonymous_avatar" (bool or null),
///  "lists":[{"list","owner","position"}]}
void AppendAccountJson(std::string& out, const Account& account, const Score& score);

/// One reason as shown: the account model's reasons and the swarm reasons merged.
struct ReasonLine {
  std::string_view code;
  double weight = 0;
  std::string text;
};
/// Score::reasons and Score::list_reasons merged by |weight|, strongest first, with their texts.
std::vector<ReasonLine> MergedReasons(const Score& score);

/// Appends one swarm cluster as a JSON object (no newline). The jsonl contract:
/// {"kind":"cluster","cluster_kind":"cohort|burst|username_template|display_name|shared_avatar",
///  "list","owner" (a comment thread's commenters: "list":"commenters","post" instead),
///  "size","strength" (-log10 p),"expected","key","description",
///  cohort: "pk_low","pk_high"; burst: "first_position","last_position" (commenters: 0-based
///  rank by first comment); with_members: "members":[usernames in list order; the pk's digits for
///  an account without a username]}
void AppendClusterJson(std::string& out, const Engine& engine, const ListCluster& cluster, bool with_members);

/// Appends a JSON array of every cluster of the engine, without members (the dialog summary).
void AppendClustersSummary(std::string& out, const Engine& engine);

/// Appends one comment as a JSON object (no newline). The jsonl contract:
/// {"kind":"comment","comment_kind" ("comment", "message", "message_request"),"id","post",
///  "thread_id" (direct messages; null for comments),"parent_id" (or null),"created_at" (or null),"author" (username or
///  null),"author_pk","author_score","author_level","text",
///  "threat":{"score","level","matches":[{"category","gloss","weight","begin","end","text"}]},
///  "harassment":{"score","flagged","model"},"campaign":[{"code","strength","text"}],
///  "reasons":[{"code","weight","text"}]}   (begin/end: byte offsets into "text")
void AppendCommentJson(std::string& out, const Engine& engine, const ScoredComment& comment);

/// The result of Engine::IngestComments as JSON for the wasm boundary:
/// {"ok":true,"shape","next_cursor" (or null),"new_comments","comments":[<AppendCommentJson of the
///  page's comments, in page order>],"campaigns":[<AppendCampaignJson of every thread>]}
std::string CommentResultJson(const Engine& engine, const CommentSummary& summary);

/// Appends one comment campaign as a JSON object: {"kind":"campaign","campaign_kind","post",
///  "size","accounts","strength","expected","representative","description","members":[comment ids]}
void AppendCampaignJson(std::string& out, const std::string& post, const Campaign& campaign);

/// The jsonl lines after the accounts: every cluster (with members), every comment, every
/// campaign, one JSON object a line (the CLI's `--format jsonl` contract).
void AppendAnalysisJsonl(std::string& out, const Engine& engine);

/// CSV header line "rank,username,pk,full_name,score,level,reasons" (CRLF line ends).
std::string CsvHeader();
/// One CSV row (RFC 4180 quoting; text cells starting with = + - @ are prefixed with ' so
/// spreadsheets do not run them as formulas). `rank` is 1-based.
void AppendAccountCsv(std::string& out, std::size_t rank, const Account& account, const Score& score);

/// JSON object with the engine's constants for JS:
/// {"version","levels":["low","medium","high"],"reasons":[{"code","description"}],"shapes":[...],
///  "comment_kinds":["comment","message","message_request"],"lists":[...],"thresholds":{"medium","high"}}
std::string ConstantsJson();

/// The result of Engine::Ingest as JSON for the wasm boundary:
/// {"ok":true,"shape","list","next_cursor" (or null),"new_accounts","total_accounts",
///  "accounts":[<AppendAccountJson objects for the page's accounts, in page order>],
///  "updated":[<accounts outside the page whose score changed through swarm evidence>],
///  "clusters":[<AppendClusterJson objects without members, every list>]}
std::string IngestResultJson(const Engine& engine, const IngestSummary& summary);

/// The result of Engine::AddAvatar as JSON for the wasm boundary:
/// {"ok":true,"status" (AvatarStatusName),"cluster_size","quality","hash" (64 hex digits),
///  "updated":[<accounts whose score changed, the account included>],"clusters":[<summary>]}
std::string AvatarResultJson(const Engine& engine, const AvatarSummary& summary, const PerceptualHash& hash);

/// The result of Engine::Flush: {"ok":true,"updated":[<accounts>],"clusters":[<summary>]}.
std::string FlushResultJson(const Engine& engine, const std::vector<std::size_t>& updated);

/// The result of Engine::Load: {"ok":true,"version","accounts","lists","comments","threads"}.
std::string SnapshotInfoJson(const SnapshotInfo& info);

/// {"ok":false,"error":{"code","source","offset","message","text"}} where text is Error::ToString().
std::string ErrorJson(const Error& error);

/// {"ok":true,"accounts":[...every account, ranked highest score first...],
///  "clusters":[...every cluster with members...]}
std::string RankedJson(const Engine& engine);

}  // namespace swarmlens
