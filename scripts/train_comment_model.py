#!/usr/bin/python3
"""Trains and evaluates swarmlens' comment model: a harassment head and a violent-speech head.

Usage (from the repository root; needs Debian's python3-sklearn, hence /usr/bin/python3, and the
native CLI for the threat lexicon's scores: scripts/build native):

    scripts/train_comment_model.py           # train, evaluate, write the header + golden file
    scripts/train_comment_model.py --check   # same, but exit 1 if the files on disk differ beyond
                                             # the stated tolerance (scripts/model_check.py)

Data (scripts/comment_data.py loads and cites each; licences in docs/comment-model-card.md):
ParsOffensive (Persian Instagram comments, Neutral / Offensive), Pars-OFF (Persian tweets, OFF),
PHate train + validation (Persian tweets, Violence), the Gab Hate Corpus (English: call for
violence; assault on dignity or vulgar = offensive), Reddit misogyny (English: misogynistic;
Threatening_* = threat), Jigsaw samples (English toxicity, threat), and project-written threat
phrasings with contrasting non-threats in English, Finglish and Persian (scripts/threat_phrasings.py).
A label a set does not give is unknown: the example trains only the head whose label it has.

Model: the text goes through NormalizeText (ported below, identical to core/src/text_normalize.cpp).
Features: character n-grams of length 1-5 inside each space-padded word (like sklearn's char_wb)
plus word bigrams, each hashed with FNV-1a 32 over its UTF-8 bytes; the top BUCKET_BITS bits of
the hash pick the bucket. A bucket's value is its count, divided by sqrt(total occurrences)
(= the L2 norm when no feature repeats, as in most comments; it lets the C++ add one weight per
occurrence without counting buckets). Both heads read these features, so the C++ computes them
once and looks both weights up in one interleaved table.
Per head, each bucket is scaled by s_j = idf_j * sqrt(|log-count ratio_j|) (idf times the square
root of the NB-SVM ratio between the classes, Wang & Manning 2012), computed on the training fold;
L2 logistic regression (balanced class weights, liblinear; C = HARASSMENT_C / THREAT_C) is fitted
on the scaled vectors. The scale folds into the weights (e_j = w_j * s_j), and e is quantised to
int8 with one scale per head:

    logit = bias + scale * (sum over feature occurrences of q[bucket]) / sqrt(occurrences)

The violent-speech head is combined with the threat lexicon as CombineThreat in
core/src/comment_model.cpp does (combine() below): the lexicon's matches explain, the model finds
phrasings no list holds. Every figure printed is for the quantised models (each fold quantised as
the shipped one is), 5-fold CV stratified within each source; the phrasings' folds are by
sentence frame, so their figures are for sentence shapes the fold's model never saw.

Outputs:
  core/src/comment_model_weights.h       int8 tables + biases/scales/thresholds (compiled into the core)
  tests/data/comment_model/golden.tsv    texts -> normalised text -> both heads' logits and scores
                                         (checked natively and under wasm by comment_model_test)
and the evaluation on stdout (docs/comment-model-card.md quotes it).
"""

import os

# One thread and no machine-dependent parallel reduction order (the --check tolerance covers
# what remains: BLAS kernels differ between CPUs).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
import math
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model_check import Tolerance, check_file, compare  # noqa: E402
import comment_data  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
HEADER_PATH = REPO / "core" / "src" / "comment_model_weights.h"
GOLDEN_PATH = REPO / "tests" / "data" / "comment_model" / "golden.tsv"
# What `--check` accepts from a retrain on another machine (scripts/model_check.py).
CHECK_TOLERANCE = Tolerance(int_step=1, int_fraction=0.02, int_slack=3, float_atol=0.02, float_rtol=0.01)
# The committed golden against the committed header: the same arithmetic on any machine, up to
# the order of a sparse dot product's sum.
GOLDEN_CONSISTENCY = Tolerance(int_step=0, int_fraction=0.0, int_slack=0, float_atol=1e-7, float_rtol=1e-8)
COMMAND = "/usr/bin/python3 scripts/train_comment_model.py"

MODEL_NAME = "comments-charwb-lr-2"
BUCKET_BITS = 18
MAX_NGRAM = 5
HARASSMENT_C = 10.0
PARSOFFENSIVE_WEIGHT = 2.0
THREAT_C = 1.0
# The phrasings are many and regular (each positive counts little); their contrasting
# non-threats are few (each counts more).
PHRASING_POSITIVE_WEIGHT = 0.3
PHRASING_NEGATIVE_WEIGHT = 1.0
# The violent-speech model's medium threshold lets this share of clean comments through.
CLEAN_FALSE_ALARMS = 0.007
CLEAN_SOURCES = ("parsoffensive", "reddit", "jigsaw")
# Threat levels and the model's ceiling (core/include/swarmlens/threats.h, comment_model.cpp).
MEDIUM = 0.5
HIGH = 0.8
MODEL_CEILING = 0.79
NB_EXPONENT = 0.5
FOLDS = 5
SEED = 0
THRESHOLD_GRID = [round(0.01 * k, 2) for k in range(5, 96)]
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193
WORD_BIGRAM_PREFIX = b"\x01"  # keeps word bigrams apart from character n-grams

