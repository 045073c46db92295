// The account score: the trained two-tier model (account_model.cpp, trained_account_model.h) plus
// the hand-set priors of model_weights.h for what InstaFake cannot teach, summed as log-odds.
// This file measures the prior signals, assembles and sorts the reasons, assigns the level (with
// the verified cap) and turns a reason into its sentence on demand. docs/scoring.md explains it.
#include "swarmlens/score.h"

#include "utf8.h"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model_weights.h"
#include "trained_evaluation.h"

namespace swarmlens {

namespace {

// ---- Weight-table checks (constexpr so a bad edit of model_weights.h does not compile) ---------

template <std::size_t N>
constexpr bool Sorted(const model::Bin (&bins)[N]) {
  for (std::size_t i = 1; i < N; ++i) {
    if (bins[i].min <= bins[i - 1].min) return false;
  }
  return true;
}

static_assert(Sorted(model::kTrailingDigits) && Sorted(model::kAlternation) && Sorted(model::kRepeatedChars) &&
                  Sorted(model::kSeparators) && Sorted(model::kFullNameDigits),
              "model_weights.h: bins must be sorted by min");
// The trained digit count already covers short runs: the trailing-run prior starts at 5 digits.
static_assert(model::kTrailingDigits[0].min >= 5, "model_weights.h: trailing runs < 5 double-count digits");
static_assert(model::kVerified < 0 && model::kRecentStory < 0 && model::kCustomFullName < 0 && model::kWordLike < 0,
              "model_weights.h: organic signals must lower the score");
static_assert(model::kRandomLettersBelow < model::kOddLettersBelow && model::kOddLettersBelow < model::kWordLikeFrom &&
                  model::kRandomLetters > model::kOddLetters && model::kOddLetters > 0,
              "model_weights.h: word-likeness bins out of order");

/// Weight of the last bin whose `min` is <= value; 0 when none applies (then no reason fires).
template <std::size_t N>
double BinWeight(const model::Bin (&bins)[N], std::uint32_t value) noexcept {
  double weight = 0;
  for (const model::Bin& bin : bins) {
    if (value >= bin.min) weight = bin.weight;
  }
  return weight;
}

// ---- Reason codes -----------------------------------------------------------------------------

// Trained codes are the feature codes of trained_account_model.h (account_model.cpp hands them
// out as static string_views); the catalog repeats them so that it lists every code in one place
// and a test checks the two agree.
constexpr std::string_view kUsernameLengthCode = "username_length";
constexpr std::string_view kUsernameDigitsCode = "username_digits";
constexpr std::string_view kAnonymousAvatarCode = "anonymous_avatar";
constexpr std::string_view kPrivateCode = "private_account";
constexpr std::string_view kMediaCountCode = "media_count";
constexpr std::string_view kFollowerCountCode = "follower_count";
constexpr std::string_view kFollowingCountCode = "following_count";
constexpr std::string_view kRatioCode = "following_follower_ratio";
constexpr std::string_view kBiographyCode = "biography_length";

constexpr std::string_view kTrailingDigitsCode = "username_trailing_digits";
constexpr std::string_view kAlternationCode = "username_alternation";
constexpr std::string_view kRepeatedCode = "username_repeated_chars";
constexpr std::string_view kSeparatorsCode = "username_separators";
constexpr std::string_view kWordLikenessCode = "username_word_likeness";
constexpr std::string_view kFullNameEmptyCode = "full_name_empty";
constexpr std::string_view kFullNameLikeUsernameCode = "full_name_like_username";
constexpr std::string_view kFullNameDigitsCode = "full_name_has_digits";
constexpr std::string_view kFullNameEmojiOnlyCode = "full_name_emoji_only";
constexpr std::string_view kFullNameMixedScriptCode = "full_name_mixed_script";
constexpr std::string_view kCustomFullNameCode = "custom_full_name";
constexpr std::string_view kVerifiedCode = "verified";
constexpr std::string_view kRecentStoryCode = "recent_story";
constexpr std::string_view kNoStoryCode = "no_story";
constexpr std::string_view kExternalUrlCode = "external_url";
constexpr std::string_view kProfessionalCode = "professional_account";
constexpr std::string_view kJoinedRecentlyCode = "joined_recently";

constexpr ReasonSource kT = ReasonSource::kTrained;
constexpr ReasonSource kP = ReasonSource::kPrior;

constexpr ReasonInfo kCatalog[] = {
    {kUsernameLengthCode, "Username length in characters (trained on InstaFake).", kT},
    {kUsernameDigitsCode, "How many digits the username has (trained on InstaFake).", kT},
    {kAnonymousAvatarCode, "Default silhouette (+) or an own profile picture (-) (trained on InstaFake).", kT},
    {kPrivateCode, "Private or public account (trained on InstaFake, where private accounts were less often fake).",
     kT},
    {kMediaCountCode, "Number of posts (trained on InstaFake; profile only).", kT},
    {kFollowerCountCode, "Number of followers (trained on InstaFake; profile only).", kT},
    {kFollowingCountCode, "Number of accounts followed; 1,500+ is mass-following (trained on InstaFake; profile only).",
     kT},
    {kRatioCode, "Accounts followed per follower (trained on InstaFake; profile only).", kT},
    {kBiographyCode, "Biography length; empty or short biographies (trained on InstaFake; profile only).", kT},
    {kTrailingDigitsCode, "The username ends in a long run of digits (5 or more).", kP},
    {kAlternationCode, "The username switches between letters and digits many times.", kP},
    {kRepeatedCode, "The username repeats one character several times in a row.", kP},
    {kSeparatorsCode, "Dots and underscores in the username: one or two structure a name (-), many are filler (+).",
     kP},
    {kWordLikenessCode,
     "How much the username's letters read like words and names (-) or random letters (+), by a letter-pair model.",
     kP},
    {kFullNameEmptyCode, "The display name is empty or blank.", kP},
    {kFullNameLikeUsernameCode, "The display name is just the username.", kP},
    {kFullNameDigitsCode, "The display name contains several digits.", kP},
    {kFullNameEmojiOnlyCode, "The display name has no letters: only emoji or symbols.", kP},
    {kFullNameMixedScriptCode, "A word of the display name mixes Latin with look-alike Greek or Cyrillic letters.", kP},
    {kCustomFullNameCode, "The account has a display name of its own, in any script (organic sign).", kP},
    {kVerifiedCode, "The account is verified by Instagram (organic sign; a verified account is never high).", kP},
    {kRecentStoryCode, "The account has an active story (organic sign).", kP},
    {kNoStoryCode, "The account has no active story.", kP},
    {kExternalUrlCode, "The profile links a website (profile only).", kP},
    {kProfessionalCode, "A business or professional account (profile only).", kP},
    {kJoinedRecentlyCode, "Instagram marks the account as joined recently (profile only).", kP},
};

constexpr std::size_t kTrainedCodes = 9;
static_assert(kTrainedCodes == kMaxTierContributions, "the catalog lists every trained feature");
// Trained contributions (at most one per feature) plus at most one reason per prior field:
// 5 username tests, 1 display-name reason, verified, story, external URL, professional, joined.
static_assert(kMaxTierContributions + 5 + 1 + 5 == kMaxReasons, "kMaxReasons must cover every reason at once");

// ---- UTF-8 display names (attacker-written: any bytes, any script) ----------------------------


/// Decodes the code point at s[*i] and advances *i (invalid bytes: U+FFFD, one byte).
char32_t NextCodePoint(std::string_view s, std::size_t* i) noexcept {
  char32_t cp = 0;
  *i += utf8::DecodeOrReplace(s, *i, &cp);
  return cp;
}

/// Whitespace and characters that render as nothing. Blank-looking names ("\u3164", zero-width
/// spaces) are a known way to fake a filled-in name, so they count as empty.
bool IsBlank(char32_t cp) noexcept {
  if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D)) return true;
  switch (cp) {
    case 0x0085:
    case 0x00A0:
    case 0x00AD:
    case 0x034F:
    case 0x115F:
    case 0x1160:
    case 0x1680:
    case 0x180E:
    case 0x2800:
    case 0x3000:
    case 0x3164:
    case 0xFEFF:
    case 0xFFA0:
      return true;
    default:
      break;
  }
  return (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F);
}

