// Username shape: one pass over the bytes with a class table, no allocation and no
// data-dependent branches (it runs for every account scored).
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string_view>

#include "swarmlens/score.h"

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
  }

  UsernameShape shape;
  shape.length = static_cast<std::uint32_t>(username.size());
  shape.digits = digits;
  shape.trailing_digits = trailing;
  shape.letters = letters;
  shape.separators = separators;
  shape.letter_digit_switches = switches;
  shape.max_repeat = max_repeat;
  return shape;
}

}  // namespace swarmlens
