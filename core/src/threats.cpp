// Threat matcher (see threats.h and threat_lexicon.h). The lexicon is compiled once into a hashed
// index of token keys: every alternative of every slot becomes a "term"; a token of the comment
// is looked up once (one hash probe, plus one per distinct prefix-term length) and carries the
// terms it matches. Entries are anchored on their first slot's terms, so a comment costs one
// normalisation pass, one tokenisation pass and one probe per token; the slot-by-slot match runs
// only where a first slot hit, which is rare in ordinary text.
#include "swarmlens/threats.h"

#include "utf8.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string>

#include "insult_lexicon.h"
#include "lexicon_pattern.h"
#include "threat_lexicon.h"

namespace swarmlens {

namespace {

// Invalid bytes read as U+FFFD one byte at a time, as the normaliser does.
constexpr auto DecodeUtf8 = utf8::DecodeOrReplace;
constexpr auto AppendUtf8 = utf8::Append;

constexpr char32_t kZwnj = 0x200C;
constexpr char32_t kZwj = 0x200D;

// A word character of normalised text: ASCII letters and digits, '@'/'$' that survived the
// normaliser's leetspeak pass, and letters of other scripts. Emoji, symbols and punctuation end
// a word (the normaliser keeps emoji as words; a threat followed by an emoji is still a threat).
constexpr bool IsWordCharSlow(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c == kZwnj || c == kZwj) return true;  // joins Persian morphemes; removed by TokenKey
  if (c <= 0xBF || c == 0xD7 || c == 0xF7) return false;
  if (c == 0x060C || c == 0x061B || c == 0x061F || (c >= 0x066A && c <= 0x066D) || c == 0x06D4) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, arrows, math, dingbats, misc symbols
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFE10 && c <= 0xFE6F) return false;
  if (c == 0xFFFD || (c >= 0xFFF0 && c <= 0xFFFF)) return false;
  if (c >= 0x1F000) return false;  // emoji and pictographs
  return true;
}

// IsWordCharSlow for code points below U+0800 (ASCII and Arabic script: nearly every character
// of a comment), as a table, so the common case is one load.
struct WordCharTable {
  bool is_word[0x800] = {};
  constexpr WordCharTable() {
    for (char32_t c = 0; c < 0x800; ++c) is_word[c] = IsWordCharSlow(c);
  }
};
constexpr WordCharTable kWordChars;

inline bool IsWordChar(char32_t c) { return c < 0x800 ? kWordChars.is_word[c] : IsWordCharSlow(c); }

// DecodeUtf8 with ASCII and two-byte sequences inline (the tokeniser decodes every character).
inline std::size_t DecodeFast(std::string_view text, std::size_t i, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < text.size()) {
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    if ((b1 & 0xC0) == 0x80) {
      *cp = (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
      return 2;
    }
  }
  return DecodeUtf8(text, i, cp);
}

// The phonetic key of a token is what lexicon forms and comment tokens are compared by.
// Beyond NormalizeText: ZWNJ joins ("می‌کشیمت" = "میکشیمت"), alef madda and hamza seats fold,
// Persian homophones fold (people misspell them, by accident or to dodge filters), and runs of
// one letter collapse to one (elongation and double letters: "khoooonet" = "khonet").
// AppendKeyChar adds one code point of a token to its key (`last`: the key's last code point),
// so the tokeniser builds keys while it decodes; TokenKey keys a whole token.
inline void AppendKeyChar(char32_t c, char32_t* last, std::string* out) {
  switch (c) {
    case kZwnj:
    case kZwj:
    case 0x0640:
      return;  // joiners, tatweel
    case 0x0622:
    case 0x0623:
    case 0x0625:
    case 0x0671:
      c = 0x0627;
      break;  // alef forms
    case 0x0649:
    case 0x064A:
    case 0x0626:
      c = 0x06CC;
      break;  // yeh forms
    case 0x0643:
      c = 0x06A9;
      break;  // Arabic kaf
    case 0x0629:
    case 0x06C0:
      c = 0x0647;
      break;  // teh marbuta, heh yeh
    case 0x0624:
      c = 0x0648;
      break;  // waw hamza
    case 0x0630:
    case 0x0636:
    case 0x0638:
      c = 0x0632;
      break;  // ذ ض ظ -> ز
    case 0x062B:
    case 0x0635:
      c = 0x0633;
      break;  // ث ص -> س
    case 0x0637:
      c = 0x062A;
      break;  // ط -> ت
    case 0x062D:
      c = 0x0647;
      break;  // ح -> ه
    case 0x063A:
      c = 0x0642;
      break;  // غ -> ق
    case 0x0639:
      c = 0x0627;
      break;  // ع -> ا
    default:
      if (c >= 'A' && c <= 'Z') c += 32;
      break;
  }
  if (c == *last) return;
  *last = c;
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    const char two[2] = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    out->append(two, 2);
  } else {
    AppendUtf8(c, out);
  }
}