/// 0-9 for ASCII, Arabic-Indic (U+0660..0669) and Persian (U+06F0..06F9) digits; -1 otherwise.
int DigitValue(char32_t cp) noexcept {
  if (cp >= '0' && cp <= '9') return static_cast<int>(cp - '0');
  if (cp >= 0x0660 && cp <= 0x0669) return static_cast<int>(cp - 0x0660);
  if (cp >= 0x06F0 && cp <= 0x06F9) return static_cast<int>(cp - 0x06F0);
  return -1;
}

/// Walks a text as its case-folded letters and digits: ASCII letters lower-cased, digits of any
/// script as ASCII, other ASCII and blanks skipped, every other code point kept as is (so a
/// Persian name never folds to an ASCII handle).
class FoldedChars {
 public:
  explicit FoldedChars(std::string_view text) noexcept : text_(text) {}
  /// Next folded code point, or 0 at the end.
  char32_t Next() noexcept {
    while (pos_ < text_.size()) {
      const char32_t cp = NextCodePoint(text_, &pos_);
      const int digit = DigitValue(cp);
      if (digit >= 0) {
        has_digit_ = true;
        return static_cast<char32_t>('0' + digit);
      }
      if (cp >= 'A' && cp <= 'Z') return cp + ('a' - 'A');
      if (cp >= 'a' && cp <= 'z') return cp;
      if (cp < 0x80 || IsBlank(cp)) continue;
      return cp;
    }
    return 0;
  }
  bool has_digit() const noexcept { return has_digit_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  bool has_digit_ = false;
};

char AsciiLower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

/// Script of a code point that is neither blank nor a digit. Tables for the scripts this tool
/// meets most (Latin, Persian/Arabic, the Greek and Cyrillic look-alikes) plus the emoji and
/// symbol blocks; every other code point counts as a letter of another script.
enum class Script : std::uint8_t { kSymbol, kLatin, kArabic, kLookAlike, kOther };

Script ScriptOf(char32_t cp) noexcept {
  if (cp < 0x80) return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? Script::kLatin : Script::kSymbol;
  if (cp < 0xC0) return Script::kSymbol;  // Latin-1 punctuation and signs (©, «, ·)
  if (cp <= 0x024F) return (cp == 0xD7 || cp == 0xF7) ? Script::kSymbol : Script::kLatin;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return Script::kLatin;
  if (cp >= 0x0370 && cp <= 0x052F) return Script::kLookAlike;  // Greek, Cyrillic
  if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) || (cp >= 0x08A0 && cp <= 0x08FF) ||
      (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) {
    return Script::kArabic;
  }
  if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x3000 && cp <= 0x303F) ||
      (cp >= 0xFE00 && cp <= 0xFE4F) || (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0xE0000 && cp <= 0xE007F)) {
    return Script::kSymbol;  // punctuation, arrows, dingbats, CJK punctuation, variation selectors, emoji
  }
  return Script::kOther;  // incl. U+FFFD from invalid UTF-8: a strange name, not an emoji
}

