// Text normalisation (see text_normalize.h). Two passes, streamed in one loop: pass 1 decodes
// UTF-8 and maps each code point on its own (variants, digits, look-alikes, case, separators;
// MapOne, tabulated below U+0800); pass 2 needs context (leetspeak inside Latin words, repeats,
// spaces, ZWNJ) and writes UTF-8, holding back only a run of leetspeak candidates.
// scripts/train_comment_model.py ports these steps (there as two passes over a list) and reads
// kPresentationForms from here, so the model's features are computed identically in Python and
// C++: change both.
#include "swarmlens/text_normalize.h"

#include "utf8.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <type_traits>

namespace swarmlens {

namespace {

using utf8::kReplacement;
constexpr auto DecodeUtf8 = utf8::Decode;

constexpr char32_t kZwnj = 0x200C;

// Arabic presentation forms (isolated/initial/medial/final glyph code points that some keyboards
// and evasion tools emit) -> their letters, as Unicode NFKC maps them (Unicode 14; harakat and
// tatweel of the decomposition dropped). Second letter 0 when there is one. Sorted by `from`.
struct PresentationForm {
  std::uint16_t from;
  std::uint16_t first;
  std::uint16_t second;
};
// BEGIN kPresentationForms (parsed by scripts/train_comment_model.py)
constexpr PresentationForm kPresentationForms[] = {
    {0xFB50, 0x0671, 0x0000}, {0xFB51, 0x0671, 0x0000}, {0xFB52, 0x067B, 0x0000}, {0xFB53, 0x067B, 0x0000},
    {0xFB54, 0x067B, 0x0000}, {0xFB55, 0x067B, 0x0000}, {0xFB56, 0x067E, 0x0000}, {0xFB57, 0x067E, 0x0000},
    {0xFB58, 0x067E, 0x0000}, {0xFB59, 0x067E, 0x0000}, {0xFB5A, 0x0680, 0x0000}, {0xFB5B, 0x0680, 0x0000},
    {0xFB5C, 0x0680, 0x0000}, {0xFB5D, 0x0680, 0x0000}, {0xFB5E, 0x067A, 0x0000}, {0xFB5F, 0x067A, 0x0000},
    {0xFB60, 0x067A, 0x0000}, {0xFB61, 0x067A, 0x0000}, {0xFB62, 0x067F, 0x0000}, {0xFB63, 0x067F, 0x0000},
    {0xFB64, 0x067F, 0x0000}, {0xFB65, 0x067F, 0x0000}, {0xFB66, 0x0679, 0x0000}, {0xFB67, 0x0679, 0x0000},
    {0xFB68, 0x0679, 0x0000}, {0xFB69, 0x0679, 0x0000}, {0xFB6A, 0x06A4, 0x0000}, {0xFB6B, 0x06A4, 0x0000},
    {0xFB6C, 0x06A4, 0x0000}, {0xFB6D, 0x06A4, 0x0000}, {0xFB6E, 0x06A6, 0x0000}, {0xFB6F, 0x06A6, 0x0000},
    {0xFB70, 0x06A6, 0x0000}, {0xFB71, 0x06A6, 0x0000}, {0xFB72, 0x0684, 0x0000}, {0xFB73, 0x0684, 0x0000},
    {0xFB74, 0x0684, 0x0000}, {0xFB75, 0x0684, 0x0000}, {0xFB76, 0x0683, 0x0000}, {0xFB77, 0x0683, 0x0000},
    {0xFB78, 0x0683, 0x0000}, {0xFB79, 0x0683, 0x0000}, {0xFB7A, 0x0686, 0x0000}, {0xFB7B, 0x0686, 0x0000},
    {0xFB7C, 0x0686, 0x0000}, {0xFB7D, 0x0686, 0x0000}, {0xFB7E, 0x0687, 0x0000}, {0xFB7F, 0x0687, 0x0000},
    {0xFB80, 0x0687, 0x0000}, {0xFB81, 0x0687, 0x0000}, {0xFB82, 0x068D, 0x0000}, {0xFB83, 0x068D, 0x0000},
    {0xFB84, 0x068C, 0x0000}, {0xFB85, 0x068C, 0x0000}, {0xFB86, 0x068E, 0x0000}, {0xFB87, 0x068E, 0x0000},
    {0xFB88, 0x0688, 0x0000}, {0xFB89, 0x0688, 0x0000}, {0xFB8A, 0x0698, 0x0000}, {0xFB8B, 0x0698, 0x0000},
    {0xFB8C, 0x0691, 0x0000}, {0xFB8D, 0x0691, 0x0000}, {0xFB8E, 0x06A9, 0x0000}, {0xFB8F, 0x06A9, 0x0000},
    {0xFB90, 0x06A9, 0x0000}, {0xFB91, 0x06A9, 0x0000}, {0xFB92, 0x06AF, 0x0000}, {0xFB93, 0x06AF, 0x0000},
    {0xFB94, 0x06AF, 0x0000}, {0xFB95, 0x06AF, 0x0000}, {0xFB96, 0x06B3, 0x0000}, {0xFB97, 0x06B3, 0x0000},
    {0xFB98, 0x06B3, 0x0000}, {0xFB99, 0x06B3, 0x0000}, {0xFB9A, 0x06B1, 0x0000}, {0xFB9B, 0x06B1, 0x0000},
    {0xFB9C, 0x06B1, 0x0000}, {0xFB9D, 0x06B1, 0x0000}, {0xFB9E, 0x06BA, 0x0000}, {0xFB9F, 0x06BA, 0x0000},
    {0xFBA0, 0x06BB, 0x0000}, {0xFBA1, 0x06BB, 0x0000}, {0xFBA2, 0x06BB, 0x0000}, {0xFBA3, 0x06BB, 0x0000},
    {0xFBA4, 0x06C0, 0x0000}, {0xFBA5, 0x06C0, 0x0000}, {0xFBA6, 0x06C1, 0x0000}, {0xFBA7, 0x06C1, 0x0000},
    {0xFBA8, 0x06C1, 0x0000}, {0xFBA9, 0x06C1, 0x0000}, {0xFBAA, 0x06BE, 0x0000}, {0xFBAB, 0x06BE, 0x0000},
    {0xFBAC, 0x06BE, 0x0000}, {0xFBAD, 0x06BE, 0x0000}, {0xFBAE, 0x06D2, 0x0000}, {0xFBAF, 0x06D2, 0x0000},
    {0xFBB0, 0x06D3, 0x0000}, {0xFBB1, 0x06D3, 0x0000}, {0xFBD3, 0x06AD, 0x0000}, {0xFBD4, 0x06AD, 0x0000},
    {0xFBD5, 0x06AD, 0x0000}, {0xFBD6, 0x06AD, 0x0000}, {0xFBD7, 0x06C7, 0x0000}, {0xFBD8, 0x06C7, 0x0000},
    {0xFBD9, 0x06C6, 0x0000}, {0xFBDA, 0x06C6, 0x0000}, {0xFBDB, 0x06C8, 0x0000}, {0xFBDC, 0x06C8, 0x0000},
    {0xFBDD, 0x06C7, 0x0674}, {0xFBDE, 0x06CB, 0x0000}, {0xFBDF, 0x06CB, 0x0000}, {0xFBE0, 0x06C5, 0x0000},
    {0xFBE1, 0x06C5, 0x0000}, {0xFBE2, 0x06C9, 0x0000}, {0xFBE3, 0x06C9, 0x0000}, {0xFBE4, 0x06D0, 0x0000},
    {0xFBE5, 0x06D0, 0x0000}, {0xFBE6, 0x06D0, 0x0000}, {0xFBE7, 0x06D0, 0x0000}, {0xFBE8, 0x0649, 0x0000},
    {0xFBE9, 0x0649, 0x0000}, {0xFBEA, 0x0626, 0x0627}, {0xFBEB, 0x0626, 0x0627}, {0xFBEC, 0x0626, 0x06D5},
    {0xFBED, 0x0626, 0x06D5}, {0xFBEE, 0x0626, 0x0648}, {0xFBEF, 0x0626, 0x0648}, {0xFBF0, 0x0626, 0x06C7},
    {0xFBF1, 0x0626, 0x06C7}, {0xFBF2, 0x0626, 0x06C6}, {0xFBF3, 0x0626, 0x06C6}, {0xFBF4, 0x0626, 0x06C8},
    {0xFBF5, 0x0626, 0x06C8}, {0xFBF6, 0x0626, 0x06D0}, {0xFBF7, 0x0626, 0x06D0}, {0xFBF8, 0x0626, 0x06D0},
    {0xFBF9, 0x0626, 0x0649}, {0xFBFA, 0x0626, 0x0649}, {0xFBFB, 0x0626, 0x0649}, {0xFBFC, 0x06CC, 0x0000},
    {0xFBFD, 0x06CC, 0x0000}, {0xFBFE, 0x06CC, 0x0000}, {0xFBFF, 0x06CC, 0x0000}, {0xFE80, 0x0621, 0x0000},
    {0xFE81, 0x0622, 0x0000}, {0xFE82, 0x0622, 0x0000}, {0xFE83, 0x0623, 0x0000}, {0xFE84, 0x0623, 0x0000},
    {0xFE85, 0x0624, 0x0000}, {0xFE86, 0x0624, 0x0000}, {0xFE87, 0x0625, 0x0000}, {0xFE88, 0x0625, 0x0000},
    {0xFE89, 0x0626, 0x0000}, {0xFE8A, 0x0626, 0x0000}, {0xFE8B, 0x0626, 0x0000}, {0xFE8C, 0x0626, 0x0000},
    {0xFE8D, 0x0627, 0x0000}, {0xFE8E, 0x0627, 0x0000}, {0xFE8F, 0x0628, 0x0000}, {0xFE90, 0x0628, 0x0000},
    {0xFE91, 0x0628, 0x0000}, {0xFE92, 0x0628, 0x0000}, {0xFE93, 0x0629, 0x0000}, {0xFE94, 0x0629, 0x0000},
    {0xFE95, 0x062A, 0x0000}, {0xFE96, 0x062A, 0x0000}, {0xFE97, 0x062A, 0x0000}, {0xFE98, 0x062A, 0x0000},
    {0xFE99, 0x062B, 0x0000}, {0xFE9A, 0x062B, 0x0000}, {0xFE9B, 0x062B, 0x0000}, {0xFE9C, 0x062B, 0x0000},
    {0xFE9D, 0x062C, 0x0000}, {0xFE9E, 0x062C, 0x0000}, {0xFE9F, 0x062C, 0x0000}, {0xFEA0, 0x062C, 0x0000},
    {0xFEA1, 0x062D, 0x0000}, {0xFEA2, 0x062D, 0x0000}, {0xFEA3, 0x062D, 0x0000}, {0xFEA4, 0x062D, 0x0000},
    {0xFEA5, 0x062E, 0x0000}, {0xFEA6, 0x062E, 0x0000}, {0xFEA7, 0x062E, 0x0000}, {0xFEA8, 0x062E, 0x0000},
    {0xFEA9, 0x062F, 0x0000}, {0xFEAA, 0x062F, 0x0000}, {0xFEAB, 0x0630, 0x0000}, {0xFEAC, 0x0630, 0x0000},
    {0xFEAD, 0x0631, 0x0000}, {0xFEAE, 0x0631, 0x0000}, {0xFEAF, 0x0632, 0x0000}, {0xFEB0, 0x0632, 0x0000},
    {0xFEB1, 0x0633, 0x0000}, {0xFEB2, 0x0633, 0x0000}, {0xFEB3, 0x0633, 0x0000}, {0xFEB4, 0x0633, 0x0000},
    {0xFEB5, 0x0634, 0x0000}, {0xFEB6, 0x0634, 0x0000}, {0xFEB7, 0x0634, 0x0000}, {0xFEB8, 0x0634, 0x0000},
    {0xFEB9, 0x0635, 0x0000}, {0xFEBA, 0x0635, 0x0000}, {0xFEBB, 0x0635, 0x0000}, {0xFEBC, 0x0635, 0x0000},
    {0xFEBD, 0x0636, 0x0000}, {0xFEBE, 0x0636, 0x0000}, {0xFEBF, 0x0636, 0x0000}, {0xFEC0, 0x0636, 0x0000},
    {0xFEC1, 0x0637, 0x0000}, {0xFEC2, 0x0637, 0x0000}, {0xFEC3, 0x0637, 0x0000}, {0xFEC4, 0x0637, 0x0000},
    {0xFEC5, 0x0638, 0x0000}, {0xFEC6, 0x0638, 0x0000}, {0xFEC7, 0x0638, 0x0000}, {0xFEC8, 0x0638, 0x0000},
    {0xFEC9, 0x0639, 0x0000}, {0xFECA, 0x0639, 0x0000}, {0xFECB, 0x0639, 0x0000}, {0xFECC, 0x0639, 0x0000},
    {0xFECD, 0x063A, 0x0000}, {0xFECE, 0x063A, 0x0000}, {0xFECF, 0x063A, 0x0000}, {0xFED0, 0x063A, 0x0000},
    {0xFED1, 0x0641, 0x0000}, {0xFED2, 0x0641, 0x0000}, {0xFED3, 0x0641, 0x0000}, {0xFED4, 0x0641, 0x0000},
    {0xFED5, 0x0642, 0x0000}, {0xFED6, 0x0642, 0x0000}, {0xFED7, 0x0642, 0x0000}, {0xFED8, 0x0642, 0x0000},
    {0xFED9, 0x0643, 0x0000}, {0xFEDA, 0x0643, 0x0000}, {0xFEDB, 0x0643, 0x0000}, {0xFEDC, 0x0643, 0x0000},
    {0xFEDD, 0x0644, 0x0000}, {0xFEDE, 0x0644, 0x0000}, {0xFEDF, 0x0644, 0x0000}, {0xFEE0, 0x0644, 0x0000},
    {0xFEE1, 0x0645, 0x0000}, {0xFEE2, 0x0645, 0x0000}, {0xFEE3, 0x0645, 0x0000}, {0xFEE4, 0x0645, 0x0000},
    {0xFEE5, 0x0646, 0x0000}, {0xFEE6, 0x0646, 0x0000}, {0xFEE7, 0x0646, 0x0000}, {0xFEE8, 0x0646, 0x0000},
    {0xFEE9, 0x0647, 0x0000}, {0xFEEA, 0x0647, 0x0000}, {0xFEEB, 0x0647, 0x0000}, {0xFEEC, 0x0647, 0x0000},
    {0xFEED, 0x0648, 0x0000}, {0xFEEE, 0x0648, 0x0000}, {0xFEEF, 0x0649, 0x0000}, {0xFEF0, 0x0649, 0x0000},
    {0xFEF1, 0x064A, 0x0000}, {0xFEF2, 0x064A, 0x0000}, {0xFEF3, 0x064A, 0x0000}, {0xFEF4, 0x064A, 0x0000},
    {0xFEF5, 0x0644, 0x0622}, {0xFEF6, 0x0644, 0x0622}, {0xFEF7, 0x0644, 0x0623}, {0xFEF8, 0x0644, 0x0623},
    {0xFEF9, 0x0644, 0x0625}, {0xFEFA, 0x0644, 0x0625}, {0xFEFB, 0x0644, 0x0627}, {0xFEFC, 0x0644, 0x0627},
};
// END kPresentationForms

// U+00C0..U+017F -> base Latin letter ('.' = keep): accents stripped the way NFD + dropping
// marks would, plus the few letters with a stroke that NFD leaves alone (Ø, Đ, Ł, ı, ...).
constexpr char kLatinBase[] =
    "AAAAAA.CEEEEIIII.NOOOOO.OUUUUY..aaaaaa.ceeeeiiii.nooooo.ouuuuy.yAaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi..JjKk.LlLlLl..LlNnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz.";
static_assert(sizeof(kLatinBase) == 0x180 - 0xC0 + 1, "one entry per code point U+00C0..U+017F");

// Greek and Cyrillic letters that render like a Latin letter (the case they look like).
struct LookAlike {
  std::uint16_t from;
  char to;
};
constexpr LookAlike kLookAlikes[] = {
    {0x0391, 'A'}, {0x0392, 'B'}, {0x0395, 'E'}, {0x0396, 'Z'}, {0x0397, 'H'}, {0x0399, 'I'},
    {0x039A, 'K'}, {0x039C, 'M'}, {0x039D, 'N'}, {0x039F, 'O'}, {0x03A1, 'P'}, {0x03A4, 'T'},
    {0x03A5, 'Y'}, {0x03A7, 'X'}, {0x03B1, 'a'}, {0x03B9, 'i'}, {0x03BA, 'k'}, {0x03BD, 'v'},
    {0x03BF, 'o'}, {0x03C1, 'p'}, {0x03C4, 't'}, {0x03C5, 'u'}, {0x03F2, 'c'}, {0x03F3, 'j'},
    {0x0405, 'S'}, {0x0406, 'I'}, {0x0408, 'J'}, {0x0410, 'A'}, {0x0412, 'B'}, {0x0415, 'E'},
    {0x041A, 'K'}, {0x041C, 'M'}, {0x041D, 'H'}, {0x041E, 'O'}, {0x0420, 'P'}, {0x0421, 'C'},
    {0x0422, 'T'}, {0x0423, 'Y'}, {0x0425, 'X'}, {0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'},
    {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'}, {0x0445, 'x'}, {0x0455, 's'}, {0x0456, 'i'},
    {0x0458, 'j'}, {0x04BB, 'h'}, {0x04CF, 'l'}, {0x0501, 'd'}, {0x051B, 'q'}, {0x051D, 'w'},
};

bool IsInvisible(char32_t c) {
  return c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x17B4 ||
         c == 0x17B5 || (c >= 0x180B && c <= 0x180F) || c == 0x200B || (c >= 0x200D && c <= 0x200F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x206F) ||
         c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0 ||
         (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE0FFF);
}

bool IsCombiningMark(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) ||
         c == 0x0670 || (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 ||
         c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

// Whitespace, controls and punctuation: they separate words and carry no word content. '@' and
// '$' are not here (mentions, leetspeak); emoji and other symbols are words.
bool IsSeparator(char32_t c) {
  if (c < 0x80) {
    if (c <= 0x20 || c == 0x7F) return true;
    if (c == '@' || c == '$') return false;
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7E);
  }
  return (c >= 0x80 && c <= 0xA1) || c == 0xA7 || c == 0xAB || c == 0xB6 || c == 0xB7 || c == 0xBB ||
         c == 0xBF || c == 0x060C || c == 0x061B || c == 0x061F || (c >= 0x066A && c <= 0x066D) ||
         c == 0x06D4 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || (c >= 0x2010 && c <= 0x2029) ||
         (c >= 0x202F && c <= 0x205F) || (c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3000 && c <= 0x3003);
}

char32_t UnifyPersian(char32_t c) {
  switch (c) {
    case 0x064A: case 0x0649: case 0x06D0: return 0x06CC;  // Arabic yeh, alef maksura, yeh e
    case 0x0643: case 0x06AA: return 0x06A9;               // Arabic kaf, swash kaf
    case 0x0629: case 0x06C0: case 0x06C1: case 0x06D5: case 0x06BE: return 0x0647;  // heh forms
    case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673: return 0x0627;  // alef forms (not آ)
    case 0x0624: return 0x0648;                            // waw with hamza
    default: return c;
  }
}

char32_t LowerLatin(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0 || c > 0x17F) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 0x20;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c & 1) ? c : c + 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
  if (c == 0x178) return 0xFF;
  return c;
}

// Fullwidth forms, mathematical alphanumerics and circled letters -> ASCII; Greek/Cyrillic
// look-alikes -> Latin. Returns c when it is none of these.
char32_t FoldLookAlike(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c >= 0x1D400 && c <= 0x1D6A3) {
    const char32_t k = (c - 0x1D400) % 52;
    return k < 26 ? 'A' + k : 'a' + (k - 26);
  }
  if (c >= 0x1D7CE && c <= 0x1D7FF) return '0' + (c - 0x1D7CE) % 10;
  if (c >= 0x24B6 && c <= 0x24CF) return 'A' + (c - 0x24B6);
  if (c >= 0x24D0 && c <= 0x24E9) return 'a' + (c - 0x24D0);
  if (c >= 0x0391 && c <= 0x051D) {
    const auto* end = std::end(kLookAlikes);
    const auto* it = std::lower_bound(std::begin(kLookAlikes), end, c,
                                      [](const LookAlike& e, char32_t v) { return e.from < v; });
    if (it != end && it->from == c) return static_cast<unsigned char>(it->to);
  }
  return c;
}

enum class Kind : std::uint8_t { kChar, kSpace, kNonJoiner };  // word content, separator, ZWNJ

// Pass 1 for one decoded code point (after presentation-form expansion): false when the code
// point is dropped, else what it becomes and its kind.
bool MapOne(char32_t c, const NormalizeOptions& o, char32_t* out, Kind* kind) {
  if (c < 0x80) {  // ASCII needs case folding and the separator test only
    if (o.fold_case && c >= 'A' && c <= 'Z') c += 32;
    const bool sep = o.collapse_space && IsSeparator(c);
    *out = sep ? U' ' : c;
    *kind = sep ? Kind::kSpace : Kind::kChar;
    return true;
  }
  if (o.strip_invisible && IsInvisible(c)) return false;
  if (c == kZwnj) {
    *out = o.remove_zwnj ? U' ' : kZwnj;
    *kind = o.remove_zwnj ? Kind::kSpace : Kind::kNonJoiner;
    return true;
  }
  if (o.strip_tatweel && c == 0x0640) return false;
  if (o.strip_diacritics) {
    if (IsCombiningMark(c)) return false;
    if (c >= 0xC0 && c <= 0x17F && kLatinBase[c - 0xC0] != '.') c = static_cast<unsigned char>(kLatinBase[c - 0xC0]);
  }
  if (o.unify_persian) c = UnifyPersian(c);
  if (o.unify_digits) {
    if (c >= 0x06F0 && c <= 0x06F9) c = '0' + (c - 0x06F0);
    else if (c >= 0x0660 && c <= 0x0669) c = '0' + (c - 0x0660);
  }
  if (o.fold_lookalikes) c = FoldLookAlike(c);
  if (o.fold_case) c = LowerLatin(c);
  const bool sep = o.collapse_space && IsSeparator(c);
  *out = sep ? U' ' : c;
  *kind = sep ? Kind::kSpace : Kind::kChar;
  return true;
}

// MapOne for every code point below U+0800 (ASCII, Latin, Greek, Cyrillic, Arabic: one or two
// UTF-8 bytes, nearly all of real comments), precomputed by MapOne itself, so the per-character
// chain of range tests runs once per table instead of once per character.
class MapTable {
 public:
  static constexpr char32_t kSize = 0x800;
  explicit MapTable(const NormalizeOptions& o) : options_(o) {
    for (char32_t c = 0; c < kSize; ++c) {
      char32_t to = 0;
      Kind kind = Kind::kChar;
      if (!MapOne(c, o, &to, &kind)) {
        entries_[c] = kDropped;
      } else if (to >= kSize) {  // none today (they all map to ASCII or Arabic letters)
        entries_[c] = kNotTabulated;
      } else {
        entries_[c] = static_cast<std::uint16_t>(to | (static_cast<unsigned>(kind) << 12));
      }
    }
  }
  // An entry: the mapped code point (12 bits) and its Kind above it, or one of these.
  static constexpr std::uint16_t kDropped = 0xFFFF;
  static constexpr std::uint16_t kNotTabulated = 0xFFFE;
  std::uint16_t operator[](char32_t c) const { return entries_[c]; }
  bool BuiltFor(const NormalizeOptions& o) const { return std::memcmp(&options_, &o, sizeof o) == 0; }