void TokenKey(std::string_view token, std::string* out) {
  out->clear();
  char32_t last = 0;
  for (std::size_t i = 0; i < token.size();) {
    char32_t c = 0;
    i += DecodeUtf8(token, i, &c);
    AppendKeyChar(c, &last, out);
  }
}

// splitmix64's finaliser: every input bit reaches the low bits that pick a slot.
inline std::uint64_t Mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Hashes 8 bytes per step: every token of every comment is hashed once, and a byte-at-a-time
// hash was a serial multiply chain per byte. (Native byte order: tables never leave the process.)
inline std::uint64_t Hash(std::string_view s) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull * (s.size() + 1);
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, s.data() + i, 8);
    h = Mix(h ^ word);
  }
  if (i < s.size()) {
    std::uint64_t word = 0;
    for (std::size_t k = i; k < s.size(); ++k) word |= std::uint64_t{static_cast<unsigned char>(s[k])} << (8 * (k - i));
    h = Mix(h ^ word);
  }
  return h;
}

// Open-addressing map from token key to term id. Slots hold only hash and id (16 bytes, the
// table stays cache-sized); keys are compared, in their own array, only when the hashes agree.
class TermTable {
 public:
  // Returns the id of `key`, inserting it with `next_id` if absent.
  std::uint32_t Insert(const std::string& key, std::uint32_t next_id) {
    if (2 * (keys_.size() + 1) > slots_.size()) Grow();
    const std::uint64_t h = Hash(key);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.id == kEmpty) {
        s = {h, next_id, static_cast<std::uint32_t>(keys_.size())};
        keys_.push_back(key);
        return next_id;
      }
      if (s.hash == h && keys_[s.key] == key) return s.id;
    }
  }
  // Term id of `key`, or kEmpty.
  std::uint32_t Find(std::string_view key) const {
    if (slots_.empty()) return kEmpty;
    const std::uint64_t h = Hash(key);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id == kEmpty) return kEmpty;
      if (s.hash == h && keys_[s.key] == key) return s.id;
    }
  }
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t id = kEmpty;
    std::uint32_t key = 0;  // index into keys_
  };
  // Keeps the load at most 1/2, so misses end after a probe or two.
  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.id == kEmpty) continue;
      std::size_t i = s.hash & mask_;
      while (slots_[i].id != kEmpty) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::vector<std::string> keys_;
  std::size_t mask_ = 0;
};

struct CompiledSlot {
  std::vector<std::uint32_t> terms;  // sorted
  bool optional = false;
};

// Which lexicon an entry comes from: one compiled table may hold both, so that a comment is
// tokenised and matched once for threats and insults.
enum class Kind : std::uint8_t { kThreat, kInsult, kSlogan };

struct CompiledEntry {
  std::vector<CompiledSlot> slots;
  const threat_lexicon::Entry* source = nullptr;
  bool negative = false;
  Kind kind = Kind::kThreat;
};

struct Compiled {
  TermTable exact;
  TermTable prefix;
  std::vector<std::size_t> prefix_lengths;         // distinct key lengths of prefix terms
  std::vector<std::vector<std::uint32_t>> starts;  // term id -> entries whose first slot has it
  std::vector<CompiledEntry> entries;
  std::size_t exact_term_count = 0;
  ThreatLexiconStats stats;  // of the last table compiled (tables are compiled alone for stats)
};