# ---------------------------------------------------------------------------------------------
# Port of core/src/text_normalize.cpp (default NormalizeOptions). Keep in step with the C++:
# the golden file checks ~40 texts and `--check` re-derives them.

_REPLACEMENT = 0xFFFD
_ZWNJ = 0x200C
_KIND_CHAR, _KIND_SPACE, _KIND_ZWNJ = 0, 1, 2

_LATIN_BASE = ("AAAAAA.CEEEEIIII.NOOOOO.OUUUUY..aaaaaa.ceeeeiiii.nooooo.ouuuuy.yAaAaAaCcCcCcCcDdDdEeEeEeEe"
               "EeGgGgGgGgHhHhIiIiIiIiIi..JjKk.LlLlLl..LlNnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz.")
assert len(_LATIN_BASE) == 0x180 - 0xC0

_LOOKALIKES = {
    0x0391: 'A', 0x0392: 'B', 0x0395: 'E', 0x0396: 'Z', 0x0397: 'H', 0x0399: 'I', 0x039A: 'K', 0x039C: 'M',
    0x039D: 'N', 0x039F: 'O', 0x03A1: 'P', 0x03A4: 'T', 0x03A5: 'Y', 0x03A7: 'X', 0x03B1: 'a', 0x03B9: 'i',
    0x03BA: 'k', 0x03BD: 'v', 0x03BF: 'o', 0x03C1: 'p', 0x03C4: 't', 0x03C5: 'u', 0x03F2: 'c', 0x03F3: 'j',
    0x0405: 'S', 0x0406: 'I', 0x0408: 'J', 0x0410: 'A', 0x0412: 'B', 0x0415: 'E', 0x041A: 'K', 0x041C: 'M',
    0x041D: 'H', 0x041E: 'O', 0x0420: 'P', 0x0421: 'C', 0x0422: 'T', 0x0423: 'Y', 0x0425: 'X', 0x0430: 'a',
    0x0435: 'e', 0x043E: 'o', 0x0440: 'p', 0x0441: 'c', 0x0443: 'y', 0x0445: 'x', 0x0455: 's', 0x0456: 'i',
    0x0458: 'j', 0x04BB: 'h', 0x04CF: 'l', 0x0501: 'd', 0x051B: 'q', 0x051D: 'w',
}

_UNIFY = {0x064A: 0x06CC, 0x0649: 0x06CC, 0x06D0: 0x06CC, 0x0643: 0x06A9, 0x06AA: 0x06A9,
          0x0629: 0x0647, 0x06C0: 0x0647, 0x06C1: 0x0647, 0x06D5: 0x0647, 0x06BE: 0x0647,
          0x0623: 0x0627, 0x0625: 0x0627, 0x0671: 0x0627, 0x0672: 0x0627, 0x0673: 0x0627,
          0x0624: 0x0648}

