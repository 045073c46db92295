// A custom "Hidden Words" list from the project's threat and insult lexicons.
//
// Instagram and Facebook hide comments and message requests that contain a word or phrase of the
// person's own Hidden Words list (Settings -> Hidden Words -> custom words and phrases). The
// platform matches the text literally: it does not know that "میکشمت" and "می‌کشمت" are one verb,
// and it has no patterns. HiddenWordsList expands the lexicons' patterns (threat_lexicon.h,
// insult_lexicon.h) into literal phrases the person can paste there, and keeps only phrases that
// SwarmLens itself flags (a threat or an insult at medium or above, no protest slogan), so the
// list never hides what SwarmLens would not mark.
//
// Example:
//
//   swarmlens::HiddenWordsOptions options;
//   options.languages = "fa,fa-Latn";
//   std::string paste = swarmlens::HiddenWordsText(swarmlens::HiddenWordsList(options));
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace swarmlens {

struct HiddenWordsOptions {
  bool threats = true;  ///< Entries of the threat lexicon (death, family, sexual, doxxing, ...).
  bool insults = true;  ///< Entries of the insult lexicon (gendered, obscene, insult, smear, silencing).
  /// Lowest entry weight taken: 3 is what flags alone (a weaker word is an insult only in company,
  /// and hiding every comment with "pig" or "dog" in it would hide ordinary comments).
  double min_weight = 3.0;
  /// Comma-separated lexicon languages: "fa" (Perso-Arabic script), "fa-Latn" (Finglish), "en";
  /// empty: all.
  std::string_view languages;
  /// Most spellings taken from one pattern (its alternatives, most common first).
  std::size_t max_per_entry = 6;
};

/// One phrase of the list, with the entry it comes from.
struct HiddenWord {
  std::string phrase;          ///< Literal text as the platform will match it (lower case for Latin).
  std::string_view language;   ///< "fa", "fa-Latn", "en" (static storage).
  std::string_view category;   ///< The lexicon category (static storage).
  std::string_view gloss;      ///< The entry's English reason text (static storage).
  double weight = 0;           ///< The entry's weight.
  bool threat = false;         ///< From the threat lexicon (else the insult lexicon).
};

/// The list: threats first, then insults, each strongest first; no phrase repeated, and no phrase
/// that contains another phrase of the list as whole words (the shorter one already hides it).
/// Never fails; an unknown language in `languages` selects nothing for it.
std::vector<HiddenWord> HiddenWordsList(const HiddenWordsOptions& options = {});

/// The phrases joined with ", ", as the platforms' custom-list field takes them.
std::string HiddenWordsText(std::span<const HiddenWord> words);

}  // namespace swarmlens
