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

/// CSV header line "rank,username,pk,full_name,score,level,reasons" (CRLF line ends).
std::string CsvHeader();
/// One CSV row (RFC 4180 quoting; text cells starting with = + - @ are prefixed with ' so
/// spreadsheets do not run them as formulas). `rank` is 1-based.
void AppendAccountCsv(std::string& out, std::size_t rank, const Account& account, const Score& score);

/// JSON object with the engine's constants for JS:
/// {"version","levels":["low","medium","high"],"reasons":[{"code","description"}],"shapes":[...],
///  "lists":[...],"thresholds":{"medium","high"}}
std::string ConstantsJson();

/// The result of Engine::Ingest as JSON for the wasm boundary:
/// {"ok":true,"shape","list","next_cursor" (or null),"new_accounts","total_accounts",
///  "accounts":[<AppendAccountJson objects for the page's accounts, in page order>]}
std::string IngestResultJson(const Engine& engine, const IngestSummary& summary);

/// {"ok":false,"error":{"code","source","offset","message","text"}} where text is Error::ToString().
std::string ErrorJson(const Error& error);

/// {"ok":true,"accounts":[...every account, ranked highest score first...]}
std::string RankedJson(const Engine& engine);

}  // namespace swarmlens
