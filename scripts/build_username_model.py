#!/usr/bin/env python3
"""Builds core/src/username_bigrams.h: the character-bigram model behind the username
word-likeness signal (`username_word_likeness`, docs/scoring.md).

Usage (from the repository root; stdlib only):

    scripts/build_username_model.py            # write the header
    scripts/build_username_model.py --check    # exit 1 if the header on disk would change

Corpus (documented in docs/model-card.md):
  1. /usr/share/dict/american-english from Debian's `wamerican` package (SCOWL by Kevin Atkinson,
     version 2020.12.07-2; permissive licence, see /usr/share/doc/wamerican/copyright): every
     entry made only of ASCII letters, lower-cased (capitalised entries are given names, surnames
     and places, which handles are built from too). Entries with apostrophes or accents are skipped.
  2. NAMES below: given names and surnames common among the people this tool serves, Persian
     names in Finglish (the Latin transliterations Iranians use in handles) and common
     international given names. Written for this project from general knowledge, not copied from
     a list; each name counts WEIGHT_NAMES times so that the few hundred names are not drowned by
     the 60,000+ English words.
  3. HANDLE_WORDS below: words that recur in organic handles (photo, art, official...), also
     project-written.

Model: a first-order Markov chain over 26 letters with a boundary symbol (start / end of a letter
run). P(next | previous) with add-0.5 smoothing. Each table entry is the log-likelihood ratio
log2 P(next | previous) - log2(1/27), i.e. against a baseline that picks each of the 26 letters or
the end uniformly; it is quantised to int8 in units of 1/8 bit (clamped to [-128, 127]). A
username's word-likeness is the mean of these ratios over the bigrams of its letter runs (digits,
'.', '_' and other bytes end a run); see AnalyzeUsername in core/src/username.cpp.
Deterministic: the same word list gives byte-identical output.
"""

import argparse
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model_check import Tolerance, check_file  # noqa: E402
HEADER_PATH = REPO / "core" / "src" / "username_bigrams.h"
WORDLIST = Path("/usr/share/dict/american-english")
SMOOTHING = 0.5
SCALE = 8  # table units per bit
WEIGHT_NAMES = 20

# Persian given names and surnames in Finglish, with the spelling variants people actually use
# (kh/x, ou/oo/u, ei/ey...). Project-written.
PERSIAN = """
ali reza mohammad mohamad mohammadreza mahmoud mahmood hossein hosein hassan hasan amir amirali
amirhossein mehdi mahdi ahmad saeed saeid said hamid hamed majid masoud masood behzad behnam
babak bahram bijan dariush daryoush farhad farshid farzad fereydoun kamran kaveh kian kiarash
arash arman armin aria arya ashkan omid navid nima pouya pooya payam peyman pejman parsa pedram
ramin reza shahin shahram siavash siamak sina soheil sohrab yousef yusef javad jalal jamshid
kourosh koorosh cyrus mostafa morteza mojtaba mehran mehrdad milad mazyar mani nader naser nasser
abbas abolfazl akbar asghar ebrahim esmaeil esmail habib hadi hesam iman karim keyvan kamyar
khashayar mansour masih mohsen mousa nariman parviz rasoul rostam saman sajjad salar sasan shahab
shayan sepehr sohail taha vahid yaser zahir hooman houman afshin afshar
sara sarah maryam mariam zahra fatemeh fateme fatima narges nazanin negar neda nasrin nahid
leila leyla layla mahsa mahtab mina minoo mitra mona parisa parastoo parvaneh pegah roya rozhin
sahar samira sanaz shirin shiva shadi shabnam simin sima soraya sepideh setareh shaghayegh tara
taraneh yasaman yasmin yalda zeinab zeynab azadeh azar atefeh bahar banafsheh donya dorsa elham
elnaz farnaz fariba farzaneh golnaz golnar haleh hanieh hediyeh helia homa ladan mahnaz mahboubeh
marzieh masoumeh mahin mehrnaz mojgan nilufar niloufar niloofar nikoo nika nooshin noushin pardis
parinaz raha rana rezvan rosa saba sadaf samaneh sepinood somayeh tina yeganeh ziba kimia kiana
ahmadi rezaei hosseini hoseini mohammadi karimi moradi jafari rahimi sadeghi tehrani shirazi
esfahani tabrizi navabi farahani hashemi mousavi musavi kazemi rostami akbari ebrahimi ghasemi
ghorbani heidari hamidi jalali kamali kiani mahmoudi mirzaei najafi nazari rahmani sharifi
soltani taheri yazdani zamani abbasi asadi bagheri salehi safari sabouri shahbazi amini azizi
bahrami dehghan dehghani eskandari fallahi ghaffari golzari hakimi jahani khademi khalili khani
latifi maleki mansouri mirza nouri noori pakzad parsi rad rashidi sadri samadi shokri vaziri
zand zarei pahlavi
"""

