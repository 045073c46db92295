// The threat lexicon: patterns written by the project (not copied from any dataset), reviewed
// for real threats against activists and their families. docs/threat-lexicon.md explains how
// entries are written, the categories, the weights and the known false positives.
//
// Pattern syntax (compiled by threats.cpp at first use):
//   - Slots are separated by spaces; each slot matches ONE token of the normalised text.
//   - `{a,b,c}` inside a slot: alternatives (several braces expand to all combinations; an empty
//     alternative `{,x}` is allowed). ZWNJ inside a form is ignored (forms are keyed like text).
//   - A trailing `?` makes a slot optional (never the first slot).
//   - A trailing `*` makes a slot match any token that STARTS with the form (Persian verbs glue
//     suffixes); used sparingly, everything else matches whole tokens only.
//   - max_gap: how many other tokens may stand between two consecutive matched slots (0-2).
// Tokens are keyed after NormalizeText plus a phonetic key (threats.cpp, TokenKey): ZWNJ joins,
// alef/yeh/kaf/heh variants fold, Persian homophones fold (ذ ض ظ -> ز, ث ص -> س, ط -> ت,
// ح -> ه, غ -> ق, ع -> ا), and repeated letters collapse to one ("mikoshimeeeet", "kill" ->
// "kil"), so forms are written once in their common spelling. A standalone "می"/"نمی" (or Latin
// "mi"/"nemi") is glued to the next token, so "می کشیمت", "می‌کشیمت" and "میکشیمت" are one form.
//
// Weights are log-odds-like severities: score = sigmoid(-3 + strongest weight per category +
// 0.3 * the other weights). 5.5-6: explicit first/second-person threat of death, execution or
// sexual violence; 4.5-5: explicit but less direct ("you will die", "we know where you live");
// 3-4: ambiguous wording that is usually hostile (medium level). Category "negative" entries are
// idioms and praise ("مردم از خنده", "dying of laughter", "the suspense will kill you") that
// remove any threat match they overlap.
#pragma once