Compiled Compile(std::span<const threat_lexicon::Entry> threats, std::span<const threat_lexicon::Entry> insults,
                 std::span<const threat_lexicon::Entry> slogans = {}) {
  Compiled c;
  std::uint32_t next_exact = 0;
  std::uint32_t next_prefix = 0;
  // Prefix terms get ids above all exact ids so one token's term list can hold both.
  constexpr std::uint32_t kPrefixBase = 0x40000000u;
  std::string key;
  std::vector<std::string> forms;
  struct Table {
    std::span<const threat_lexicon::Entry> entries;
    Kind kind;
  };
  for (const Table& table :
       {Table{threats, Kind::kThreat}, Table{insults, Kind::kInsult}, Table{slogans, Kind::kSlogan}}) {
  for (const auto& e : table.entries) {
    CompiledEntry ce;
    ce.source = &e;
    ce.kind = table.kind;
    ce.negative = std::string_view(e.category) == "negative";
    ++c.stats.entries;
    if (ce.negative) ++c.stats.negative_entries;
    const std::vector<std::string_view> slots = lexicon_pattern::SplitSlots(e.pattern);
    for (std::size_t si = 0; si < slots.size(); ++si) {
      std::string_view text = slots[si];
      CompiledSlot slot;
      if (!text.empty() && text.back() == '?') {
        slot.optional = si > 0;  // a first slot is always required (it anchors the match)
        text.remove_suffix(1);
      }
      bool is_prefix = false;
      if (!text.empty() && text.back() == '*') {
        is_prefix = true;
        text.remove_suffix(1);
      }
      forms.clear();
      lexicon_pattern::ExpandBraces(text, {}, &forms);
      for (const std::string& form : forms) {
        TokenKey(NormalizeText(form), &key);
        bool single_token = !key.empty();
        for (std::size_t i = 0; i < key.size();) {
          char32_t cp = 0;
          i += DecodeUtf8(key, i, &cp);
          if (!IsWordChar(cp)) single_token = false;
        }
        if (!single_token) {
          ++c.stats.unmatchable_forms;  // a form that can never equal one token of a comment
          continue;
        }
        std::uint32_t id = 0;
        if (is_prefix) {
          id = c.prefix.Insert(key, next_prefix);
          if (id == next_prefix) {
            ++next_prefix;
            if (std::find(c.prefix_lengths.begin(), c.prefix_lengths.end(), key.size()) == c.prefix_lengths.end())
              c.prefix_lengths.push_back(key.size());
          }
          id += kPrefixBase;
        } else {
          id = c.exact.Insert(key, next_exact);
          if (id == next_exact) ++next_exact;
        }
        slot.terms.push_back(id);
      }
      std::sort(slot.terms.begin(), slot.terms.end());
      slot.terms.erase(std::unique(slot.terms.begin(), slot.terms.end()), slot.terms.end());
      ce.slots.push_back(std::move(slot));
    }
    c.entries.push_back(std::move(ce));
  }
  }
  c.stats.expanded_terms = next_exact + next_prefix;
  // starts[] is indexed by exact id, then prefix id after them.
  c.starts.assign(next_exact + next_prefix, {});
  for (std::uint32_t ei = 0; ei < c.entries.size(); ++ei) {
    if (c.entries[ei].slots.empty()) continue;
    for (std::uint32_t t : c.entries[ei].slots[0].terms) {
      const std::uint32_t index = t >= kPrefixBase ? next_exact + (t - kPrefixBase) : t;
      c.starts[index].push_back(ei);
    }
  }
  c.exact_term_count = next_exact;
  return c;
}

const Compiled& ThreatLexicon() {
  static const Compiled compiled = Compile(threat_lexicon::kEntries, {});
  return compiled;
}

const Compiled& InsultLexicon() {
  static const Compiled compiled = Compile({}, insult_lexicon::kEntries);
  return compiled;
}

const Compiled& CombinedLexicon() {
  static const Compiled compiled =
      Compile(threat_lexicon::kEntries, insult_lexicon::kEntries, insult_lexicon::kSlogans);
  return compiled;
}

struct Token {
  std::size_t begin;  // byte offsets in the normalised text
  std::size_t end;
  std::uint32_t first_term;  // index into the flat term list
  std::uint32_t term_count;
};

// A standalone verb prefix that Persian writers separate with a space or ZWNJ; glued to the
// next token so that every spelling of a verb meets one lexicon form.
bool IsDetachedPrefix(std::string_view key) {
  return key == "\xD9\x85\xDB\x8C" /* می */ || key == "\xD9\x86\xD9\x85\xDB\x8C" /* نمی */ || key == "mi" ||
         key == "nemi";
}

struct Scan {
  std::vector<Token> tokens;
  std::vector<std::uint32_t> terms;
  bool any_term = false;
};