 private:
  NormalizeOptions options_;
  std::uint16_t entries_[kSize];
};
// memcmp compares options only when every bit of them is a value bit (no padding).
static_assert(std::has_unique_object_representations_v<NormalizeOptions>);

const MapTable& MapTableFor(const NormalizeOptions& o) {
  static const MapTable defaults{NormalizeOptions{}};  // what every analysis uses
  if (defaults.BuiltFor(o)) return defaults;
  thread_local std::unique_ptr<MapTable> other;  // tests and the fuzzer vary the options
  if (other == nullptr || !other->BuiltFor(o)) other = std::make_unique<MapTable>(o);
  return *other;
}

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsLeetToken(char32_t c) { return IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '@' || c == '$'; }

char LeetLetter(char32_t c) {
  switch (c) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '7': return 't';
    case '@': return 'a';
    case '$': return 's';
    default: return 0;
  }
}

// The per-character steps below are forced inline into Normalize's loop (GCC would not inline
// them; as calls they cost about 5 % of NormalizeText's time).
#define SWARMLENS_HOT [[gnu::always_inline]] inline

// Pass 2: spaces, ZWNJ and repeats depend only on what came before, so characters are written
// as they arrive. Writes UTF-8 through a raw pointer into a buffer sized for the worst case.
class Writer {
 public:
  Writer(const NormalizeOptions& o, char* buffer, std::vector<std::size_t>* map)
      : collapse_space_(o.collapse_space), squeeze_repeats_(o.squeeze_repeats), begin_(buffer), out_(buffer),
        map_(map) {}