# Common international given names and surnames seen in follower lists. Project-written.
INTERNATIONAL = """
james john robert michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george edward ryan jacob gary
nicholas eric jonathan stephen larry justin scott brandon benjamin samuel frank gregory raymond
alexander patrick jack dennis jerry tyler aaron jose adam henry nathan douglas zachary peter kyle
noah liam lucas leon luca elias finn jonas felix maximilian paul emil oliver mateo hugo louis
gabriel arthur jules theo mohammed omar yusuf ahmed ibrahim mustafa mehmet emre burak can
mary patricia jennifer linda elizabeth barbara susan jessica karen nancy lisa betty margaret
sandra ashley emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca laura
sharon cynthia kathleen amy angela helen anna brenda emma olivia sophia isabella mia charlotte
amelia harper evelyn abigail ella chloe camila luna sofia sophie lena hannah lea marie clara
julia laura elena giulia chiara martina alice ines lucia maria carmen ana paula fatma ayse zeynep
elif aylin selin natalia olga irina anastasia svetlana tatiana daria
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez
gonzalez wilson anderson taylor moore jackson martin lee thompson white harris clark lewis
robinson walker young allen king wright scott hill green adams baker nelson carter mitchell
mueller muller schmidt schneider fischer weber meyer wagner becker schulz hoffmann rossi russo
ferrari esposito bianchi romano colombo ricci jensen nielsen hansen novak horvat berg larsen
yilmaz kaya demir sahin celik ivanov petrov smirnov kowalski nowak dubois moreau laurent
"""

# Words that recur in organic handles. Project-written.
HANDLE_WORDS = """
official real the its im iam mr mrs miss dr art arts artist photo photos photography photographer
design designer studio music musician travel travels food foodie books book coffee life style
fashion beauty makeup nails hair fitness gym coach yoga dance dancer film films official shop
store boutique online gallery daily world news media blog blogger vlog diary journal poetry poet
writer official page fan fans club team group family love lover lovers girl boy mom dad mama baba
jan joon jun azizam khanoom khanum agha
"""


def corpus_words():
    words = []
    for line in WORDLIST.read_text(encoding="utf-8").splitlines():
        w = line.strip()
        if w and w.isascii() and w.isalpha():
            words.append((w.lower(), 1))
    for block in (PERSIAN, INTERNATIONAL, HANDLE_WORDS):
        for w in block.split():
            words.append((w, WEIGHT_NAMES))
    return words


def build_table():
    # Symbols: 0 = boundary, 1..26 = a..z. counts[prev][next].
    counts = [[0] * 27 for _ in range(27)]
    for word, weight in corpus_words():
        prev = 0
        for ch in word:
            cur = ord(ch) - ord("a") + 1
            counts[prev][cur] += weight
            prev = cur
        counts[prev][0] += weight
    baseline = math.log2(27)
    table = [[0] * 28 for _ in range(28)]  # [from 0..27][to 0..27]; 27 unused padding
    for prev in range(27):
        row = counts[prev]
        # From the boundary, the next symbol is a letter (an empty run does not exist); the
        # baseline is still 1/27 so that the ratios of all bigrams share one scale.
        total = sum(row[1:] if prev == 0 else row) + SMOOTHING * (26 if prev == 0 else 27)
        for nxt in range(27):
            if prev == 0 and nxt == 0:
                continue  # boundary -> boundary: not a bigram (stays 0)
            p = (row[nxt] + SMOOTHING) / total
            q = round((math.log2(p) + baseline) * SCALE)
            table[prev][nxt] = max(-128, min(127, q))
    return table


def render(table):
    names_count = sum(len(b.split()) for b in (PERSIAN, INTERNATIONAL, HANDLE_WORDS))
    words = sum(1 for _, w in corpus_words() if w == 1)
    out = [
        "// GENERATED by scripts/build_username_model.py -- do not edit by hand; rerun:",
        "//   python3 scripts/build_username_model.py",
        "// (deterministic; `--check` verifies this file).",
        "//",
        "// Character-bigram log-likelihood ratios of real words and names against uniform letters,",
        "// for the username word-likeness signal (docs/scoring.md, docs/model-card.md). Corpus:",
        f"// {words} words of Debian's wamerican 2020.12.07 (SCOWL, permissive licence) plus",
        f"// {names_count} project-written names (Persian in Finglish, international) and handle words,",
        f"// each x{WEIGHT_NAMES}. Add-{SMOOTHING} smoothing; entry = round({SCALE} * (log2 P(next | prev) + log2 27)),",
        "// clamped to int8. Index 0 is the boundary (start of a letter run as `prev`, its end as",
        "// `next`), 1..26 are 'a'..'z'; index 27 is padding so that rows are 28 bytes.",
        "#pragma once",
        "",
        "#include <cstdint>",
        "",
        "namespace swarmlens::username_model {",
        "",
        f"/// Table units per bit: a table value v means v / {SCALE} bits.",
        f"inline constexpr int kUnitsPerBit = {SCALE};",
        "",
        "/// kBigramLlr[prev][next], see the comment above.",
        "inline constexpr std::int8_t kBigramLlr[28][28] = {",
    ]
    for prev in range(28):
        label = "^" if prev == 0 else ("pad" if prev == 27 else chr(ord("a") + prev - 1))
        cells = ",".join(f"{v:4d}" for v in table[prev])
        out.append(f"    {{{cells}}},  // {label}")
    out += ["};", "", "}  // namespace swarmlens::username_model", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if the header would change")
    args = ap.parse_args()
    if not WORDLIST.exists():
        sys.exit(f"{WORDLIST} is missing: apt-get install wamerican (scripts/setup installs it)")
    text = render(build_table())
    rel = HEADER_PATH.relative_to(REPO)
    if args.check:
        # Table entries are rounded from libm's log2: another machine may round one the other way.
        return check_file(HEADER_PATH, text, Tolerance(int_step=1, int_fraction=0.01, int_slack=2), REPO)
    HEADER_PATH.write_text(text)
    print(f"wrote {rel} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
