"""Loaders for the labelled comment data the comment model is trained on (../shared/data/).

Each loader returns a list of Example(text, source, harassment, threat): a label is 1, 0 or None
(the set does not say). Sources and licences (cited again in docs/comment-model-card.md):

  parsoffensive  ParsOffensive: Nazarizadeh et al., ICWR 2025, doi:10.1109/ICWR65219.2025.11006224.
                 8,432 Persian Instagram comments, Neutral / Offensive. No licence stated.
  parsoff        Pars-OFF (github.com/KamyarDarvishi/Pars-OFF): 10,563 Persian tweets, OLID level A
                 NOT / OFF. No licence stated.
  phate          PHate train + validation: Delbari, Moosavi, Pilehvar, AAAI 2024 (Zahra-D/Phate):
                 4,234 Persian tweets labelled Violence / Hate / Vulgar. No licence stated. Its test
                 split is not used (kept for independent scoring).
  ghc            Gab Hate Corpus: Kennedy et al. (OSF edua3), CC BY 4.0: 27,546 English posts,
                 cv = call for violence, hd = assault on human dignity, vo = vulgar/offensive.
  reddit         Guest et al., EACL 2021 (ellamguest/online-misogyny-eacl2021), MIT: 6,567 Reddit
                 entries, misogynistic or not, with Threatening_* subcategories.
  jigsaw         Jigsaw / Conversation AI toxic comments (data CC0, text CC BY-SA 3.0), samples
                 re-hosted by keitakurita/Practical_NLP_in_PyTorch (kk_train/kk_valid: toxic, threat,
                 insult labels) and Hongcheng-Gao/RobTest-Demo (robtest_test: toxic 0/1).
  phrasings      Project-written threat phrasings and contrasting non-threats (scripts/threat_phrasings.py).
"""

import csv
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

csv.field_size_limit(1 << 24)


@dataclass(frozen=True)
class Example:
    text: str
    source: str
    harassment: object  # 1, 0 or None
    threat: object      # 1, 0 or None
    group: str = ""     # CV grouping key (phrasings: the frame); "" = split freely


def parsoffensive():
    out = []
    with open(DATA / "parsoffensive" / "ParsOffensive.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["label"] not in ("Neutral", "Offensive") or not row["comment"]:
                continue  # one row has no comment (and so no label column)
            off = row["label"] == "Offensive"
            # A neutral Instagram comment is a clean comment: a negative for threats too. An offensive
            # one may or may not threaten: unknown.
            out.append(Example(row["comment"], "parsoffensive", int(off), None if off else 0))
    return out


def parsoff():
    out = []
    with open(DATA / "pars-off" / "Pars-OFF" / "Pars-OFF_all.csv", encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["level_a"] in ("NOT", "OFF") and row["tweet"]:
                out.append(Example(row["tweet"], "parsoff", int(row["level_a"] == "OFF"), None))
    return out


def phate():
    out = []
    for name in ("train_simple.csv", "val_simple.csv"):
        with open(DATA / "phate" / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if not row["text"]:
                    continue
                # Violence is the threat label; PHate's vulgar / hate labels are not ParsOffensive's
                # "offensive" (a hateful political tweet is not abuse of the reader): unknown.
                out.append(Example(row["text"], "phate", None, int(row["Violenc"])))
    return out


def ghc():
    out = []
    for name in ("ghc_train.tsv", "ghc_test.tsv"):
        with open(DATA / "ghc" / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_MINIMAL):
                if not row["text"]:
                    continue
                offensive = int(row["hd"] == "1" or row["vo"] == "1")
                out.append(Example(row["text"], "ghc", offensive, int(row["cv"] == "1")))
    return out


def reddit():
    out = []
    with open(DATA / "reddit-misogyny" / "final_labels.csv", encoding="utf-8", newline="") as f:
        seen = set()
        for row in csv.DictReader(f):
            text = row["body"]
            if not text or text in ("[deleted]", "[removed]") or text in seen:
                continue  # the same entry is listed once per annotated category
            seen.add(text)
            misogynistic = row["level_1"] == "Misogynistic"
            out.append(Example(text, "reddit", int(misogynistic), int(row["level_3"].startswith("Threatening"))))
    return out


def jigsaw():
    out = []
    for name in ("kk_train.csv", "kk_valid.csv"):
        with open(DATA / "jigsaw-samples" / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if not row["comment_text"]:
                    continue
                toxic = int(any(row[k] == "1" for k in ("toxic", "severe_toxic", "obscene", "insult", "identity_hate")))
                out.append(Example(row["comment_text"], "jigsaw", toxic, int(row["threat"] == "1")))
    with open(DATA / "jigsaw-samples" / "robtest_test.csv", encoding="utf-8", newline="") as f:
        for row in csv.reader(f):  # no header: text, toxic
            if len(row) == 2 and row[0] and row[1] in ("0", "1"):
                out.append(Example(row[0], "jigsaw", int(row[1]), None))
    return out


def phrasings():
    import threat_phrasings
    return [Example(p.text, "phrasings", None, p.label, group=p.frame) for p in threat_phrasings.examples()]


LOADERS = {"parsoffensive": parsoffensive, "parsoff": parsoff, "phate": phate, "ghc": ghc, "reddit": reddit,
           "jigsaw": jigsaw, "phrasings": phrasings}


def load_all():
    """Every example of every source, in a fixed order."""
    out = []
    for name in LOADERS:
        out.extend(LOADERS[name]())
    return out