/// What the display name says, measured without allocating.
struct FullNameFacts {
  bool blank = true;
  bool like_username = false;
  bool mixed_word = false;  ///< A word with Latin and look-alike (Greek/Cyrillic) letters.
  std::uint32_t digits = 0;
  std::uint32_t scripts = 0;  ///< Bits: 1 Latin, 2 Persian/Arabic, 4 any other letters.
};

/// The custom_full_name value: 1 Latin, 2 Persian/Arabic script, 3 another script, 4 several
/// scripts (in separate words), 0 no letters.
double ScriptValue(std::uint32_t scripts) noexcept {
  switch (scripts) {
    case 0: return 0;
    case 1: return 1;
    case 2: return 2;
    case 4: return 3;
    default: return 4;
  }
}

// ASCII byte classes of a display name.
constexpr std::uint8_t kAsciiOther = 0;  // punctuation and symbols: neither blank nor a letter
constexpr std::uint8_t kAsciiBlank = 1;  // ' ' and \t..\r (as IsBlank)
constexpr std::uint8_t kAsciiDigit = 2;
constexpr std::uint8_t kAsciiLetter = 3;

constexpr std::array<std::uint8_t, 128> MakeAsciiClasses() {
  std::array<std::uint8_t, 128> table{};
  for (auto& c : table) c = kAsciiOther;
  table[' '] = kAsciiBlank;
  for (int c = 0x09; c <= 0x0D; ++c) table[c] = kAsciiBlank;
  for (int c = '0'; c <= '9'; ++c) table[c] = kAsciiDigit;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kAsciiLetter;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kAsciiLetter;
  return table;
}
constexpr std::array<std::uint8_t, 128> kAsciiClasses = MakeAsciiClasses();