namespace swarmlens::threat_lexicon {

struct Entry {
  const char* pattern;
  const char* category;  // death, family, sexual, doxxing, execution, arrest, incitement, negative
  double weight;
  const char* language;  // "fa" (Perso-Arabic script), "fa-Latn" (Finglish), "en"
  const char* gloss;     // short English reason text
  int max_gap;
};

// Reusable pieces are spelled out in each entry on purpose: every entry reads on its own.
// clang-format off
inline constexpr Entry kEntries[] = {
    // ---------------------------------------------------------------- Persian: death / violence
    {"{می,ب}کش{م,یم,ن,ین,ید}{ت,تون,تان}", "death", 5.5, "fa", "we/they will kill you", 0},
    // Not "میکشتت" (he will kill you): its key equals the past tense "میکشت" once doubled letters
    // collapse, and that is an ordinary word ("he was pulling", "if he had killed").
    {"{کشتنت,کشتنتون} {حلاله,حلال,واجبه,واجب,حتمیه,حتمی,نزدیکه}", "death", 6, "fa",
     "killing you is permitted/certain", 1},
    {"{خونت,خونتون,خونتان} {حلاله,حلال,مباحه,مباح}", "death", 6, "fa", "your blood is halal", 1},
    {"{خونت,خونتو,خونتون} {رو,را}? {میریزیم,میریزم,میریزن,بریزیم}", "death", 5.5, "fa",
     "we will shed your blood", 1},
    {"{مرگت,مرگتون} {نزدیکه,نزدیک,حتمیه,حتمی,فرارسیده,رسیده}", "death", 5, "fa", "your death is near", 1},
    {"{منتظر,منتظره} {مرگ,مرگت,مرگتون} {باش,باشید,باشین}", "death", 5, "fa", "wait for your death", 1},
    {"{زنده} {نمیمونی,نمیمانی,نمیمونید,نمیذاریمت,نمیذارمت,نمیذارنت}", "death", 5, "fa",
     "you will not stay alive", 1},
    {"{دیگه,دیگر}? زنده {نیستی,نیستید,نیستین,نمیمونی}", "death", 4, "fa", "you will not be alive (any more)", 0},
    {"{یه,یک}? {بلایی,بلا} {سرت,سرتون,سر‌ت} {میاریم,میارم,میارن,میاوریم,بیاریم}", "death", 4.5, "fa",
     "we will do something terrible to you", 1},
    {"{نمیذاریم,نمیذارم,نمیذارن,نمیگذاریم} زنده {بمونی,بمانی,بمونید,بمونین,بمونه}", "death", 5.5, "fa",
     "we won't let you live", 1},
    {"{بزودی,زودی,امشب,بالاخره} {میمیری,میمیرید,میمیرین}", "death", 4.5, "fa", "soon you will die", 1},
    {"{میمیری,میمیرید,میمیرین}", "death", 2.5, "fa", "you will die", 0},
    {"{تیکه,تکه} {تیکت,تکت,تیکه‌ات,تکه‌ات,تیکتون,تیکه‌تون} {میکنیم,میکنم,میکنن}", "death", 5.5, "fa",
     "we will cut you to pieces", 1},
    {"{ترورت,ترورتون} {میکنیم,میکنم,میکنن,کنیم,کنن}", "death", 5.5, "fa", "we will assassinate you", 1},
    {"ترور {میشی,میشید,میشین}", "death", 5, "fa", "you will be assassinated", 0},
    {"گلوله {تو,توی,وسط,به}? {مغزت,سرت,کلت,پیشونیت,قلبت}", "death", 4.5, "fa", "a bullet in your head", 1},
    {"{گلوله,تیر} {حرومت,حرومتون,خالی} {میکنیم,میکنم,میکنن}", "death", 5.5, "fa", "we will shoot you", 2},
    {"{جنازت,جنازتو,جنازه‌ات,جنازتم,جسدت,جسدتو} {رو,را}? "
     "{میفرستیم,میندازیم,پیدا,میدیم,میاریم,میارن,میفرستن}",
     "death", 5, "fa", "your corpse will be sent/found", 2},
    {"{دفنت,چالت,خاکت} {میکنیم,میکنم,میکنن}", "death", 5, "fa", "we will bury you", 1},
    {"{لهت,لهتون} {میکنیم,میکنم,میکنن}", "death", 4, "fa", "we will crush you", 1},
    {"اسید {میپاشیم,میپاشم,میپاشن,میریزیم,میریزم,میریزن,بپاشیم,بپاشن}", "death", 5.5, "fa",
     "we will throw acid", 2},
    {"مرگ بر {تو,شما}", "death", 3.5, "fa", "death to you", 0},
    {"{حسابتو,حسابت,حسابتون} {رو,را}? {میرسیم,میرسم,میرسن}", "death", 3.5, "fa",
     "we will settle accounts with you", 1},
    {"{اتیشت,آتیشت,اتیشتون} {میزنیم,میزنم,میزنن}", "death", 5, "fa", "we will set you on fire", 1},

    // ------------------------------------------------------------- Persian: execution / beheading
    {"{اعدامت,اعدامتون,اعدامتان} {میکنیم,میکنم,میکنن,میکنند,کنیم,کنن,کنند,میشه,حتمیه,نزدیکه,واجبه}",
     "execution", 5.5, "fa", "we will execute you", 1},
    {"اعدام {میشی,میشید,میشین,میشوی,خواهی}", "execution", 4.5, "fa", "you will be executed", 0},
    {"{دارت,دارتون,بدارت} {میزنیم,میزنم,میزنن,میکشیم,میکشن,میکشم}", "execution", 5.5, "fa",
     "we will hang you", 1},
    {"{اویزونت,اویزانت,اویزونتون} {میکنیم,میکنم,میکنن}", "execution", 5.5, "fa", "we will hang you", 1},
    {"طناب {دار}? {دور,به,تو,دوره}? {گردنت,گردنتون}", "execution", 5, "fa", "a noose around your neck", 1},
    {"{سرت,سرتو,سرتون,سرتونو} {رو,را}? {میبریم,میبرم,میبرن,میبرند}", "execution", 6, "fa",
     "we will cut off your head", 1},
    {"{سرت,سرتو,سرتون} {رو,را}? از {تنت,بدنت,تن,بدن} جدا", "execution", 6, "fa",
     "we will cut your head from your body", 1},
    {"{گردنت,گردنتو,گردنتون} {رو,را}? {میزنیم,میزنم,میزنن,میشکنیم,میشکنم,میشکنن}", "execution", 5.5,
     "fa", "we will behead you / break your neck", 1},
    {"{کلت,کلتو,کلتون,کله‌ات} {رو,را}? {میکنیم,میکنم,میکنن,میبریم,میبرم,میبرن}", "execution", 5, "fa",
     "we will take your head off", 1},
    {"{سربریدت,سربریده‌ات,سربریدتو}", "execution", 5.5, "fa", "your severed head", 0},

    // Threats of state violence against activists (added after a review of threats reported by
    // women's-rights activists: coming for you, ruining your life, mutilation, stoning, prison,
    // "you will end up like Mahsa" - Mahsa/Zhina Amini, Nika Shakarami, Sarina Esmailzadeh and
    // Hadis Najafi, killed during the 2022 protests).
    {"{میایم,میاییم,میام,میان,میاین} {سراغت,سراغتون,دنبالت,دنبالتون,سروقتت,سروقتتون}", "death", 4.5, "fa",
     "we will come for you", 1},
    {"{سراغت,سراغتون,دنبالت,دنبالتون,سروقتت,سروقتتون} {میایم,میاییم,میام,میان,میاین}", "death", 4.5, "fa",
     "we will come for you", 1},
    {"{زندگیتو,زندگیت,زندگیتون,زندگیتونو,روزگارتو,روزگارت,روزگارتون} {رو,را}? "
     "{جهنم,سیاه,نابود,تباه} {میکنیم,میکنم,میکنن,میکنند}",
     "death", 4, "fa", "we will ruin your life", 1},
    {"{روز,رنگ} {روشن,خوش,افتاب} {نمیبینی,نمیبینید,نمیبینین,نخواهی,نمیبینه}", "death", 3.5, "fa",
     "you will not see daylight again", 1},
    {"{پشیمونت,پشیمانت,پشیمونتون,پشیمانتان} {میکنیم,میکنم,میکنن,میکنند}", "death", 3.5, "fa",
     "we will make you regret it", 1},
    {"{تاوانشو,تاوانش,تاوان,تقاصشو,تقاصش,تقاص} {رو,را}? {پس}? {میدی,میدید,میدین,خواهی,میدن}", "death", 3.5,
     "fa", "you will pay for it", 1},
    {"{خفت,خفه‌ات,خفتون,خفه‌تون,خفه‌ت} {میکنیم,میکنم,میکنن,میکنند}", "death", 4, "fa",
     "we will strangle/silence you", 1},
    {"{زبونتو,زبونت,زبانت,زبانتو,زبونتون,زبونتونو} {رو,را}? {میبریم,میبرم,میبرن,میکنیم,میکنم,قطع,میچینیم}",
     "death", 5, "fa", "we will cut out your tongue", 1},
    // Not "دستت" (your hand): its key equals "دست" (hand) once doubled letters collapse.
    {"{دستتو,دستاتو,دستات,پاتو,پاهاتو,انگشتاتو,قلمتو} {رو,را}? قطع {میکنیم,میکنم,میکنن,میکنند}", "death", 4.5,
     "fa", "we will cut off / break your hands", 1},
    {"{دستتو,دستاتو,دستات,پاتو,پاهاتو,انگشتاتو,قلمتو} {رو,را}? {میبریم,میبرم,میشکنیم,میشکنم,میشکنن}", "death",
     4.5, "fa", "we will cut off / break your hands", 1},
    {"{کتکت,کتکتون} {میزنیم,میزنم,میزنن,میزنند}", "death", 4, "fa", "we will beat you", 1},
    {"{ناپدیدت,ناپدیدتون,سربه‌نیستت,سربنیستت,سربه‌نیستتون} {میکنیم,میکنم,میکنن,میکنند}", "death", 5, "fa",
     "we will make you disappear", 1},
    {"سر به {نیستت,نیستتون} {میکنیم,میکنم,میکنن,میکنند}", "death", 5, "fa", "we will make you disappear", 1},
    // The verb is required: "عاقبتت" and "سرنوشتت" key like "عاقبت" / "سرنوشت" (fate), which
    // sympathetic comments use too ("lucky your fate was not like Mahsa's").
    {"{اخرت,آخرت,سرنوشتت,سرنوشتتون,سرانجامت,عاقبتت,عاقبتتون} {هم}? {مثل,مث,عین,مانند,مثه} "
     "{مهسا,نیکا,سارینا,حدیث,ژینا} {میشه,میشود,میشن}",
     "death", 5, "fa", "you will end up like Mahsa (killed by the state)", 1},
    {"{مثل,مث,عین,مثه} {مهسا,نیکا,سارینا,حدیث,ژینا} {میشی,میشید,میشین,میکنیمت,میکنیمتون,میمیری}", "death", 5,
     "fa", "you will end up like Mahsa (killed by the state)", 2},
    {"{سنگسارت,سنگسارتون} {میکنیم,میکنم,میکنن,میکنند}", "execution", 5.5, "fa", "we will stone you", 1},
    {"سنگسار {میشی,میشید,میشین}", "execution", 4.5, "fa", "you will be stoned", 0},
    {"{میفرستیمت,میبریمت,میندازیمت,میفرستیمتون,میبریمتون,میندازیمتون,میفرستنت,میبرنت,میندازنت} "
     "{اوین,زندان,قرچک,بازداشتگاه,انفرادی,هلفدونی}",
     "arrest", 4.5, "fa", "we will send you to prison (Evin)", 1},
    {"{بازداشتت,دستگیرت,بازداشتتون,دستگیرتون} {میکنیم,میکنم,میکنن,میکنند}", "arrest", 4, "fa",
     "we will arrest you", 1},

    // Death wishes and "you deserve to die": hostile wishes rather than promises (medium weight).
    {"{امیدوارم,ایشالا,ایشالله,انشالله,انشاالله,الهی} {زودتر,زود}? {بمیری,بمیرید,بمیرین,بترکی,سقط‌شی}", "death",
     3.5, "fa", "I hope you die", 1},
    {"{امیدوارم,ایشالا,ایشالله,انشالله,الهی} {اعدام,تیربارون,سنگسار,ترور} {بشی,بشید,بشین,شی}", "execution", 4,
     "fa", "I hope you are executed", 1},
    {"{باید,حقته,حقتونه,حقشه,لیاقتت} {بمیری,بمیرید,بمیرین,مرگه}", "death", 4, "fa", "you deserve to die", 1},
    {"{تیربارونت,تیربارانت,تیربارونتون} {میکنیم,میکنم,میکنن,میکنند}", "execution", 5.5, "fa",
     "we will put you before a firing squad", 1},
    {"خون {تو,ترو,تورو,شما} {رو,را}? {میریزیم,میریزم,میریزن}", "death", 5.5, "fa", "we will shed your blood", 1},
    {"{چشممون,چشمامون,چشممان,چشمشون} {روته,روتونه,بهته,بهتونه}", "doxxing", 3.5, "fa", "our eyes are on you", 0},
    {"{خودتو,خودتونو,خودت} {بکش,بکشید,بکشین}", "incitement", 4, "fa", "kill yourself", 0},

    // --------------------------------------------------------------------- Persian: family
    {"{خانوادت,خانوادتو,خانواده‌ات,خانوادتون,مادرت,مادرتو,مامانت,مامانتو,بچت,بچتو,بچه‌هات,بچه‌هاتو,"
     "بچه‌ات,پدرت,پدرتو,بابات,باباتو,خواهرت,خواهرتو,برادرت,برادرتو,داداشت,داداشتو,زنت,زنتو,شوهرت,"
     "شوهرتو,همسرت,همسرتو,دخترت,دخترتو,پسرت,پسرتو} {رو,را}? {میشناسیم,میشناسن,میشناسیمش}",
     "family", 5, "fa", "we know your family", 1},
    {"{خانوادت,خانوادتو,خانواده‌ات,خانوادتون,مادرت,مادرتو,مامانت,مامانتو,بچت,بچتو,بچه‌هات,بچه‌هاتو,"
     "بچه‌ات,پدرت,پدرتو,بابات,باباتو,خواهرت,خواهرتو,برادرت,برادرتو,داداشت,داداشتو,زنت,زنتو,شوهرت,"
     "شوهرتو,همسرت,همسرتو,دخترت,دخترتو,پسرت,پسرتو} {رو,را}? "
     "{میکشیم,میکشم,میکشن,بکشیم,میدزدیم,میدزدن,میگیریم,میگیرن,میبریم,عزادار,بیچاره,داغدار}",
     "family", 6, "fa", "we will harm your family", 1},
    {"{خانوادت,خانواده‌ات,خانوادتون,مادرت,مامانت,بچت,بچه‌هات,پدرت,بابات,خواهرت,دخترت,پسرت,زنت} "
     "{امان,امنیت} {نیستن,نیست,نیستند,ندارن,ندارند}",
     "family", 5, "fa", "your family is not safe", 2},
    {"{خانوادت,خانوادتو,خانواده‌ات,خانوادتون,مادرت,مادرتو,مامانت,مامانتو,بچت,بچتو,بچه‌هات,بچه‌هاتو,"
     "پدرت,پدرتو,بابات,باباتو,خواهرت,خواهرتو,دخترت,دخترتو,پسرت,پسرتو} {رو,را}? پیدا {میکنیم,میکنم,میکنن,کردیم}",
     "family", 5, "fa", "we will find your family", 1},
    {"{ناموستو,ناموست,ناموستون,ناموستونو} {رو,را}? {میگاییم,میگایم,میکنیم,تجاوز,میبریم,میگاییمش}", "sexual", 6,
     "fa", "we will rape your female relatives", 1},
    {"{بعزات,عزات} {میشونیم,مینشونیم,میشونم,مینشونم,میشونن}", "family", 5.5, "fa",
     "we will make your family mourn you", 1},
    {"{داغتو,داغت} {بدل,دل} {خانوادت,مادرت,مامانت,پدرت,بابات,بچت,بچه‌هات,خانواده‌ات}", "family", 5.5,
     "fa", "we will make your family grieve you", 2},

    // ------------------------------------------------------------- Persian: sexual violence
    {"{بهت,بهتون,بتو} تجاوز", "sexual", 6, "fa", "we will rape you", 2},
    // First person only: "تجاوز میکنن" (they rape) is how people describe crimes.
    {"تجاوز {میکنیم,میکنم,کنیم}", "sexual", 4.5, "fa", "we will rape", 0},
    {"{دخترت,دخترتو,زنت,زنتو,خواهرت,خواهرتو,مادرت,مادرتو,مامانت,مامانتو,بچت,بچتو,همسرت,همسرتو} {رو,را}? {تجاوز,میگاییم,میگایم,میکنیمش,میگاییمش}",
     "sexual", 6, "fa", "we will rape your family", 2},
    {"گروهی {میکنیمت,میگاییمت,تجاوز,میگاییم}", "sexual", 6, "fa", "gang rape threat", 1},
    {"{میگامت,میگاییمت,میگایمت,میگانت,میکنمت,میکنیمت}", "sexual", 3.5, "fa",
     "vulgar sexual threat", 0},

    // ------------------------------------------------------------- Persian: doxxing / location
    {"{ادرستو,ادرست,ادرستون,ادرس‌ات} {رو,را}? {داریم,دارم,دارن,پیدا,میدونیم,میدونم,میدونن,گرفتیم,دراوردیم}",
     "doxxing", 5, "fa", "we have your address", 1},
    {"ادرس {خونت,خونتو,خونتون,خونه‌ات,محل,محل‌کارت,کارت,خونه} {رو,را}? "
     "{داریم,دارم,دارن,پیدا,میدونیم,میدونم,میدونن,گرفتیم,دراوردیم}",
     "doxxing", 5, "fa", "we have your home address", 1},
    {"{جاتو,جات,جاتون} {رو,را}? {میدونیم,میدونم,میدونن,بلدیم,پیدا,داریم}", "doxxing", 4.5, "fa",
     "we know where you are", 1},
    {"{خونتو,خونه‌ات,خونتون,خونه‌تو,خونت} {رو,را}? {میدونیم,بلدیم,میشناسیم,پیداکردیم}", "doxxing", 5, "fa",
     "we know your house", 1},
    {"{میدونیم,میدونم,میدونن,میدانیم} {کجا} {زندگی,میشینی,میری,هستی,کار,کارمیکنی}", "doxxing", 5, "fa",
     "we know where you live", 1},
    {"{میدونیم,میدونم,میدونن,میدانیم} {کجایی,کجائی,کجایید}", "doxxing", 4.5, "fa", "we know where you are", 0},
    {"{میدونیم,میدونم,میدونن,میدانیم} {خونت,خونتون,خونه‌ات,خانه‌ات,محل‌کارت,مدرسه‌ی,دانشگاهت} {کجاست,کجاس,کجاهاست}",
     "doxxing", 5, "fa", "we know where your home is", 1},
    {"{پیدات,پیداتون} {میکنیم,میکنم,میکنن,میکنند,کردیم,کردم,کردن}", "doxxing", 4, "fa", "we will find you", 1},
    {"{دستمون,دستم,دستشون,دستمان} {بهت,بهتون} {میرسه,میرسد}", "doxxing", 5, "fa", "our hands will reach you", 1},

    // ------------------------------------------------------------- Persian: calls to violence
    {"باید {کشتش,کشتشون,بکشنش,بکشیمش,بکشیدش,کشت}", "incitement", 4.5, "fa", "he/she must be killed", 1},
    {"{یکی,یه‌نفر,کسی} {باید}? {بکشتش,بکشش,بکشدش}", "incitement", 4.5, "fa", "someone should kill her", 1},
    {"{بکشیدش,بکشینش,بکشیدشون,بکشینشون}", "incitement", 4.5, "fa", "kill him/her!", 0},
    {"{اعدامش,اعدامشون} {کنید,کنین,کنن,کنند,کنیم,باید,میکنیم}", "incitement", 3.5, "fa", "execute him/her", 1},
    {"باید اعدام {بشه,شود,شه,بشن,شوند,کرد}", "incitement", 3, "fa", "should be executed", 1},
    {"{خونش,خونشون} {حلاله,حلال,مباحه}", "incitement", 5.5, "fa", "his/her blood is halal", 1},
    {"{سرشو,سرش,سرشون} {رو,را}? {ببرید,ببرین,ببرن,ببریم,بزنید}", "incitement", 5, "fa", "behead him/her", 1},
    {"{ترورش,ترورشون} {کنید,کنین,کنن,کنیم}", "incitement", 5, "fa", "assassinate him/her", 1},
    {"{واجب‌القتل,واجبالقتل,مهدورالدم}", "incitement", 6, "fa", "declared worthy of death", 0},
    {"{واجب,مهدور} {القتل,الدم}", "incitement", 6, "fa", "declared worthy of death", 0},

    // --------------------------------------------------------------- Finglish: death / violence
    {"{mi,be}{k,ko,ka,ku}{sh,s,ch}{im,am,an,in,id,e,i,m,n}{et,t,eton,etoon,etun,itun,toon,etan}", "death",
     5.5, "fa-Latn", "we/they will kill you", 0},
    {"{koshtanet,koshtanat,koshtaneto,koshtnet,koshtanetoon}", "death", 3.5, "fa-Latn", "killing you", 0},
    {"{koshtanet,koshtanat,koshtaneto,koshtnet,koshtanetoon} {halale,halal,vajebe,vajeb,hatmie,hatmiye}",
     "death", 5.5, "fa-Latn", "killing you is permitted/certain", 1},
    {"{khoonet,khunet,khounet,khonet,xoonet,xunet,khoonetoon,khunetun,khoonetun,khunetoon} "
     "{halale,halal,halaleh,mobahe,mobah}",
     "death", 6, "fa-Latn", "your blood is halal", 1},
    {"{khoonet,khunet,khoonetoon,khunetun,khoonato,khoneto,khooneto} {ro,ra,o}? {mirizim,mirizam,mirizan}",
     "death", 5.5, "fa-Latn", "we will shed your blood", 1},
    {"{zende,zendeh} {nemimoni,nemimuni,nemizarimet,nemizaramet,nemizarim,nemizaram}", "death", 5,
     "fa-Latn", "you will not stay alive", 1},
    {"{dige,digar}? {zende,zendeh} {nisti,nistin,nistid}", "death", 4, "fa-Latn", "you will not be alive (any more)", 0},
    {"{ye,yek}? {balayi,balaei,bala} {saret,saretoon,saretun} {miarim,miaram,miaran,biarim}", "death", 4.5, "fa-Latn",
     "we will do something terrible to you", 1},
    {"{nemizarim,nemizaram,nemizaran,nemigzarim} {zende,zendeh} {bemoni,bemuni,bemani,bemonid}",
     "death", 5.5, "fa-Latn", "we won't let you live", 1},
    {"{margeto,marget,margetoon,margetun} {nazdike,nazdik,hatmie,hatmiye,miad,miyad}", "death", 5,
     "fa-Latn", "your death is near", 1},
    {"{bezoodi,bezudi,zoodi,zudi,emshab} {mimiri,mimirid,mimirin}", "death", 4.5, "fa-Latn",
     "soon you will die", 1},
    {"{mimiri,mimirid,mimirin}", "death", 2.5, "fa-Latn", "you will die", 0},
    {"{tike,teke} {tiket,tikat,tiketoon,tiketun,teket,tekat} {mikonim,mikonam,mikonan}", "death", 5.5,
     "fa-Latn", "we will cut you to pieces", 1},
    {"{terort,terorat,teroret,teroretoon,terortoon} {mikonim,mikonam,mikonan}", "death", 5.5, "fa-Latn",
     "we will assassinate you", 1},
    {"{jenazat,jenazeat,jenazato,jenazeto,jenazet,jasadet,jasadeto} {ro,ra,o}? "
     "{miferestim,mindazim,peyda,pyda,midim,miarim}",
     "death", 5, "fa-Latn", "your corpse will be sent/found", 2},
    {"{dafnet,chalet,khaket} {mikonim,mikonam,mikonan}", "death", 5, "fa-Latn", "we will bury you", 1},
    {"{lehet,lahet} {mikonim,mikonam,mikonan}", "death", 4, "fa-Latn", "we will crush you", 1},
    {"asid {mipashim,mipasham,mipashan,mirizim,mirizan}", "death", 5.5, "fa-Latn", "we will throw acid",
     2},
    {"marg bar {to,shoma}", "death", 3.5, "fa-Latn", "death to you", 0},
    {"{golole,gulule,golule,tir} {haromet,haroomet,harumet,kali} {mikonim,mikonam,mikonan}", "death", 5.5,
     "fa-Latn", "we will shoot you", 2},

    {"{miaym,miaim,miayim,miam,mian,miain} {soraghet,soraghetoon,donbalet,donbaletoon,sorvaghtet}", "death", 4.5,
     "fa-Latn", "we will come for you", 1},
    {"{soraghet,soraghetoon,donbalet,donbaletoon,sorvaghtet} {miaym,miaim,miayim,miam,mian}", "death", 4.5,
     "fa-Latn", "we will come for you", 1},
    {"{zendegito,zendegit,zendegitoon,roozegareto,roozegaret} {ro}? {jahanam,jahannam,siah,siyah,nabood,nabud} "
     "{mikonim,mikonam,mikonan}",
     "death", 4, "fa-Latn", "we will ruin your life", 1},
    {"{pashimoonet,pashimunet,pashimounet,pashimanet} {mikonim,mikonam,mikonan}", "death", 3.5, "fa-Latn",
     "we will make you regret it", 1},
    {"{khafet,khafat,khafeat} {mikonim,mikonam,mikonan}", "death", 4, "fa-Latn", "we will strangle/silence you",
     1},
    {"{zabooneto,zabunet,zaboonet,zabuneto,zabanet} {ro}? {miborim,miboram,miboran,ghat}", "death", 5, "fa-Latn",
     "we will cut out your tongue", 1},
    {"{naapadidet,napadidet,sarbenistet} {mikonim,mikonam,mikonan}", "death", 5, "fa-Latn",
     "we will make you disappear", 1},
    {"{akharet,aghebatet,sarneveshtet} {ham}? {mesle,mese,mes,mesl,eyne,mesh} {mahsa,nika,sarina,hadis,zhina,jina} "
     "{mishe,mishan}",
     "death", 5, "fa-Latn", "you will end up like Mahsa (killed by the state)", 1},
    {"{hesabeto,hesabet,hesabetoon} {ro}? {mirasim,mirasam,mirasan}", "death", 3.5, "fa-Latn",
     "we will settle accounts with you", 1},
    {"{mesle,mese,eyne} {mahsa,nika,sarina,zhina,jina} {mishi,mishid,mishin,mikonimet,mimiri}", "death", 5,
     "fa-Latn", "you will end up like Mahsa (killed by the state)", 2},
    {"{sangsaret,sangsarat,sangsaretoon} {mikonim,mikonam,mikonan}", "execution", 5.5, "fa-Latn",
     "we will stone you", 1},
    {"{mifrestimet,miborimet,mindazimet,mifrestanet,miboranet} {evin,zendan,gharchak,enferadi,bazdashtgah}",
     "arrest", 4.5, "fa-Latn", "we will send you to prison (Evin)", 1},
    {"{namooseto,namuseto,namoosetoon,namoset} {ro}? {migaim,migaeim,mikonim,migayim}", "sexual", 6, "fa-Latn",
     "we will rape your female relatives", 1},
    {"{khanevadato,khanevadeto,khanevadat,khanevadet,madareto,bachehato} {ro}? peyda {mikonim,mikonam,mikonan,kardim}",
     "family", 5, "fa-Latn", "we will find your family", 1},

    {"{omidvaram,ishala,ishalla,inshala,inshalla,elahi} {zoodtar,zood}? {bemiri,bemirid,bemirin}", "death", 3.5,
     "fa-Latn", "I hope you die", 1},
    {"{bayad,haghete,haghetoone,haghetoon} {bemiri,bemirid,bemirin}", "death", 4, "fa-Latn", "you deserve to die", 1},
    {"{khodeto,khodetoono,khodetono} {bokosh,bokoshid,bokoshin}", "incitement", 4, "fa-Latn", "kill yourself", 0},
    {"{cheshmemoon,cheshmamoon,cheshmemun} {roote,rooteh,rute,behete}", "doxxing", 3.5, "fa-Latn",
     "our eyes are on you", 0},
    {"{tirbaroonet,tirbarunet,tirbaranet} {mikonim,mikonam,mikonan}", "execution", 5.5, "fa-Latn",
     "we will put you before a firing squad", 1},

    // ---------------------------------------------------------- Finglish: execution / beheading
    {"{edamet,edamat,edametoon,edametun,edamt,eadamet} "
     "{mikonim,mikonam,mikonan,mikonand,konim,konan,hatmie,nazdike,mishe}",
     "execution", 5.5, "fa-Latn", "we will execute you", 1},
    {"edam {mishi,mishid,mishin}", "execution", 4.5, "fa-Latn", "you will be executed", 0},
    {"{daret,dareto,daretoon,bedaret} {mizanim,mizanam,mizanan,mikeshim,mikeshan,mikesham}", "execution",
     5.5, "fa-Latn", "we will hang you", 1},
    {"{avizonet,avizunet,avizoonet,avizonetoon} {mikonim,mikonam,mikonan}", "execution", 5.5, "fa-Latn",
     "we will hang you", 1},
    {"{sareto,saret,sarto,saretoon,saretun,sar,saresh} {ro,ra,o}? "
     "{mibori,miborim,miboram,miboran,miborimet,miborid}",
     "execution", 6, "fa-Latn", "we will cut off your head", 1},
    {"{sar,sare} {boridanet,boridaneto,boridanetoon}", "execution", 5.5, "fa-Latn", "beheading you", 0},
    {"sar {boridan,boridane,borid}", "execution", 4, "fa-Latn", "beheading", 0},
    {"{gardanet,gardaneto,gardanetoon} {ro,ra,o}? {mizanim,mizanam,mizanan,mishkanim,mishkanam,mishkanan}",
     "execution", 5.5, "fa-Latn", "we will behead you / break your neck", 1},
    {"{kalato,kalat,kaleto,kalet,kalehato} {ro,ra,o}? {mikanim,mikanam,mikonam,miborim,miboram,mikanan}",
     "execution", 5, "fa-Latn", "we will take your head off", 1},

    // ------------------------------------------------------------------- Finglish: family
    {"{khanevadat,khanevadeat,khanevadato,khanevadet,khanevadeto,khanevadetoon,madaret,madareto,mamanet,"
     "mamaneto,bachat,bachehat,bachehato,bachato,bachehat,bachehaat,pedaret,pedareto,babat,babato,khaharet,"
     "khahareto,baradaret,baradareto,dadashet,dadasheto,zanet,zaneto,shoharet,shohareto,dokhtaret,dokhtareto,"
     "pesaret,pesareto} {ro,ra,o}? {mishnasim,mishenasim,mishnasan,mishenasan,mishnasimesh}",
     "family", 5, "fa-Latn", "we know your family", 1},
    {"{khanevadat,khanevadeat,khanevadato,khanevadet,khanevadeto,khanevadetoon,madaret,madareto,mamanet,"
     "mamaneto,bachat,bachehat,bachehato,bachato,bachehaat,pedaret,pedareto,babat,babato,khaharet,"
     "khahareto,baradaret,baradareto,dadashet,dadasheto,zanet,zaneto,shoharet,shohareto,dokhtaret,dokhtareto,"
     "pesaret,pesareto} {ro,ra,o}? {mikoshim,mikosham,mikoshan,bekoshim,midozdim,midozdan,migirim,azadar}",
     "family", 6, "fa-Latn", "we will harm your family", 1},
    {"{beazat,azat} {mishonim,minshonim,mishunim,minshunim,mineshanim,mishanim}", "family", 5.5, "fa-Latn",
     "we will make your family mourn you", 1},

    // ------------------------------------------------------------ Finglish: sexual violence
    {"{behet,bhet,behetoon,behetun,beht} {tajavoz}", "sexual", 6, "fa-Latn", "we will rape you", 2},
    {"tajavoz {mikonim,mikonam}", "sexual", 4.5, "fa-Latn", "we will rape", 0},
    {"{gorohi,gurohi,goruhi} {mikonimet,migaimet,migaeimet,tajavoz}", "sexual", 6, "fa-Latn",
     "gang rape threat", 1},
    {"{migamet,migaimet,migayimet,migaeimet,mikonamet,mikonimet}", "sexual", 3.5, "fa-Latn",
     "vulgar sexual threat", 0},

    // -------------------------------------------------------------- Finglish: doxxing
    {"{adrest,adreset,adreseto,adresto,adresetoon,adrestoon,adresat} {ro,ra,o}? "
     "{darim,daram,daran,peyda,pyda,midonim,midunim,midonam,midunam,midonan,gereftim,dar}",
     "doxxing", 5, "fa-Latn", "we have your address", 1},
    {"{adrese,adres} {khonat,khunat,khonet,khunet,khonato,khunato,khoneto,khuneto,mahalat,kharet} {ro,ra,o}? "
     "{darim,daram,daran,peyda,pyda,midonim,midunim,midonam,midunam,midonan,gereftim}",
     "doxxing", 5, "fa-Latn", "we have your home address", 1},
    {"{jat,jato,jatoon,jatun,jaat,jaato} {ro,ra,o}? "
     "{midonim,midunim,midonam,midunam,midonan,midunan,baladim,baladam,darim,peyda}",
     "doxxing", 4.5, "fa-Latn", "we know where you are", 1},
    {"{khonato,khunato,khonet,khunet,khoneto,khuneto} {ro,ra,o}? {midonim,midunim,baladim,mishnasim}",
     "doxxing", 5, "fa-Latn", "we know your house", 1},
    {"{midonim,midunim,midonam,midunam,midonan,midunan} koja {zendegi,mishini,miri,hasti,kar}", "doxxing",
     5, "fa-Latn", "we know where you live", 1},
    {"{midonim,midunim,midonam,midunam,midonan,midunan} {kojai,kojaei,kojaee}", "doxxing", 4.5, "fa-Latn",
     "we know where you are", 0},
    {"{peydat,paidat,pydat,peydatoon,peydatun} {mikonim,mikonam,mikonan,kardim,kardam,kardan}", "doxxing",
     4, "fa-Latn", "we will find you", 1},
    {"{dastemon,dastemun,dastam,dasteshon} {behet,bhet,behetoon} {mirese,mireseh,mirse}", "doxxing", 5,
     "fa-Latn", "our hands will reach you", 1},

    // --------------------------------------------------------- Finglish: calls to violence
    {"{bayad,bayd} {koshtesh,bekoshanesh,bekoshimesh,koshtash,bekoshidesh}", "incitement", 4.5, "fa-Latn",
     "he/she must be killed", 1},
    {"{khonesh,khunesh,khounesh} {halale,halal}", "incitement", 5.5, "fa-Latn", "his/her blood is halal",
     1},
    {"{edamesh,edamash,edameshon} {konid,konin,konan,konim}", "incitement", 3.5, "fa-Latn",
     "execute him/her", 1},
    {"{vajebolghatl,vajebolqatl,mahdorodam,mahdurodam}", "incitement", 6, "fa-Latn",
     "declared worthy of death", 0},
    {"vajeb ol {ghatl,qatl}", "incitement", 6, "fa-Latn", "declared worthy of death", 0},

    // ------------------------------------------------------------------ English: death
    {"{we,i,they,il,will,gonna,going,shall,ima,imma} "
     "{kill,murder,slaughter,shoot,stab,strangle,burn,bury,end} {you,u,ya,yal,yu}",
     "death", 5.5, "en", "we will kill you", 2},
    {"{kill,murder,shoot,stab,strangle} {you,u,ya,yal}", "death", 3, "en", "kill you", 0},
    {"{you,u,ur,yu} {will,l,are,re,r,gonna,going,shall} {die,dead}", "death", 4.5, "en",
     "you will die", 1},
    {"{you,u} {are,re,r}? {a}? dead {man,woman,girl,bitch,meat}", "death", 4.5, "en", "you are dead", 0},
    {"{your,ur} {days,time} {are,is}? {numbered,up}", "death", 4.5, "en", "your days are numbered", 0},
    {"{bullet,bullets} {in,through,into,between} {your,ur} {head,brain,skull,face,eyes}", "death", 5, "en",
     "a bullet in your head", 0},
    {"{your,ur} blood {is}? halal", "death", 6, "en", "your blood is halal", 0},
    {"{end,ending} {your,ur} life", "death", 4.5, "en", "we will end your life", 1},
    {"break {your,ur} {legs,arms,bones,neck,face,teeth,skull,jaw,fingers,knees}", "death", 4.5, "en",
     "we will break your bones", 0},
    {"make {you,u} {suffer,bleed,scream}", "death", 4, "en", "we will make you suffer", 0},
    {"{knife,knives,blade,bullet,bullets} {in,into,through} {your,ur} {chest,heart,neck,back,throat,belly,stomach,eye}",
     "death", 5, "en", "a knife in your chest", 0},
    {"{burn,bury} {you,u} alive", "death", 5.5, "en", "we will burn/bury you alive", 0},
    {"{acid} {in,on,into} {your,ur} face", "death", 5.5, "en", "acid in your face", 1},
    {"{throw,pour} acid", "death", 5, "en", "we will throw acid", 1},
    {"{you,u} {wont,wonna} {live,survive,last,see} {long,tomorrow,another,this}", "death", 4.5, "en",
     "you won't live long", 0},
    {"{you,u} {won,will} {t,not} {live,survive,last,see} {long,tomorrow,another,this}", "death", 4.5, "en",
     "you won't live long", 0},
    {"{hunt} {you,u,her,him} down", "death", 4.5, "en", "we will hunt you down", 0},
    {"{we,i,they} {re,are,am}? {coming} for {you,u}", "death", 4, "en", "we are coming for you", 0},
    {"{watch,better} {your,ur} back", "death", 3, "en", "watch your back", 1},
    {"sleep with one eye open", "death", 3, "en", "sleep with one eye open", 0},
    {"{rip,rest} in {pieces}", "death", 3, "en", "rest in pieces", 0},

    {"{we,i,they} {are,re,am,m}? {watching} {you,u,ya}", "doxxing", 3.5, "en", "we are watching you", 0},
    {"{make,made} {you,u,her} {disappear,vanish}", "death", 5, "en", "we will make you disappear", 0},
    {"{you,u} {will,l,gonna,going}? {to}? {disappear,vanish}", "death", 3, "en", "you will disappear", 0},
    {"{you,u,ur,youre} {are,re,r,will,l}? {be}? next", "death", 4, "en", "you are next", 0},
    {"end up like {mahsa,nika,sarina,jina,zhina,hadis}", "death", 5, "en",
     "you will end up like Mahsa (killed by the state)", 1},
    {"{same,fate} {as,of} {mahsa,nika,sarina,jina,zhina,hadis}", "death", 4.5, "en",
     "the fate of Mahsa (killed by the state)", 1},
    {"{cut,rip,pull} {out}? {your,ur} tongue", "death", 5, "en", "we will cut out your tongue", 0},
    {"{stone,stoning} {you,u,her} {to}? {death}?", "execution", 5, "en", "we will stone you", 0},
    {"{send,throw,put,lock} {you,u} {up}? {in,into,to} {evin,prison,jail}", "arrest", 4, "en",
     "we will send you to prison", 1},

    {"{hope,wish,pray} {you,u} {die,dies,burn,rot,choke}", "death", 3.5, "en", "I hope you die", 1},
    {"{hope,wish,pray} {you,u} get {killed,shot,hanged,executed,stoned,murdered}", "death", 4.5, "en",
     "I hope you get killed", 1},
    {"{hope,wish,pray} {you,u} get {raped,gangraped}", "sexual", 5, "en", "I hope you get raped", 1},
    {"{you,u} {deserve,deserves} {to}? {die,death}", "death", 4, "en", "you deserve to die", 0},
    {"{you,u} {should,deserve,deserves,need,needs} {to}? be {hanged,executed,shot,killed,stoned,beheaded}",
     "execution", 4.5, "en", "you should be executed", 0},
    {"{kill} {yourself,urself,yourselves,yoself,yaself}", "incitement", 4, "en", "kill yourself", 0},
    {"kys", "incitement", 4, "en", "kill yourself", 0},
    {"{go,pls,please,just} die", "death", 3.5, "en", "go die", 0},

    // -------------------------------------------------------------- English: execution
    {"{we,i,they,il,will,gonna,going} {hang,execute,behead} {you,u,ya}", "execution", 5.5, "en",
     "we will hang/execute you", 2},
    {"{you,u} {will,l,are,re,gonna,going} {be}? {hanged,hung,executed,beheaded,stoned}", "execution", 5,
     "en", "you will be executed", 1},
    {"{your,ur} head {will,l,is,gonna,going}? {roll,rolling,fall,be}", "execution", 5, "en",
     "your head will roll", 1},
    {"{cut,chop,take,rip} {off} {your,ur} head", "execution", 6, "en", "we will cut off your head", 0},
    {"{cut,chop,take,rip} {your,ur} head off", "execution", 6, "en", "we will cut off your head", 0},
    {"{rope,nose} {around,round,on} {your,ur} neck", "execution", 4.5, "en", "a noose around your neck", 0},
    {"{hang,hanging,hanged} {you,u,her,him} from {a,the}? {crane,rope,tree}", "execution", 5.5, "en",
     "hang you from a crane", 0},
    {"off with {your,her,his} head", "execution", 3, "en", "off with your head", 0},

    // ------------------------------------------------------------------ English: family
    {"{we,they} {know,have,found,got,see,watch} {where}? {your,ur} "
     "{family,mother,mom,mum,father,dad,children,kids,kid,son,daughter,sister,brother,wife,husband,parents,baby}",
     "family", 5, "en", "we know your family", 1},
    {"{your,ur} {family,mother,mom,mum,father,dad,children,kids,kid,son,daughter,sister,brother,wife,husband,"
     "parents,baby} {will,l,is,are,re,gonna}? {die,pay,suffer,next,dead,bleed}",
     "family", 5, "en", "your family will pay", 1},
    {"{kill,rape,hurt,find,visit,kidnap,burn} {your,ur} "
     "{family,mother,mom,mum,father,dad,children,kids,kid,son,daughter,sister,brother,wife,husband,parents,baby}",
     "family", 5.5, "en", "we will harm your family", 0},
    {"watching {your,ur} {kids,children,daughter,son,family,house,home,mother,mom}", "family", 4.5, "en",
     "we are watching your family", 0},

    // -------------------------------------------------------------- English: sexual violence
    {"{rape,gangrape} {you,u,ya}", "sexual", 5.5, "en", "we will rape you", 0},
    {"gang rape {you,u,her}", "sexual", 6, "en", "gang rape threat", 0},
    {"{deserve,deserves,needs,need,should,shall} {to}? {be,get}? {raped,gangraped}", "sexual", 5.5, "en",
     "deserves to be raped", 0},

    // --------------------------------------------------------------------- English: doxxing
    {"{we,i,they} {know,found,see,have} {where} {you,u} {live,work,sleep,are,stay}", "doxxing", 5, "en",
     "we know where you live", 1},
    {"{we,i,they} {have,got,found,know} {your,ur} {address,location,ip,house,home}", "doxxing", 5,
     "en", "we have your address", 1},
    // Not "to your house": "I'll drive the kids to your house" is an ordinary sentence.
    {"{outside,near,at} {your,ur} {house,home,door,doorstep,apartment,flat,school,office}", "doxxing",
     3, "en", "at your house", 0},
    {"{we,i,they} {will,l,gonna,going,can} {find,track} {you,u}", "doxxing", 4, "en", "we will find you",
     1},
    {"{dox,doxed,doxing} {you,u,her}", "doxxing", 4.5, "en", "we will dox you", 0},

    // ------------------------------------------------------------ English: calls to violence
    {"{someone,somebody,anyone,anybody,people,someones} {should,needs,need,has,must,gotta,ought,go} {to}? "
     "{kill,shoot,hang,execute,behead,rape,murder,stab,burn}",
     "incitement", 4.5, "en", "someone should kill her", 1},
    {"{she,he,they,this,bitch,traitor} {should,must,needs,deserves,deserve} {to}? {be,get}? "
     "{killed,shot,hanged,hung,executed,beheaded,murdered,stoned,burned,die,dead}",
     "incitement", 4.5, "en", "he/she should be killed", 1},
    // "kill them" alone is mostly said of things (weeds, bugs, the lights): only "kill them all".
    {"{kill,hang,behead,execute,shoot} {her,him}", "incitement", 3.5, "en", "kill her!", 0},
    {"{kill,hang,behead,execute,shoot} them al", "incitement", 3.5, "en", "kill them all!", 0},
    {"death to {her,him,you,u}", "incitement", 4, "en", "death to her", 0},

    // ------------------------------------------------------------- negative: idioms, praise
    {"{خودتو,خودت,خودتونو} {بکش,بکشید,بکشین} {کنار,عقب,بالا,جلو,بیرون,اونور}", "negative", 0, "fa",
     "idiom: pull yourself aside", 0},
    {"next {in,to,time,week,year,month,door,step,steps,one,level,generation,big,star,episode,round,stop}",
     "negative", 0, "en", "idiom: next in line", 0},
    {"watching {you,u,ya} {on,live,play,perform,grow,dance,sing,win,every,from,since,all}", "negative", 0, "en",
     "idiom: watching you perform", 0},
    {"{مردم,مردیم,میمیرم,میمیریم,مرد,مردی,میمیری,میمیرید,بمیری,مردن} از "
     "{خنده,خوشحالی,خوشی,ذوق,گرما,سرما,خجالت,خستگی,گرسنگی,تعجب,حسودی,حسرت,غصه,عشق,استرس,ترس,بیحوصلگی}",
     "negative", 0, "fa", "idiom: dying of laughter", 1},
    {"از {خنده,خوشحالی,خوشی,ذوق,گرما,سرما,خجالت,خستگی,گرسنگی,تعجب,حسودی,حسرت,غصه,عشق,استرس,ترس} "
     "{مردم,مردیم,میمیرم,میمیریم,مرد,مردی,میمیری,میمیرید,بمیری,ترکیدم}",
     "negative", 0, "fa", "idiom: dying of laughter", 1},
    {"{خدانکنه,نکنه,خدانکند} {بمیری,میمیری}", "negative", 0, "fa", "idiom: God forbid you die", 1},
    {"{mordam,mordim,mimiram,mimirim,mimiri,mordi,mord} az "
     "{khande,khandeh,khoshi,zogh,hasodi,hasudi,garma,khejalat,gorosnegi,tajob,eshgh,stres}",
     "negative", 0, "fa-Latn", "idiom: dying of laughter", 1},
    {"az {khande,khandeh,khoshi,zogh,hasodi,hasudi,garma,khejalat,gorosnegi,tajob,eshgh,stres} "
     "{mordam,mordim,mimiram,mimirim,mimiri,mordi,mord,tarkidam}",
     "negative", 0, "fa-Latn", "idiom: dying of laughter", 1},
    {"{die,dying,died,dead,kill,killing,killed,kills} {of,from,with}? "
     "{laughter,laughing,laugh,lol,lmao,cuteness,cringe,boredom,embarrassment,jealousy,envy,happiness,shame}",
     "negative", 0, "en", "idiom: dying of laughter", 1},
    {"dead {to,wrong,right,serious,tired,inside,funny,last}", "negative", 0, "en", "idiom: dead serious", 0},
    {"{cuteness,suspense,heat,anticipation,waiting,curiosity,stres,cringe,smile,laugh,eyes,song,beauty,"
     "mom,mother,dad,father,parents,wife,husband,bos,teacher,coach} "
     "{wil,l,is,gonna,gona,would,going,s}? {to}? {kil,kiling} {you,u,me}",
     "negative", 0, "en", "idiom: this will kill you", 1},
    {"{you,u} {killed,kill,killing,slay,slayed} {it,this,that}", "negative", 0, "en", "praise: you killed it", 1},
};
// clang-format on

}  // namespace swarmlens::threat_lexicon