  SWARMLENS_HOT void Push(char32_t cp, Kind kind, std::size_t src) {
    if (kind == Kind::kSpace) {
      if (!collapse_space_) {  // only ZWNJ-as-space gets here
        Emit(U' ', src);
        last_ = U' ', run_ = 1;
        return;
      }
      if (out_ != begin_ && !pending_space_) pending_space_ = true, pending_src_ = src;
      pending_zwnj_ = false;  // a ZWNJ next to a space separates nothing
      return;
    }
    if (kind == Kind::kNonJoiner) {
      if (out_ != begin_ && !pending_space_ && !pending_zwnj_) pending_zwnj_ = true, pending_src_ = src;
      return;
    }
    if (pending_space_ || pending_zwnj_) {
      Emit(pending_space_ ? U' ' : kZwnj, pending_src_);
      pending_space_ = pending_zwnj_ = false;
      last_ = 0, run_ = 0;
    }
    if (cp == last_) {
      ++run_;
      if (squeeze_repeats_ && run_ > 2 && !(cp >= '0' && cp <= '9')) return;
    } else {
      last_ = cp, run_ = 1;
    }
    Emit(cp, src);
  }

  std::size_t size() const { return static_cast<std::size_t>(out_ - begin_); }

 private:
  SWARMLENS_HOT void Emit(char32_t c, std::size_t src) {
    char* const before = out_;
    if (c < 0x80) {
      *out_++ = static_cast<char>(c);
    } else if (c < 0x800) {
      *out_++ = static_cast<char>(0xC0 | (c >> 6));
      *out_++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      *out_++ = static_cast<char>(0xE0 | (c >> 12));
      *out_++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *out_++ = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      *out_++ = static_cast<char>(0xF0 | (c >> 18));
      *out_++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      *out_++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *out_++ = static_cast<char>(0x80 | (c & 0x3F));
    }
    if (map_ != nullptr) map_->insert(map_->end(), static_cast<std::size_t>(out_ - before), src);
  }