FullNameFacts AnalyzeFullName(std::string_view name, std::string_view username) noexcept {
  FullNameFacts facts;
  // Trim blanks (by code point), count digits and note scripts in one pass.
  std::size_t first = name.size();
  std::size_t last = 0;
  bool word_latin = false;
  bool word_look_alike = false;
  std::uint64_t digits = 0;  // saturated into facts.digits at the end
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t at = i;
    const auto byte = static_cast<unsigned char>(name[i]);
    if (byte < 0x80) {  // ASCII fast path, by class and without branches: most names are mostly ASCII
      ++i;
      const std::uint8_t cls = kAsciiClasses[byte];
      const bool blank = cls == kAsciiBlank;
      const bool letter = cls == kAsciiLetter;
      if (!blank && first == name.size()) first = at;
      last = blank ? last : i;
      digits += cls == kAsciiDigit;
      facts.scripts |= static_cast<std::uint32_t>(letter);
      facts.mixed_word |= letter & word_look_alike;
      word_latin = (word_latin | letter) & !blank;
      word_look_alike &= !blank;
      continue;
    }
    // Persian/Arabic fast path (U+0600..U+06FF, lead bytes D8..DB, half of the names in a
    // Persian list): never blank, a digit or a letter or sign of the Arabic script (which leaves
    // the word's Latin / look-alike state as it is).
    if (byte >= 0xD8 && byte <= 0xDB && i + 1 < name.size() &&
        (static_cast<unsigned char>(name[i + 1]) & 0xC0u) == 0x80u) {
      const auto low = static_cast<unsigned char>(name[i + 1]) & 0x3Fu;
      const std::uint32_t cp = ((byte & 0x1Fu) << 6) | low;
      i += 2;
      if (first == name.size()) first = at;
      last = i;
      const bool digit = (cp - 0x0660u < 10u) | (cp - 0x06F0u < 10u);  // Arabic-Indic, Persian
      digits += digit;
      facts.scripts |= static_cast<std::uint32_t>(!digit) << 1;
      continue;
    }
    const char32_t cp = NextCodePoint(name, &i);
    if (IsBlank(cp)) {
      word_latin = word_look_alike = false;
      continue;
    }
    if (first == name.size()) first = at;
    last = i;
    if (DigitValue(cp) >= 0) {
      ++digits;
      continue;
    }
    switch (ScriptOf(cp)) {
      case Script::kSymbol: break;
      case Script::kLatin:
        facts.scripts |= 1u;
        word_latin = true;
        break;
      case Script::kArabic: facts.scripts |= 2u; break;
      case Script::kLookAlike:
        facts.scripts |= 4u;
        word_look_alike = true;
        break;
      case Script::kOther: facts.scripts |= 4u; break;
    }
    facts.mixed_word = facts.mixed_word || (word_latin && word_look_alike);
  }
  facts.digits = static_cast<std::uint32_t>(digits < UINT32_MAX ? digits : UINT32_MAX);
  facts.blank = first == name.size();
  if (facts.blank || username.empty()) return facts;

  // The name IS the username: same text ignoring ASCII case and surrounding blanks...
  const std::string_view trimmed = name.substr(first, last - first);
  bool exact = trimmed.size() == username.size();
  for (std::size_t k = 0; exact && k < trimmed.size(); ++k) {
    exact = AsciiLower(trimmed[k]) == AsciiLower(username[k]);
  }
  if (exact) {
    facts.like_username = true;
    return facts;
  }
  // ...or the same letters and digits when digits are part of it ("User 8815263094"). Without
  // digits, equal letters mean the handle was derived from a real name ("Sara Ahmadi" for
  // "sara.ahmadi"), which is how most people pick a handle.
  FoldedChars a(trimmed);
  FoldedChars b(username);
  char32_t ca = 0;
  char32_t cb = 0;
  bool any = false;
  do {
    ca = a.Next();
    cb = b.Next();
    if (ca != cb) return facts;
    any = any || ca != 0;
  } while (ca != 0);
  facts.like_username = any && a.has_digit();
  return facts;
}