void LookUp(const Compiled& c, std::string_view key, std::vector<std::uint32_t>* terms) {
  constexpr std::uint32_t kPrefixBase = 0x40000000u;
  const std::uint32_t id = c.exact.Find(key);
  if (id != TermTable::kEmpty) terms->push_back(id);
  for (std::size_t len : c.prefix_lengths) {
    if (len > key.size()) continue;
    const std::uint32_t p = c.prefix.Find(key.substr(0, len));
    if (p != TermTable::kEmpty) terms->push_back(p + kPrefixBase);
  }
}

void Tokenize(const Compiled& c, std::string_view norm, Scan* scan) {
  scan->tokens.clear();
  scan->terms.clear();
  scan->any_term = false;
  thread_local std::string key;          // reused: no allocation per token or per comment
  thread_local std::string pending_key;  // a detached prefix waiting for its verb
  std::size_t pending_begin = 0;
  std::size_t pending_end = 0;
  bool pending = false;
  std::size_t i = 0;
  while (i < norm.size()) {
    // Skip separators.
    char32_t cp = 0;
    std::size_t len = DecodeFast(norm, i, &cp);
    if (!IsWordChar(cp) || cp == kZwnj) {
      i += len;
      continue;
    }
    const std::size_t begin = i;
    key.clear();  // TokenKey of the token, built while it is decoded
    char32_t last = 0;
    while (i < norm.size()) {
      len = DecodeFast(norm, i, &cp);
      if (!IsWordChar(cp)) break;
      AppendKeyChar(cp, &last, &key);
      i += len;
    }
    if (key.empty()) continue;
    if (pending) {
      // Latin "mi"/"nemi" glue only onto a Latin word, Persian prefixes onto a Persian word.
      const bool latin_prefix = static_cast<unsigned char>(pending_key[0]) < 0x80;
      const bool latin_word = static_cast<unsigned char>(key[0]) < 0x80;
      if (latin_prefix == latin_word) {
        key.insert(0, pending_key);
        pending = false;
        const auto first = static_cast<std::uint32_t>(scan->terms.size());
        LookUp(c, key, &scan->terms);
        const auto count = static_cast<std::uint32_t>(scan->terms.size()) - first;
        scan->any_term |= count > 0;
        scan->tokens.push_back({pending_begin, i, first, count});
        continue;
      }
      // Not a verb after all: the prefix stands as its own token.
      const auto first = static_cast<std::uint32_t>(scan->terms.size());
      LookUp(c, pending_key, &scan->terms);
      const auto count = static_cast<std::uint32_t>(scan->terms.size()) - first;
      scan->any_term |= count > 0;
      scan->tokens.push_back({pending_begin, pending_end, first, count});
      pending = false;
    }
    if (IsDetachedPrefix(key)) {
      pending = true;
      pending_key = key;
      pending_begin = begin;
      pending_end = i;
      continue;
    }
    const auto first = static_cast<std::uint32_t>(scan->terms.size());
    LookUp(c, key, &scan->terms);
    const auto count = static_cast<std::uint32_t>(scan->terms.size()) - first;
    scan->any_term |= count > 0;
    scan->tokens.push_back({begin, i, first, count});
  }
  if (pending) {
    const auto first = static_cast<std::uint32_t>(scan->terms.size());
    LookUp(c, pending_key, &scan->terms);
    const auto count = static_cast<std::uint32_t>(scan->terms.size()) - first;
    scan->any_term |= count > 0;
    scan->tokens.push_back({pending_begin, pending_end, first, count});
  }
}

bool TokenHas(const Scan& scan, std::size_t t, const CompiledSlot& slot) {
  const Token& tok = scan.tokens[t];
  for (std::uint32_t k = 0; k < tok.term_count; ++k)
    if (std::binary_search(slot.terms.begin(), slot.terms.end(), scan.terms[tok.first_term + k])) return true;
  return false;
}

// Matches slots [s, end) after the token `last`; returns the last matched token or -1.
long MatchFrom(const Scan& scan, const CompiledEntry& e, std::size_t s, std::size_t last) {
  if (s == e.slots.size()) return static_cast<long>(last);
  const CompiledSlot& slot = e.slots[s];
  const std::size_t gap = static_cast<std::size_t>(std::clamp(e.source->max_gap, 0, 2));
  for (std::size_t pos = last + 1; pos <= last + 1 + gap && pos < scan.tokens.size(); ++pos) {
    if (!TokenHas(scan, pos, slot)) continue;
    const long r = MatchFrom(scan, e, s + 1, pos);
    if (r >= 0) return r;
  }
  if (slot.optional) return MatchFrom(scan, e, s + 1, last);
  return -1;
}

