// Sentences in English and Persian from reason codes (reason_text.h). The Persian texts were
// written for the project; the glossary holds one translation per gloss of the threat and insult
// lexicons (threat_lexicon.h, insult_lexicon.h), and a test checks that none is missing.
#include "swarmlens/reason_text.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <span>
#include <cmath>
#include <utility>

#include "model_weights.h"

namespace swarmlens {
namespace {

struct Translation {
  std::string_view en;
  std::string_view fa;
};

// Lexicon glosses (English, as in the lexicons) and their Persian.
// clang-format off
constexpr Translation kGlosses[] = {
    {"I hope you are executed", "امیدوارم اعدام شوی"},
    {"I hope you die", "امیدوارم بمیری"},
    {"I hope you get killed", "امیدوارم کشته شوی"},
    {"I hope you get raped", "امیدوارم به تو تجاوز شود"},
    {"a bullet in your head", "گلوله‌ای در سرت"},
    {"a knife in your chest", "چاقویی در سینه‌ات"},
    {"a noose around your neck", "طناب دار دور گردنت"},
    {"ableist slur", "دشنام توهین‌آمیز به معلولان"},
    {"acid in your face", "اسید به صورتت"},
    {"assassinate him/her", "او را ترور کنید"},
    {"at your house", "دم خانه‌ات"},
    {"behead him/her", "سرش را ببرید"},
    {"beheading", "سر بریدن"},
    {"beheading you", "سر بریدن تو"},
    {"called a foreign agent", "مزدور بیگانه خوانده شده"},
    {"called a mercenary/spy/hypocrite", "مزدور، جاسوس یا منافق خوانده شده"},
    {"called a paid/foreign agent", "مزدور یا عامل بیگانه خوانده شده"},
    {"called a prostitute", "روسپی خوانده شده"},
    {"called a traitor", "خائن خوانده شده"},
    {"called a traitor (khaen / vatan-forush)", "خائن خوانده شده (خائن / وطن‌فروش)"},
    {"called a traitor (vatan-forush)", "خائن خوانده شده (وطن‌فروش)"},
    {"death to her", "مرگ بر او"},
    {"death to you", "مرگ بر تو"},
    {"declared worthy of death", "سزاوار مرگ اعلام شده"},
    {"dehumanising insult", "توهین انسانیت‌زدا"},
    {"deserves to be raped", "می‌گوید سزاوار تجاوز است"},
    {"dismissal", "تحقیر و کنار زدن"},
    {"execute him/her", "اعدامش کنید"},
    {"gang rape threat", "تهدید به تجاوز گروهی"},
    {"gendered slur", "دشنام جنسیتی"},
    {"gendered slur (bitch)", "دشنام جنسیتی (بیچ)"},
    {"gendered slur (fahesheh: prostitute)", "دشنام جنسیتی (فاحشه)"},
    {"gendered slur (feminazi)", "دشنام جنسیتی (فمی‌نازی)"},
    {"gendered slur (ghahbeh: whore)", "دشنام جنسیتی (قحبه)"},
    {"gendered slur (harzeh)", "دشنام جنسیتی (هرزه)"},
    {"gendered slur (jende: whore)", "دشنام جنسیتی (جنده)"},
    {"gendered slur (lashi/lachar)", "دشنام جنسیتی (لاشی / لچر)"},
    {"gendered slur (sigheh)", "دشنام جنسیتی (صیغه)"},
    {"gendered slur (slut)", "دشنام جنسیتی (اسلات: هرزه)"},
    {"gendered slur (whore)", "دشنام جنسیتی (هور: روسپی)"},
    {"go die", "برو بمیر"},
    {"hang you from a crane", "تو را از جرثقیل آویزان می‌کنیم"},
    {"he/she must be killed", "باید کشته شود"},
    {"he/she should be killed", "باید کشته شود"},
    {"his/her blood is halal", "خونش حلال است"},
    {"insult (ahmagh/olagh: idiot, donkey)", "توهین (احمق / الاغ)"},
    {"insult (ashghal: trash)", "توهین (آشغال)"},
    {"insult (bi-namoos: dishonoured)", "توهین (بی‌ناموس)"},
    {"insult (bi-sharaf / bi-vatan)", "توهین (بی‌شرف / بی‌وطن)"},
    {"insult (bisharaf: dishonourable / bishoor: brainless)", "توهین (بی‌شرف / بی‌شعور)"},
    {"insult (haramzadeh: bastard)", "توهین (حرامزاده)"},
    {"insult (idiot)", "توهین (احمق)"},
    {"insult (kesafat/najes: filth)", "توهین (کثافت / نجس)"},
    {"insult (pedar-sag / pedar-sukhteh)", "توهین (پدرسگ / پدرسوخته)"},
    {"insult (shameless/unveiled)", "توهین (بی‌حیا / بی‌حجاب)"},
    {"insult (stupid)", "توهین (نادان)"},
    {"insult about looks", "توهین به ظاهر"},
    {"insult against your mother/sister", "توهین به مادر یا خواهرت"},
    {"insult aimed at you", "توهین به تو"},
    {"insult aimed at you (animal)", "توهین به تو (حیوان خواندن)"},
    {"insulting word", "واژه‌ی توهین‌آمیز"},
    {"insulting word (donkey/cow/dog/animal)", "واژه‌ی توهین‌آمیز (خر، گاو، سگ، حیوان)"},
    {"kill her!", "بکشیدش!"},
    {"kill him/her!", "بکشیدش!"},
    {"kill them all!", "همه‌شان را بکشید!"},
    {"kill you", "کشتن تو"},
    {"kill yourself", "خودت را بکش"},
    {"killing you", "کشتن تو"},
    {"killing you is permitted/certain", "کشتنت حلال یا حتمی است"},
    {"obscene abuse", "فحاشی رکیک"},
    {"obscene abuse (f*** you)", "فحاشی رکیک (فاک یو)"},
    {"obscene insult", "دشنام رکیک"},
    {"obscene insult (kir ...)", "دشنام رکیک (کیر ...)"},
    {"obscene insult (kos ...)", "دشنام رکیک (کس ...)"},
    {"obscene insult (koskesh)", "دشنام رکیک (کس‌کش)"},
    {"obscene insult (kuni)", "دشنام رکیک (کونی)"},
    {"obscene insult (piece of shit)", "دشنام رکیک (تکه‌ای گه)"},
    {"obscene sexual abuse", "فحاشی جنسی رکیک"},
    {"obscene silencing (goh nakhor)", "ساکت کردن با فحش (گه نخور)"},
    {"off with your head", "سرت را می‌زنیم"},
    {"protest slogan", "شعار اعتراضی"},
    {"our eyes are on you", "چشممان به توست"},
    {"our hands will reach you", "دستمان به تو می‌رسد"},
    {"rest in pieces", "تکه‌تکه آرام بگیر"},
    {"sexist put-down", "تحقیر جنسیتی"},
    {"should be executed", "باید اعدام شود"},
    {"sleep with one eye open", "با یک چشم باز بخواب"},
    {"someone should kill her", "کسی باید او را بکشد"},
    {"soon you will die", "به‌زودی می‌میری"},
    {"the fate of Mahsa (killed by the state)", "سرنوشت مهسا (به دست حکومت کشته شد)"},
    {"told to burn in hell", "گفته در جهنم بسوز"},
    {"told to get lost (gom sho)", "گفته گم شو"},
    {"told to go to hell", "گفته برو به جهنم"},
    {"told to shut up", "گفته خفه شو"},
    {"told to shut up (khafe sho)", "گفته خفه شو"},
    {"vulgar sexual threat", "تهدید جنسی رکیک"},
    {"wait for your death", "منتظر مرگت باش"},
    {"watch your back", "مراقب پشت سرت باش"},
    {"we are coming for you", "داریم سراغت می‌آییم"},
    {"we are watching you", "زیر نظرت داریم"},
    {"we are watching your family", "خانواده‌ات را زیر نظر داریم"},
    {"we have your address", "نشانی‌ات را داریم"},
    {"we have your home address", "نشانی خانه‌ات را داریم"},
    {"we know where you are", "می‌دانیم کجایی"},
    {"we know where you live", "می‌دانیم کجا زندگی می‌کنی"},
    {"we know where your home is", "می‌دانیم خانه‌ات کجاست"},
    {"we know your family", "خانواده‌ات را می‌شناسیم"},
    {"we know your house", "خانه‌ات را می‌شناسیم"},
    {"we will arrest you", "بازداشتت می‌کنیم"},
    {"we will assassinate you", "ترورت می‌کنیم"},
    {"we will beat you", "کتکت می‌زنیم"},
    {"we will behead you / break your neck", "سرت را می‌بریم / گردنت را می‌شکنیم"},
    {"we will break your bones", "استخوان‌هایت را می‌شکنیم"},
    {"we will burn/bury you alive", "زنده زنده آتشت می‌زنیم یا دفنت می‌کنیم"},
    {"we will bury you", "دفنت می‌کنیم"},
    {"we will come for you", "سراغت می‌آییم"},
    {"we will crush you", "لهت می‌کنیم"},
    {"we will cut off / break your hands", "دستت را قطع می‌کنیم یا می‌شکنیم"},
    {"we will cut off your head", "سرت را قطع می‌کنیم"},
    {"we will cut out your tongue", "زبانت را می‌بریم"},
    {"we will cut you to pieces", "تکه‌تکه‌ات می‌کنیم"},
    {"we will cut your head from your body", "سرت را از تنت جدا می‌کنیم"},
    {"we will do something terrible to you", "بلایی سرت می‌آوریم"},
    {"we will dox you", "اطلاعات شخصی‌ات را پخش می‌کنیم"},
    {"we will end your life", "به زندگی‌ات پایان می‌دهیم"},
    {"we will execute you", "اعدامت می‌کنیم"},
    {"we will find you", "پیدایت می‌کنیم"},
    {"we will find your family", "خانواده‌ات را پیدا می‌کنیم"},
    {"we will hang you", "دارت می‌زنیم"},
    {"we will hang/execute you", "دارت می‌زنیم / اعدامت می‌کنیم"},
    {"we will harm your family", "به خانواده‌ات آسیب می‌زنیم"},
    {"we will hunt you down", "شکارت می‌کنیم"},
    {"we will kill you", "می‌کشیمت"},
    {"we will make you disappear", "سر به نیستت می‌کنیم"},
    {"we will make you regret it", "پشیمانت می‌کنیم"},
    {"we will make you suffer", "زجرت می‌دهیم"},
    {"we will make your family grieve you", "خانواده‌ات را به عزایت می‌نشانیم"},
    {"we will make your family mourn you", "خانواده‌ات را داغدار می‌کنیم"},
    {"we will put you before a firing squad", "جلوی جوخه‌ی اعدام می‌گذاریمت"},
    {"we will rape", "تجاوز می‌کنیم"},
    {"we will rape you", "به تو تجاوز می‌کنیم"},
    {"we will rape your family", "به خانواده‌ات تجاوز می‌کنیم"},
    {"we will rape your female relatives", "به زنان خانواده‌ات تجاوز می‌کنیم"},
    {"we will ruin your life", "زندگی‌ات را نابود می‌کنیم"},
    {"we will send you to prison", "به زندان می‌فرستیمت"},
    {"we will send you to prison (Evin)", "به زندان اوین می‌فرستیمت"},
    {"we will set you on fire", "آتشت می‌زنیم"},
    {"we will settle accounts with you", "حسابت را می‌رسیم"},
    {"we will shed your blood", "خونت را می‌ریزیم"},
    {"we will shoot you", "با تیر می‌زنیمت"},
    {"we will stone you", "سنگسارت می‌کنیم"},
    {"we will strangle/silence you", "خفه‌ات می‌کنیم"},
    {"we will take your head off", "سرت را می‌زنیم"},
    {"we will throw acid", "اسید می‌پاشیم"},
    {"we won't let you live", "نمی‌گذاریم زنده بمانی"},
    {"we/they will kill you", "می‌کشیمت / می‌کشندت"},
    {"you are dead", "تو مرده‌ای"},
    {"you are next", "نفر بعدی تویی"},
    {"you deserve to die", "حقت مردن است"},
    {"you should be executed", "باید اعدام شوی"},
    {"you will be assassinated", "ترور می‌شوی"},
    {"you will be executed", "اعدام می‌شوی"},
    {"you will be stoned", "سنگسار می‌شوی"},
    {"you will die", "می‌میری"},
    {"you will disappear", "ناپدید می‌شوی"},
    {"you will end up like Mahsa (killed by the state)", "عاقبتت مثل مهسا می‌شود (به دست حکومت کشته شد)"},
    {"you will not be alive (any more)", "(دیگر) زنده نخواهی بود"},
    {"you will not see daylight again", "دیگر روی روز را نمی‌بینی"},
    {"you will not stay alive", "زنده نمی‌مانی"},
    {"you will pay for it", "تاوانش را می‌دهی"},
    {"you won't live long", "زیاد زنده نمی‌مانی"},
    {"your blood is halal", "خونت حلال است"},
    {"your corpse will be sent/found", "جنازه‌ات را می‌فرستند / پیدا می‌کنند"},
    {"your days are numbered", "روزهایت به شماره افتاده"},
    {"your death is near", "مرگت نزدیک است"},
    {"your family is not safe", "خانواده‌ات در امان نیست"},
    {"your family will pay", "خانواده‌ات تاوان می‌دهند"},
    {"your head will roll", "سرت بر باد می‌رود"},
    {"your severed head", "سر بریده‌ات"},
};

constexpr Translation kCategories[] = {
    {"death", "تهدید به مرگ"},
    {"family", "تهدید خانواده"},
    {"sexual", "تهدید جنسی"},
    {"doxxing", "افشای نشانی و اطلاعات شخصی"},
    {"execution", "تهدید به اعدام"},
    {"arrest", "تهدید به زندان"},
    {"incitement", "فراخوان به خشونت"},
    {"gendered", "دشنام جنسیتی"},
    {"obscene", "فحاشی رکیک"},
    {"insult", "توهین"},
    {"smear", "برچسب سیاسی"},
    {"silencing", "ساکت کردن"},
    {"slogan", "شعار اعتراضی"},
};
// clang-format on

std::string_view Lookup(std::span<const Translation> table, std::string_view en) noexcept {
  for (const Translation& t : table)
    if (t.en == en) return t.fa;
  return {};
}

// Persian digits are two bytes each: U+06F0 + d.
void AppendPersianDigits(std::string& out, std::string_view ascii) {
  for (const char c : ascii) {
    if (c >= '0' && c <= '9') {
      out += '\xDB';
      out += static_cast<char>('\xB0' + (c - '0'));
    } else if (c == '.') {
      out += "\xD9\xAB";  // U+066B ARABIC DECIMAL SEPARATOR
    } else if (c == '-') {
      out += "\xE2\x88\x92";  // U+2212 MINUS SIGN
    } else {
      out += c;
    }
  }
}

void AppendAscii(std::string& out, std::string_view ascii, Lang lang) {
  if (lang == Lang::kFa) {
    AppendPersianDigits(out, ascii);
  } else {
    out += ascii;
  }
}

// "<n> <noun>" in Persian (the noun stays singular after a number), or `none` for 0.
void AppendCountedFa(std::string& out, double n, std::string_view noun, std::string_view none = {}) {
  if (n <= 0 && !none.empty()) {
    out += none;
    return;
  }
  AppendNumber(out, n, Lang::kFa);
  out += ' ';
  out += noun;
}

// Decimals for the few reasons that show one: `value / divisor` with `places` decimals.
void AppendFixedFa(std::string& out, double value, int places) {
  const double scale = places == 2 ? 100 : 10;
  const double scaled = std::round(std::fabs(value) * scale);
  std::string ascii;
  if (value < 0 && scaled != 0) ascii += '-';
  char buf[24];
  const auto whole = static_cast<std::uint64_t>(std::min(std::floor(scaled / scale), 1e18));
  ascii.append(buf, std::to_chars(buf, buf + sizeof buf, whole).ptr);
  ascii += '.';
  auto frac = static_cast<std::uint64_t>(std::fmod(scaled, scale));
  if (places == 2 && frac < 10) ascii += '0';
  ascii.append(buf, std::to_chars(buf, buf + sizeof buf, frac).ptr);
  AppendPersianDigits(out, ascii);
}

void AppendReasonTextFa(std::string& out, const Reason& r) {
  const std::string_view c = r.code;
  const double v = r.value;
  if (c == "username_length") {
    out += "نام کاربری ";
    AppendCountedFa(out, v, "نویسه دارد");
  } else if (c == "username_digits") {
    AppendCountedFa(out, v, "رقم در نام کاربری", "نام کاربری رقمی ندارد");
  } else if (c == "anonymous_avatar") {
    out += v != 0 ? "عکس پروفایل ندارد (تصویر پیش‌فرض)" : "عکس پروفایل دارد";
  } else if (c == "private_account") {
    out += v != 0 ? "حساب خصوصی است" : "حساب عمومی است";
  } else if (c == "media_count") {
    AppendCountedFa(out, v, "پست", "هیچ پستی ندارد");
  } else if (c == "follower_count") {
    AppendCountedFa(out, v, "دنبال‌کننده", "هیچ دنبال‌کننده‌ای ندارد");
  } else if (c == "following_count") {
    AppendCountedFa(out, v, "حساب را دنبال می‌کند", "هیچ حسابی را دنبال نمی‌کند");
    if (v >= 1500) out += " (دنبال‌کردن انبوه)";
  } else if (c == "following_follower_ratio") {
    // value = floor(100 * following / followers).
    out += "به ازای هر دنبال‌کننده ";
    AppendFixedFa(out, std::floor(v) / 100, 2);
    out += " حساب را دنبال می‌کند";
  } else if (c == "biography_length") {
    if (v <= 0) {
      out += "بیوگرافی خالی است";
    } else {
      out += "بیوگرافی ";
      AppendCountedFa(out, v, "نویسه دارد");
    }
  } else if (c == "username_trailing_digits") {
    out += "نام کاربری با ";
    AppendCountedFa(out, v, "رقم پشت سر هم تمام می‌شود");
  } else if (c == "username_alternation") {
    out += "نام کاربری ";
    AppendCountedFa(out, v, "بار میان حرف و رقم جابه‌جا می‌شود");
  } else if (c == "username_repeated_chars") {
    out += "نام کاربری یک نویسه را ";
    AppendCountedFa(out, v, "بار پشت سر هم تکرار می‌کند");
  } else if (c == "username_separators") {
    AppendCountedFa(out, v, "جداکننده (نقطه یا زیرخط) در نام کاربری", "نام کاربری جداکننده ندارد");
  } else if (c == "username_word_likeness") {
    out += v < model::kOddLettersBelow ? "حروف نام کاربری تصادفی به نظر می‌رسد ("
                                       : "نام کاربری به واژه یا نام می‌ماند (";
    if (v > 0) out += '+';
    AppendFixedFa(out, v, 1);
    out += " بیت برای هر جفت حرف)";
  } else if (c == "full_name_empty") {
    out += "نام نمایشی خالی است";
  } else if (c == "full_name_like_username") {
    out += "نام نمایشی همان نام کاربری است";
  } else if (c == "full_name_has_digits") {
    AppendCountedFa(out, v, "رقم در نام نمایشی", "نام نمایشی رقمی ندارد");
  } else if (c == "full_name_emoji_only") {
    out += "نام نمایشی هیچ حرفی ندارد، فقط ایموجی یا نماد";
  } else if (c == "full_name_mixed_script") {
    out += "نام نمایشی در یک واژه حروف لاتین را با حروف یونانی یا سیریلیکِ هم‌شکل می‌آمیزد";
  } else if (c == "custom_full_name") {
    out += "نام نمایشی خودش را دارد";
    if (v == 1) out += " (به خط لاتین)";
    if (v == 2) out += " (به خط فارسی یا عربی)";
    if (v == 3) out += " (به خطی جز لاتین)";
    if (v == 4) out += " (به چند خط)";
  } else if (c == "verified") {
    out += "حساب تأییدشده است";
  } else if (c == "recent_story") {
    out += "استوری فعال دارد";
  } else if (c == "no_story") {
    out += "استوری فعال ندارد";
  } else if (c == "external_url") {
    out += "در پروفایل به یک وبسایت پیوند داده است";
  } else if (c == "professional_account") {
    out += "حساب تجاری یا حرفه‌ای است";
  } else if (c == "joined_recently") {
    out += "اینستاگرام این حساب را «تازه‌وارد» نشان می‌دهد";
  }
}

}  // namespace

std::optional<Lang> ParseLang(std::string_view tag) noexcept {
  const std::string_view primary = tag.substr(0, tag.find_first_of("-_"));
  if (primary == "en" || primary == "EN") return Lang::kEn;
  if (primary == "fa" || primary == "FA") return Lang::kFa;
  return std::nullopt;
}

const char* LangTag(Lang lang) noexcept { return lang == Lang::kFa ? "fa" : "en"; }

void AppendReasonText(std::string& out, const Reason& reason, Lang lang) {
  if (lang == Lang::kFa) {
    AppendReasonTextFa(out, reason);
  } else {
    AppendReasonText(out, reason);
  }
}

std::string_view LevelLabel(Level level, Lang lang) noexcept {
  if (lang == Lang::kEn) return LevelName(level);
  switch (level) {
    case Level::kHigh:
      return "زیاد";
    case Level::kMedium:
      return "متوسط";
    case Level::kLow:
      return "کم";
  }
  return "کم";
}

std::string_view LexiconCategoryLabel(std::string_view category, Lang lang) noexcept {
  if (lang == Lang::kEn) return category;
  const std::string_view fa = Lookup(kCategories, category);
  return fa.empty() ? category : fa;
}

std::string_view GlossText(std::string_view english_gloss, Lang lang) noexcept {
  if (lang == Lang::kEn) return english_gloss;
  const std::string_view fa = Lookup(kGlosses, english_gloss);
  return fa.empty() ? english_gloss : fa;
}

void AppendNumber(std::string& out, double n, Lang lang) {
  std::uint64_t value = 0;
  if (n >= 18446744073709551615.0) {
    value = ~std::uint64_t{0};
  } else if (n > 0) {
    value = static_cast<std::uint64_t>(n);
  }
  char buf[24];
  AppendAscii(out, std::string_view(buf, std::to_chars(buf, buf + sizeof buf, value).ptr - buf), lang);
}

}  // namespace swarmlens