// ---- Result assembly ----------------------------------------------------------------------------

/// Reasons collected on the stack, then ordered into Score::reasons: strongest first (|weight|),
/// equal weights in insertion order (deterministic across platforms). Scoring runs for every
/// account of a list, so the order is found without data-dependent branches: each reason's place
/// is the number of reasons whose sort key is greater, counted for all reasons at once (the
/// compiler vectorizes the count). An insertion sort's mispredicted branches cost more than all
/// the rest of the buffer.
class ReasonBuffer {
 public:
  ReasonBuffer() noexcept {}  // items stay uninitialised; only the first size_ are written
  void Add(std::string_view code, double weight, double value) noexcept {
    if (weight == 0) return;  // a zero contribution explains nothing (and never happens in the tables)
    storage_.items[size_] = Reason{code, weight, value};
    // The sort key: |weight| as a float's bits (monotone in |weight|) with the low 5 bits
    // replaced by the reverse insertion index, so keys are unique and ties keep insertion order.
    // Rounding can merge two close weights into one key; Sort checks the order and falls
    // back to exact comparisons then.
    const auto bits = __builtin_bit_cast(std::uint32_t, static_cast<float>(std::fabs(weight)));
    keys_[size_] = static_cast<std::int32_t>((bits & ~std::uint32_t{31}) | (31u - static_cast<std::uint32_t>(size_)));
    ++size_;
  }
  std::size_t size() const noexcept { return size_; }

  /// Writes the indices of the reasons, strongest first, to order[0..size()); returns size().
  std::size_t Sort(std::uint8_t* order) const noexcept {
    const std::size_t n = size_;
    // places[i] = how many keys exceed key i. Unused keys are 0: |weight| > 0 makes every used
    // key positive, so they never count.
    std::int32_t places[kMaxReasons] = {};
    for (std::size_t j = 0; j < n; ++j) {
      const std::int32_t key = keys_[j];
      for (std::size_t i = 0; i < kMaxReasons; ++i) places[i] += keys_[i] < key;
    }
    double magnitudes[kMaxReasons];
    for (std::size_t i = 0; i < n; ++i) {
      order[places[i]] = static_cast<std::uint8_t>(i);
      magnitudes[places[i]] = std::fabs(storage_.items[i].weight);
    }
    // Equal keys mean equal rounded |weight|; the order is exact when the magnitudes never rise
    // (equal magnitudes have equal keys but for the index, so they are in insertion order).
    bool exact = true;
    for (std::size_t k = 1; k < n; ++k) exact &= magnitudes[k - 1] >= magnitudes[k];
    if (!exact) ExactOrder(order);
    return n;
  }
  const Reason& operator[](std::size_t i) const noexcept { return storage_.items[i]; }

 private:
  /// The order by exact comparison of |weight| (when two weights share a sort key).
  void ExactOrder(std::uint8_t* order) const noexcept {
    for (std::size_t i = 0; i < size_; ++i) {
      const double m = std::fabs(storage_.items[i].weight);
      std::size_t place = 0;
      for (std::size_t j = 0; j < size_; ++j) {
        const double other = std::fabs(storage_.items[j].weight);
        place += other > m || (other == m && j < i);
      }
      order[place] = static_cast<std::uint8_t>(i);
    }
  }

  union Storage {
    Storage() noexcept {}
    Reason items[kMaxReasons];
  } storage_;
  std::int32_t keys_[kMaxReasons] = {};
  std::size_t size_ = 0;
};

