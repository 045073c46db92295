// Hidden Words: the lexicons' patterns expanded into the literal phrases the platforms match.
#include "swarmlens/hidden_words.h"

#include <algorithm>
#include <unordered_set>

#include "insult_lexicon.h"
#include "lexicon_pattern.h"
#include "swarmlens/text_normalize.h"
#include "swarmlens/threats.h"
#include "threat_lexicon.h"

namespace swarmlens {
namespace {

using threat_lexicon::Entry;

// Enumerating every combination of a pattern's alternatives is bounded by this; a pattern with
// more keeps the first few spellings of each slot (the lexicon writes the common one first).
constexpr std::size_t kMaxCombinations = 4096;
constexpr std::size_t kFewSpellings = 4;
// How many candidate spellings per accepted one are tried (some spellings are not flagged alone).
constexpr std::size_t kCandidatesPerPhrase = 4;

struct SlotForms {
  std::vector<std::string> forms;  // "" = the slot left out (optional slot, empty alternative)
};

std::vector<SlotForms> PatternSlots(std::string_view pattern) {
  std::vector<SlotForms> slots;
  const std::vector<std::string_view> texts = lexicon_pattern::SplitSlots(pattern);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::string_view text = texts[i];
    bool optional = false;
    if (!text.empty() && text.back() == '?') {
      optional = i > 0;
      text.remove_suffix(1);
    }
    // A prefix slot ("*") is written as its stem: the platform's literal match finds the stem
    // inside the longer word too.
    if (!text.empty() && text.back() == '*') text.remove_suffix(1);
    SlotForms slot;
    lexicon_pattern::ExpandBraces(text, {}, &slot.forms);
    // Left out after the slot's own spellings: the full phrase ("you deserve to be raped") is
    // what people write; the pattern's optional words make the matcher tolerant, not the text.
    if (optional) slot.forms.emplace_back();
    slots.push_back(std::move(slot));
  }
  return slots;
}

// Spellings of one pattern, most common first: the combinations ordered by the sum of their
// alternatives' ranks.
std::vector<std::string> Spellings(std::string_view pattern, std::size_t limit) {
  std::vector<SlotForms> slots = PatternSlots(pattern);
  std::size_t total = 1;
  for (const SlotForms& s : slots) total = std::min(total * std::max<std::size_t>(s.forms.size(), 1), kMaxCombinations + 1);
  if (total > kMaxCombinations) {
    for (SlotForms& s : slots)
      if (s.forms.size() > kFewSpellings) s.forms.resize(kFewSpellings);
  }
  struct Combination {
    std::vector<std::size_t> pick;
    std::size_t rank = 0;
  };
  std::vector<Combination> all(1);
  for (const SlotForms& s : slots) {
    std::vector<Combination> next;
    next.reserve(all.size() * s.forms.size());
    for (const Combination& c : all)
      for (std::size_t k = 0; k < s.forms.size(); ++k) {
        Combination n = c;
        n.pick.push_back(k);
        n.rank += k;
        next.push_back(std::move(n));
      }
    all = std::move(next);
  }
  std::stable_sort(all.begin(), all.end(), [](const Combination& a, const Combination& b) { return a.rank < b.rank; });
  std::vector<std::string> out;
  for (const Combination& c : all) {
    if (out.size() >= limit) break;
    std::string phrase;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const std::string& form = slots[i].forms[c.pick[i]];
      if (form.empty()) continue;
      if (!phrase.empty()) phrase += ' ';
      phrase += form;
    }
    if (!phrase.empty()) out.push_back(std::move(phrase));
  }
  return out;
}

// Whether SwarmLens flags `phrase` alone with a match of `entry`'s category, and no protest slogan.
bool FlaggedAlone(const std::string& phrase, const Entry& entry, bool threat) {
  ThreatResult threats, insults, slogans;
  DetectThreatsAndInsults(phrase, NormalizeText(phrase), &threats, &insults, &slogans);
  if (!slogans.matches.empty()) return false;
  const ThreatResult& r = threat ? threats : insults;
  if (r.score < kThreatMediumScore) return false;
  return std::any_of(r.matches.begin(), r.matches.end(),
                     [&](const ThreatMatch& m) { return m.category == entry.category; });
}