  const bool collapse_space_;
  const bool squeeze_repeats_;
  char* const begin_;
  char* out_;
  std::vector<std::size_t>* map_;
  bool pending_space_ = false;
  bool pending_zwnj_ = false;
  std::size_t pending_src_ = 0;
  char32_t last_ = 0;
  int run_ = 0;
};

// Leetspeak: inside a token of ASCII letters, digits, '@' and '$', a run of non-letters becomes
// letters when every character of the run has a letter reading and a letter touches the run
// ("k1ll", "a$$", "h4t3"). Runs with other digits stay ("ali1990", "covid19"), and so does a
// leading '@' (a mention). Letters never change, so only the current run of non-letters waits
// (until the next unit says whether a letter follows it); everything else goes straight to the
// writer. (The Python port applies the same rule to whole tokens after pass 1.)
class LeetResolver {
 public:
  explicit LeetResolver(Writer* writer) : writer_(writer) {}

  SWARMLENS_HOT void Push(char32_t cp, Kind kind, std::size_t src) {
    const bool token_char = kind == Kind::kChar && IsLeetToken(cp);
    if (token_char && !IsAsciiLetter(cp)) {
      if (run_.empty()) run_at_token_start_ = !in_token_;
      run_.push_back({cp, src});
      in_token_ = true;
      return;
    }
    if (!run_.empty()) FlushRun(/*letter_follows=*/token_char);
    in_token_ = token_char;
    writer_->Push(cp, kind, src);
  }