/// Walks a ReasonBuffer in a given order, so that Score::reasons is built by one range
/// assignment: one allocation, each reason copied once, no capacity check per reason.
class OrderedReasons {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = Reason;
  using difference_type = std::ptrdiff_t;
  using pointer = const Reason*;
  using reference = const Reason&;

  OrderedReasons() noexcept = default;
  OrderedReasons(const ReasonBuffer* buffer, const std::uint8_t* at) noexcept : buffer_(buffer), at_(at) {}
  reference operator*() const noexcept { return (*buffer_)[*at_]; }
  pointer operator->() const noexcept { return &(*buffer_)[*at_]; }
  OrderedReasons& operator++() noexcept {
    ++at_;
    return *this;
  }
  OrderedReasons operator++(int) noexcept {
    OrderedReasons old = *this;
    ++at_;
    return old;
  }
  bool operator==(const OrderedReasons& other) const noexcept { return at_ == other.at_; }

 private:
  const ReasonBuffer* buffer_ = nullptr;
  const std::uint8_t* at_ = nullptr;
};

/// The username priors from its shape (only when the username is known: pk-only records say
/// nothing about the handle).
void AddUsernamePriors(ReasonBuffer& out, const UsernameShape& shape) noexcept {
  out.Add(kTrailingDigitsCode, BinWeight(model::kTrailingDigits, shape.trailing_digits), shape.trailing_digits);
  out.Add(kAlternationCode, BinWeight(model::kAlternation, shape.letter_digit_switches),
          shape.letter_digit_switches);
  out.Add(kRepeatedCode, BinWeight(model::kRepeatedChars, shape.max_repeat), shape.max_repeat);
  out.Add(kSeparatorsCode, BinWeight(model::kSeparators, shape.separators), shape.separators);
  if (shape.word_letters >= model::kWordLikenessMinLetters) {
    const double bits = shape.WordLikeness();
    double w = 0;
    if (bits < model::kRandomLettersBelow) {
      w = model::kRandomLetters;
    } else if (bits < model::kOddLettersBelow) {
      w = model::kOddLetters;
    } else if (bits >= model::kWordLikeFrom) {
      w = model::kWordLike;
    }
    out.Add(kWordLikenessCode, w, bits);
  }
}

void AddFullNamePriors(ReasonBuffer& out, const std::optional<std::string>& full_name,
                       std::string_view username) noexcept {
  if (!full_name) return;
  const FullNameFacts facts = AnalyzeFullName(*full_name, username);
  if (facts.blank) {
    out.Add(kFullNameEmptyCode, model::kFullNameEmpty, 0);
  } else if (facts.like_username) {
    out.Add(kFullNameLikeUsernameCode, model::kFullNameLikeUsername, 0);
  } else if (const double w = BinWeight(model::kFullNameDigits, facts.digits); w != 0) {
    out.Add(kFullNameDigitsCode, w, facts.digits);
  } else if (facts.scripts == 0 && facts.digits == 0) {
    out.Add(kFullNameEmojiOnlyCode, model::kFullNameEmojiOnly, 0);
  } else if (facts.mixed_word) {
    out.Add(kFullNameMixedScriptCode, model::kFullNameMixedScript, 0);
  } else if (!username.empty()) {
    // "Of its own" needs the username to compare with; without it the name tells nothing more.
    out.Add(kCustomFullNameCode, model::kCustomFullName, ScriptValue(facts.scripts));
  }
}

void AddFlagPriors(ReasonBuffer& out, const Account& account) noexcept {
  if (account.is_verified.value_or(false)) out.Add(kVerifiedCode, model::kVerified, 1);
  // Negative timestamps are not a story time Instagram sends: treat them as unknown.
  if (account.latest_reel_media && *account.latest_reel_media >= 0) {
    if (*account.latest_reel_media > 0) {
      out.Add(kRecentStoryCode, model::kRecentStory, 1);
    } else {
      out.Add(kNoStoryCode, model::kNoStory, 0);
    }
  }
  if (account.external_url && !account.external_url->empty()) out.Add(kExternalUrlCode, model::kExternalUrl, 1);
  if (account.is_business.value_or(false) || account.is_professional.value_or(false)) {
    out.Add(kProfessionalCode, model::kProfessional, 1);
  }
  if (account.is_joined_recently.value_or(false)) out.Add(kJoinedRecentlyCode, model::kJoinedRecently, 1);
}