_LEET = {'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's'}


def _load_presentation_forms():
    """Reads kPresentationForms from the C++ source, so that the table exists once."""
    text = (REPO / "core" / "src" / "text_normalize.cpp").read_text(encoding="utf-8")
    block = text.split("// BEGIN kPresentationForms", 1)[1].split("// END kPresentationForms", 1)[0]
    table = {}
    for a, b, c in re.findall(r"\{0x([0-9A-F]{4}), 0x([0-9A-F]{4}), 0x([0-9A-F]{4})\}", block):
        table[int(a, 16)] = (int(b, 16),) if int(c, 16) == 0 else (int(b, 16), int(c, 16))
    assert len(table) > 200, "kPresentationForms not found in text_normalize.cpp"
    return table


_PRESENTATION_FORMS = _load_presentation_forms()


def _decode_utf8(data):
    """Strict UTF-8 decode like DecodeUtf8 in the C++: each bad byte -> U+FFFD, resync next byte."""
    out = []
    i, n = 0, len(data)
    while i < n:
        b0 = data[i]
        if b0 < 0x80:
            out.append((b0, i))
            i += 1
            continue
        if 0xC2 <= b0 <= 0xDF:
            ln, mn, v = 2, 0x80, b0 & 0x1F
        elif 0xE0 <= b0 <= 0xEF:
            ln, mn, v = 3, 0x800, b0 & 0x0F
        elif 0xF0 <= b0 <= 0xF4:
            ln, mn, v = 4, 0x10000, b0 & 0x07
        else:
            out.append((_REPLACEMENT, i))
            i += 1
            continue
        ok = n - i >= ln
        if ok:
            for k in range(1, ln):
                b = data[i + k]
                if (b & 0xC0) != 0x80:
                    ok = False
                    break
                v = (v << 6) | (b & 0x3F)
        if ok and (v < mn or v > 0x10FFFF or 0xD800 <= v <= 0xDFFF):
            ok = False
        if ok:
            out.append((v, i))
            i += ln
        else:
            out.append((_REPLACEMENT, i))
            i += 1
    return out


def _is_invisible(c):
    return (c in (0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x200B, 0x3164, 0xFEFF, 0xFFA0)
            or 0x180B <= c <= 0x180F or 0x200D <= c <= 0x200F or 0x202A <= c <= 0x202E
            or 0x2060 <= c <= 0x2064 or 0x2066 <= c <= 0x206F or 0xFE00 <= c <= 0xFE0F
            or 0x1D173 <= c <= 0x1D17A or 0xE0000 <= c <= 0xE0FFF)


def _is_combining(c):
    return (0x0300 <= c <= 0x036F or 0x0610 <= c <= 0x061A or 0x064B <= c <= 0x065F or c == 0x0670
            or 0x06D6 <= c <= 0x06DC or 0x06DF <= c <= 0x06E4 or c in (0x06E7, 0x06E8)
            or 0x06EA <= c <= 0x06ED or 0x1AB0 <= c <= 0x1AFF or 0x1DC0 <= c <= 0x1DFF
            or 0x20D0 <= c <= 0x20FF or 0xFE20 <= c <= 0xFE2F)


def _is_separator(c):
    if c < 0x80:
        if c <= 0x20 or c == 0x7F:
            return True
        if c in (0x40, 0x24):
            return False
        return 0x21 <= c <= 0x2F or 0x3A <= c <= 0x40 or 0x5B <= c <= 0x60 or 0x7B <= c <= 0x7E
    return (0x80 <= c <= 0xA1 or c in (0xA7, 0xAB, 0xB6, 0xB7, 0xBB, 0xBF, 0x060C, 0x061B, 0x061F, 0x06D4, 0x1680)
            or 0x066A <= c <= 0x066D or 0x2000 <= c <= 0x200A or 0x2010 <= c <= 0x2029
            or 0x202F <= c <= 0x205F or 0x2E00 <= c <= 0x2E7F or 0x3000 <= c <= 0x3003)


def _lower_latin(c):
    if 0x41 <= c <= 0x5A:
        return c + 32
    if c < 0xC0 or c > 0x17F:
        return c
    if c <= 0xDE:
        return c if c == 0xD7 else c + 0x20
    if 0x100 <= c <= 0x137 or 0x14A <= c <= 0x177:
        return c if c & 1 else c + 1
    if 0x139 <= c <= 0x148 or 0x179 <= c <= 0x17E:
        return c + 1 if c & 1 else c
    if c == 0x178:
        return 0xFF
    return c


def _fold_lookalike(c):
    if 0xFF01 <= c <= 0xFF5E:
        return c - 0xFEE0
    if 0x1D400 <= c <= 0x1D6A3:
        k = (c - 0x1D400) % 52
        return 0x41 + k if k < 26 else 0x61 + k - 26
    if 0x1D7CE <= c <= 0x1D7FF:
        return 0x30 + (c - 0x1D7CE) % 10
    if 0x24B6 <= c <= 0x24CF:
        return 0x41 + c - 0x24B6
    if 0x24D0 <= c <= 0x24E9:
        return 0x61 + c - 0x24D0
    if c in _LOOKALIKES:
        return ord(_LOOKALIKES[c])
    return c


def _map_one(c, src, units):
    if c < 0x80:
        if 0x41 <= c <= 0x5A:
            c += 32
        if _is_separator(c):
            units.append([0x20, src, _KIND_SPACE])
        else:
            units.append([c, src, _KIND_CHAR])
        return
    if _is_invisible(c):
        return
    if c == _ZWNJ:
        units.append([_ZWNJ, src, _KIND_ZWNJ])
        return
    if c == 0x0640 or _is_combining(c):
        return
    if 0xC0 <= c <= 0x17F and _LATIN_BASE[c - 0xC0] != '.':
        c = ord(_LATIN_BASE[c - 0xC0])
    c = _UNIFY.get(c, c)
    if 0x06F0 <= c <= 0x06F9:
        c = 0x30 + c - 0x06F0
    elif 0x0660 <= c <= 0x0669:
        c = 0x30 + c - 0x0660
    c = _lower_latin(_fold_lookalike(c))
    if _is_separator(c):
        units.append([0x20, src, _KIND_SPACE])
    else:
        units.append([c, src, _KIND_CHAR])


def _is_letter(c):
    return 0x61 <= c <= 0x7A or 0x41 <= c <= 0x5A


def _is_leet_token(c):
    return _is_letter(c) or 0x30 <= c <= 0x39 or c in (0x40, 0x24)


def _resolve_leet(u):
    n = len(u)
    i = 0
    while i < n:
        if u[i][2] != _KIND_CHAR or not _is_leet_token(u[i][0]):
            i += 1
            continue
        end = i
        has_letter = False
        while end < n and u[end][2] == _KIND_CHAR and _is_leet_token(u[end][0]):
            has_letter = has_letter or _is_letter(u[end][0])
            end += 1
        if has_letter:
            j = i
            while j < end:
                if _is_letter(u[j][0]):
                    j += 1
                    continue
                run_end = j
                all_leet = True
                while run_end < end and not _is_letter(u[run_end][0]):
                    all_leet = all_leet and chr(u[run_end][0]) in _LEET
                    run_end += 1
                touches = j > i or run_end < end
                mention = j == i and u[j][0] == 0x40
                if all_leet and touches and not mention:
                    for k in range(j, run_end):
                        u[k][0] = ord(_LEET[chr(u[k][0])])
                j = run_end
        i = end


def normalize_text(data):
    """NormalizeText with default options: bytes (UTF-8, possibly invalid) -> str."""
    units = []
    for c, src in _decode_utf8(data):
        if 0xFB50 <= c <= 0xFBFF or 0xFE70 <= c <= 0xFEFC:
            forms = _PRESENTATION_FORMS.get(c)
            if forms is not None:
                for f in forms:
                    _map_one(f, src, units)
                continue
        _map_one(c, src, units)
    _resolve_leet(units)
    out = []
    pending_space = pending_zwnj = False
    last, run = 0, 0
    for c, _src, kind in units:
        if kind == _KIND_SPACE:
            if out and not pending_space:
                pending_space = True
            pending_zwnj = False
            continue
        if kind == _KIND_ZWNJ:
            if out and not pending_space and not pending_zwnj:
                pending_zwnj = True
            continue
        if pending_space or pending_zwnj:
            out.append(" " if pending_space else "\u200c")
            pending_space = pending_zwnj = False
            last, run = 0, 0
        if c == last:
            run += 1
            if run > 2 and not 0x30 <= c <= 0x39:
                continue
        else:
            last, run = c, 1
        out.append(chr(c))
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Features (mirrored by core/src/comment_model.cpp)

def bucket_ids(normalized):
    """Bucket of every feature occurrence of a normalised text, in the C++ order."""
    shift = 32 - BUCKET_BITS
    out = []
    words = normalized.split(" ") if normalized else []
    for w in words:
        chars = [c.encode("utf-8") for c in " " + w + " "]
        n = len(chars)
        for i in range(n):
            h = FNV_OFFSET
            for k in range(i, min(i + MAX_NGRAM, n)):
                for b in chars[k]:
                    h = ((h ^ b) * FNV_PRIME) & 0xFFFFFFFF
                out.append(h >> shift)
    for a, b in zip(words, words[1:]):
        h = FNV_OFFSET
        for byte in WORD_BIGRAM_PREFIX + a.encode("utf-8") + b" " + b.encode("utf-8"):
            h = ((h ^ byte) * FNV_PRIME) & 0xFFFFFFFF
        out.append(h >> shift)
    return out


def featurize(texts):
    """Rows of bucket counts (unnormalised) and sqrt(total occurrences) per row."""
    indptr, indices, values, totals = [0], [], [], []
    for t in texts:
        ids, counts = np.unique(np.array(bucket_ids(t), dtype=np.int64), return_counts=True)
        indices.extend(ids.tolist())
        values.extend(counts.astype(np.float64).tolist())
        indptr.append(len(indices))
        totals.append(float(counts.sum()))
    m = sp.csr_matrix((np.array(values, dtype=np.float64), np.array(indices, dtype=np.int64),
                       np.array(indptr, dtype=np.int64)), shape=(len(texts), 1 << BUCKET_BITS))
    norms = np.sqrt(np.array(totals))
    norms[norms == 0] = 1.0
    return m, norms


def fit(v, norms, y, c, weights=None):
    """Fits one head on unnormalised rows; returns (q int8 array, scale, bias)."""
    binary = (v > 0).astype(np.float64)
    df = np.asarray(binary.sum(axis=0)).ravel()
    idf = np.log((1.0 + v.shape[0]) / (1.0 + df)) + 1.0
    pos = np.asarray(binary[y == 1].sum(axis=0)).ravel() + 1.0
    neg = np.asarray(binary[y == 0].sum(axis=0)).ravel() + 1.0
    ratio = np.log((pos / pos.sum()) / (neg / neg.sum()))
    s = idf * np.abs(ratio) ** NB_EXPONENT
    x = sp.diags(1.0 / norms) @ v @ sp.diags(s)
    lr = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=5000, random_state=0)
    lr.fit(x, y, sample_weight=weights)
    e = lr.coef_.ravel() * s
    scale = float(np.max(np.abs(e))) / 127.0
    q = np.clip(np.rint(e / scale), -127, 127).astype(np.int8)
    return q, scale, float(lr.intercept_[0])


