#!/usr/bin/python3
"""Trains and evaluates swarmlens' two-tier account model on InstaFake.

Usage (from the repository root; needs Debian's python3-sklearn, hence /usr/bin/python3):

    scripts/train_account_model.py                 # train, evaluate, write the header + golden file
    scripts/train_account_model.py --check         # same, but fail if the files on disk differ
    scripts/train_account_model.py --data DIR      # InstaFake folder (default ../shared/data/instafake)

Data: InstaFake (Akyon & Kalfaoglu 2019, arXiv:1910.03090, github.com/fcakyon/instafake-dataset,
CC BY-NC 4.0): fakeAccountData.json (200 fake accounts, label 1) and realAccountData.json (994
genuine accounts, label 0), collected in 2018, anonymised to counts (no usernames, no texts).

Model: one logistic regression per tier over binned features, each feature thermometer-encoded
(x_j = 1 when value >= edge_j), so that the L2 penalty falls on the *steps* between adjacent bins
and the learned curve stays smooth; C = 1 (a unit Gaussian prior on each step), not tuned to
InstaFake. After fitting, each feature's bin weights are shifted so that their mean over the
training accounts is 0 and the shift goes into the bias: an unknown feature then adds nothing,
which is the model's expected contribution for it, and every contribution reads "more / less
bot-like than a typical account". Weights are rounded to 6 decimals, and every prediction in this
script (cross-validation included) is made from those rounded tables, exactly as the C++ does.

Outputs:
  core/src/trained_account_model.h          constexpr tables compiled into the core
  tests/data/account_model/golden.tsv       accounts -> expected tier, logit, contributions
                                            (checked by tests/core/account_model_test.cpp)
and the evaluation on stdout (Markdown; docs/model-card.md quotes it).
"""

import os

# One thread and no machine-dependent parallel reduction order (the --check tolerance covers
# what remains: BLAS kernels differ between CPUs).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
import math
import textwrap
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model_check import Tolerance, check_file  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "instafake"
HEADER_PATH = REPO / "core" / "src" / "trained_account_model.h"
GOLDEN_PATH = REPO / "tests" / "data" / "account_model" / "golden.tsv"
# What `--check` accepts from a retrain on another machine (scripts/model_check.py).
CHECK_TOLERANCE = Tolerance(int_step=0, int_fraction=0.0, int_slack=0, float_atol=2e-3, float_rtol=2e-3)
COMMAND = "/usr/bin/python3 scripts/train_account_model.py"

MODEL_NAME = "instafake-lr-1"
C_REGULARISATION = 1.0
FOLDS = 5
SEED = 0
REPEATS = 5  # extra CV repetitions (seeds 0..4) to show how much the figures move with the split
WEIGHT_DECIMALS = 6

# Level thresholds are chosen for precision on out-of-fold predictions (see choose_threshold).
HIGH_PRECISION = 0.95
MEDIUM_PRECISION = 0.80
MIN_FLAGGED = 10  # a threshold must flag at least this many accounts to count as evidence
THRESHOLD_GRID = [round(0.01 * k, 2) for k in range(1, 100)]

U64_MAX = (1 << 64) - 1

# A generic 1-3-10 log grid for counts, so bins are not fitted to InstaFake's quirks.
COUNT_GRID = [1, 3, 10, 30, 100, 300, 1000, 3000]


@dataclass(frozen=True)
class Feature:
    code: str          # stable snake_case code, used as the reason code
    ident: str         # C++ enumerator suffix (TrainedFeature::k<ident>)
    edges: tuple       # ascending lower bounds of bins 1..n (bin 0 starts at 0)
    description: str   # what the value is, for the header and the reason catalog


USERNAME_LENGTH = Feature("username_length", "UsernameLength", (8, 10, 12, 14, 16),
                          "Username length in bytes (Instagram handles are ASCII).")
USERNAME_DIGITS = Feature("username_digits", "UsernameDigits", (1, 2, 3, 4, 5),
                          "Number of ASCII digits '0'-'9' in the username.")