struct RawMatch {
  const CompiledEntry* entry;
  std::size_t first_token;
  std::size_t last_token;
};

std::vector<RawMatch> MatchTokens(const Compiled& c, const Scan& scan) {
  std::vector<RawMatch> found;
  if (!scan.any_term) return found;
  constexpr std::uint32_t kPrefixBase = 0x40000000u;
  const std::size_t exact_count = c.exact_term_count;
  for (std::size_t t = 0; t < scan.tokens.size(); ++t) {
    const Token& tok = scan.tokens[t];
    for (std::uint32_t k = 0; k < tok.term_count; ++k) {
      const std::uint32_t term = scan.terms[tok.first_term + k];
      const std::size_t index = term >= kPrefixBase ? exact_count + (term - kPrefixBase) : term;
      for (std::uint32_t ei : c.starts[index]) {
        const CompiledEntry& e = c.entries[ei];
        const bool seen = std::any_of(found.begin(), found.end(),
                                      [&](const RawMatch& m) { return m.entry == &e && m.first_token == t; });
        if (seen) continue;
        const long last = MatchFrom(scan, e, 1, t);
        if (last >= 0) found.push_back({&e, t, static_cast<std::size_t>(last)});
      }
    }
  }
  // Idioms and praise cancel the matches of their own lexicon that they overlap.
  std::vector<RawMatch> kept;
  for (const RawMatch& m : found) {
    if (m.entry->negative) continue;
    const bool cancelled = std::any_of(found.begin(), found.end(), [&](const RawMatch& n) {
      return n.entry->negative && n.entry->kind == m.entry->kind && n.first_token <= m.last_token &&
             m.first_token <= n.last_token;
    });
    if (!cancelled) kept.push_back(m);
  }
  // A match inside a stronger (or equal, earlier-listed) match of the same span says nothing new
  // ("kill you" inside "we will kill you"): drop it so each reason is shown once.
  std::vector<RawMatch> distinct;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const RawMatch& m = kept[i];
    bool covered = false;
    for (std::size_t j = 0; j < kept.size() && !covered; ++j) {
      if (j == i || kept[j].entry->kind != m.entry->kind) continue;
      const RawMatch& n = kept[j];
      const bool inside = n.first_token <= m.first_token && m.last_token <= n.last_token;
      const bool same = n.first_token == m.first_token && n.last_token == m.last_token;
      const double wn = n.entry->source->weight, wm = m.entry->source->weight;
      covered = inside && (wn > wm || (wn == wm && (!same || j < i)));
    }
    if (!covered) distinct.push_back(m);
  }
  kept.swap(distinct);
  std::sort(kept.begin(), kept.end(), [](const RawMatch& a, const RawMatch& b) {
    return a.first_token != b.first_token ? a.first_token < b.first_token : a.last_token < b.last_token;
  });
  return kept;
}

bool IsTrailingMark(char32_t c) {
  return c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x0300 && c <= 0x036F) || c == kZwj ||
         (c >= 0xFE00 && c <= 0xFE0F);
}

// Byte span in the original text of normalised bytes [nb, ne).
TextSpan OriginalSpan(std::string_view original, const std::vector<std::size_t>& map, std::size_t nb, std::size_t ne) {
  TextSpan span;
  span.begin = map[nb];
  const std::size_t last_src = map[ne - 1];
  char32_t last_cp = 0;
  std::size_t end = last_src + DecodeUtf8(original, last_src, &last_cp);
  // The normaliser squeezed repeats and dropped marks: extend over what it folded away, so the
  // span covers "kill youuuuu" and "میکشیمتــــ" whole.
  while (end < original.size()) {
    char32_t cp = 0;
    const std::size_t len = DecodeUtf8(original, end, &cp);
    char32_t lower = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    char32_t last_lower = last_cp >= 'A' && last_cp <= 'Z' ? last_cp + 32 : last_cp;
    if (lower != last_lower && !IsTrailingMark(cp)) break;
    end += len;
  }
  span.end = std::min(end, original.size());
  if (span.begin > span.end) span.begin = span.end;
  return span;
}

// ---- Context rules (docs/threat-lexicon.md, "Context"): a threat pattern is a few words; the
// words around it can turn it into its opposite. Checked only for texts that matched.