def logits(model, v, norms):
    q, scale, bias = model
    return bias + scale * (v @ q.astype(np.float64)) / norms


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def auc(y, p):
    return float(roc_auc_score(y, p)) if 0 < int(np.sum(y)) < len(y) else float("nan")


def binary_metrics(y, p, threshold):
    pred = (p >= threshold).astype(int)
    return {"macro_f1": f1_score(y, pred, average="macro"), "accuracy": accuracy_score(y, pred), "auc": auc(y, p),
            "precision": precision_score(y, pred, zero_division=0), "recall": recall_score(y, pred)}


def assign_folds(examples, labels):
    """Fold of every example: stratified within each source; the phrasings grouped by frame."""
    fold = np.full(len(examples), -1)
    sources = np.array([e.source for e in examples])
    for source in sorted(set(sources)):
        idx = np.where(sources == source)[0]
        if source == "phrasings":
            frames = sorted(set(examples[i].group for i in idx))
            for i in idx:  # frames dealt round-robin in name order: deterministic, balanced
                fold[i] = frames.index(examples[i].group) % FOLDS
            continue
        strata = np.array([labels[i] if labels[i] is not None else -1 for i in idx])
        skf = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
        for k, (_, te) in enumerate(skf.split(np.zeros(len(idx)), strata)):
            fold[idx[te]] = k
    return fold


