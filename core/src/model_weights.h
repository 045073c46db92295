// Weights of the account score: an additive log-odds model (see docs/scoring.md).
//
// This file is a plain data table so that a training script can regenerate it: it holds only
// named constants and threshold bins, no logic. score.cpp reads it and checks its invariants at
// compile time (a verified account can never reach the default "high" level).
//
// Units: every weight is a log-odds contribution. logit = kBias + sum of the weights of the
// signals present; score = 1 / (1 + exp(-logit)). +0.7 roughly doubles the odds of "bot",
// -0.7 halves them.
//
// Version "handset-1": set by hand from the patterns of swarm accounts seen in follower lists
// (e.g. "user8815263094", no display name, default avatar, private, no story) and from the
// organic accounts they must not be confused with (name-derived handles such as "sara.ahmadi",
// birth years such as "ali1990", private accounts without a story). Every number is explained
// in docs/scoring.md; change both together.
#pragma once

#include <cstdint>

namespace swarmlens::model {

/// Name of this weight set, so a reported score can be traced to the weights that produced it.
inline constexpr const char* kModelName = "handset-1";

/// A threshold bin: applies when the measured value is >= `min`. Bins of one table are sorted by
/// `min` ascending; the last bin that applies gives the weight (only one bin of a table counts).
struct Bin {
  std::uint32_t min;
  double weight;
};

/// Log-odds of "bot" for an account showing none of the signals below. Chosen so that an
/// account about which nothing is known scores 0.12 (low), and a typical organic account with a
/// few organic signals lands well below 0.1.
inline constexpr double kBias = -2.0;

// ---- Username shape (ASCII handle; skipped when the username is empty) -------------------------

/// Length of the run of digits the username ends with. 3-4 digits are often a birth year or
/// a short number people choose ("ali1990"), so they weigh little; 5+ digit runs are what
/// Instagram's sign-up suggestions and bulk account generators append.
inline constexpr Bin kTrailingDigits[] = {{3, 0.3}, {5, 0.9}, {7, 1.6}};

/// Usernames made mostly of digits ("user8815263094", "x77318842"). Applies when the digits are
/// at least kDigitHeavyMinDigits and at least kDigitHeavyMinPercent of the username's bytes.
/// Five digits, so a short name plus a birth year ("ali1990") does not count.
inline constexpr std::uint32_t kDigitHeavyMinDigits = 5;
inline constexpr std::uint32_t kDigitHeavyMinPercent = 50;
inline constexpr double kDigitHeavy = 0.6;

/// Username length in bytes (Instagram allows up to 30). Generated handles that glue a name,
/// a word and a number together are long; many organic handles are too, so this is weak.
inline constexpr Bin kLongUsername[] = {{20, 0.3}};

/// Letter<->digit switches between adjacent characters ("a1b2c3" has 5). Random-string
/// generators mix classes; human handles put digits in one block ("sara92": 1 switch).
inline constexpr Bin kAlternation[] = {{4, 0.8}};

/// Longest run of one repeated character ("xxxxx", "0000", "____"). Weak: people do this too.
inline constexpr Bin kRepeatedChars[] = {{4, 0.3}};

// ---- Display name (full_name) ------------------------------------------------------------------

/// The display name is empty or only blanks / invisible characters. Swarm accounts rarely fill
/// it in; many organic accounts do.
inline constexpr double kFullNameEmpty = 0.8;

/// The display name is the username itself (same text ignoring case and surrounding blanks, or
/// the same letters and digits when it carries digits: "User 8815263094"). Bulk sign-ups copy the
/// handle into the name; a name from which the handle was derived ("Sara Ahmadi" for
/// "sara.ahmadi") is NOT this signal.
inline constexpr double kFullNameLikeUsername = 0.8;

/// Digits in a display name that is not the username (ASCII, Arabic-Indic and Persian digits
/// count). Generated names often carry numbers ("Maria 3847"); people rarely put 3+ digits there.
inline constexpr Bin kFullNameDigits[] = {{3, 0.5}};

/// A display name of its own: not blank, not the username, fewer digits than kFullNameDigits
/// starts at. The most common organic pattern.
inline constexpr double kCustomFullName = -0.7;

// ---- Profile flags -----------------------------------------------------------------------------

/// Default silhouette instead of a profile picture: the strongest single non-name signal of an
/// account nobody looks after.
inline constexpr double kAnonymousAvatar = 1.6;
/// A profile picture was uploaded.
inline constexpr double kHasAvatar = -0.8;

/// Private account. Weak: a large share of organic accounts are private, but swarm accounts are
/// private more often (nothing to show, harder to inspect). Public adds nothing.
inline constexpr double kPrivate = 0.4;

/// Verified badge (identity checked by Meta). Strong enough that no combination of the positive
/// signals above can push a verified account to "high" (checked at compile time in score.cpp).
inline constexpr double kVerified = -4.0;

/// An active story (latest_reel_media > 0; Instagram reports it only while a story is live,
/// i.e. within the last 24 h): someone is using the account now.
inline constexpr double kRecentStory = -1.2;
/// No active story. Weak: most organic accounts have none at any given moment either.
inline constexpr double kNoStory = 0.3;

}  // namespace swarmlens::model