// Punctuation that ends a clause: a pattern never matches across it ("your head, be ...").
bool IsClauseBreak(char32_t c) {
  switch (c) {
    case '.': case ',': case '!': case '?': case ';': case ':': case '\n': case '\r':
    case 0x060C: case 0x061B: case 0x061F: case 0x06D4: case 0x2026: case 0x3002:
      return true;
    default:
      return false;
  }
}

bool HasClauseBreak(std::string_view text, std::size_t begin, std::size_t end) {
  end = std::min(end, text.size());
  for (std::size_t i = begin; i < end;) {
    char32_t cp = 0;
    i += DecodeUtf8(text, i, &cp);
    if (IsClauseBreak(cp)) return true;
  }
  return false;
}

bool TokenIn(std::string_view token, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), token) != set.end();
}

// Words (normalised: lower case, apostrophes split "don't" into "don" "t") that negate what
// follows in their clause: "I would never hurt you", "nobody should be killed", "don't kill
// yourself", "they should not be executed". Persian negates inside the verb (نمی‌کشم), which the
// patterns do not match anyway; these are its free-standing negators.
bool IsNegation(std::string_view t) {
  return TokenIn(t, {"never", "not", "no", "nobody", "noone", "none", "neither", "nor", "cannot", "cant", "don",
                     "dont", "won", "wont", "wouldn", "wouldnt", "shouldn", "shouldnt", "didn", "didnt", "doesn",
                     "doesnt", "isn", "aren", "hichvaght", "hichvakht", "hargez", "nabayad", "hichkas", "hich",
                     "\xD9\x87\xDB\x8C\xDA\x86\xD9\x88\xD9\x82\xD8\xAA" /* هیچوقت */,
                     "\xD9\x87\xD8\xB1\xDA\xAF\xD8\xB2" /* هرگز */, "\xD9\x86\xD8\xA8\xD8\xA7\xDB\x8C\xD8\xAF" /* نباید */,
                     "\xD9\x87\xDB\x8C\xDA\x86\xDA\xA9\xD8\xB3" /* هیچکس */, "\xD9\x87\xDB\x8C\xDA\x86" /* هیچ */});
}

// Words that report a threat someone else made ("he said he would kill her", "they threatened
// to kill her family", "according to police"): news and quotation, not a threat to the reader.
// First-person telling ("I told you I will kill you") is still a threat: "told" / "said" after
// "i" or "we" does not count.
bool IsReport(std::string_view t, std::string_view before) {
  if (TokenIn(t, {"said", "says", "told", "tells", "telling"})) return !TokenIn(before, {"i", "we", "i've", "ive"});
  return TokenIn(t, {"threatened", "threatens", "threatening", "reportedly", "according", "allegedly", "reported",
                     "gofte", "goft", "tahdid",
                     "\xDA\xAF\xD9\x81\xD8\xAA" /* گفت */, "\xDA\xAF\xD9\x81\xD8\xAA\xD9\x87" /* گفته */,
                     "\xD8\xAA\xD9\x87\xD8\xAF\xDB\x8C\xD8\xAF" /* تهدید */,
                     "\xDA\xAF\xD8\xB2\xD8\xA7\xD8\xB1\xD8\xB4" /* گزارش */});
}

// How many words before a match its clause is searched for a negation or a report.
constexpr std::size_t kContextTokens = 6;

// Whether the clause context of a threat match (its own words and up to kContextTokens words
// before it, back to the previous clause break) cancels it, or the match spans a clause break.
bool CancelledByContext(std::string_view text, std::string_view norm, const std::vector<std::size_t>& map,
                        const Scan& scan, const RawMatch& m) {
  auto word = [&](std::size_t t) {
    return norm.substr(scan.tokens[t].begin, scan.tokens[t].end - scan.tokens[t].begin);
  };
  auto orig_begin = [&](std::size_t t) { return map[scan.tokens[t].begin]; };
  auto orig_end = [&](std::size_t t) { return map[scan.tokens[t].end - 1] + 1; };
  if (m.last_token > m.first_token && HasClauseBreak(text, orig_begin(m.first_token), orig_begin(m.last_token)))
    return true;
  for (std::size_t t = m.first_token + 1; t < m.last_token; ++t)
    if (IsNegation(word(t))) return true;
  for (std::size_t k = 1; k <= kContextTokens && k <= m.first_token; ++k) {
    const std::size_t t = m.first_token - k;
    if (HasClauseBreak(text, orig_end(t), orig_begin(t + 1))) break;
    const std::string_view before = t > 0 ? word(t - 1) : std::string_view();
    if (IsNegation(word(t)) || IsReport(word(t), before)) return true;
  }
  return false;
}

}  // namespace