def head_rows(examples, attr):
    rows = np.array([i for i, e in enumerate(examples) if getattr(e, attr) is not None])
    y = np.array([getattr(examples[i], attr) for i in rows])
    return rows, y


def threat_weights(examples, rows):
    """Per-example weights of the violent-speech head: the project's phrasings are many and
    regular, so each positive counts little; their contrasting non-threats (negation, things,
    news) are few, so each counts more."""
    out = np.ones(len(rows))
    for k, i in enumerate(rows):
        e = examples[i]
        if e.source == "phrasings":
            out[k] = PHRASING_POSITIVE_WEIGHT if e.threat == 1 else PHRASING_NEGATIVE_WEIGHT
    return out


def cross_validate(v, norms, rows, y, fold, c, weights=None):
    """Out-of-fold logits of one head (each fold's model quantised as the shipped one is)."""
    oof = np.zeros(len(rows))
    for k in range(FOLDS):
        tr = fold[rows] != k
        te = ~tr
        model = fit(v[rows[tr]], norms[rows[tr]], y[tr], c, None if weights is None else weights[tr])
        oof[te] = logits(model, v[rows[te]], norms[rows[te]])
    return oof


def lexicon_scores(examples, cli):
    """The threat lexicon's score of every example, from the C++ engine (`swarmlens analyze`): the
    lexicon is code, not trained, and is combined with the model exactly as the core does."""
    if not Path(cli).exists():
        sys.exit(f"{cli} is missing: build it first (scripts/build native), or pass --cli")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "texts.json"
        comments = [{"pk": str(i + 1), "text": e.text} for i, e in enumerate(examples)]
        page.write_text(json.dumps({"comments": comments}, ensure_ascii=False), encoding="utf-8")
        out = subprocess.run([cli, "analyze", "--format", "jsonl", str(page)], check=True, capture_output=True,
                             text=True).stdout
    scores = np.zeros(len(examples))
    for line in out.splitlines():
        o = json.loads(line)
        if o.get("kind") == "comment":
            scores[int(o["id"]) - 1] = o["threat"]["lexicon_score"]
    return scores


def combine(lexicon, model_probability, t):
    """CombineThreat in core/src/comment_model.cpp, vectorised (keep the two in step)."""
    m = model_probability
    mapped = np.where(m < t, MEDIUM * m / t, MEDIUM + (MODEL_CEILING - MEDIUM) * (m - t) / (1.0 - t))
    score = np.maximum(lexicon, mapped)
    both = (lexicon >= MEDIUM) & (m >= t)
    high = HIGH + (1.0 - HIGH) * 0.5 * (mapped - MEDIUM) / (MODEL_CEILING - MEDIUM)
    return np.where(both, np.maximum(score, high), score)


def harassment_weights(examples, rows):
    """Per-example weights of the harassment head: ParsOffensive (Instagram comments, the domain
    the extension reads) counts PARSOFFENSIVE_WEIGHT times, so that the English sets added to the
    training data do not dilute it."""
    return np.array([PARSOFFENSIVE_WEIGHT if examples[i].source == "parsoffensive" else 1.0 for i in rows])


