// Text normalisation for comment analysis: Persian / Arabic script and Finglish (Persian written
// in Latin letters), so that look-alike spellings, elongations and deliberate misspellings meet
// the same lexicon entries and model features. Used by the threat lexicon, the harassment model
// and the campaign (near-duplicate) detector; scripts/train_comment_model.py mirrors it exactly.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace swarmlens {

/// What NormalizeText does; the defaults are what every analysis uses.
struct NormalizeOptions {
  bool fold_case = true;            ///< Latin letters to lower case.
  bool unify_persian = true;        ///< Arabic yeh/kaf/heh variants -> Persian; alef variants -> alef; teh marbuta -> heh.
  bool strip_diacritics = true;     ///< Arabic harakat, tanwin, shadda, sukun, superscript alef; Latin accents (é -> e).
  bool strip_tatweel = true;        ///< U+0640 kashida.
  bool remove_zwnj = false;         ///< ZWNJ (U+200C) -> space when true; when false kept once between two word characters (it separates Persian morphemes), dropped elsewhere.
  bool unify_digits = true;         ///< Persian (U+06F0..) and Arabic-Indic (U+0660..) digits -> ASCII.
  bool squeeze_repeats = true;      ///< Runs of 3+ of the same character -> 2 ("kheiliiiii" -> "kheilii", "مرگگگگ" -> "مرگگ", emoji too); ASCII digits are never squeezed.
  bool fold_lookalikes = true;      ///< Cyrillic/Greek look-alikes, fullwidth, mathematical and circled letters -> Latin; leetspeak inside Latin words (0->o, 1->i, 3->e, 4->a, 5->s, 7->t, @->a, $->s): a run of such characters touching a Latin letter, all mappable ("k1ll", not "ali1990"), not a leading '@' (mentions).
  bool strip_invisible = true;      ///< Zero-width and bidi controls (except ZWNJ, see above), variation selectors.
  bool collapse_space = true;       ///< Any run of whitespace / punctuation-only separators -> one space; trimmed.
};

/// Normalises UTF-8 text. Each byte that does not start a valid UTF-8 sequence becomes one
/// U+FFFD (then squeezed like any character). Deterministic, and with default options
/// idempotent (NormalizeText(NormalizeText(x)) == NormalizeText(x)); the output is valid UTF-8.
/// Allocates the output string (plus a per-thread scratch buffer that is reused). See
/// NormalizeOptions for each step; core/src/text_normalize.cpp lists the exact character sets.
std::string NormalizeText(std::string_view utf8, const NormalizeOptions& options = {});

/// A span of the ORIGINAL text (byte offsets), for showing which words a match came from.
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// NormalizeText plus, for every byte of the output, the byte offset in the input it came from
/// (size = output size + 1; the last entry is the input size). Lets matches on normalised text
/// be shown as spans of what the commenter wrote.
std::string NormalizeTextWithMap(std::string_view utf8, std::vector<std::size_t>* source_offsets,
                                 const NormalizeOptions& options = {});

}  // namespace swarmlens