  void Finish() {
    if (!run_.empty()) FlushRun(false);
  }

 private:
  SWARMLENS_HOT void FlushRun(bool letter_follows) {
    bool all_leet = true;
    for (const Pending& p : run_) all_leet = all_leet && LeetLetter(p.cp) != 0;
    const bool touches = !run_at_token_start_ || letter_follows;
    const bool mention = run_at_token_start_ && run_.front().cp == '@';
    const bool convert = all_leet && touches && !mention;
    for (const Pending& p : run_)
      writer_->Push(convert ? static_cast<unsigned char>(LeetLetter(p.cp)) : p.cp, Kind::kChar, p.src);
    run_.clear();
  }

  struct Pending {
    char32_t cp;
    std::size_t src;
  };
  Writer* writer_;
  std::vector<Pending> run_;  // the current run of digits, '@' and '$' inside a token
  bool in_token_ = false;     // the previous unit was a token character
  bool run_at_token_start_ = false;
};

// Sends one mapped unit on: through the leetspeak resolver when look-alikes are folded.
class Pass1Sink {
 public:
  Pass1Sink(const NormalizeOptions& o, Writer* writer) : fold_leet_(o.fold_lookalikes), writer_(writer), leet_(writer) {}
  SWARMLENS_HOT void Push(char32_t cp, Kind kind, std::size_t src) {
    if (fold_leet_) leet_.Push(cp, kind, src);
    else writer_->Push(cp, kind, src);
  }
  void Finish() {
    if (fold_leet_) leet_.Finish();
  }