// Persian verbs are typed with and without the zero-width non-joiner after "می"/"نمی"
// ("میکشمت", "می‌کشمت"); the platforms match each spelling separately.
std::string WithZwnj(const std::string& phrase) {
  static constexpr std::string_view kMi = "\xD9\x85\xDB\x8C";            // می
  static constexpr std::string_view kNami = "\xD9\x86\xD9\x85\xDB\x8C";  // نمی
  static constexpr std::string_view kZwnj = "\xE2\x80\x8C";
  std::string out;
  std::size_t start = 0;
  bool changed = false;
  while (start <= phrase.size()) {
    std::size_t end = phrase.find(' ', start);
    if (end == std::string::npos) end = phrase.size();
    std::string_view word(phrase.data() + start, end - start);
    std::size_t stem = 0;
    if (word.starts_with(kNami)) stem = kNami.size();
    else if (word.starts_with(kMi)) stem = kMi.size();
    if (!out.empty()) out += ' ';
    // Only before a letter of the verb (two more bytes at least), never a ZWNJ already there.
    if (stem && word.size() > stem + 2 && word.substr(stem, kZwnj.size()) != kZwnj) {
      out.append(word.substr(0, stem)).append(kZwnj).append(word.substr(stem));
      changed = true;
    } else {
      out.append(word);
    }
    start = end + 1;
  }
  return changed ? out : std::string();
}

bool LanguageSelected(std::string_view languages, std::string_view language) {
  if (languages.empty()) return true;
  while (!languages.empty()) {
    const std::size_t comma = languages.find(',');
    if (languages.substr(0, comma) == language) return true;
    if (comma == std::string_view::npos) break;
    languages.remove_prefix(comma + 1);
  }
  return false;
}

// Whether a run of consecutive words of `phrase`, shorter than it, is itself in `kept`.
bool ContainsKeptPhrase(const std::string& phrase, const std::unordered_set<std::string>& kept) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < phrase.size(); ++i)
    if (phrase[i] == ' ') starts.push_back(i + 1);
  const std::size_t words = starts.size();
  if (words < 2) return false;
  for (std::size_t a = 0; a < words; ++a)
    for (std::size_t b = a + 1; b <= words; ++b) {
      if (a == 0 && b == words) continue;
      const std::size_t begin = starts[a];
      const std::size_t end = b == words ? phrase.size() : starts[b] - 1;
      if (kept.count(phrase.substr(begin, end - begin))) return true;
    }
  return false;
}

}  // namespace

std::vector<HiddenWord> HiddenWordsList(const HiddenWordsOptions& options) {
  struct Source {
    const Entry* entry;
    bool threat;
    std::size_t order;
  };
  std::vector<Source> sources;
  auto take = [&](std::span<const Entry> entries, bool threat) {
    for (const Entry& e : entries) {
      if (std::string_view(e.category) == "negative" || e.weight < options.min_weight) continue;
      if (!LanguageSelected(options.languages, e.language)) continue;
      sources.push_back({&e, threat, sources.size()});
    }
  };
  if (options.threats) take(threat_lexicon::kEntries, true);
  if (options.insults) take(insult_lexicon::kEntries, false);
  // Threats first, then insults; strongest first; ties in lexicon order.
  std::stable_sort(sources.begin(), sources.end(), [](const Source& a, const Source& b) {
    if (a.threat != b.threat) return a.threat;
    return a.entry->weight > b.entry->weight;
  });

  std::vector<HiddenWord> list;
  std::unordered_set<std::string> seen;
  for (const Source& s : sources) {
    std::size_t accepted = 0;
    for (std::string& phrase : Spellings(s.entry->pattern, options.max_per_entry * kCandidatesPerPhrase)) {
      if (accepted >= options.max_per_entry) break;
      if (phrase.find(',') != std::string::npos || seen.count(phrase) || !FlaggedAlone(phrase, *s.entry, s.threat)) continue;
      ++accepted;
      std::string zwnj = WithZwnj(phrase);
      for (std::string* p : {&phrase, &zwnj}) {
        if (p->empty() || !seen.insert(*p).second) continue;
        list.push_back({std::move(*p), s.entry->language, s.entry->category, s.entry->gloss, s.entry->weight, s.threat});
      }
    }
  }
  // A phrase that contains another listed phrase as whole words is hidden by that one already.
  std::erase_if(list, [&](const HiddenWord& w) { return ContainsKeptPhrase(w.phrase, seen); });
  return list;
}

std::string HiddenWordsText(std::span<const HiddenWord> words) {
  std::string out;
  for (const HiddenWord& w : words) {
    if (!out.empty()) out += ", ";
    out += w.phrase;
  }
  return out;
}

}  // namespace swarmlens
