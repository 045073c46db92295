// The lexicons' pattern syntax (threat_lexicon.h): slots separated by spaces outside braces,
// `{a,b}` alternatives. Shared by the matcher (threats.cpp) and the Hidden Words export
// (comments/hidden_words.cpp), so both read a pattern the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace swarmlens::lexicon_pattern {

// Expands `{a,b}` alternatives (several groups multiply) into `out`.
inline void ExpandBraces(std::string_view s, std::string prefix, std::vector<std::string>* out) {
  const std::size_t open = s.find('{');
  if (open == std::string_view::npos) {
    out->push_back(prefix.append(s));
    return;
  }
  const std::size_t close = s.find('}', open);
  if (close == std::string_view::npos) {  // malformed: take it literally (a lexicon test catches it)
    out->push_back(prefix.append(s));
    return;
  }
  prefix.append(s.substr(0, open));
  std::string_view body = s.substr(open + 1, close - open - 1);
  const std::string_view rest = s.substr(close + 1);
  while (true) {
    const std::size_t comma = body.find(',');
    ExpandBraces(rest, prefix + std::string(body.substr(0, comma)), out);
    if (comma == std::string_view::npos) break;
    body.remove_prefix(comma + 1);
  }
}

// Splits a pattern into slots on spaces outside braces.
inline std::vector<std::string_view> SplitSlots(std::string_view pattern) {
  std::vector<std::string_view> slots;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= pattern.size(); ++i) {
    const char ch = i < pattern.size() ? pattern[i] : ' ';
    if (ch == '{') ++depth;
    if (ch == '}') --depth;
    if (ch == ' ' && depth == 0) {
      if (i > start) slots.push_back(pattern.substr(start, i - start));
      start = i + 1;
    }
  }
  return slots;
}

}  // namespace swarmlens::lexicon_pattern