 private:
  bool fold_leet_;
  Writer* writer_;
  LeetResolver leet_;
};

std::string Normalize(std::string_view utf8, std::vector<std::size_t>* map, const NormalizeOptions& o) {
  // Worst case 3 output bytes per input byte: an invalid byte becomes U+FFFD; every other
  // sequence maps to no longer a sequence, except presentation forms (3 bytes -> 2 + 2).
  thread_local std::string buffer;
  if (buffer.size() < 3 * utf8.size()) buffer.resize(3 * utf8.size());
  if (map != nullptr) {
    map->clear();
    map->reserve(utf8.size() + 1);
  }
  const MapTable& table = MapTableFor(o);
  Writer writer(o, buffer.data(), map);
  Pass1Sink sink(o, &writer);
  const auto* bytes = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  for (std::size_t i = 0; i < n;) {
    const std::size_t src = i;
    char32_t c = 0;
    // Inline decoding of ASCII and two-byte sequences (Arabic script is U+0600..U+06FF).
    const unsigned char b0 = bytes[i];
    if (b0 < 0x80) {
      c = b0;
      i += 1;
    } else if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < n && (bytes[i + 1] & 0xC0) == 0x80) {
      c = (static_cast<char32_t>(b0 & 0x1F) << 6) | (bytes[i + 1] & 0x3F);
      i += 2;
    } else {
      std::size_t len = DecodeUtf8(utf8, i, &c);
      if (len == 0) {
        c = kReplacement;
        len = 1;
      }
      i += len;
    }
    if (c < MapTable::kSize) {
      const std::uint16_t e = table[c];
      if (e < MapTable::kNotTabulated) {
        sink.Push(e & 0xFFF, static_cast<Kind>(e >> 12), src);
        continue;
      }
      if (e == MapTable::kDropped) continue;
    }
    char32_t to = 0;
    Kind kind = Kind::kChar;
    if (o.unify_persian && ((c >= 0xFB50 && c <= 0xFBFF) || (c >= 0xFE70 && c <= 0xFEFC))) {
      const auto* end = std::end(kPresentationForms);
      const auto* it = std::lower_bound(std::begin(kPresentationForms), end, c,
                                        [](const PresentationForm& e, char32_t v) { return e.from < v; });
      if (it != end && it->from == c) {
        if (MapOne(it->first, o, &to, &kind)) sink.Push(to, kind, src);
        if (it->second != 0 && MapOne(it->second, o, &to, &kind)) sink.Push(to, kind, src);
        continue;
      }
    }
    if (MapOne(c, o, &to, &kind)) sink.Push(to, kind, src);
  }
  sink.Finish();
  if (map != nullptr) map->push_back(utf8.size());
  return std::string(buffer.data(), writer.size());
}

#undef SWARMLENS_HOT

}  // namespace

std::string NormalizeText(std::string_view utf8, const NormalizeOptions& options) {
  return Normalize(utf8, nullptr, options);
}

std::string NormalizeTextWithMap(std::string_view utf8, std::vector<std::size_t>* source_offsets,
                                 const NormalizeOptions& options) {
  return Normalize(utf8, source_offsets, options);
}

}  // namespace swarmlens
