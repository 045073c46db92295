// Hand-set priors of the account score: the signals InstaFake cannot train (see docs/scoring.md).
//
// The score is the trained two-tier model (trained_account_model.h, from InstaFake) PLUS these
// priors. InstaFake is anonymised to counts and flags: it has no usernames (only their length and
// digit count), no display names, no verification, no stories, no external URL, no business flag
// and no join date. Every signal about those is set here by hand, as a documented prior, and
// named as such in docs/model-card.md. score.cpp reads this table and checks its invariants at
// compile time.
//
// Units: every weight is a log-odds contribution added to the trained logit. +0.7 roughly
// doubles the odds of "bot", -0.7 halves them. The priors were sized against the trained weights
// they sit next to, so as not to count one fact twice: the trained `username_digits` already
// gives +1.56..+2.27 (list tier) for any digit, so the trailing-run prior only adds what a count
// cannot see (one long block of digits at the end), and the length and digit-ratio priors of the
// hand-set model "handset-1" were dropped (length is trained; digit-ratio bins did not improve
// the trained model on InstaFake, docs/model-card.md).
#pragma once

#include <cstdint>

namespace swarmlens::model {

/// Name of this prior set, so a reported score can be traced to the numbers that produced it.
inline constexpr const char* kPriorsName = "priors-2";

/// A threshold bin: applies when the measured value is >= `min`. Bins of one table are sorted by
/// `min` ascending; the last bin that applies gives the weight (only one bin of a table counts).
struct Bin {
  std::uint32_t min;
  double weight;
};

// ---- Username shape (ASCII handle; skipped when the username is empty) -------------------------

/// Length of the run of digits the username ends with. Only runs of 5+ count: shorter runs (a
/// birth year) are covered by the trained digit count alone. 7+ digits is what Instagram's sign-up
/// suggestions and bulk generators append ("user8815263094").
inline constexpr Bin kTrailingDigits[] = {{5, 0.2}, {7, 0.5}};

/// Letter<->digit switches between adjacent characters ("a1b2c3" has 5). Random-string
/// generators mix classes; people put digits in one block ("sara92": 1 switch). The digits
/// themselves are already counted by the trained model, hence less than handset-1's +0.8.
inline constexpr Bin kAlternation[] = {{4, 0.6}};

/// Longest run of one repeated character ("xxxxx", "0000", "____"). Weak: people do this too.
inline constexpr Bin kRepeatedChars[] = {{4, 0.3}};

/// Separators ('.' and '_'). One or two structure a handle like a name ("sara.ahmadi",
/// "ali_rezaei_"), which generated numeric handles lack; three or more are filler ("x_x_x_x").
inline constexpr Bin kSeparators[] = {{1, -0.2}, {3, 0.3}};

/// Word-likeness: mean log-likelihood ratio (bits per letter pair) of the username's letter runs
/// under the bigram model of real words and names (username_bigrams.h) against uniform letters.
/// Measured only with at least kWordLikenessMinLetters letters in runs of 2+ letters (shorter
/// handles tell too little; lone letters between digits are no words).
/// On the model's corpus the 5th percentile of words is +0.43 and of name pairs +0.22; of random
/// 6-12 letter strings 81 % are below -1.0 and 91 % below -0.5 (scripts/build_username_model.py).
inline constexpr std::uint32_t kWordLikenessMinLetters = 5;
/// Below this mean (bits): letters look random ("xkqzvbtr": -4.2).
inline constexpr double kRandomLettersBelow = -1.5;
inline constexpr double kRandomLetters = 1.0;
/// Below this mean (bits) but not random: unusual letters (also some transliterations, e.g.
/// "xiaoqing" -0.8, "szczepanski" -1.0), so weak.
inline constexpr double kOddLettersBelow = -0.5;
inline constexpr double kOddLetters = 0.3;
/// At or above this mean (bits): letters read like words or names ("sara.ahmadi": +0.8).
inline constexpr double kWordLikeFrom = 0.5;
inline constexpr double kWordLike = -0.3;

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

/// A display name with no letter and no digit at all: only emoji or symbols ("🔥🔥", "★").
inline constexpr double kFullNameEmojiOnly = 0.5;

/// One word mixes Latin letters with Greek or Cyrillic ones: look-alike letters ("Sаra" with a
/// Cyrillic 'а') are a trick to evade filters. Names in two scripts as separate words
/// ("Sara سارا") are not this.
inline constexpr double kFullNameMixedScript = 0.5;

/// A display name of its own: not blank, not the username, fewer digits than kFullNameDigits
/// starts at, some letters, no look-alike mixing. The most common organic pattern; every script
/// (Latin, Persian, other) counts the same.
inline constexpr double kCustomFullName = -0.7;

// ---- Flags InstaFake does not have -------------------------------------------------------------

/// Verified badge (identity checked by Meta). Besides this weight, a verified account's level is
/// capped at medium (score.cpp), whatever the other signals say.
inline constexpr double kVerified = -4.0;

/// An active story (latest_reel_media > 0; Instagram reports it only while a story is live,
/// i.e. within the last 24 h): someone is using the account now.
inline constexpr double kRecentStory = -1.2;
/// No active story. Weak: most organic accounts have none at any given moment either.
inline constexpr double kNoStory = 0.3;

// ---- Profile signals InstaFake does not have (profile payloads only) ---------------------------

/// The profile links a website. Follower-swarm accounts rarely set one up; spam accounts do,
/// so weak.
inline constexpr double kExternalUrl = -0.3;

/// A business or professional account (is_business_account / is_professional_account): the
/// switch asks for a category and contact options, which bulk-made accounts rarely bother with.
inline constexpr double kProfessional = -0.3;

/// Instagram's own "joined recently" marker on the profile. Swarms are made for a campaign, so
/// they are new; so are many genuine newcomers, hence +1.0 and not more.
inline constexpr double kJoinedRecently = 1.0;

}  // namespace swarmlens::model