ANONYMOUS_AVATAR = Feature("anonymous_avatar", "AnonymousAvatar", (1,),
                           "1 when the profile picture is the default silhouette, else 0.")
PRIVATE = Feature("private_account", "PrivateAccount", (1,),
                  "1 when the account is private, else 0.")
MEDIA_COUNT = Feature("media_count", "MediaCount", tuple(COUNT_GRID[:6]),
                      "Number of posts.")
FOLLOWER_COUNT = Feature("follower_count", "FollowerCount", tuple(COUNT_GRID),
                         "Number of followers.")
# 1500 is the issue's mass-following mark, added to the generic grid.
FOLLOWING_COUNT = Feature("following_count", "FollowingCount", tuple(sorted(COUNT_GRID + [1500])),
                          "Number of accounts followed (1500+ is mass-following).")
FOLLOWING_RATIO = Feature("following_follower_ratio", "FollowingFollowerRatio",
                          (50, 100, 200, 500, 1000, 2000),
                          "Following per follower x 100: floor(100 * following / "
                          "max(followers, 1)).")
BIOGRAPHY_LENGTH = Feature("biography_length", "BiographyLength", (1, 30),
                           "Biography length in Unicode code points (0 = empty biography).")

LIST_FEATURES = [USERNAME_LENGTH, USERNAME_DIGITS, ANONYMOUS_AVATAR, PRIVATE]
PROFILE_FEATURES = LIST_FEATURES + [MEDIA_COUNT, FOLLOWER_COUNT, FOLLOWING_COUNT, FOLLOWING_RATIO,
                                    BIOGRAPHY_LENGTH]
ALL_FEATURES = PROFILE_FEATURES
TIERS = [("list", "List", LIST_FEATURES), ("profile", "Profile", PROFILE_FEATURES)]
PROFILE_FIELDS = ("media_count", "follower_count", "following_count", "biography_length")


# ---- Feature values (the C++ in core/src/account_model.cpp mirrors these) -----------------------

