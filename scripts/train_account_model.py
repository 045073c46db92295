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
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model_check import Tolerance, check_file  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "instafake"
DEFAULT_KARN = REPO.parent / "shared" / "data" / "karn-igprofiles"
HEADER_PATH = REPO / "core" / "src" / "trained_account_model.h"
GOLDEN_PATH = REPO / "tests" / "data" / "account_model" / "golden.tsv"
# What `--check` accepts from a retrain on another machine (scripts/model_check.py).
CHECK_TOLERANCE = Tolerance(int_step=0, int_fraction=0.0, int_slack=0, float_atol=2e-3, float_rtol=2e-3)
COMMAND = "/usr/bin/python3 scripts/train_account_model.py"

MODEL_NAME = "instafake-karn-lr-2"
C_REGULARISATION = 1.0
FOLDS = 5
SEED = 0
WEIGHT_DECIMALS = 6

# The two labelled populations. The compiled bias is InstaFake's (its 16.8 % fakes are the
# training prevalence the list-level rules re-base from: ListLevelOptions::training_prevalence);
# each population has its own intercept while fitting, so their different fake rates (16.8 % and
# 66 %) do not leak into the feature weights.
INSTAFAKE, KARN = "instafake", "karn"
POPULATIONS = (INSTAFAKE, KARN)
DEPLOYED = INSTAFAKE
DEPLOYED_PREVALENCE = 200 / 1194

# Level thresholds are chosen on a held-out fold (see choose_levels) for precision at the deployed
# prevalence, with both populations weighted equally.
HIGH_PRECISION = 0.95
MEDIUM_PRECISION = 0.80
MIN_FLAGGED = 10  # a threshold must flag at least this many held-out accounts to count as evidence
THRESHOLD_GRID = [round(0.01 * k, 2) for k in range(1, 100)]
HELD_OUT_FOLD = 0  # of a stratified 5-fold split over (population, label), seed SEED

U64_MAX = (1 << 64) - 1


@dataclass(frozen=True)
class Feature:
    code: str          # stable snake_case code, used as the reason code
    ident: str         # C++ enumerator suffix (TrainedFeature::k<ident>)
    edges: tuple       # ascending lower bounds of bins 1..n (bin 0 starts at 0)
    description: str   # what the value is, for the header and the reason catalog


# Fewer bins than instafake-lr-1 (34 steps against 43) on a 1-3-10 grid with its ends merged, and
# every curve made monotone in fit(), so that no bin can learn one sample's quirk.
USERNAME_LENGTH = Feature("username_length", "UsernameLength", (10, 14),
                          "Username length in bytes (Instagram handles are ASCII).")
USERNAME_DIGITS = Feature("username_digits", "UsernameDigits", (1, 3, 5),
                          "Number of ASCII digits '0'-'9' in the username.")
ANONYMOUS_AVATAR = Feature("anonymous_avatar", "AnonymousAvatar", (1,),
                           "1 when the profile picture is the default silhouette, else 0.")
PRIVATE = Feature("private_account", "PrivateAccount", (1,),
                  "1 when the account is private, else 0.")
MEDIA_COUNT = Feature("media_count", "MediaCount", (1, 3, 10, 30, 100),
                      "Number of posts.")
FOLLOWER_COUNT = Feature("follower_count", "FollowerCount", (1, 3, 10, 30, 100, 300, 1000),
                         "Number of followers.")
FOLLOWING_COUNT = Feature("following_count", "FollowingCount", (10, 30, 100, 300, 1000, 3000),
                          "Number of accounts followed.")
