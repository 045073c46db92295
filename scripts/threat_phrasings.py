"""Project-written threat phrasings (and contrasting non-threats) in English, Finglish and Persian.

Training data for the violent-speech head of the comment model (scripts/train_comment_model.py)
beside the labelled public sets. Written for this project from the kinds of threat that Iranian
activists report receiving (docs/threat-lexicon.md) and from the definition in the project's
issue on threats; not copied from any data set. Each *frame* is a sentence shape with slots; the
examples are the frames' slot fillings. Cross-validation groups folds by frame, so a score on
these examples is for sentence shapes the model has not seen.

What a threat is here: first- and second-person threats, threats to family, calls for violence
against a person or a group of people, threats against women as a group, sexual violence,
conditional threats, death wishes, doxxing, ominous predictions, emoji delivery. What is not:
negations, violence aimed at things, figurative use ("you killed it"), news and quotation, support,
and protest slogans against the state.

    examples() -> list of Phrasing(text, label, family, lang, frame)
"""

import itertools
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Phrasing:
    text: str
    label: int     # 1 = threat / violent speech, 0 = not
    family: str    # e.g. "direct", "family", "negation"
    lang: str      # "en", "fng" (Finglish), "fa"
    frame: str     # the frame's id: CV folds are grouped by it


# ---- slot fillers ---------------------------------------------------------------------------

EN_VERBS = ["kill", "murder", "shoot", "stab", "hang", "behead", "burn", "strangle", "slaughter",
            "beat", "torture", "hurt", "break your neck and kill", "cut the throat of", "execute", "bury"]
EN_VERBS_PAST = ["killed", "murdered", "shot", "stabbed", "hanged", "beheaded", "burned alive", "strangled",
                 "slaughtered", "beaten to death", "tortured", "executed", "stoned", "buried alive", "lynched"]
EN_TARGETS_2P = ["you", "you and your family", "all of you", "you bitch", "you whore", "you traitor", "you"]
EN_FAMILY = ["your mother", "your sister", "your brother", "your kids", "your whole family", "your father",
             "your children", "your husband", "your daughter"]
EN_GROUPS = ["women", "feminists", "these whores", "these traitors", "women like you", "unveiled women",
             "activists", "gay people", "immigrants", "Bahais", "Kurds", "Jews", "Muslims", "protesters"]
EN_PEOPLE = ["she", "he", "this woman", "this traitor", "that journalist", "this bitch", "the activist"]
EN_WHEN = ["", " soon", " tonight", " tomorrow", " one day", " when we find you", " very soon", " next week"]
EN_SUBJECTS = ["I will", "I'm going to", "I'm gonna", "We will", "We're going to", "We'll", "I'll",
               "Our men will", "I swear I will", "Wait until I"]
EN_THINGS = ["the virus", "the lights", "the engine", "those balloons", "the weeds", "this bug in the code",
             "the process", "the mosquitoes", "the old files", "the music", "time", "the boss in level 3"]

FNG_VERBS = ["mikosham", "mikoshimet", "mikoshamet", "e'damet mikonim", "atishet mizanim", "sareto mibore",
             "halghavizet mikonim", "gardanato mishkanam", "kharde mikonim", "sangsaret mikonim",
             "mizanamet", "khoonet ro mirizam", "zende be goret mikonim", "tikke tikket mikonam"]
FNG_FAMILY = ["madareto", "khaharet ro", "baradareto", "bache hato", "khanevadato", "babato", "shoharet ro"]
FNG_FAMILY_VERBS = ["mikoshim", "mikosham", "atish mizanim", "ghatl mikonim", "mizanim", "nabood mikonim"]
FNG_WHEN = ["", " be zoodi", " emshab", " farda", " yeki az hamin rooza", " montazer bash", " bezoodi bezoodi"]
FNG_GROUPS = ["zanaye bihejab", "feministha", "in khaena", "in jendeha", "zanaye mesle to", "bahaiha", "in asheghaye gharb"]

FA_VERBS = ["میکشمت", "میکشیمت", "اعدامت میکنیم", "آتیشت میزنیم", "سرتو میبرم", "حلق آویزت میکنیم",
            "گردنتو میشکنم", "خردت میکنیم", "سنگسارت میکنیم", "میزنمت", "خونتو میریزم", "زنده به گورت میکنیم",
            "تیکه تیکه‌ت میکنم", "چاقو میزنمت", "با گلوله میزنمت"]