def feature_value(feature, rec):
    """The integer value of `feature` for a record, or None when unknown."""
    if feature is FOLLOWING_RATIO:
        following, followers = rec.get("following_count"), rec.get("follower_count")
        if following is None or followers is None:
            return None
        return min((following * 100) // max(followers, 1), U64_MAX)
    key = {
        "username_length": "username_length", "username_digits": "username_digits",
        "anonymous_avatar": "anonymous_avatar", "private_account": "is_private",
        "media_count": "media_count", "follower_count": "follower_count",
        "following_count": "following_count", "biography_length": "biography_length",
    }[feature.code]
    value = rec.get(key)
    return None if value is None else int(value)


def bin_index(feature, value):
    return sum(1 for edge in feature.edges if value >= edge)


def record_from_instafake(row):
    return {
        "username_length": row["usernameLength"],
        "username_digits": row["usernameDigitCount"],
        "anonymous_avatar": 1 - row["userHasProfilPic"],
        "is_private": row["userIsPrivate"],
        "media_count": row["userMediaCount"],
        "follower_count": row["userFollowerCount"],
        "following_count": row["userFollowingCount"],
        "biography_length": row["userBiographyLength"],
    }


def record_from_account(acc):
    """Features of an account as the C++ sees it (None / '' = unknown; see golden rows)."""
    username = acc.get("username") or ""
    rec = {
        "username_length": len(username.encode("utf-8")) if username else None,
        "username_digits": sum(c in "0123456789" for c in username) if username else None,
        "anonymous_avatar": acc.get("anonymous_avatar"),
        "is_private": acc.get("is_private"),
        "media_count": acc.get("media_count"),
        "follower_count": acc.get("follower_count"),
        "following_count": acc.get("following_count"),
        "biography_length": None if acc.get("biography") is None else len(acc["biography"]),
    }
    return rec


def choose_tier(rec):
    return "profile" if any(rec.get(k) is not None for k in PROFILE_FIELDS) else "list"


# ---- Model -------------------------------------------------------------------------------------

def encode(features, records):
    """Thermometer encoding; an unknown feature is the zero vector."""
    cols = []
    for rec in records:
        row = []
        for f in features:
            v = feature_value(f, rec)
            row.extend(0.0 if v is None else float(v >= e) for e in f.edges)
        cols.append(row)
    return np.array(cols, dtype=float)


@dataclass
class Tables:
    features: list
    bias: float
    weights: dict  # code -> list of bin weights (len(edges) + 1)


def fit(features, records, labels):
    x = encode(features, records)
    lr = LogisticRegression(C=C_REGULARISATION, solver="lbfgs", max_iter=100000, tol=1e-10)
    lr.fit(x, labels)
    bias = float(lr.intercept_[0])
    steps = lr.coef_[0]
    weights = {}
    at = 0
    for f in features:
        n = len(f.edges)
        bins = [0.0] + list(np.cumsum(steps[at:at + n]))
        at += n
        # Centre on the training mean so that "unknown" (contribution 0) is the expected value.
        counts = [0] * (n + 1)
        for rec in records:
            counts[bin_index(f, feature_value(f, rec))] += 1
        mean = sum(w * c for w, c in zip(bins, counts)) / len(records)
        weights[f.code] = [round(float(w - mean), WEIGHT_DECIMALS) for w in bins]
        bias += mean
    return Tables(features, round(bias, WEIGHT_DECIMALS), weights)


def contributions(tables, rec):
    out = []
    for f in tables.features:
        v = feature_value(f, rec)
        if v is not None:
            out.append((f.code, tables.weights[f.code][bin_index(f, v)], v))
    return out


def logit(tables, rec):
    total = tables.bias
    for _, w, _ in contributions(tables, rec):
        total += w
    return total


def predict(tables, records):
    return np.array([1.0 / (1.0 + math.exp(-logit(tables, r))) for r in records])


# ---- Evaluation --------------------------------------------------------------------------------

def oof_predictions(features, records, labels, seed):
    p = np.zeros(len(records))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(records, labels):
        t = fit(features, [records[i] for i in train], labels[train])
        p[test] = predict(t, [records[i] for i in test])
    return p


def confusion(p, y, threshold):
    flagged = p >= threshold
    tp = int(np.sum(flagged & (y == 1)))
    fp = int(np.sum(flagged & (y == 0)))
    fn = int(np.sum(~flagged & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    return tp, fp, fn, precision, recall


def choose_threshold(p, y, target):
    """Lowest grid threshold t such that every grid threshold >= t that flags at least
    MIN_FLAGGED accounts has precision >= target (conservative against precision dips). 1.0 means
    the level is unreachable."""
    best = 1.0
    for t in reversed(THRESHOLD_GRID):
        tp, fp, _, precision, _ = confusion(p, y, t)
        if tp + fp < MIN_FLAGGED:
            continue
        if precision < target:
            break
        best = t
    return best


def fold_metrics(p, y):
    pred = p >= 0.5
    tp = np.sum(pred & (y == 1))
    fp = np.sum(pred & (y == 0))
    fn = np.sum(~pred & (y == 1))
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return roc_auc_score(y, p), float(np.mean(pred == y)), float(f1)


def evaluate_tier(name, features, records, y):
    lines = [f"### {name} tier ({len(features)} features: "
             + ", ".join(f.code for f in features) + ")", ""]
    # 1. Headline metrics: 5-fold stratified CV (seed 0), per fold and pooled.
    per_fold = []
    p0 = np.zeros(len(records))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(records, y):
        t = fit(features, [records[i] for i in train], y[train])
        p = predict(t, [records[i] for i in test])
        p0[test] = p
        per_fold.append(fold_metrics(p, y[test]))
    per_fold = np.array(per_fold)
    pooled = fold_metrics(p0, y)
    lines += ["| metric (threshold 0.5 for accuracy, F1) | mean of 5 folds | sd | pooled out-of-fold |",
              "|---|---|---|---|"]
    for k, label in enumerate(("ROC AUC", "accuracy", "F1")):
        lines.append(f"| {label} | {per_fold[:, k].mean():.4f} | {per_fold[:, k].std(ddof=1):.4f} "
                     f"| {pooled[k]:.4f} |")
    reps = np.array([fold_metrics(oof_predictions(features, records, y, s), y)
                     for s in range(REPEATS)])
    lines += ["", f"Repeated over {REPEATS} shuffles (seeds 0-{REPEATS - 1}), pooled out-of-fold: "
              f"ROC AUC {reps[:, 0].mean():.4f} (min {reps[:, 0].min():.4f}), accuracy "
              f"{reps[:, 1].mean():.4f} (min {reps[:, 1].min():.4f}), F1 {reps[:, 2].mean():.4f}.", ""]

    # 2. Levels. Honest figures need the thresholds chosen without the evaluated fold: in each
    # outer fold, thresholds come from an inner 5-fold CV on the training part only.
    flagged = {"high": np.zeros(len(y), bool), "medium or high": np.zeros(len(y), bool)}
    nested_thresholds = []
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(records, y):
        tr = [records[i] for i in train]
        inner = oof_predictions(features, tr, y[train], SEED)
        th, tm = choose_threshold(inner, y[train], HIGH_PRECISION), choose_threshold(
            inner, y[train], MEDIUM_PRECISION)
        tm = min(tm, th)
        nested_thresholds.append((tm, th))
        p = p0[test]  # outer-fold model, trained on the same training part
        flagged["high"][test] = p >= th
        flagged["medium or high"][test] = p >= tm
    t_high = choose_threshold(p0, y, HIGH_PRECISION)
    t_medium = min(choose_threshold(p0, y, MEDIUM_PRECISION), t_high)
    lines += ["| level | threshold (final model) | nested-CV precision | nested-CV recall | flagged | "
              "precision at final threshold (OOF) | recall at final threshold (OOF) |",
              "|---|---|---|---|---|---|---|"]
    for level, t in (("high", t_high), ("medium or high", t_medium)):
        f = flagged[level]
        tp = int(np.sum(f & (y == 1)))
        fp = int(np.sum(f & (y == 0)))
        prec = tp / (tp + fp) if tp + fp else float("nan")
        rec = tp / int(np.sum(y == 1))
        _, _, _, p_oof, r_oof = confusion(p0, y, t)
        lines.append(f"| {level} | score >= {t:.2f} | {prec:.3f} | {rec:.3f} | {tp + fp} "
                     f"| {p_oof:.3f} | {r_oof:.3f} |")
    lines += ["", "Thresholds chosen in the nested folds (medium, high): "
              + ", ".join(f"({a:.2f}, {b:.2f})" for a, b in nested_thresholds) + ".", ""]

    # 3. Calibration of the pooled out-of-fold scores.
    lines += ["| predicted score bin | accounts | mean predicted | observed fake rate |",
              "|---|---|---|---|"]
    bins = np.minimum((p0 * 10).astype(int), 9)
    for b in range(10):
        m = bins == b
        n = int(np.sum(m))
        if n:
            lines.append(f"| {b / 10:.1f}-{(b + 1) / 10:.1f} | {n} | {p0[m].mean():.3f} "
                         f"| {y[m].mean():.3f} |")
        else:
            lines.append(f"| {b / 10:.1f}-{(b + 1) / 10:.1f} | 0 | - | - |")
    lines.append("")
    summary = {"auc": pooled[0], "accuracy": pooled[1], "f1": pooled[2],
               "auc_mean": per_fold[:, 0].mean(), "accuracy_mean": per_fold[:, 1].mean(),
               "t_high": t_high, "t_medium": t_medium}
    for level, f in flagged.items():
        tp = int(np.sum(f & (y == 1)))
        fp = int(np.sum(f & (y == 0)))
        summary[level] = (tp / (tp + fp) if tp + fp else float("nan"), tp / int(np.sum(y == 1)))
    return lines, summary


# ---- Outputs -----------------------------------------------------------------------------------

def fmt(w):
    s = f"{w:.{WEIGHT_DECIMALS}f}"
    return "0.000000" if s == "-0.000000" else s


def render_header(tables_by_tier, summaries, n_fake, n_real):
    out = []
    w = out.append
    w("// GENERATED by scripts/train_account_model.py -- do not edit by hand; rerun:")
    w(f"//   {COMMAND}")
    w("// (deterministic on one machine; `--check` retrains and compares within stated tolerances).")
    w("//")
    w(f"// Model \"{MODEL_NAME}\": the trained two-tier account model (see docs/model-card.md).")
    w("// Data: InstaFake, Akyon & Kalfaoglu 2019, arXiv:1910.03090 (github.com/fcakyon/")
    w(f"// instafake-dataset), licence CC BY-NC 4.0: {n_fake} fake + {n_real} genuine accounts, 2018.")
    w("// The weights are derived from CC BY-NC 4.0 data: non-commercial use only.")
    w("//")
    w("// Method: per tier, L2 logistic regression (C = 1) on thermometer-encoded bins; each")
    w("// feature's bin weights are centred on their training mean (the shift is in the bias), so an")
    w("// unknown feature adds nothing. logit = bias + sum of the weights of the known features;")
    w("// score = 1 / (1 + exp(-logit)). Bins: a value v falls in the last bin whose `min` <= v.")
    w("//")
    w(f"// 5-fold stratified CV (seed {SEED}), pooled out-of-fold; levels from nested CV:")
    for tier, _, _ in TIERS:
        s = summaries[tier]
        w(f"//   {tier:7s} tier: ROC AUC {s['auc']:.4f}, accuracy {s['accuracy']:.4f}, F1 {s['f1']:.4f};"
          f" high P/R {s['high'][0]:.3f}/{s['high'][1]:.3f},")
        w(f"//                medium-or-high P/R {s['medium or high'][0]:.3f}/"
          f"{s['medium or high'][1]:.3f}")
    w("#pragma once")
    w("")
    w("#include <cstddef>")
    w("#include <cstdint>")
    w("")
    w("namespace swarmlens::trained_model {")
    w("")
    w("/// Name of this weight set, so a score can be traced to the weights that produced it.")
    w(f"inline constexpr const char* kModelName = \"{MODEL_NAME}\";")
    w("")
    w("/// The features the model knows. account_model.cpp measures each from an Account.")
    w("enum class TrainedFeature : std::uint8_t {")
    for f in ALL_FEATURES:
        w(f"  k{f.ident},  ///< \"{f.code}\"")
    w("};")
    w("")
    w("/// Code and meaning of a feature; the code doubles as the reason code.")
    w("struct FeatureInfo {")
    w("  TrainedFeature feature;")
    w("  const char* code;")
    w("  const char* description;")
    w("};")
    w("")
    w("/// Every feature, in TrainedFeature order.")
    w("inline constexpr FeatureInfo kFeatureInfo[] = {")
    for f in ALL_FEATURES:
        w(f"    {{TrainedFeature::k{f.ident}, \"{f.code}\",")
        w(f"     \"{f.description}\"}},")
    w("};")
    w("")
    w("/// A bin: applies when the value is >= `min`; the last applying bin of a table counts.")
    w("struct Bin {")
    w("  std::uint64_t min;")
    w("  double weight;  ///< Log-odds contribution.")
    w("};")
    w("")
    w("/// One feature's bins, sorted by `min` ascending, the first starting at 0.")
    w("struct FeatureTable {")
    w("  TrainedFeature feature;")
    w("  const Bin* bins;")
    w("  std::size_t size;")
    w("};")
    for tier, cap, features in TIERS:
        t = tables_by_tier[tier]
        s = summaries[tier]
        w("")
        w(f"// ---- {cap} tier " + "-" * (88 - len(cap) - 13))
        w("")
        w(f"/// Log-odds for a {tier}-tier account about which nothing is known: the mean training logit")
        w("/// (every feature's weights average 0 over the training accounts).")
        w(f"inline constexpr double k{cap}Bias = {fmt(t.bias)};")
        w(f"/// Score thresholds: high = precision >= {HIGH_PRECISION:.2f}, medium = precision >= "
          f"{MEDIUM_PRECISION:.2f} in CV")
        w("/// (1.00 = level unreachable).")
        w(f"inline constexpr double k{cap}HighThreshold = {s['t_high']:.2f};")
        w(f"inline constexpr double k{cap}MediumThreshold = {s['t_medium']:.2f};")
        for f in features:
            w("")
            for line in textwrap.wrap(f"{f.code}: {f.description}", 96):
                w("/// " + line)
            bins = ", ".join(f"{{{m}, {fmt(x)}}}" for m, x in zip((0,) + f.edges, t.weights[f.code]))
            line = f"inline constexpr Bin k{cap}{f.ident}[] = {{{bins}}};"
            if len(line) <= 100:
                w(line)
            else:
                w(f"inline constexpr Bin k{cap}{f.ident}[] = {{")
                row = "   "
                for m, x in zip((0,) + f.edges, t.weights[f.code]):
                    item = f" {{{m}, {fmt(x)}}},"
                    if len(row) + len(item) > 100:
                        w(row)
                        row = "   "
                    row += item
                w(row)
                w("};")
        w("")
        w(f"/// The {tier}-tier model: every feature it uses, in reason order.")
        w(f"inline constexpr FeatureTable k{cap}Features[] = {{")
        for f in features:
            w(f"    {{TrainedFeature::k{f.ident}, k{cap}{f.ident},")
            w(f"     sizeof(k{cap}{f.ident}) / sizeof(Bin)}},")
        w("};")
    w("")
    w("}  // namespace swarmlens::trained_model")
    return "\n".join(out) + "\n"


def golden_accounts(fake, real):
    """~30 accounts spanning both tiers, bin edges, unknowns and extreme values."""
    accounts = []
    alphabet = "abcdefghijklmnopqrstuvwxyz"

    def username(length, digits):
        # Digits spread through the handle so that their position cannot matter.
        chars = [alphabet[(7 * k) % 26] for k in range(length)]
        for k in range(digits):
            chars[(k * 3 + 1) % length if digits * 3 <= length else k] = str((k * 7) % 10)
        return "".join(chars)

    def biography(n):
        # Mixed scripts: the length is in code points, not bytes.
        pieces = "Hé ساز ✓ 😀 x"
        return "".join(pieces[k % len(pieces)] for k in range(n))

    def from_row(row, tier):
        acc = {"username": username(row["usernameLength"], row["usernameDigitCount"]),
               "anonymous_avatar": 1 - row["userHasProfilPic"], "is_private": row["userIsPrivate"]}
        if tier == "profile":
            acc.update(media_count=row["userMediaCount"], follower_count=row["userFollowerCount"],
                       following_count=row["userFollowingCount"],
                       biography=biography(row["userBiographyLength"]))
        return acc

    for rows, label in ((fake, "fake"), (real, "real")):
        step = len(rows) // 8
        for k in range(8):
            row = rows[k * step + 3]
            accounts.append((f"instafake_{label}_{k * step + 3}_profile", from_row(row, "profile")))
        for k in range(4):
            row = rows[k * step + 5]
            accounts.append((f"instafake_{label}_{k * step + 5}_list", from_row(row, "list")))
    accounts += [
        ("nothing_known", {}),
        ("username_only_edges", {"username": "abcdefgh"}),
        ("digits_only_username", {"username": "0123456789012345"}),
        ("avatar_only", {"anonymous_avatar": 1}),
        ("private_only", {"is_private": 0}),
        ("followers_only", {"follower_count": 3}),
        ("following_only", {"username": "x", "is_private": 1, "following_count": 2000}),
        ("media_only", {"anonymous_avatar": 0, "media_count": 12}),
        ("following_mass_edge", {"username": "mass.follower_1", "following_count": 1500,
                                 "follower_count": 15, "biography": ""}),
        ("ratio_exact_edge", {"following_count": 200, "follower_count": 100}),
        ("zero_followers", {"following_count": 7500, "follower_count": 0, "media_count": 0}),
        ("huge_counts", {"follower_count": U64_MAX, "following_count": U64_MAX,
                         "media_count": U64_MAX}),
        ("huge_ratio_saturates", {"follower_count": 3, "following_count": U64_MAX}),
        ("huge_ratio_remainder", {"follower_count": 3074457345618258602,
                                  "following_count": 4611686018427387909}),
        ("bio_only", {"biography": "Photographer 📷 Tehran — عکاس"}),
        ("typical_person", {"username": "sara.ahmadi", "anonymous_avatar": 0, "is_private": 1,
                            "media_count": 84, "follower_count": 312, "following_count": 298,
                            "biography": "coffee & mountains"}),
    ]
    return accounts


def render_golden(tables_by_tier, accounts):
    def opt(v):
        return "-" if v is None else str(int(v))

    lines = [
        f"# Golden vectors for the trained account model {MODEL_NAME}.",
        f"# GENERATED by {COMMAND}; checked by tests/core/account_model_test.cpp.",
        "# Columns (tab-separated): name, username ('-' = unknown), anonymous_avatar, is_private,",
        "# media_count, follower_count, following_count ('-' = unknown), biography ('-' = unknown,",
        "# else the text after a leading '='), expected tier, expected logit, contributions",
        "# (code=weight=value, ';'-separated, in reason order).",
    ]
    for name, acc in accounts:
        rec = record_from_account(acc)
        tier = choose_tier(rec)
        t = tables_by_tier[tier]
        parts = [f"{c}={fmt(w)}={v}" for c, w, v in contributions(t, rec)]
        bio = acc.get("biography")
        lines.append("\t".join([
            name, acc.get("username") or "-", opt(acc.get("anonymous_avatar")),
            opt(acc.get("is_private")), opt(acc.get("media_count")), opt(acc.get("follower_count")),
            opt(acc.get("following_count")), "-" if bio is None else "=" + bio, tier,
            f"{logit(t, rec):.9f}", ";".join(parts)]))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="InstaFake folder")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the header or golden file would change")
    args = ap.parse_args()

    fake = json.loads((args.data / "fakeAccountData.json").read_text())
    real = json.loads((args.data / "realAccountData.json").read_text())
    rows = fake + real
    records = [record_from_instafake(r) for r in rows]
    y = np.array([1] * len(fake) + [0] * len(real))
    if any(r["isFake"] != label for r, label in zip(rows, y)):
        sys.exit("isFake labels disagree with the file they come from")

    print(f"# Account model {MODEL_NAME}: evaluation on InstaFake ({len(fake)} fake, {len(real)} genuine)")
    print()
    summaries, tables_by_tier = {}, {}
    for tier, cap, features in TIERS:
        lines, summary = evaluate_tier(cap, features, records, y)
        print("\n".join(lines))
        summaries[tier] = summary
        tables_by_tier[tier] = fit(features, records, y)

    header = render_header(tables_by_tier, summaries, len(fake), len(real))
    golden = render_golden(tables_by_tier, golden_accounts(fake, real))
    status = 0
    for path, text in ((HEADER_PATH, header), (GOLDEN_PATH, golden)):
        rel = path.relative_to(REPO)
        if args.check:
            status |= check_file(path, text, CHECK_TOLERANCE, REPO)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            print(f"wrote {rel}")
    return status


if __name__ == "__main__":
    sys.exit(main())
