// The account score: bias + the weights of the signals present, squashed to [0, 1].
// The weights live in model_weights.h (a table a training script can regenerate); this file
// measures the signals, explains them and checks the table's invariants.
#include "swarmlens/score.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "model_weights.h"

namespace swarmlens {

namespace {

// ---- Weight-table helpers (constexpr so the invariants below are checked at compile time) -----

/// Weight of the last bin whose `min` is <= value; 0 and *hit = false when none applies.
template <std::size_t N>
constexpr double BinWeight(const model::Bin (&bins)[N], std::uint32_t value, bool* hit) {
  double weight = 0;
  *hit = false;
  for (const model::Bin& bin : bins) {
    if (value >= bin.min) {
      weight = bin.weight;
      *hit = true;
    }
  }
  return weight;
}

constexpr double Max0(double a) { return a > 0 ? a : 0; }
constexpr double Max(double a, double b) { return a > b ? a : b; }

template <std::size_t N>
constexpr double MaxBin(const model::Bin (&bins)[N]) {
  double best = 0;
  for (const model::Bin& bin : bins) best = Max(best, bin.weight);
  return best;
}

// The largest logit any account can reach: every positive signal at its strongest (signals of
// one field are mutually exclusive, so each field contributes its largest weight).
constexpr double kMaxPositiveLogit = model::kBias + MaxBin(model::kTrailingDigits) + Max0(model::kDigitHeavy) +
                                     MaxBin(model::kLongUsername) + MaxBin(model::kAlternation) +
                                     MaxBin(model::kRepeatedChars) +
                                     Max(Max(Max0(model::kFullNameEmpty), Max0(model::kFullNameLikeUsername)),
                                         Max(MaxBin(model::kFullNameDigits), Max0(model::kCustomFullName))) +
                                     Max(Max0(model::kAnonymousAvatar), Max0(model::kHasAvatar)) +
                                     Max0(model::kPrivate) + Max(Max0(model::kRecentStory), Max0(model::kNoStory));

// logit(0.85) = ln(0.85 / 0.15) = 1.7346..., the default LevelThresholds::high.
constexpr double kDefaultHighLogit = 1.7346;
static_assert(kMaxPositiveLogit + model::kVerified < kDefaultHighLogit,
              "model_weights.h: a verified account must never reach the default high level");
static_assert(model::kVerified < 0 && model::kRecentStory < 0 && model::kHasAvatar < 0 && model::kCustomFullName < 0,
              "model_weights.h: organic signals must lower the score");

// ---- Reason codes -----------------------------------------------------------------------------

constexpr std::string_view kTrailingDigitsCode = "username_trailing_digits";
constexpr std::string_view kDigitHeavyCode = "username_digit_heavy";
constexpr std::string_view kLongCode = "username_long";
constexpr std::string_view kAlternationCode = "username_alternation";
constexpr std::string_view kRepeatedCode = "username_repeated_chars";
constexpr std::string_view kFullNameEmptyCode = "full_name_empty";
constexpr std::string_view kFullNameLikeUsernameCode = "full_name_like_username";
constexpr std::string_view kFullNameDigitsCode = "full_name_has_digits";
constexpr std::string_view kCustomFullNameCode = "custom_full_name";
constexpr std::string_view kAnonymousAvatarCode = "anonymous_avatar";
constexpr std::string_view kHasAvatarCode = "has_avatar";
constexpr std::string_view kPrivateCode = "private_account";
constexpr std::string_view kVerifiedCode = "verified";
constexpr std::string_view kRecentStoryCode = "recent_story";
constexpr std::string_view kNoStoryCode = "no_story";

constexpr ReasonInfo kCatalog[] = {
    {kTrailingDigitsCode, "The username ends in a run of digits (longer runs weigh more)."},
    {kDigitHeavyCode, "At least half of the username is digits."},
    {kLongCode, "The username is unusually long."},
    {kAlternationCode, "The username switches between letters and digits many times."},
    {kRepeatedCode, "The username repeats one character several times in a row."},
    {kFullNameEmptyCode, "The display name is empty or blank."},
    {kFullNameLikeUsernameCode, "The display name is just the username."},
    {kFullNameDigitsCode, "The display name contains several digits."},
    {kCustomFullNameCode, "The account has a display name of its own (organic sign)."},
    {kAnonymousAvatarCode, "No profile picture: the default silhouette."},
    {kHasAvatarCode, "The account has a profile picture (organic sign)."},
    {kPrivateCode, "The account is private."},
    {kVerifiedCode, "The account is verified by Instagram (organic sign)."},
    {kRecentStoryCode, "The account has an active story (organic sign)."},
    {kNoStoryCode, "The account has no active story."},
};

// ---- UTF-8 display names (attacker-written: any bytes, any script) ----------------------------

constexpr char32_t kReplacement = 0xFFFD;

/// Decodes the code point at s[*i] and advances *i. Invalid or truncated sequences, overlong
/// forms and surrogates give U+FFFD and advance by one byte, so any input terminates.
char32_t NextCodePoint(std::string_view s, std::size_t* i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[*i]);
  if (b0 < 0x80) {
    ++*i;
    return b0;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1Fu;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0Fu;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07u;
    min = 0x10000;
  } else {
    ++*i;
    return kReplacement;
  }
  if (s.size() - *i < len) {
    ++*i;
    return kReplacement;
  }
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[*i + k]);
    if ((b & 0xC0) != 0x80) {
      ++*i;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*i;
    return kReplacement;
  }
  *i += len;
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

/// What the display name says, measured without allocating.
struct FullNameFacts {
  bool blank = true;
  bool like_username = false;
  std::uint32_t digits = 0;
};

FullNameFacts AnalyzeFullName(std::string_view name, std::string_view username) noexcept {
  FullNameFacts facts;
  // Trim blanks (by code point) and count digits in one pass.
  std::size_t first = name.size();
  std::size_t last = 0;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t at = i;
    const char32_t cp = NextCodePoint(name, &i);
    if (DigitValue(cp) >= 0 && facts.digits < UINT32_MAX) ++facts.digits;
    if (!IsBlank(cp)) {
      if (first == name.size()) first = at;
      last = i;
    }
  }
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

void Add(Score& score, std::string_view code, double weight, std::string text) {
  score.logit += weight;
  score.reasons.push_back(Reason{std::string(code), weight, std::move(text)});
}

void AppendNumber(std::string& out, std::uint32_t n) {
  char digits[10];
  std::size_t len = 0;
  do {
    digits[len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (len > 0) out.push_back(digits[--len]);
}

/// "<a><n><b>[<m><c>]" built with one allocation (reason texts are made for every account).
std::string Text(std::string_view a, std::uint32_t n, std::string_view b, std::optional<std::uint32_t> m = std::nullopt,
                 std::string_view c = {}) {
  std::string out;
  out.reserve(a.size() + b.size() + c.size() + 20);
  out.append(a);
  AppendNumber(out, n);
  out.append(b);
  if (m) {
    AppendNumber(out, *m);
    out.append(c);
  }
  return out;
}

void AddUsernameReasons(Score& score, std::string_view username) {
  if (username.empty()) return;  // pk-only records: nothing known about the handle.
  const UsernameShape shape = AnalyzeUsername(username);
  bool hit = false;

  double w = BinWeight(model::kTrailingDigits, shape.trailing_digits, &hit);
  if (hit) {
    Add(score, kTrailingDigitsCode, w, Text("username ends in a run of ", shape.trailing_digits, " digits"));
  }
  // Integer percent test (digits * 100 >= length * percent) keeps this exact and platform-stable.
  if (shape.digits >= model::kDigitHeavyMinDigits &&
      std::uint64_t{shape.digits} * 100 >= std::uint64_t{shape.length} * model::kDigitHeavyMinPercent) {
    Add(score, kDigitHeavyCode, model::kDigitHeavy,
        Text("", shape.digits, " of the ", shape.length, " username characters are digits"));
  }
  w = BinWeight(model::kLongUsername, shape.length, &hit);
  if (hit) Add(score, kLongCode, w, Text("username is long (", shape.length, " characters)"));
  w = BinWeight(model::kAlternation, shape.letter_digit_switches, &hit);
  if (hit) {
    Add(score, kAlternationCode, w,
        Text("username switches between letters and digits ", shape.letter_digit_switches, " times"));
  }
  w = BinWeight(model::kRepeatedChars, shape.max_repeat, &hit);
  if (hit) {
    Add(score, kRepeatedCode, w, Text("username repeats one character ", shape.max_repeat, " times in a row"));
  }
}

void AddFullNameReasons(Score& score, const std::optional<std::string>& full_name, std::string_view username) {
  if (!full_name) return;
  const FullNameFacts facts = AnalyzeFullName(*full_name, username);
  if (facts.blank) {
    Add(score, kFullNameEmptyCode, model::kFullNameEmpty, "display name is empty");
    return;
  }
  if (facts.like_username) {
    Add(score, kFullNameLikeUsernameCode, model::kFullNameLikeUsername, "display name is the username");
    return;
  }
  bool hit = false;
  const double w = BinWeight(model::kFullNameDigits, facts.digits, &hit);
  if (hit) {
    Add(score, kFullNameDigitsCode, w, Text("display name contains ", facts.digits, " digits"));
    return;
  }
  // "Of its own" needs the username to compare with; without it the name tells nothing more.
  if (!username.empty()) {
    Add(score, kCustomFullNameCode, model::kCustomFullName, "has a display name of its own");
  }
}

double Magnitude(double w) { return w < 0 ? -w : w; }

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

Score ScoreAccount(const Account& account, const LevelThresholds& thresholds) {
  Score score;
  score.logit = model::kBias;
  score.reasons.reserve(10);  // At most 10 reasons fire at once (one per field or username test).

  AddUsernameReasons(score, account.username);
  AddFullNameReasons(score, account.full_name, account.username);
  if (account.anonymous_avatar) {
    if (*account.anonymous_avatar) {
      Add(score, kAnonymousAvatarCode, model::kAnonymousAvatar, "no profile picture (default silhouette)");
    } else {
      Add(score, kHasAvatarCode, model::kHasAvatar, "has a profile picture");
    }
  }
  if (account.is_private && *account.is_private) {
    Add(score, kPrivateCode, model::kPrivate, "account is private");
  }
  if (account.is_verified && *account.is_verified) {
    Add(score, kVerifiedCode, model::kVerified, "account is verified");
  }
  // Negative timestamps are not a story time Instagram sends: treat them as unknown.
  if (account.latest_reel_media && *account.latest_reel_media >= 0) {
    if (*account.latest_reel_media > 0) {
      Add(score, kRecentStoryCode, model::kRecentStory, "has an active story");
    } else {
      Add(score, kNoStoryCode, model::kNoStory, "no active story");
    }
  }

  // Strongest first; insertion sort keeps equal weights in the fixed order above (deterministic
  // across platforms) and needs no buffer for at most ten items.
  auto& r = score.reasons;
  for (std::size_t i = 1; i < r.size(); ++i) {
    for (std::size_t j = i; j > 0 && Magnitude(r[j].weight) > Magnitude(r[j - 1].weight); --j) {
      std::swap(r[j], r[j - 1]);
    }
  }

  score.score = 1.0 / (1.0 + std::exp(-score.logit));
  if (score.score >= thresholds.high) {
    score.level = Level::kHigh;
  } else if (score.score >= thresholds.medium) {
    score.level = Level::kMedium;
  }
  return score;
}

}  // namespace swarmlens