FA_FAMILY = ["مادرتو", "خواهرتو", "برادرتو", "بچه‌هاتو", "خانوادتو", "باباتو", "شوهرتو", "دخترتو"]
FA_FAMILY_VERBS = ["میکشیم", "میکشم", "آتیش میزنیم", "سر میبریم", "میزنیم", "نابود میکنیم"]
FA_WHEN = ["", " به زودی", " امشب", " فردا", " یکی از همین روزا", " منتظر باش", " خیلی زود"]
FA_GROUPS = ["زنای بی‌حجاب", "فمینیستا", "این خائنا", "این جنده‌ها", "زنایی مثل تو", "بهایی‌ها", "این وطن‌فروشا",
             "این اغتشاشگرا"]
FA_GROUP_VERBS = ["باید اعدام بشن", "باید کشته بشن", "باید به دار آویخته بشن", "باید سنگسار بشن", "رو باید کشت",
                  "رو باید آتیش زد", "حقشون مرگه", "باید سرشونو برید", "رو باید از بین برد"]

EMOJI = ["🔪", "🔫", "⚰️", "💀", "🩸", "🪦", "🔪🔪", "⚰️⚰️"]


def _product(*lists):
    return list(itertools.product(*lists))


def _frames():
    """(frame id, family, lang, label, list of texts)."""
    f = []

    def add(frame, family, lang, label, texts):
        f.append((frame, family, lang, label, sorted(set(t.strip() for t in texts))))

    # ---- threats, English
    add("en_direct", "direct", "en", 1,
        [f"{s} {v} {t}{w}" for s, v, t, w in _product(EN_SUBJECTS, EN_VERBS, EN_TARGETS_2P, EN_WHEN)])
    add("en_you_will_be", "direct", "en", 1,
        [f"You will be {v}{w}" for v, w in _product(EN_VERBS_PAST, EN_WHEN)] +
        [f"You are going to be {v}{w}" for v, w in _product(EN_VERBS_PAST, EN_WHEN)])
    add("en_next", "prediction", "en", 1,
        ["You will be next", "You're next", "You are next, bitch", "Your days are numbered",
         "You won't live to see next year", "You will not survive this", "Enjoy your last days",
         "Count your days", "You won't be alive much longer", "Your time is coming", "You'll disappear like the others",
         "You will end up like Mahsa", "Soon you will be in a grave", "Say goodbye to your family",
         "You don't have long left", "Your funeral is coming", "Nobody will find your body"])
    add("en_family", "family", "en", 1,
        [f"{s} {v} {t}{w}" for s, v, t, w in _product(["We will", "I will", "I'm going to", "We're going to"],
                                                      ["kill", "hurt", "burn", "rape", "kidnap", "find and kill",
                                                       "slaughter", "shoot"], EN_FAMILY, EN_WHEN)])
    add("en_should_be", "call", "en", 1,
        [f"{p} should be {v}" for p, v in _product(EN_PEOPLE, EN_VERBS_PAST)] +
        [f"{p} deserves to be {v}" for p, v in _product(EN_PEOPLE, EN_VERBS_PAST)] +
        [f"{p} must be {v}" for p, v in _product(EN_PEOPLE, EN_VERBS_PAST)])
    add("en_someone_should", "call", "en", 1,
        [f"Someone should {v} {o}" for v, o in _product(["kill", "shoot", "stab", "hang", "snap the neck of",
                                                          "put a bullet in", "burn", "strangle", "behead"],
                                                         ["her", "him", "this bitch", "that traitor", "this woman",
                                                          "them", "the journalist"])])
    add("en_groups", "group", "en", 1,
        [f"All {g} should be {v}" for g, v in _product(EN_GROUPS, EN_VERBS_PAST)] +
        [f"Hang all {g}" for g in EN_GROUPS] + [f"Kill all {g}" for g in EN_GROUPS] +
        [f"Death to all {g}" for g in EN_GROUPS] + [f"{g} deserve to die" for g in EN_GROUPS])
    add("en_sexual", "sexual", "en", 1,
        [f"{s} {v}{w}" for s, v, w in _product(["I will", "We will", "I'm going to", "Someone should"],
                                              ["rape you", "rape her", "gang rape you", "rape your sister",
                                               "rape you until you die", "sexually assault you"], EN_WHEN)] +
        ["You deserve to be raped", "Women like you deserve to be raped", "I hope you get raped",
         "You need to be raped to learn your place"])
    add("en_conditional", "conditional", "en", 1,
        [f"{c} or {r}" for c, r in _product(["Stop posting", "Delete this", "Shut up", "Stop talking",
                                            "Take this down", "Leave the country", "Put your hijab on"],
                                           ["die", "you die", "you're dead", "we will kill you",
                                            "your family pays", "we burn your house", "you will be next"])] +
        [f"If you {c} again, {r}" for c, r in _product(["post", "speak", "write this", "show your face"],
                                                       ["we will kill you", "you are dead", "I will find you and kill you",
                                                        "your mother will pay", "you will disappear"])])
    add("en_wish", "death_wish", "en", 1,
        ["I hope you die", "I hope you die soon", "I hope you get cancer and die", "I wish you were dead",
         "Go die", "I hope someone kills you", "I hope you burn alive", "I pray you die in pain",
         "You should die", "You deserve to die", "Die bitch", "I hope your whole family dies",
         "Kill yourself", "Go kill yourself", "Do the world a favour and kill yourself", "Drink bleach and die"])
    add("en_dox", "doxxing", "en", 1,
        ["We know where you live", "I know where you live", "We know your address", "We have your address",
         "We know where your kids go to school", "We know where your mother lives", "I know your home address",
         "We are watching you", "We know where you work", "We know which car you drive",
         "We know where you sleep", "We found your house", "We know where your family lives",
         "I have your phone number and your address", "See you at your house"])
    add("en_emoji", "emoji", "en", 1,
        [f"{e} {t}" for e, t in _product(EMOJI, ["you're next", "soon", "see you soon", "for you", "waiting for you",
                                               "coming for you", "your turn"])])
    # ---- threats, Finglish
    add("fng_direct", "direct", "fng", 1,
        [f"{v}{w}" for v, w in _product(FNG_VERBS, FNG_WHEN)] +
        [f"ye rooz {v}" for v in FNG_VERBS] + [f"ghasam mikhoram {v}" for v in FNG_VERBS])
    add("fng_family", "family", "fng", 1,
        [f"{t} {v}{w}" for t, v, w in _product(FNG_FAMILY, FNG_FAMILY_VERBS, FNG_WHEN)])
    add("fng_groups", "group", "fng", 1,
        [f"{g} {v}" for g, v in _product(FNG_GROUPS, ["bayad e'dam beshan", "bayad koshte beshan",
                                                      "ro bayad kosht", "bayad sangsar beshan",
                                                      "haghe shoon marge", "ro bayad atish zad"])])
    add("fng_other", "other", "fng", 1,
        ["midoonim koja zendegi mikoni", "addresseto darim", "nafare badi toyi", "rooza't shomorde shode",
         "montazere marg bash", "ishala bemiri", "kash bemiri", "khodeto bokosh", "boro bemir",
         "age ye bar dige post bezari mikoshimet", "pasesh kon vagarna mikoshimet", "mesle mahsa mishi",
         "zende nemimooni", "khabar marget ro mishnavim", "be zoodi mifrestimet evin", "ghabret ro kandim",
         "tajavoz mikonim behet", "midoonim bache hat koja madrese miran"])
    # ---- threats, Persian
    add("fa_direct", "direct", "fa", 1,
        [f"{v}{w}" for v, w in _product(FA_VERBS, FA_WHEN)] +
        [f"یه روز {v}" for v in FA_VERBS] + [f"قسم میخورم {v}" for v in FA_VERBS])
    add("fa_family", "family", "fa", 1,
        [f"{t} {v}{w}" for t, v, w in _product(FA_FAMILY, FA_FAMILY_VERBS, FA_WHEN)])
    add("fa_groups", "group", "fa", 1, [f"{g} {v}" for g, v in _product(FA_GROUPS, FA_GROUP_VERBS)] +
        [f"مرگ بر {g}" for g in FA_GROUPS])
    add("fa_should", "call", "fa", 1,
        [f"{p} {v}" for p, v in _product(["این زنیکه", "این خائن", "این دختره", "این فاحشه", "این خبرنگار"],
                                         ["باید اعدام بشه", "باید کشته بشه", "رو باید دار زد", "رو باید کشت",
                                          "باید سنگسار بشه", "رو باید سر برید", "حقش گلوله‌ست"])])
    add("fa_other", "other", "fa", 1,
        ["میدونیم کجا زندگی میکنی", "آدرس خونتو داریم", "نفر بعدی تویی", "روزات شمرده شده", "منتظر مرگ باش",
         "ایشالا بمیری", "کاش بمیری", "خودتو بکش", "برو بمیر", "اگه یه بار دیگه پست بذاری میکشیمت",
         "پاکش کن وگرنه میکشیمت", "مثل مهسا میشی", "زنده نمیمونی", "خبر مرگتو میشنویم", "به زودی میفرستیمت اوین",
         "قبرتو کندیم", "بهت تجاوز میکنیم", "میدونیم بچه‌هات کجا مدرسه میرن", "حواست باشه داریم میایم سراغت",
         "میایم سراغت", "شب‌ها مواظب خودت باش", "چشممون دنبالته", "خونتو آتیش میزنیم", "ماشینتو منفجر میکنیم",
         "جنازتو پیدا میکنن", "دعا کن زنده بمونی", "🔪🔪 منتظرت هستیم", "⚰️ به زودی", "با اسید صورتتو میسوزونیم"])

    # ---- not threats
    add("en_negation", "negation", "en", 0,
        ["I would never hurt you", "Don't ever kill yourself", "I don't know where you live", "Nobody should be killed for their opinion",
         "No one deserves to die", "We will never let them hurt you", "Nobody will harm you here", "I'm not going to kill anyone",
         "I don't want anyone to die", "Please don't hurt yourself", "We won't let them execute her", "I don't wish death on anyone",
         "No woman should be killed for her hair", "They should not be executed", "I would never threaten you",
         "Don't let them scare you", "Nobody is going to kill you", "I don't know your address and I don't want to"])
    add("en_things", "objects", "en", 0,
        [f"{s} {v} {t}" for s, v, t in _product(["I will", "I'm going to", "We need to", "Let's"],
                                              ["kill", "shoot", "stab", "burn", "execute", "crush", "destroy"],
                                              EN_THINGS)] +
        ["Kill the virus with soap", "Stab those balloons for the party", "Shoot a video of the march",
         "Execute the script again", "Burn the toast and start over", "This heat is killing me", "I'm dying of laughter 😂",
         "You killed it! 🔥", "You're killing it, queen", "That joke killed me", "I would die for you ❤️",
         "This song slaps", "She crushed the interview", "I'm dead 😂😂", "Break a leg tonight!", "Knock them dead at the concert",
         "I could murder a pizza right now", "The traffic is murder today", "Shoot me a message", "Fire away with your questions"])
    add("en_news", "news", "en", 0,
        ["Police said the man was killed in the protest", "She was executed in 1988 with thousands of others",
         "Three protesters were shot dead in Zahedan", "The regime hanged two young men this week",
         "Report: activists received death threats and reported them", "He said he would kill her, and she went to the police",
         "The court sentenced him to death for protesting", "Amnesty says executions rose sharply this year",
         "Mahsa Amini was killed in custody", "The documentary shows how the prisoners were tortured",
         "The journalist was beaten by security forces", "They threatened to kill her family, she told the BBC",
         "In the film the villain shoots the hero", "The novel ends with the king beheaded"])
    add("en_support", "support", "en", 0,
        ["Stay safe, we stand with you", "Woman, life, freedom", "You are so brave", "Sending love from Berlin",
         "Thank you for speaking up", "We will always support you", "Your voice matters", "Please take care of yourself",
         "I hope you are safe tonight", "We are with you until the end", "Death to the dictator",
         "Down with the Islamic Republic", "Death to Khamenei", "The regime will fall", "Free Iran",
         "I hope you get better soon", "I hope you win", "I wish you a long life"])
    add("fng_not", "mixed", "fng", 0,
        ["hichkas nabayad koshte beshe", "man hichvaght behet asib nemizanam", "nemidoonam koja zendegi mikoni",
         "khodeto nakoshi", "zan zendegi azadi", "marg bar dictator", "marg bar khamenei", "marg bar jomhoori eslami",
         "cheghadr shojai", "ba to hastim", "mersi ke migi", "dametam garm", "az khande morde boodam", "tarkoondi",
         "in ahang ke mikoshe", "virus ro ba saboon bekosh", "cheraghha ro khamoosh kon", "ye video az tazahorat begir",
         "polis goft se nafar koshte shodan", "rezhim do nafar ro e'dam kard", "eshgh zendegi", "movafagh bashi",
         "delam barat tang shode", "montazere poste badit hastim", "hamishe salamat bashi", "emshab mirim tazahorat"])
    # The same frames with ordinary verbs: the slot words (soon, tonight, tomorrow, your mother)
    # are not what makes a threat, the verb is.
    add("en_benign_frames", "benign_frame", "en", 0,
        [f"{s} {v} {t}{w}" for s, v, t, w in _product(
            ["I will", "I'm going to", "We will", "We're going to", "I'll", "We'll"],
            ["see", "call", "visit", "support", "miss", "hug", "thank", "help", "follow", "message", "meet", "protect"],
            ["you", "all of you", "you and your family", "your mother", "your sister", "your kids"], EN_WHEN)] +
        [f"See you{w}" for w in EN_WHEN] + [f"Say hi to {t}" for t in EN_FAMILY] +
        [f"All {g} deserve respect" for g in EN_GROUPS] + [f"{g} should be free" for g in EN_GROUPS])
    add("fng_benign_frames", "benign_frame", "fng", 0,
        [f"{v}{w}" for v, w in _product(["mibinamet", "mibinimet", "behet zang mizanam", "dooset daram", "hemayatet mikonim",
                                         "baghalet mikonam", "mibboosamet", "behet payam midam", "komaket mikonam",
                                         "montazeret hastam", "miam pishet", "mamnoonam azat"], FNG_WHEN)] +
        [f"{t} {v}" for t, v in _product(FNG_FAMILY, ["salam beresoon", "dooset daram", "mibinim", "davat mikonim",
                                                      "kheili doost daram"])] +
        ["kheili ghashang bood, mamnoon", "salam khoobi?", "merci az poste ghashanget", "dametam garm ke migi",
         "cheghadr ghashange", "dastet dard nakone", "in video aali bood", "mamnoon ke hastid", "movafagh bashi azizam",
         "to kheili shojai", "kojai? delam barat tang shode", "emshab live mizari?",
         "be zoodi mibinimet", "ghorbanet beram", "jooonam fadat", "khaste nabashi", "eyval, aali bood"])
    add("fa_benign_frames", "benign_frame", "fa", 0,
        [f"{v}{w}" for v, w in _product(["میبینمت", "بهت زنگ میزنم", "دوستت دارم", "ازت حمایت میکنیم", "بغلت میکنم",
                                         "میبوسمت", "بهت پیام میدم", "کمکت میکنم", "منتظرت هستم", "میام پیشت"], FA_WHEN)] +
        [f"{t} {v}" for t, v in _product(FA_FAMILY, ["سلام برسون", "دوست دارم", "میبینیم", "دعوت میکنیم"])])
    add("fa_not", "mixed", "fa", 0,
        ["هیچکس نباید کشته بشه", "من هیچوقت بهت آسیب نمیزنم", "نمیدونم کجا زندگی میکنی", "خودتو نکشی",
         "زن زندگی آزادی", "مرگ بر دیکتاتور", "مرگ بر خامنه‌ای", "مرگ بر جمهوری اسلامی", "چقدر شجاعی", "باهاتیم",
         "مرسی که میگی", "دمت گرم", "از خنده مردم", "ترکوندی", "این آهنگ آدمو میکشه", "ویروس رو با صابون بکش",
         "چراغا رو خاموش کن", "یه ویدیو از تظاهرات بگیر", "پلیس گفت سه نفر کشته شدن", "رژیم دو نفر رو اعدام کرد",
         "عشق زندگی", "موفق باشی", "دلم برات تنگ شده", "منتظر پست بعدیت هستیم", "همیشه سلامت باشی",
         "امشب میریم تظاهرات", "خبرنگار توسط نیروهای امنیتی کتک خورد", "مهسا امینی در بازداشت کشته شد",
         "اعدام‌ها امسال بیشتر شده", "نباید اعدامش کنن", "جونم فدات", "قربونت برم", "کشتی مارو با این عکس 😍",
         "مواظب خودت باش عزیزم", "هیچ زنی نباید به خاطر حجاب کشته بشه"])
    return f


def examples(max_per_frame=400, seed=0):
    """Every frame's texts, at most max_per_frame each (a fixed-seed sample of the larger frames)."""
    rng = random.Random(seed)
    out = []
    for frame, family, lang, label, texts in _frames():
        if len(texts) > max_per_frame:
            texts = sorted(rng.sample(texts, max_per_frame))
        out.extend(Phrasing(t, label, family, lang, frame) for t in texts)
    return out


if __name__ == "__main__":
    import collections
    ex = examples()
    print(len(ex), collections.Counter((e.lang, e.label) for e in ex))
