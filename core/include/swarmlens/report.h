// Output formats shared by the CLI and the wasm boundary (one serializer, one contract).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/account.h"
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

/// CSV header line and one row (RFC 4180 quoting; cells starting with = + - @ are prefixed with '
/// so spreadsheets do not run them as formulas).
std::string CsvHeader();
void AppendAccountCsv(std::string& out, const Account& account, const Score& score);

/// JSON object with the engine's constants for JS: levels, reason catalog, payload shapes.
std::string ConstantsJson();

}  // namespace swarmlens