// ---- Reason texts (built only when shown) ---------------------------------------------------------

void AppendCount(std::string& out, double value) {
  // Values are non-negative integers; huge (attacker-written) counts saturate instead of
  // overflowing the conversion.
  std::uint64_t n = 0;
  if (value >= 18446744073709551615.0) {
    n = ~std::uint64_t{0};
  } else if (value > 0) {
    n = static_cast<std::uint64_t>(value);
  }
  char digits[20];
  std::size_t len = 0;
  do {
    digits[len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (len > 0) out.push_back(digits[--len]);
}

/// `value` with one decimal and an explicit sign ("+0.8", "-4.2"), without snprintf.
void AppendSigned1(std::string& out, double value) {
  const double tenths = std::round(std::fabs(value) * 10);
  out.push_back(value < 0 && tenths != 0 ? '-' : '+');
  AppendCount(out, std::floor(tenths / 10));
  out.push_back('.');
  out.push_back(static_cast<char>('0' + static_cast<int>(std::fmod(tenths, 10))));
}

/// "<n> <singular|plural>" with "no <plural>" for 0.
void AppendCounted(std::string& out, double n, std::string_view singular, std::string_view plural) {
  if (n <= 0) {
    out += "no ";
    out += plural;
    return;
  }
  AppendCount(out, n);
  out += ' ';
  out += n == 1 ? singular : plural;
}

}  // namespace

const char* LevelName(Level level) noexcept {
  switch (level) {
    case Level::kLow:
      return "low";
    case Level::kMedium:
      return "medium";
    case Level::kHigh:
      return "high";
  }
  return "low";
}

std::span<const ReasonInfo> ReasonCatalog() noexcept { return kCatalog; }

void AppendReasonText(std::string& out, const Reason& r) {
  const std::string_view c = r.code;
  const double v = r.value;
  if (c == kUsernameLengthCode) {
    out += "username is ";
    AppendCount(out, v);
    out += " characters long";
  } else if (c == kUsernameDigitsCode) {
    out += "username has ";
    AppendCounted(out, v, "digit", "digits");
  } else if (c == kAnonymousAvatarCode) {
    out += v != 0 ? "no profile picture (default silhouette)" : "has a profile picture";
  } else if (c == kPrivateCode) {
    out += v != 0 ? "account is private" : "account is public";
  } else if (c == kMediaCountCode) {
    AppendCounted(out, v, "post", "posts");
  } else if (c == kFollowerCountCode) {
    AppendCounted(out, v, "follower", "followers");
  } else if (c == kFollowingCountCode) {
    out += "follows ";
    AppendCounted(out, v, "account", "accounts");
    if (v >= 1500) out += " (mass-following)";
  } else if (c == kRatioCode) {
    // value = floor(100 * following / followers): show it as "x.xx per follower".
    out += "follows ";
    AppendCount(out, std::floor(v / 100));
    out += '.';
    const int hundredths = static_cast<int>(std::fmod(v, 100));
    out.push_back(static_cast<char>('0' + hundredths / 10));
    out.push_back(static_cast<char>('0' + hundredths % 10));
    out += " accounts per follower";
  } else if (c == kBiographyCode) {
    if (v <= 0) {
      out += "biography is empty";
    } else {
      out += "biography is ";
      AppendCount(out, v);
      out += v == 1 ? " character long" : " characters long";
    }
  } else if (c == kTrailingDigitsCode) {
    out += "username ends in a run of ";
    AppendCount(out, v);
    out += " digits";
  } else if (c == kAlternationCode) {
    out += "username switches between letters and digits ";
    AppendCount(out, v);
    out += " times";
  } else if (c == kRepeatedCode) {
    out += "username repeats one character ";
    AppendCount(out, v);
    out += " times in a row";
  } else if (c == kSeparatorsCode) {
    out += "username has ";
    AppendCount(out, v);
    out += v == 1 ? " separator ('.' or '_')" : " separators ('.' or '_')";
  } else if (c == kWordLikenessCode) {
    out += v < model::kOddLettersBelow ? "username letters look random (" : "username reads like words or names (";
    AppendSigned1(out, v);
    out += " bits per letter pair)";
  } else if (c == kFullNameEmptyCode) {
    out += "display name is empty";
  } else if (c == kFullNameLikeUsernameCode) {
    out += "display name is the username";
  } else if (c == kFullNameDigitsCode) {
    out += "display name contains ";
    AppendCount(out, v);
    out += " digits";
  } else if (c == kFullNameEmojiOnlyCode) {
    out += "display name has no letters, only emoji or symbols";
  } else if (c == kFullNameMixedScriptCode) {
    out += "display name mixes Latin with look-alike Greek or Cyrillic letters in one word";
  } else if (c == kCustomFullNameCode) {
    out += "has a display name of its own";
    if (v == 1) out += " (Latin script)";
    if (v == 2) out += " (Persian/Arabic script)";
    if (v == 3) out += " (non-Latin script)";
    if (v == 4) out += " (several scripts)";
  } else if (c == kVerifiedCode) {
    out += "account is verified";
  } else if (c == kRecentStoryCode) {
    out += "has an active story";
  } else if (c == kNoStoryCode) {
    out += "no active story";
  } else if (c == kExternalUrlCode) {
    out += "profile links a website";
  } else if (c == kProfessionalCode) {
    out += "business or professional account";
  } else if (c == kJoinedRecentlyCode) {
    out += "Instagram marks the account as joined recently";
  }
}

std::string ReasonText(const Reason& reason) {
  std::string out;
  AppendReasonText(out, reason);
  return out;
}

Score ScoreAccount(const Account& account, const LevelThresholds& thresholds) {
  // The display name and the biography are read last and usually live in their own heap blocks,
  // cache misses when a list is scored: ask for them now, so that they load while the username
  // and the trained model are measured.
  if (account.full_name) __builtin_prefetch(account.full_name->data());
  if (account.biography) __builtin_prefetch(account.biography->data());
  ReasonBuffer buffer;
  const ModelTier tier = SelectModelTier(account);
  trained_eval::Premeasured pre;
  UsernameShape shape;
  const bool has_username = !account.username.empty();
  if (has_username) {
    shape = AnalyzeUsername(account.username);
    // AnalyzeUsername counts on a 4 GiB prefix at most; beyond that the model counts itself.
    pre.has_username_digits = account.username.size() == shape.length;
    pre.username_digits = shape.digits;
  }
  trained_eval::Evaluate(tier, account, pre, [&buffer](std::string_view code, double weight, std::uint64_t value) {
    buffer.Add(code, weight, static_cast<double>(value));
  });
  if (has_username) AddUsernamePriors(buffer, shape);
  AddFullNamePriors(buffer, account.full_name, account.username);
  AddFlagPriors(buffer, account);

  Score score;
  score.tier = tier;
  score.bias = trained_eval::Bias(tier);
  // Sum in the order of the reasons (deterministic: the same bits natively and in wasm).
  std::uint8_t order[kMaxReasons];
  const std::size_t n = buffer.Sort(order);
  double logit = score.bias;
  for (std::size_t k = 0; k < n; ++k) logit += buffer[order[k]].weight;
  score.reasons.assign(OrderedReasons(&buffer, order), OrderedReasons(&buffer, order + n));
  score.logit = logit;
  score.score = 1.0 / (1.0 + std::exp(-score.logit));

  score.level = LevelFor(score.score, score.tier, account.is_verified.value_or(false), thresholds);
  return score;
}

Level LevelFor(double score, ModelTier tier, bool verified, const LevelThresholds& thresholds) noexcept {
  const TierThresholds& t = thresholds.For(tier);
  Level level = Level::kLow;
  if (score >= t.high) {
    level = Level::kHigh;
  } else if (score >= t.medium) {
    level = Level::kMedium;
  }
  // Explicit rule, not only a weight: a verified account is never high (docs/scoring.md).
  if (level == Level::kHigh && verified) level = Level::kMedium;
  return level;
}

}  // namespace swarmlens
