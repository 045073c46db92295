// The sentences people read, in English or Persian, from a reason code and its measured value.
//
// Every explanation the engine gives is a code plus parameters (score.h: Reason{code, value}; the
// lexicons' matches: category plus an English gloss); the sentence is made only when it is shown,
// in the language asked for. English is what the jsonl "text" fields carry; Persian is for the
// people this tool is for (the extension, `swarmlens ... --lang fa`, the reports). Persian
// sentences use Persian digits (۰-۹) and the Persian decimal separator (٫); attacker-written text
// (usernames, names) never goes into these sentences, so no bidi isolation is needed inside them:
// a caller that mixes them with usernames isolates each part (HTML <bdi>, or dir="auto").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "swarmlens/score.h"

namespace swarmlens {

/// The languages sentences are rendered in.
enum class Lang : std::uint8_t {
  kEn,  ///< English.
  kFa,  ///< Persian (right to left).
};

/// "en" / "fa" (also "fa-IR", "en-US": the language part decides); nullopt for anything else.
std::optional<Lang> ParseLang(std::string_view tag) noexcept;

/// "en" or "fa".
const char* LangTag(Lang lang) noexcept;

/// Appends the sentence of an account-model reason (ReasonCatalog codes) in `lang`; English is
/// AppendReasonText(out, reason). An unknown code appends nothing.
void AppendReasonText(std::string& out, const Reason& reason, Lang lang);

/// The level's word for people: "high" / "زیاد", "medium" / "متوسط", "low" / "کم".
std::string_view LevelLabel(Level level, Lang lang) noexcept;

/// A threat or insult lexicon category ("death", "doxxing", "gendered", ...) in `lang`; the code
/// itself when it is not a lexicon category.
std::string_view LexiconCategoryLabel(std::string_view category, Lang lang) noexcept;

/// A lexicon entry's gloss (ThreatMatch::gloss, English) in `lang`. Every gloss of both lexicons
/// has a Persian translation (a test checks it); an unknown gloss is returned as given.
std::string_view GlossText(std::string_view english_gloss, Lang lang) noexcept;

/// Appends `n` (a non-negative integer; negative counts as 0) in the digits of `lang`.
void AppendNumber(std::string& out, double n, Lang lang);

}  // namespace swarmlens
