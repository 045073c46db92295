// The insult lexicon: harassment in Latin script (English and Finglish, i.e. Persian written in
// Latin letters), written by the project (not copied from any dataset). The harassment model
// (comment_model.h) is trained on Persian-script comments only, so it cannot see "jende",
// "koskesh" or "whore"; these entries cover that gap. docs/threat-lexicon.md ("Insults")
// explains the categories, weights and known false positives.
//
// Same pattern syntax and token keys as threat_lexicon.h (compiled by threats.cpp): slots match
// one normalised token each, `{a,b}` alternatives, `?` optional slot, `*` prefix slot, max_gap.
// Repeated letters collapse ("sluttt" == "slut"), leetspeak inside Latin words folds
// ("wh0re" == "whore"), case folds.
//
// Weights use the threat scale (score = sigmoid(-3 + strongest per category + 0.3 * the rest)):
// 4.5-5 gendered slurs and obscene abuse aimed at a person; 3.5-4 insults that are abusive in
// almost any comment; 3 common insults (flagged alone: a comment under an activist's post that
// says "idiot" is harassment); 2-2.5 words that are insults only in company ("pig", "dog",
// "trash"): they count towards the score but never flag alone. Category "negative" removes the
// insult matches it overlaps (idioms and self-talk).
#pragma once

#include "threat_lexicon.h"

