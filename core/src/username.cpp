// Username shape: one pass over the bytes with two table loads per byte and no allocation (it
// runs for every account scored); only the letter-run bookkeeping of the bigram model branches.
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
constexpr int kSymbolShift = 3;

// One table load per byte: the class in the low 3 bits (every other byte, incl. UTF-8, is class
// 0: it counts only in the length) and above them the bigram-model symbol, 1..26 for ASCII
// letters (case-folded), 0 (a letter-run boundary) for everything else.
constexpr std::array<std::uint8_t, 256> MakeByteInfo() {
  std::array<std::uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = static_cast<std::uint8_t>(kLetter | (c - 'a' + 1) << kSymbolShift);
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = static_cast<std::uint8_t>(kLetter | (c - 'A' + 1) << kSymbolShift);
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigit;
  table['.'] = kSeparator;
  table['_'] = kSeparator;
  return table;
}
constexpr std::array<std::uint8_t, 256> kByteInfo = MakeByteInfo();

// The per-byte counts as 16-bit fields of one word: digits, letters, separators, and letter/digit
// switches (only adjacent letter/digit pairs count: "ali92_reza85" has 2 switches, not 3).
// Indexed by (previous class << 3) | class. A chunk of at most kChunk bytes cannot carry a field
// into the next.
constexpr std::size_t kChunk = 0xFFFF;
constexpr std::array<std::uint64_t, 64> MakeCountSteps() {
  std::array<std::uint64_t, 64> table{};
  for (std::uint32_t prev = 0; prev < 8; ++prev) {
    for (std::uint32_t cls = 0; cls < 8; ++cls) {
      std::uint64_t step = 0;
      if (cls == kDigit) step |= 1;
      if (cls == kLetter) step |= std::uint64_t{1} << 16;
      if (cls == kSeparator) step |= std::uint64_t{1} << 32;
      if ((prev | cls) == (kLetter | kDigit)) step |= std::uint64_t{1} << 48;
      table[(prev << 3) | cls] = step;
    }
  }
  return table;
}
constexpr std::array<std::uint64_t, 64> kCountSteps = MakeCountSteps();

static_assert(username_model::kUnitsPerBit == 8, "UsernameShape::WordLikeness assumes 1/8 bits");

}  // namespace

UsernameShape AnalyzeUsername(std::string_view username) noexcept {
  // Counters are 32-bit: an (attacker-sized) input longer than that is measured on its prefix,
  // so no counter can wrap.
  constexpr std::size_t kMax = std::numeric_limits<std::uint32_t>::max();
  if (username.size() > kMax) username = username.substr(0, kMax);
  const auto* p = reinterpret_cast<const unsigned char*>(username.data());
  const unsigned char* const end = p + username.size();

  // Few enough values live across bytes to stay in registers (spilled counters made every byte
  // wait on a store): the four counts share one word, flushed every kChunk bytes.
  std::uint32_t digits = 0;
  std::uint32_t letters = 0;
  std::uint32_t separators = 0;
  std::uint32_t switches = 0;
  std::uint32_t prev_info = 0;  // class 0, symbol 0: the start of the handle is a run boundary
  std::uint32_t prev_byte = 256;  // no byte equals it, so the first character starts a run of 1
  std::uint32_t run = 0;
  std::uint32_t max_repeat = 0;
  std::uint32_t bigrams = 0;
  std::uint32_t word_letters = 0;
  std::int64_t llr = 0;
  std::uint32_t run_letters = 0;  // letters in the current letter run
  std::int64_t run_llr = 0;       // its bigrams so far (start->first, letter->letter)
  while (p != end) {
    const std::size_t chunk = std::min<std::size_t>(static_cast<std::size_t>(end - p), kChunk);
    const unsigned char* const chunk_end = p + chunk;
    std::uint64_t counts = 0;
    for (; p != chunk_end; ++p) {
      const std::uint32_t c = *p;
      const std::uint32_t info = kByteInfo[c];
      counts += kCountSteps[((prev_info & 7u) << 3) | (info & 7u)];
      run = (c == prev_byte) ? run + 1 : 1;
      max_repeat = std::max(max_repeat, run);
      prev_byte = c;
      // Letter runs: start->letter, letter->letter and letter->end bigrams. A run counts only
      // with 2+ letters: a lone letter between digits ("a1b2c3") is no evidence of words, and
      // boundary bigrams alone would make it look like one.
      const std::uint32_t symbol = info >> kSymbolShift;
      const std::uint32_t prev_symbol = prev_info >> kSymbolShift;
      prev_info = info;
      if (symbol != 0) {
        run_llr += username_model::kBigramLlr[prev_symbol][symbol];
        ++run_letters;
      } else if (run_letters != 0) {
        if (run_letters >= 2) {
          llr += run_llr + username_model::kBigramLlr[prev_symbol][0];
          bigrams += run_letters + 1;
          word_letters += run_letters;
        }
        run_llr = 0;
        run_letters = 0;
      }
    }
    digits += static_cast<std::uint32_t>(counts & 0xFFFFu);
    letters += static_cast<std::uint32_t>((counts >> 16) & 0xFFFFu);
    separators += static_cast<std::uint32_t>((counts >> 32) & 0xFFFFu);
    switches += static_cast<std::uint32_t>(counts >> 48);
  }
  if (run_letters >= 2) {  // the end of the handle closes the last run
    llr += run_llr + username_model::kBigramLlr[prev_info >> kSymbolShift][0];
    bigrams += run_letters + 1;
    word_letters += run_letters;
  }
  // The trailing digit run, read backwards from the end (no per-byte state in the loop above).
  std::uint32_t trailing = 0;
  for (const unsigned char* q = end; q != reinterpret_cast<const unsigned char*>(username.data()) &&
                                     (kByteInfo[q[-1]] & 7u) == kDigit;
       --q) {
    ++trailing;
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
