// Mojibake repair: UTF-8 text that was decoded as latin-1 / windows-1252 and re-encoded as UTF-8.
// Meta's "Download your information" exports are the main source ("JosÃ©" for "José"); some
// names went through the mistake twice ("Ã˜Â³Ã˜Â§..." for Persian "سا..."), so the repair is
// applied until the text stops changing (at most a few rounds).
#include <cstdint>
#include <string>
#include <string_view>

#include "swarmlens/ingest.h"

#include "utf8.h"

namespace swarmlens {

namespace {

constexpr auto DecodeUtf8 = utf8::Decode;

bool IsValidUtf8(std::string_view text) {
  char32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = DecodeUtf8(text, i, &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// The byte that windows-1252 shows as `cp`, for the code points it places in 0x80..0x9F.
// Latin-1 maps every code point <= 0xFF to itself; windows-1252 differs only in that range.
int Cp1252Byte(std::uint32_t cp) {
  switch (cp) {
    case 0x20AC:
      return 0x80;
    case 0x201A:
      return 0x82;
    case 0x0192:
      return 0x83;
    case 0x201E:
      return 0x84;
    case 0x2026:
      return 0x85;
    case 0x2020:
      return 0x86;
    case 0x2021:
      return 0x87;
    case 0x02C6:
      return 0x88;
    case 0x2030:
      return 0x89;
    case 0x0160:
      return 0x8A;
    case 0x2039:
      return 0x8B;
    case 0x0152:
      return 0x8C;
    case 0x017D:
      return 0x8E;
    case 0x2018:
      return 0x91;
    case 0x2019:
      return 0x92;
    case 0x201C:
      return 0x93;
    case 0x201D:
      return 0x94;
    case 0x2022:
      return 0x95;
    case 0x2013:
      return 0x96;
    case 0x2014:
      return 0x97;
    case 0x02DC:
      return 0x98;
    case 0x2122:
      return 0x99;
    case 0x0161:
      return 0x9A;
    case 0x203A:
      return 0x9B;
    case 0x0153:
      return 0x9C;
    case 0x017E:
      return 0x9E;
    case 0x0178:
      return 0x9F;
    default:
      return -1;
  }
}

// One round: maps every code point back to the single byte latin-1 / windows-1252 would have
// shown it as. Succeeds only if all code points map and the bytes form valid UTF-8 that differs.
bool UndoOnce(std::string_view text, std::string* out) {
  bool non_ascii = false;
  for (char c : text) non_ascii |= static_cast<unsigned char>(c) >= 0x80;
  if (!non_ascii) return false;  // ASCII re-encodes to itself

  out->clear();
  out->reserve(text.size());
  char32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = DecodeUtf8(text, i, &cp);
    if (n == 0) return false;
    i += n;
    int byte = cp <= 0xFF ? static_cast<int>(cp) : Cp1252Byte(cp);
    if (byte < 0) return false;
    out->push_back(static_cast<char>(byte));
  }
  // Every non-ASCII code point became one byte, so a valid result always differs from the input.
  return IsValidUtf8(*out);
}

}  // namespace

std::string RepairMojibake(std::string_view text) {
  std::string current(text);
  std::string next;
  // Three rounds cover the double encoding seen in exports; a bound keeps the cost linear.
  for (int round = 0; round < 3 && UndoOnce(current, &next); ++round) current.swap(next);
  return current;
}

}  // namespace swarmlens