namespace swarmlens::insult_lexicon {

using threat_lexicon::Entry;

// Categories: "gendered" (sexual and gendered slurs, the bulk of abuse aimed at women activists),
// "obscene" (obscene abuse), "insult" (general insults), "smear" (political smears used to
// discredit activists: traitor, paid agent), "silencing" (shut up / get lost), "negative".
// clang-format off
inline constexpr Entry kEntries[] = {
    // ---------------------------------------------------------------- English: gendered slurs
    {"{whore,whores,whoring,hoe,hoes,thot,thots}", "gendered", 4.5, "en", "gendered slur (whore)", 0},
    {"{slut,sluts,slutty,skank,skanks}", "gendered", 4.5, "en", "gendered slur (slut)", 0},
    {"{bitch,bitches,biatch,bytch,bich}", "gendered", 4, "en", "gendered slur (bitch)", 0},
    {"{cunt,cunts}", "gendered", 5, "en", "gendered slur", 0},
    {"{prostitute,prostitutes,hooker,hookers}", "gendered", 4, "en", "called a prostitute", 0},
    {"{feminazi,feminazis}", "gendered", 4, "en", "gendered slur (feminazi)", 0},
    {"{make,get} me a sandwich", "gendered", 3.5, "en", "sexist put-down", 0},
    {"{go,get} back to {the}? kitchen", "gendered", 4, "en", "sexist put-down", 0},
    // ---------------------------------------------------------------- English: obscene abuse
    {"{fuck,fck,fuk,fak} {you,u,ya,off,yourself,urself,her}", "obscene", 4.5, "en", "obscene abuse (f*** you)", 0},
    {"{motherfucker,motherfuckers,mofo,fucker,fuckers}", "obscene", 4.5, "en", "obscene abuse", 0},
    {"{fucking,fkn,fuckin} {bitch,whore,slut,idiot,moron,traitor,pig,cow,witch,liar}", "obscene", 4.5, "en",
     "obscene abuse", 0},
    {"{asshole,assholes,arsehole,dickhead,dickheads,bastard,bastards}", "obscene", 4, "en", "obscene insult", 0},
    {"piece of {shit,crap,trash,garbage}", "obscene", 4.5, "en", "obscene insult (piece of shit)", 0},
    {"{suck,lick} my {dick,cock,balls}", "obscene", 5, "en", "obscene sexual abuse", 0},
    // ---------------------------------------------------------------- English: insults
    {"{idiot,idiots,idiotic,moron,morons,moronic,imbecile,cretin}", "insult", 3, "en", "insult (idiot)", 0},
    {"{retard,retards,retarded}", "insult", 4, "en", "ableist slur", 0},
    {"{stupid,dumb,dumbass,brainless}", "insult", 2.5, "en", "insult (stupid)", 0},
    {"{you,u,ur,youre} {are,re,r}? {so,such,a,an}? {stupid,dumb,ugly,disgusting,pathetic,worthless,useless,trash,garbage,pig,cow,dog,animal,witch,clown,joke,liar}",
     "insult", 3.5, "en", "insult aimed at you", 1},
    {"{ugly,fat} {cow,pig,witch,bitch,hag,woman,girl}", "insult", 3.5, "en", "insult about looks", 0},
    {"{scum,scumbag,lowlife,vermin,subhuman}", "insult", 4, "en", "dehumanising insult", 0},
    {"{pig,pigs,trash,garbage,disgusting,pathetic,worthless,filthy}", "insult", 2, "en",
     "insulting word", 0},
    // ---------------------------------------------------------------- English: smears and silencing
    {"{traitor,traitors,sellout,sellouts}", "smear", 3, "en", "called a traitor", 0},
    {"{paid,foreign,zionist,israeli,mossad,cia,western,british} {agent,agents,puppet,puppets,spy,spies,mercenary,whore}",
     "smear", 3.5, "en", "called a paid/foreign agent", 0},
    {"shut {your,ur} {mouth,face,trap}", "silencing", 3, "en", "told to shut up", 0},
    {"{shutup,stfu}", "silencing", 3, "en", "told to shut up", 0},
    {"shut up", "silencing", 3, "en", "told to shut up", 0},
    {"{go,get} to hell", "silencing", 3, "en", "told to go to hell", 0},
    {"{burn,rot} in hell", "silencing", 4, "en", "told to burn in hell", 0},
    {"{nobody,noone} {cares,asked}", "silencing", 2.5, "en", "dismissal", 0},

    // ---------------------------------------------------------------- Finglish: gendered slurs
    {"{jende,jendeh,jandeh,jende,jnde,jendeha,jendehaa,jendei,jendeii,jendas,jendast,jendeyi}", "gendered", 5,
     "fa-Latn", "gendered slur (jende: whore)", 0},
    {"{fahese,faheshe,fahesheh,fahishe,fahesh,fahesha}", "gendered", 5, "fa-Latn", "gendered slur (fahesheh: prostitute)", 0},
    {"{harze,harzeh,harzei,harzegi}", "gendered", 4.5, "fa-Latn", "gendered slur (harzeh)", 0},
    {"{lashi,lashii,lachar,lakate}", "gendered", 4.5, "fa-Latn", "gendered slur (lashi/lachar)", 0},
    {"{sigheyi,sighei,sigheii,siqe,sighe}", "gendered", 3.5, "fa-Latn", "gendered slur (sigheh)", 0},
    {"{binamoos,binamus,bynamoos,binamous}", "gendered", 4.5, "fa-Latn", "insult (bi-namoos: dishonoured)", 0},
    {"bi {namoos,namus,namous}", "gendered", 4.5, "fa-Latn", "insult (bi-namoos: dishonoured)", 0},
    {"{bihaya,bihejab,bihijab}", "gendered", 3, "fa-Latn", "insult (shameless/unveiled)", 0},
    {"bi {haya,hejab,hijab,efat,ciret,gheirat,ghirat}", "gendered", 3, "fa-Latn", "insult (shameless/unveiled)", 0},
    {"{madar,madare,madaret,khahar,khahare,khaharet,nane,naneh,nanat} {jende,jendeh,ghahbe,ghahbeh,kharab}", "gendered", 5.5,
     "fa-Latn", "insult against your mother/sister", 0},
    {"{ghahbe,ghahbeh,qahbe,qahbeh,gahbe}", "gendered", 5, "fa-Latn", "gendered slur (ghahbeh: whore)", 0},
    // ---------------------------------------------------------------- Finglish: obscene abuse
    {"{koskesh,koskesha,koskeshha,koskeshe}", "obscene", 5, "fa-Latn", "obscene insult (koskesh)", 0},
    {"kos {kesh,keshe,keshha,nanat,nanash,nane,khaharet,madaret,khol,kholi}", "obscene", 5, "fa-Latn",
     "obscene insult (kos ...)", 0},
    {"{kosnanat,kosenanat,kosnane,kosmadaret,koskhaharet,koskhol,kosekhol,koskholi,kosde,kosdeh,kosdast}", "obscene", 5,
     "fa-Latn", "obscene insult (kos ...)", 0},
    {"{kiram,kirim,kiri,kir} {dahanet,dahanat,dahanetoon,too,to,tu,be,tot}", "obscene", 5, "fa-Latn",
     "obscene insult (kir ...)", 1},
    {"{kiri,kirkhor,kirekhar,kiresag,kirikhar}", "obscene", 4.5, "fa-Latn", "obscene insult (kir ...)", 0},
    {"{kooni,kuni,koonde,kunde,koondeh,kundeh,koonkesh}", "obscene", 4.5, "fa-Latn", "obscene insult (kuni)", 0},
    {"{haramzade,haramzadeh,haroomzade,haroomzadeh,harumzade,haromzade,haroumzadeh,haramzadeha}", "obscene", 4.5,
     "fa-Latn", "insult (haramzadeh: bastard)", 0},
    {"{pedarsag,pedarsookhte,pedarsukhte,pedarsookhteh,pedarsoukhte}", "obscene", 4, "fa-Latn",
     "insult (pedar-sag / pedar-sukhteh)", 0},
    {"pedar {sag,sookhte,sukhte,sookhteh,soukhte}", "obscene", 4, "fa-Latn", "insult (pedar-sag / pedar-sukhteh)", 0},
    {"{bisharaf,bisharafa,bisharafha,bishoor,bishour,bishur}", "insult", 3.5, "fa-Latn",
     "insult (bisharaf: dishonourable / bishoor: brainless)", 0},
    {"bi {sharaf,shoor,shour,shur,pedar,madar,vatan}", "insult", 3.5, "fa-Latn", "insult (bi-sharaf / bi-vatan)", 0},
    {"{kesafat,kesaafat,kesafata,kesafatha,kasif,kasife,kasifa,najes,najesa,najis}", "insult", 3.5, "fa-Latn",
     "insult (kesafat/najes: filth)", 0},
    {"{gooh,goh,guh} {nakhor,nakhorid,khordi,khordin,khori,mikhori}", "silencing", 4, "fa-Latn",
     "obscene silencing (goh nakhor)", 0},
    // ---------------------------------------------------------------- Finglish: insults
    {"{ahmagh,ahmaq,ahmagha,ahmaghi,ablah,kodan,kodane,kosshereh,olagh,olaq,olaghi,gusale,goosale,goosaleh}",
     "insult", 3, "fa-Latn", "insult (ahmagh/olagh: idiot, donkey)", 0},
    {"{khari,khary,khar,gavi,gav,sag,heyvoon,heyvun,heyvan,heyvoni,avazi,avazie}", "insult", 2, "fa-Latn",
     "insulting word (donkey/cow/dog/animal)", 0},
    {"{to,shoma,oon,un} {ye,yek}? {khar,gav,sag,heyvoon,heyvun,heyvan,olagh,avazi,ashghal,ashqal}", "insult", 3.5,
     "fa-Latn", "insult aimed at you (animal)", 0},
    {"{ashghal,ashqal,ashghali,ashghala,ashghalha,lajan,lajani,zabale,zobale}", "insult", 3, "fa-Latn",
     "insult (ashghal: trash)", 0},
    // ---------------------------------------------------------------- Finglish: smears and silencing
    {"{khaen,khaeen,khayen,khaenin,vatanforoosh,vatanforush,vatanfroosh}", "smear", 3.5, "fa-Latn",
     "called a traitor (khaen / vatan-forush)", 0},
    {"vatan {foroosh,forush,froosh,forosh}", "smear", 3.5, "fa-Latn", "called a traitor (vatan-forush)", 0},
    {"{mozdoor,mozdour,mozdur,mozdooran,mozdura,jasoos,jasus,jasoosa,monafegh,monafeq,monafeghin,monafegha}", "smear",
     3.5, "fa-Latn", "called a mercenary/spy/hypocrite", 0},
    {"{mozdoor,mozdour,mozdur,nokar,nokare,nookar} {e}? {israel,esrail,esraeil,amrika,amrica,engelis,englis,saudi,mossad}",
     "smear", 4, "fa-Latn", "called a foreign agent", 0},
    {"{khafesho,khafeshin,khafeshid}", "silencing", 3.5, "fa-Latn", "told to shut up (khafe sho)", 0},
    {"khafe {sho,shin,shid,bash}", "silencing", 3.5, "fa-Latn", "told to shut up (khafe sho)", 0},
    {"{gomsho,gomshin,gomshid}", "silencing", 3, "fa-Latn", "told to get lost (gom sho)", 0},
    {"gom {sho,shin,shid,shodi}", "silencing", 3, "fa-Latn", "told to get lost (gom sho)", 0},

    // ---------------------------------------------------------------- negatives (idioms, quotes)
    {"{life,lifes,karma,karmas} {is,s}? {a}? bitch", "negative", 0, "en", "idiom", 0},
    {"son of a {gun}", "negative", 0, "en", "idiom", 0},
    {"{don,dont} {t}? {be}? stupid", "negative", 0, "en", "idiom", 0},
    {"{stupid,dumb} {question,questions,me,mistake,autocorrect}", "negative", 0, "en", "self-talk", 0},
    {"{hot,good} dog", "negative", 0, "en", "idiom", 0},
};
// clang-format on

// Protest slogans against the state and its leaders. Supporters of an activist chant them under
// her posts ("زن زندگی آزادی، مرگ بر دیکتاتور"), and the offensive-language model, trained on
// data that labels them offensive, scores them 0.56-0.99. They are not harassment of the account
// holder: ScoreCommentHarassment scores the comment with these spans taken out. Threats against
// the person ("مرگ بر تو") are threat-lexicon entries and are not listed here.
// clang-format off
inline constexpr Entry kSlogans[] = {
    {"{مرگ,لعنت,نفرین} بر {دیکتاتور,دیکتاتوری,خامنه‌ای,خامنه,خامنه‌ئی,خمینی,جمهوری,جمهوری‌اسلامی,ستمگر,ظالم,"
     "ظالمین,آخوند,اخوند,سپاه,بسیج,رژیم,حکومت,رهبر,ولایت,ولایت‌فقیه,دیکتاتورها,اسلامی,ضحاک,شاه,پهلوی}",
     "slogan", 0, "fa", "protest slogan", 1},
    {"marg bar {dictator,diktator,dictatori,khamenei,khamenehi,khamenehei,khomeini,jomhoori,jomhouri,jomhuri,"
     "setamgar,zalem,akhoond,akhund,sepah,basij,rejim,rezhim,regime,hokoomat,rahbar,velayat,zahak,shah}",
     "slogan", 0, "fa-Latn", "protest slogan", 1},
    {"death to {the}? {dictator,dictators,khamenei,khomeini,regime,islamic,ayatollah,ayatollahs,mullahs,irgc,basij,"
     "tyrant,tyrants,oppressor,oppressors,shah}",
     "slogan", 0, "en", "protest slogan", 0},
};
// clang-format on

}  // namespace swarmlens::insult_lexicon