def evaluate_harassment(examples, v, norms, fold):
    rows, y = head_rows(examples, "harassment")
    print(f"## Harassment head ({len(rows)} texts, {int(y.sum())} offensive)")
    print()
    oof = sigmoid(cross_validate(v, norms, rows, y, fold, HARASSMENT_C, harassment_weights(examples, rows)))
    sources = np.array([examples[i].source for i in rows])
    persian = sources == "parsoffensive"
    # The threshold maximises macro-F1 on ParsOffensive's pooled out-of-fold scores (the Instagram
    # comments the model is for); the English sets are reported at the same threshold.
    best = max(THRESHOLD_GRID, key=lambda t: (round(binary_metrics(y[persian], oof[persian], t)["macro_f1"], 6),
                                              -abs(t - 0.5)))
    print(f"5-fold CV, pooled out-of-fold, threshold {best:.2f} (max macro-F1 on ParsOffensive):")
    print()
    print("| source | texts | offensive | ROC AUC | macro-F1 | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    summary = {}
    for source in ("parsoffensive", "parsoff", "ghc", "reddit", "jigsaw"):
        m = sources == source
        r = binary_metrics(y[m], oof[m], best)
        summary[source] = r
        print(f"| {source} | {int(m.sum())} | {int(y[m].sum())} | {r['auc']:.4f} | {r['macro_f1']:.4f} | "
              f"{r['precision']:.4f} | {r['recall']:.4f} |")
    print()
    return best, summary


def evaluate_threat(examples, v, norms, fold, lexicon):
    rows, y = head_rows(examples, "threat")
    print(f"## Violent-speech head ({len(rows)} texts, {int(y.sum())} threats / violent)")
    print()
    weights = threat_weights(examples, rows)
    oof = sigmoid(cross_validate(v, norms, rows, y, fold, THREAT_C, weights))
    sources = np.array([examples[i].source for i in rows])
    clean = np.array([examples[i].source in CLEAN_SOURCES and examples[i].harassment == 0 for i in rows])
    # The model's medium threshold: CLEAN_FALSE_ALARMS of the clean comments (ParsOffensive
    # neutral, Reddit and Jigsaw non-toxic) score above it out of fold.
    t = float(np.quantile(oof[clean], 1.0 - CLEAN_FALSE_ALARMS))
    t = round(max(t, 0.05), 4)
    combined = combine(lexicon[rows], oof, t)
    print(f"5-fold CV (phrasings: folds by sentence frame), pooled out-of-fold; model medium threshold "
          f"{t:.4f} ({CLEAN_FALSE_ALARMS:.1%} of clean comments above it):")
    print()
    print("| source | texts | threats | ROC AUC model | ROC AUC lexicon | ROC AUC combined | recall medium+ "
          "(lexicon) | recall medium+ (combined) | false alarms medium+ (combined) |")
    print("|---|---|---|---|---|---|---|---|---|")
    summary = {}
    for source in ("phate", "ghc", "reddit", "phrasings"):
        m = sources == source
        pos, neg = m & (y == 1), m & (y == 0)
        r = {"auc_model": auc(y[m], oof[m]), "auc_lexicon": auc(y[m], lexicon[rows][m]),
             "auc": auc(y[m], combined[m]), "recall_lexicon": float(np.mean(lexicon[rows][pos] >= MEDIUM)),
             "recall": float(np.mean(combined[pos] >= MEDIUM)), "fpr": float(np.mean(combined[neg] >= MEDIUM))}
        summary[source] = r
        print(f"| {source} | {int(m.sum())} | {int(pos.sum())} | {r['auc_model']:.4f} | {r['auc_lexicon']:.4f} | "
              f"{r['auc']:.4f} | {r['recall_lexicon']:.3f} | {r['recall']:.3f} | {r['fpr']:.4f} |")
    fa = float(np.mean(combined[clean] >= MEDIUM))
    summary["clean_fpr"] = fa
    print()
    print(f"Clean comments ({int(clean.sum())}: ParsOffensive neutral, Reddit and Jigsaw non-toxic): "
          f"{fa:.4f} at medium+ combined, {float(np.mean(combined[clean] >= HIGH)):.4f} at high")
    ph = (sources == "phrasings")
    print()
    print("Project phrasings by family (out of fold, combined, share at medium+):")
    print()
    families = sorted(set((examples[i].group.split("_", 1)[0], examples[i].threat, examples[i].group) for i in rows[ph]))
    for lang, label, frame in families:
        m = np.array([examples[i].group == frame for i in rows]) & ph
        print(f"  {frame:20s} {'threat' if label else 'not   '} {int(m.sum()):4d} texts: "
              f"{float(np.mean(combined[m] >= MEDIUM)):.3f}")
    print()
    return t, summary


def print_baselines(examples, fold):
    """PHate violence with in-domain TF-IDF logistic regressions in the same folds (PHate only)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    rows = np.array([i for i, e in enumerate(examples) if e.source == "phate"])
    y = np.array([examples[i].threat for i in rows])
    texts = [normalize_text(examples[i].text.encode("utf-8")) for i in rows]
    print("## Baselines on PHate violence (same folds, PHate data only)")
    print()
    for name, make in (("TF-IDF words 1-2", lambda: [TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)]),
                       ("TF-IDF char_wb 1-5 + words 1-2",
                        lambda: [TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 5), sublinear_tf=True, min_df=2),
                                 TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)])):
        oof = np.zeros(len(rows))
        for k in range(FOLDS):
            tr, te = fold[rows] != k, fold[rows] == k
            vecs = make()
            xtr = sp.hstack([v.fit_transform([t for t, m in zip(texts, tr) if m]) for v in vecs]).tocsr()
            xte = sp.hstack([v.transform([t for t, m in zip(texts, te) if m]) for v in vecs]).tocsr()
            lr = LogisticRegression(C=3, class_weight="balanced", max_iter=3000).fit(xtr, y[tr])
            oof[te] = lr.decision_function(xte)
        print(f"  {name}: ROC AUC {auc(y, oof):.4f}")
    print()


# ---------------------------------------------------------------------------------------------
# Golden texts: written for this file (not taken from the data sets), mild on purpose.
GOLDEN_TEXTS = [
    "سلام، خیلی ممنون از پست قشنگتون 🌹",
    "این ویدیو عالی بود، دستتون درد نکنه",
    "خفه شو احمق بیشعور",
    "تو یه آدم احمق و بی‌شعوری",
    "برو گمشو عوضی",
    "مرسی که اطلاع رسانی میکنید",
    "كي ميخواي بفهمي؟ ديوونه",
    "خیلیییییی خوب بود!!!!",
    "مـــــرگ بر دروغگو",
    "چرا اینقدر بی‌ادبی؟",
    "\uFEE3\uFEAE\uFB8E \uFEFB",
    "عُمَرِ بِی‌ارزش",
    "امروز ۱۴۰۳/۰۲/۱۵ جلسه داریم",
    "٢٠ نفر آمدند",
    "khafe sho ahmagh",
    "merci azizam kheili khoobe",
    "to ye adame avazi hasti",
    "you are an idiot",
    "Thank you for sharing this, very helpful!",
    "K1LL Y0URS3LF",
    "ѕhut uр іdіot",
    "ＳＴＵＰＩＤ",
    "𝐬𝐭𝐮𝐩𝐢𝐝 𝐩𝐞𝐫𝐬𝐨𝐧",
    "@sara_123 ali1990 covid19",
    "😂😂😂😂😂",
    "🔪🔪🔪",
    "",
    "   ",
    "a",
    "\u200c\u200c",
    "ب\u200b\u200dی\u202eش\u200eع\u200fو\ufe0fر",
    "Café CRÈME brûlée",
    "سلام\tدوست\nمن\r\n",
    b"\xff\xfe invalid \xc3( bytes",
    b"\xd8\xa7\xd8",
    b"\xed\xa0\x80 surrogate",
    "کثافت آشغال",
    "دمت گرم داداش، عالی",
    "this is fine, thanks",
    "حیوون نفهم",
    "وحشی‌ها",
    "ﻻ ﻹ",
    # violent-speech head (project-written)
    "we will find you and kill you",
    "I hope someone shoots her",
    "thank you for your courage",
    "kill the lights please",
    "میکشیمت به زودی",
    "مادرتو میکشیم",
    "age post bezari mikoshimet",
    "zan zendegi azadi",
]


# ---------------------------------------------------------------------------------------------
# Outputs

def render_header(harassment, violence, h_threshold, v_threshold, h_summary, v_summary, counts):
    out = []
    w = out.append
    w("// GENERATED by scripts/train_comment_model.py -- do not edit by hand; rerun:")
    w(f"//   {COMMAND}")
    w("// (deterministic on one machine; `--check` retrains and compares within stated tolerances).")
    w("//")
    w(f"// Model \"{MODEL_NAME}\": two heads over shared hashed features (see docs/comment-model-card.md):")
    w("//   harassment / offensive language, and violent speech (threats, calls for violence).")
    w("// Data (research use; licences in the model card): " + ", ".join(f"{k} {v}" for k, v in counts.items()) + ".")
    p = h_summary["parsoffensive"]
    w(f"// Harassment head, 5-fold CV at kThreshold {h_threshold:.2f}: ParsOffensive macro-F1 {p['macro_f1']:.4f},"
      f" ROC AUC {p['auc']:.4f};")
    w("//   ROC AUC " + ", ".join(f"{s} {h_summary[s]['auc']:.4f}" for s in ("ghc", "reddit", "jigsaw")) + ".")
    w("// Violent-speech head + threat lexicon, 5-fold CV: ROC AUC " +
      ", ".join(f"{s} {v_summary[s]['auc']:.4f}" for s in ("phate", "ghc")) +
      f"; phrasings recall {v_summary['phrasings']['recall']:.3f}; clean false alarms {v_summary['clean_fpr']:.4f}.")
    w("//")
    w("// head logit = bias + scale * (sum of the head's weights over the text's feature occurrences)")
    w("//              / sqrt(number of occurrences)  (comment_model.cpp); score = 1 / (1 + exp(-logit)).")
    w("#pragma once")
    w("")
    w("#include <cstdint>")
    w("")
    w("namespace swarmlens::comment_model {")
    w("")
    w("/// Name of this weight set, so a score can be traced to the weights that produced it.")
    w(f"inline constexpr const char* kModelName = \"{MODEL_NAME}\";")
    w("/// log2 of the number of hash buckets: a feature's bucket is the top kBucketBits of its FNV-1a.")
    w(f"inline constexpr int kBucketBits = {BUCKET_BITS};")
    w("/// Longest character n-gram (in code points, space padding included).")
    w(f"inline constexpr int kMaxNgram = {MAX_NGRAM};")
    w("/// Harassment head: intercept, dequantisation factor, flag threshold (max macro-F1 out of fold).")
    w(f"inline constexpr double kBias = {harassment[2]!r};")
    w(f"inline constexpr double kScale = {harassment[1]!r};")
    w(f"inline constexpr double kThreshold = {h_threshold:.2f};")
    w("/// Violent-speech head: intercept, dequantisation factor, medium threshold (probability).")
    w(f"inline constexpr double kViolenceBias = {violence[2]!r};")
    w(f"inline constexpr double kViolenceScale = {violence[1]!r};")
    w(f"inline constexpr double kViolenceThreshold = {v_threshold:.4f};")
    w("")
    w("/// Per-bucket weights (idf and NB ratio folded in), int8, interleaved: harassment, violence.")
    w(f"inline constexpr std::int8_t kWeights[{2 << BUCKET_BITS}] = {{")
    inter = np.empty(2 << BUCKET_BITS, dtype=np.int64)
    inter[0::2] = harassment[0]
    inter[1::2] = violence[0]
    vals = inter.tolist()
    for i in range(0, len(vals), 32):
        w(",".join(str(x) for x in vals[i:i + 32]) + ",")
    w("};")
    w("")
    w("}  // namespace swarmlens::comment_model")
    return "\n".join(out) + "\n"


def render_golden(harassment, violence):
    lines = [f"# GENERATED by {COMMAND}; checked by tests/core/comment_model_test.cpp.",
             "# input (hex of the UTF-8 bytes, may be invalid)\tNormalizeText output (hex)\tharassment logit\t"
             "harassment score\tviolence logit\tviolence score"]
    for t in GOLDEN_TEXTS:
        data = t if isinstance(t, bytes) else t.encode("utf-8")
        normalized = normalize_text(data)
        v, norms = featurize([normalized])
        zh = float(logits(harassment, v, norms)[0])
        zv = float(logits(violence, v, norms)[0])
        lines.append(f"{data.hex()}\t{normalized.encode('utf-8').hex()}\t{zh:.9f}\t{1.0 / (1.0 + math.exp(-zh)):.9f}"
                     f"\t{zv:.9f}\t{1.0 / (1.0 + math.exp(-zv)):.9f}")
    return "\n".join(lines) + "\n"


def read_committed_models(path):
    """(harassment, violence) as fit() returns them, read back from the committed header."""
    text = path.read_text(encoding="utf-8")

    def constant(name):
        return float(re.search(rf"\b{name} = ([-+0-9.eE]+);", text).group(1))

    body = text[text.index("kWeights["):]
    body = body[body.index("{") + 1:body.index("};")]
    inter = np.array([int(x) for x in body.replace("\n", "").split(",") if x.strip()], dtype=np.int64)
    if inter.size != 2 << BUCKET_BITS:
        raise ValueError(f"{path}: {inter.size} weights, expected {2 << BUCKET_BITS}")
    return ((inter[0::2].astype(np.int8), constant("kScale"), constant("kBias")),
            (inter[1::2].astype(np.int8), constant("kViolenceScale"), constant("kViolenceBias")))


def check_golden(retrained_golden):
    """--check for the golden file. It is a function of the header (it pins the C++ scorer to the
    committed weights), so it is checked against the golden the committed header gives, tightly;
    a retrain on another machine moves some int8 buckets by one step (the header's tolerance), which
    moves a short text's logit by up to a step times its feature weight: shown, not failed on."""
    committed_models = read_committed_models(HEADER_PATH)
    status = check_file(GOLDEN_PATH, render_golden(*committed_models), GOLDEN_CONSISTENCY, REPO)
    if GOLDEN_PATH.exists():
        _, lines = compare(GOLDEN_PATH.read_text(encoding="utf-8"), retrained_golden, GOLDEN_CONSISTENCY)
        print(f"  retrained on this machine vs committed: {lines[0]}")
    return status


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the header or golden file would change beyond tolerance")
    ap.add_argument("--cli", default=str(REPO / "build" / "native" / "cli" / "swarmlens"),
                    help="the native CLI, for the threat lexicon's scores (default: build/native/cli/swarmlens)")
    ap.add_argument("--baselines", action="store_true",
                    help="also print in-domain TF-IDF baselines on PHate in the same folds (slower)")
    args = ap.parse_args()

    examples = comment_data.load_all()
    counts = {}
    for e in examples:
        counts[e.source] = counts.get(e.source, 0) + 1
    print(f"# Comment model {MODEL_NAME}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print()
    v, norms = featurize([normalize_text(e.text.encode("utf-8")) for e in examples])
    fold_h = assign_folds(examples, [e.harassment for e in examples])
    fold_t = assign_folds(examples, [e.threat for e in examples])
    h_threshold, h_summary = evaluate_harassment(examples, v, norms, fold_h)
    lexicon = lexicon_scores(examples, args.cli)
    v_threshold, v_summary = evaluate_threat(examples, v, norms, fold_t, lexicon)
    if args.baselines:
        print_baselines(examples, fold_t)

    rows, y = head_rows(examples, "harassment")
    harassment = fit(v[rows], norms[rows], y, HARASSMENT_C, harassment_weights(examples, rows))
    rows, y = head_rows(examples, "threat")
    violence = fit(v[rows], norms[rows], y, THREAT_C, threat_weights(examples, rows))
    for name, model in (("harassment", harassment), ("violence", violence)):
        print(f"Final {name} head: {1 << BUCKET_BITS} int8 buckets ({int(np.count_nonzero(model[0]))} non-zero), "
              f"scale {model[1]:.6g}, bias {model[2]:.6f}")

    header = render_header(harassment, violence, h_threshold, v_threshold, h_summary, v_summary, counts)
    golden = render_golden(harassment, violence)
    if args.check:
        return check_file(HEADER_PATH, header, CHECK_TOLERANCE, REPO) | check_golden(golden)
    for path, text in ((HEADER_PATH, header), (GOLDEN_PATH, golden)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