ThreatLevel ThreatLevelOf(double score) noexcept {
  if (score >= kThreatHighScore) return ThreatLevel::kHigh;
  if (score >= kThreatMediumScore) return ThreatLevel::kMedium;
  return ThreatLevel::kNone;
}

const char* ThreatLevelName(ThreatLevel level) noexcept {
  switch (level) {
    case ThreatLevel::kHigh:
      return "high";
    case ThreatLevel::kMedium:
      return "medium";
    case ThreatLevel::kNone:
      break;
  }
  return "none";
}

ThreatResult DetectThreats(std::string_view text) { return DetectThreats(text, NormalizeText(text)); }

namespace {

// Matches one compiled lexicon and scores each kind of entry into its result (any may be null
// when the lexicon has no entries of that kind).
void Detect(const Compiled& c, std::string_view text, std::string_view norm, ThreatResult* threats,
            ThreatResult* insults, ThreatResult* slogans = nullptr) {
  thread_local Scan scan;
  // Most comments match nothing: match on the plain normalised text first, and build the offset
  // map (8 bytes per byte) only when there is a span to report.
  Tokenize(c, norm, &scan);
  std::vector<RawMatch> raw = MatchTokens(c, scan);
  if (raw.empty()) return;

  std::vector<std::size_t> map;
  std::string mapped = NormalizeTextWithMap(text, &map);
  if (mapped != norm) {  // cannot happen with one normaliser, but spans must never be wrong
    Tokenize(c, mapped, &scan);
    raw = MatchTokens(c, scan);
    if (raw.empty()) return;
  }

  for (const Kind kind : {Kind::kThreat, Kind::kInsult, Kind::kSlogan}) {
    ThreatResult* result = kind == Kind::kThreat ? threats : kind == Kind::kInsult ? insults : slogans;
    if (result == nullptr) continue;
    double logit = kThreatBias;
    // Strongest weight per category counts in full, every further match a little (repetition and
    // several kinds of threat in one comment make it more certain, but not without bound).
    std::vector<std::pair<std::string_view, double>> best;
    double rest = 0;
    for (const RawMatch& m : raw) {
      if (m.entry->kind != kind) continue;
      if (kind == Kind::kThreat && CancelledByContext(text, mapped, map, scan, m)) continue;
      const auto& src = *m.entry->source;
      ThreatMatch out;
      out.category = src.category;
      out.gloss = src.gloss;
      out.weight = src.weight;
      out.span = OriginalSpan(text, map, scan.tokens[m.first_token].begin, scan.tokens[m.last_token].end);
      result->matches.push_back(out);
      auto it = std::find_if(best.begin(), best.end(), [&](const auto& b) { return b.first == out.category; });
      if (it == best.end()) {
        best.emplace_back(out.category, out.weight);
      } else {
        rest += std::min(it->second, out.weight);
        it->second = std::max(it->second, out.weight);
      }
    }
    if (result->matches.empty()) continue;
    for (const auto& b : best) logit += b.second;
    logit += 0.3 * rest;
    result->score = 1.0 / (1.0 + std::exp(-logit));
  }
}

}  // namespace

ThreatResult DetectThreats(std::string_view text, std::string_view norm) {
  ThreatResult result;
  Detect(ThreatLexicon(), text, norm, &result, nullptr);
  return result;
}

ThreatResult DetectInsults(std::string_view text) { return DetectInsults(text, NormalizeText(text)); }

ThreatResult DetectInsults(std::string_view text, std::string_view norm) {
  ThreatResult result;
  Detect(InsultLexicon(), text, norm, nullptr, &result);
  return result;
}

void DetectThreatsAndInsults(std::string_view text, std::string_view norm, ThreatResult* threats,
                             ThreatResult* insults, ThreatResult* slogans) {
  *threats = {};
  *insults = {};
  if (slogans != nullptr) *slogans = {};
  Detect(CombinedLexicon(), text, norm, threats, insults, slogans);
}

ThreatLexiconStats GetThreatLexiconStats() { return ThreatLexicon().stats; }

ThreatLexiconStats GetInsultLexiconStats() { return InsultLexicon().stats; }

}  // namespace swarmlens