FOLLOWING_RATIO = Feature("following_follower_ratio", "FollowingFollowerRatio",
                          (50, 100, 200, 500, 1000),
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


def record_from_karn(user):
    """A Karn user object (Instagram's /api/v1/users/<id>/info/ shape), measured as the C++ measures
    the same fields of a profile payload."""
    username = user.get("username") or ""
    bio = user.get("biography")
    return {
        "username_length": len(username.encode("utf-8")) if username else None,
        "username_digits": sum(c in "0123456789" for c in username) if username else None,
        "anonymous_avatar": int(bool(user["has_anonymous_profile_picture"])),
        "is_private": int(bool(user["is_private"])),
        "media_count": user.get("media_count"),
        "follower_count": user.get("follower_count"),
        "following_count": user.get("following_count"),
        "biography_length": None if bio is None else len(bio),
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
    return np.array(cols, dtype=float).reshape(len(records), sum(len(f.edges) for f in features))


@dataclass
class Tables:
    features: list
    bias: float        # the deployed population's intercept, centred (what the header holds)
    intercepts: dict   # population -> centred intercept (the deployed one equals `bias`)
    weights: dict      # code -> list of bin weights (len(edges) + 1)


def _objective(theta, x, p, y, m):
    """L2-penalised logistic loss (sklearn's C convention) over the steps, intercepts unpenalised."""
    w, b = theta[:m], theta[m:]
    z = x @ w + p @ b
    loss = float(np.sum(np.logaddexp(0.0, z) - y * z)) + 0.5 / C_REGULARISATION * float(w @ w)
    r = 1.0 / (1.0 + np.exp(-z)) - y
    return loss, np.concatenate([x.T @ r + w / C_REGULARISATION, p.T @ r])


def _fit_steps(x, p, y, bounds):
    m = x.shape[1]
    res = minimize(_objective, np.zeros(m + p.shape[1]), args=(x, p, y, m), jac=True, method="L-BFGS-B",
                   bounds=bounds + [(None, None)] * p.shape[1],
                   options={"maxiter": 20000, "gtol": 1e-10, "ftol": 1e-15})
    return res.x[:m], res.x[m:]


def fit(features, records, labels, pops):
    """Per-population intercepts, shared monotone bin steps: each feature's steps are first fitted
    freely, then refitted with all steps of that feature's overall direction (the sign of their
    sum), so every curve rises or falls and never zigzags."""
    x = encode(features, records)
    present = [q for q in POPULATIONS if q in set(pops)]
    p = np.array([[1.0 if q == r else 0.0 for q in present] for r in pops]).reshape(len(pops), len(present))
    y = np.asarray(labels, dtype=float)
    free, _ = _fit_steps(x, p, y, [(None, None)] * x.shape[1])
    bounds, at = [], 0
    for f in features:
        n = len(f.edges)
        up = float(np.sum(free[at:at + n])) >= 0
        bounds += [(0.0, None) if up else (None, 0.0)] * n
        at += n
    steps, intercepts = _fit_steps(x, p, y, bounds)
    weights, shift, at = {}, 0.0, 0
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
        shift += mean
    centred = {q: round(float(b + shift), WEIGHT_DECIMALS) for q, b in zip(present, intercepts)}
    deployed = centred.get(DEPLOYED, centred[present[0]])
    return Tables(features, deployed, centred, weights)


def contributions(tables, rec):
    out = []
    for f in tables.features:
        v = feature_value(f, rec)
        if v is not None:
            out.append((f.code, tables.weights[f.code][bin_index(f, v)], v))
    return out


def logit(tables, rec, population=None):
    """The C++ logit (deployed bias); with `population`, that population's own intercept when the
    model has one (for calibration on a population with another fake rate)."""
    total = tables.intercepts.get(population, tables.bias) if population else tables.bias
    for _, w, _ in contributions(tables, rec):
        total += w
    return total


def predict(tables, records, pops=None):
    pops = pops if pops is not None else [None] * len(records)
    return np.array([1.0 / (1.0 + math.exp(-logit(tables, r, q))) for r, q in zip(records, pops)])


# ---- Baseline: a plain logistic regression on the raw fields (what the issue compares with) -------

def plain_matrix(features, records):
    cols = []
    for rec in records:
        row = []
        for f in features:
            v = feature_value(f, rec)
            row.append(0.0 if v is None else math.log1p(min(float(v), 1e12)))
        cols.append(row)
    return np.array(cols)


def plain_fit_predict(features, train_recs, train_y, test_recs):
    xa, xb = plain_matrix(features, train_recs), plain_matrix(features, test_recs)
    mu, sd = xa.mean(axis=0), xa.std(axis=0) + 1e-9
    lr = LogisticRegression(C=C_REGULARISATION, solver="lbfgs", max_iter=100000, tol=1e-10)
    lr.fit((xa - mu) / sd, train_y)
    return lr.decision_function((xb - mu) / sd)


# ---- Evaluation --------------------------------------------------------------------------------

def strata(y, pops):
    return np.array([f"{q}:{int(v)}" for q, v in zip(pops, y)])


def oof(features, records, y, pops, use, seed=SEED, plain=False):
    """Out-of-fold scores for the accounts of the populations in `use`, by 5-fold CV stratified
    by (population, label); each fold's model is trained on the other folds of those populations.
    Scores use each account's own population intercept (AUC does not depend on it)."""
    idx = np.array([i for i, q in enumerate(pops) if q in use])
    out = np.full(len(records), np.nan)
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(idx, strata(y[idx], pops[idx])):
        tr, te = idx[train], idx[test]
        if plain:
            out[te] = plain_fit_predict(features, [records[i] for i in tr], y[tr], [records[i] for i in te])
        else:
            t = fit(features, [records[i] for i in tr], y[tr], list(pops[tr]))
            out[te] = predict(t, [records[i] for i in te], list(pops[te]))
    return out


def transfer(features, records, y, pops, source, target, plain=False):
    """Scores of every `target` account by a model trained on all of `source`."""
    tr = np.array([i for i, q in enumerate(pops) if q == source])
    te = np.array([i for i, q in enumerate(pops) if q == target])
    if plain:
        return te, plain_fit_predict(features, [records[i] for i in tr], y[tr], [records[i] for i in te])
    t = fit(features, [records[i] for i in tr], y[tr], list(pops[tr]))
    return te, predict(t, [records[i] for i in te])


def auc_of(y, p, mask):
    return roc_auc_score(y[mask], p[mask])


def weighted_rates(p, y, pops, threshold):
    """Per population: (TPR, FPR, flagged) at a threshold."""
    out = {}
    for q in POPULATIONS:
        m = pops == q
        if not np.any(m):
            continue
        f = p[m] >= threshold
        pos, neg = y[m] == 1, y[m] == 0
        out[q] = (float(np.sum(f & pos)) / max(1, int(np.sum(pos))), float(np.sum(f & neg)) / max(1, int(np.sum(neg))),
                  int(np.sum(f)))
    return out


def precision_at(tpr, fpr, prevalence=DEPLOYED_PREVALENCE):
    flagged = tpr * prevalence + fpr * (1 - prevalence)
    return tpr * prevalence / flagged if flagged > 0 else float("nan")


def choose_threshold(p, y, pops, target):
    """Lowest grid threshold whose precision is >= target on at least MIN_FLAGGED flagged
    accounts, precision computed at the deployed prevalence from the mean TPR and FPR of the
    populations (each counts equally, whatever its size and fake rate). The lowest such threshold,
    not one above which precision never dips: near the top a held-out fold flags few accounts,
    and one genuine account there would make every level unreachable. 1.0 = unreachable."""
    for t in THRESHOLD_GRID:
        rates = weighted_rates(p, y, pops, t)
        if sum(r[2] for r in rates.values()) < MIN_FLAGGED:
            continue
        tpr = float(np.mean([r[0] for r in rates.values()]))
        fpr = float(np.mean([r[1] for r in rates.values()]))
        if precision_at(tpr, fpr) >= target:
            return t
    return 1.0


def held_out_split(y, pops):
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(np.zeros(len(y)), strata(y, pops)))
    return folds[HELD_OUT_FOLD]


def reliability(p, y, label):
    lines = [f"| {label}: score bin | accounts | mean predicted | observed fake rate |", "|---|---|---|---|"]
    bins = np.minimum((p * 10).astype(int), 9)
    for b in range(10):
        m = bins == b
        n = int(np.sum(m))
        lines.append(f"| {b / 10:.1f}-{(b + 1) / 10:.1f} | {n} | "
                     + (f"{p[m].mean():.3f} | {y[m].mean():.3f} |" if n else "- | - |"))
    return lines


def evaluate_tier(name, features, records, y, pops):
    lines = [f"### {name} tier ({len(features)} features: " + ", ".join(f.code for f in features) + ")", ""]
    is_if, is_karn = pops == INSTAFAKE, pops == KARN
    # 1. Discrimination: within each population (5-fold CV), across (train on one, score the other),
    # pooled (5-fold CV over both, each population's accounts scored by models that saw the other).
    lines += ["| model | trained on | ROC AUC on InstaFake | ROC AUC on Karn |", "|---|---|---|---|"]
    summary = {}
    for plain in (False, True):
        label = "plain LR (log counts)" if plain else "binned, monotone"
        own_if = oof(features, records, y, pops, {INSTAFAKE}, plain=plain)
        own_karn = oof(features, records, y, pops, {KARN}, plain=plain)
        te_k, from_if = transfer(features, records, y, pops, INSTAFAKE, KARN, plain=plain)
        te_i, from_karn = transfer(features, records, y, pops, KARN, INSTAFAKE, plain=plain)
        pooled = oof(features, records, y, pops, set(POPULATIONS), plain=plain)
        a_if_cv, a_k_cv = auc_of(y, own_if, is_if), auc_of(y, own_karn, is_karn)
        a_if_to_k, a_k_to_if = roc_auc_score(y[te_k], from_if), roc_auc_score(y[te_i], from_karn)
        a_pool_if, a_pool_k = auc_of(y, pooled, is_if), auc_of(y, pooled, is_karn)
        lines.append(f"| {label} | InstaFake | **{a_if_cv:.4f}** (CV) | {a_if_to_k:.4f} |")
        lines.append(f"| {label} | Karn | {a_k_to_if:.4f} | **{a_k_cv:.4f}** (CV) |")
        lines.append(f"| {label} | both (compiled) | **{a_pool_if:.4f}** (CV) | **{a_pool_k:.4f}** (CV) |")
        if not plain:
            summary.update(auc_if=a_if_cv, auc_pooled_if=a_pool_if, auc_pooled_karn=a_pool_k,
                           auc_if_to_karn=a_if_to_k, auc_karn_to_if=a_k_to_if, auc_karn=a_k_cv)
            pooled_scores = pooled
    lines.append("")

    # 2. Levels, chosen on a held-out fold that the model choosing them never saw.
    train, test = held_out_split(y, pops)
    t = fit(features, [records[i] for i in train], y[train], list(pops[train]))
    p_test = predict(t, [records[i] for i in test])  # the deployed bias, as the C++ scores
    t_high = choose_threshold(p_test, y[test], pops[test], HIGH_PRECISION)
    t_medium = min(choose_threshold(p_test, y[test], pops[test], MEDIUM_PRECISION), t_high)
    lines += [f"Levels chosen on the held-out fold ({len(test)} accounts; the model scoring it was trained on the other "
              f"{len(train)}); precision at InstaFake's {DEPLOYED_PREVALENCE:.1%} fakes:", "",
              "| level | threshold | InstaFake precision / recall | Karn precision / recall | both (mean rates) |",
              "|---|---|---|---|---|"]
    for level, thr in (("high", t_high), ("medium or high", t_medium)):
        rates = weighted_rates(p_test, y[test], pops[test], thr)
        cells = [f"{precision_at(*rates[q][:2]):.3f} / {rates[q][0]:.3f}" for q in POPULATIONS]
        tpr = float(np.mean([rates[q][0] for q in POPULATIONS]))
        fpr = float(np.mean([rates[q][1] for q in POPULATIONS]))
        lines.append(f"| {level} | score >= {thr:.2f} | {cells[0]} | {cells[1]} | {precision_at(tpr, fpr):.3f} / {tpr:.3f} |")
        summary[level] = (precision_at(tpr, fpr), tpr)
    lines.append("")

    # 3. Calibration (reliability) of the pooled out-of-fold scores, per population (each scored
    # with its own intercept, i.e. at its own fake rate).
    lines += reliability(pooled_scores[is_if], y[is_if], "InstaFake") + [""]
    lines += reliability(pooled_scores[is_karn], y[is_karn], "Karn") + [""]
    summary.update(t_high=t_high, t_medium=t_medium)
    return lines, summary


# ---- Outputs -----------------------------------------------------------------------------------

def fmt(w):
    s = f"{w:.{WEIGHT_DECIMALS}f}"
    return "0.000000" if s == "-0.000000" else s


def render_header(tables_by_tier, summaries, instafake_counts, karn_counts):
    out = []
    w = out.append
    w("// GENERATED by scripts/train_account_model.py -- do not edit by hand; rerun:")
    w(f"//   {COMMAND}")
    w("// (deterministic on one machine; `--check` retrains and compares within stated tolerances).")
    w("//")
    w(f"// Model \"{MODEL_NAME}\": the trained two-tier account model (see docs/model-card.md).")
    w("// Data: InstaFake, Akyon & Kalfaoglu 2019, arXiv:1910.03090 (github.com/fcakyon/")
    w(f"// instafake-dataset), licence CC BY-NC 4.0: {instafake_counts[0]} fake + {instafake_counts[1]} genuine "
      "accounts, 2018;")
    w("// Karn Saheb, github.com/Karn/ig-profile-classification (commit 39e0dcc), MIT:")
    w(f"// {karn_counts[0]} fake + {karn_counts[1]} genuine accounts, 2019.")
    w("// The weights are derived from CC BY-NC 4.0 data: non-commercial use only.")
    w("//")
    w("// Method: per tier, L2 logistic regression (C = 1) on thermometer-encoded bins, one intercept")
    w("// per population, every feature's curve monotone; each feature's bin weights are centred on")
    w("// their training mean (the shift is in the bias), so an unknown feature adds nothing. The bias")
    w("// is InstaFake's. logit = bias + sum of the weights of the known features;")
    w("// score = 1 / (1 + exp(-logit)). Bins: a value v falls in the last bin whose `min` <= v.")
    w("//")
    w(f"// ROC AUC, 5-fold stratified CV (seed {SEED}) over both populations; levels from a held-out fold:")
    for tier, _, _ in TIERS:
        s = summaries[tier]
        w(f"//   {tier:7s} tier: InstaFake {s['auc_pooled_if']:.4f}, Karn {s['auc_pooled_karn']:.4f};"
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
          f"{MEDIUM_PRECISION:.2f} on a held-out fold")
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
    ap.add_argument("--karn", type=Path, default=DEFAULT_KARN, help="Karn ig-profile-classification folder")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the header or golden file would change")
    args = ap.parse_args()

    fake = json.loads((args.data / "fakeAccountData.json").read_text())
    real = json.loads((args.data / "realAccountData.json").read_text())
    rows = fake + real
    if any(r["isFake"] != label for r, label in zip(rows, [1] * len(fake) + [0] * len(real))):
        sys.exit("isFake labels disagree with the file they come from")
    karn = json.loads((args.karn / "classified_profiles.json").read_text())
    # Sorted by pk, so the order (and every fold) does not depend on the file's key order.
    karn_users = [karn[k] for k in sorted(karn, key=int)]
    records = [record_from_instafake(r) for r in rows] + [record_from_karn(u) for u in karn_users]
    y = np.array([1] * len(fake) + [0] * len(real) + [0 if u["is_authentic"] else 1 for u in karn_users])
    pops = np.array([INSTAFAKE] * len(rows) + [KARN] * len(karn_users))
    n_karn_fake = int(np.sum(y[pops == KARN]))

    print(f"# Account model {MODEL_NAME}: InstaFake ({len(fake)} fake, {len(real)} genuine) and Karn "
          f"({n_karn_fake} fake, {len(karn_users) - n_karn_fake} genuine)")
    print()
    summaries, tables_by_tier = {}, {}
    for tier, cap, features in TIERS:
        lines, summary = evaluate_tier(cap, features, records, y, pops)
        print("\n".join(lines))
        summaries[tier] = summary
        tables_by_tier[tier] = fit(features, records, y, list(pops))

    header = render_header(tables_by_tier, summaries, (len(fake), len(real)), (n_karn_fake, len(karn_users) - n_karn_fake))
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
