// Username shape: one pass over the bytes with class tables and no allocation (it runs for every
// account scored); only the letter-run bookkeeping of the bigram model branches.
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string_view>

#include "swarmlens/score.h"
#include "username_bigrams.h"

namespace swarmlens {

namespace {

// Byte classes as bits, so that "one letter and one digit" is exactly (a | b) == 3.
constexpr std::uint8_t kLetter = 1;     // ASCII A-Z a-z
constexpr std::uint8_t kDigit = 2;      // ASCII 0-9
constexpr std::uint8_t kSeparator = 4;  // '.' and '_', the only other characters a handle allows

constexpr std::array<std::uint8_t, 256> MakeClasses() {
  std::array<std::uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kLetter;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigit;
  table['.'] = kSeparator;
  table['_'] = kSeparator;
  return table;  // every other byte (incl. UTF-8) is class 0: it counts only in the length
}
constexpr std::array<std::uint8_t, 256> kClasses = MakeClasses();

// Bigram-model symbol of each byte: 1..26 for ASCII letters (case-folded), 0 (a letter-run
// boundary) for everything else.
constexpr std::array<std::uint8_t, 256> MakeSymbols() {
  std::array<std::uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = static_cast<std::uint8_t>(c - 'a' + 1);
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = static_cast<std::uint8_t>(c - 'A' + 1);
  return table;
}
constexpr std::array<std::uint8_t, 256> kSymbols = MakeSymbols();

static_assert(username_model::kUnitsPerBit == 8, "UsernameShape::WordLikeness assumes 1/8 bits");

}  // namespace

UsernameShape AnalyzeUsername(std::string_view username) noexcept {
  // Counters are 32-bit: an (attacker-sized) input longer than that is measured on its prefix,
  // so no counter can wrap.
  constexpr std::size_t kMax = std::numeric_limits<std::uint32_t>::max();
  if (username.size() > kMax) username = username.substr(0, kMax);

  std::uint32_t digits = 0;
  std::uint32_t letters = 0;
  std::uint32_t separators = 0;
  std::uint32_t trailing = 0;
  std::uint32_t switches = 0;
  std::uint32_t run = 0;
  std::uint32_t max_repeat = 0;
  std::uint32_t prev_class = 0;
  int prev_byte = -1;  // no byte equals it, so the first character starts a run of 1
  std::uint32_t bigrams = 0;
  std::uint32_t word_letters = 0;
  std::int64_t llr = 0;
  std::uint32_t prev_symbol = 0;  // the start of the handle is a run boundary
  std::uint32_t run_letters = 0;  // letters in the current run
  std::int64_t run_llr = 0;       // its bigrams so far (start->first, letter->letter)
  for (const char ch : username) {
    const auto c = static_cast<unsigned char>(ch);
    const std::uint32_t cls = kClasses[c];
    const std::uint32_t is_digit = (cls >> 1) & 1u;
    digits += is_digit;
    letters += cls & 1u;
    separators += cls >> 2;
    trailing = (trailing + 1) * is_digit;  // any non-digit ends the run
    // Only adjacent letter/digit pairs count: "ali92_reza85" has 2 switches, not 3.
    switches += static_cast<std::uint32_t>((prev_class | cls) == (kLetter | kDigit));
    run = (c == prev_byte) ? run + 1 : 1;
    max_repeat = std::max(max_repeat, run);
    prev_class = cls;
    prev_byte = c;
    // Letter runs: start->letter, letter->letter and letter->end bigrams. A run counts only
    // with 2+ letters: a lone letter between digits ("a1b2c3") is no evidence of words, and
    // boundary bigrams alone would make it look like one.
    const std::uint32_t symbol = kSymbols[c];
    if (symbol != 0) {
      run_llr += username_model::kBigramLlr[prev_symbol][symbol];
      ++run_letters;
    } else if (prev_symbol != 0) {
      if (run_letters >= 2) {
        llr += run_llr + username_model::kBigramLlr[prev_symbol][0];
        bigrams += run_letters + 1;
        word_letters += run_letters;
      }
      run_llr = 0;
      run_letters = 0;
    }
    prev_symbol = symbol;
  }
  if (run_letters >= 2) {  // the end of the handle closes the last run
    llr += run_llr + username_model::kBigramLlr[prev_symbol][0];
    bigrams += run_letters + 1;
    word_letters += run_letters;
  }

  UsernameShape shape;
  shape.length = static_cast<std::uint32_t>(username.size());
  shape.digits = digits;
  shape.trailing_digits = trailing;
  shape.letters = letters;
  shape.separators = separators;
  shape.letter_digit_switches = switches;
  shape.max_repeat = max_repeat;
  shape.word_letters = word_letters;
  shape.letter_bigrams = bigrams;
  shape.bigram_llr = llr;
  return shape;
}

}  // namespace swarmlens
