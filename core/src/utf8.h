// UTF-8 decoding and encoding shared by the core's text code (normaliser, threat matcher, name
// analysis, mojibake repair, JSON writer): one definition of what "valid" means everywhere.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace swarmlens::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

/// Decodes one strict UTF-8 sequence (no overlongs, no surrogates, <= U+10FFFF) at text[i]
/// (precondition: i < text.size()). Returns its length, or 0 when the bytes there are not valid.
inline std::size_t Decode(std::string_view text, std::size_t i, char32_t* cp) noexcept {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  char32_t value = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, min = 0x80, value = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, min = 0x800, value = b0 & 0x0Fu;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, min = 0x10000, value = b0 & 0x07u;
  } else {
    return 0;
  }
  if (text.size() - i < len) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    value = (value << 6) | (b & 0x3Fu);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  *cp = value;
  return len;
}

/// Like Decode, but an invalid byte gives U+FFFD and length 1, so any input makes progress.
inline std::size_t DecodeOrReplace(std::string_view text, std::size_t i, char32_t* cp) noexcept {
  const std::size_t len = Decode(text, i, cp);
  if (len != 0) return len;
  *cp = kReplacement;
  return 1;
}

/// Appends the UTF-8 encoding of a code point (precondition: a valid scalar value).
inline void Append(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace swarmlens::utf8
