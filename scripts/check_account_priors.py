#!/usr/bin/python3
"""Checks the account model's hand-set priors (core/src/model_weights.h) on Karn's population.

Usage (from the repository root, after scripts/build native; needs Debian's python3-scipy):

    scripts/check_account_priors.py [--cli build/native/cli/swarmlens] [--karn DIR]

InstaFake has no usernames or display names, so the priors on them (username shape and
word-likeness, display name, verification, external URL, business account) are not trained.
Karn's 969 labelled user objects (github.com/Karn/ig-profile-classification, MIT) have them. This
script scores every Karn account with the CLI (the engine's own measurements and weights, as a
REST page), then fits, on Karn's labels, one scale per prior code on top of the rest of the
score: logit = intercept + (trained part + other priors) + sum_k scale_k * weight_k. A scale near 1
means the prior's weight is what the data supports, near 0 that the data shows no such effect,
below 0 that it points the other way. The trained part is fitted on Karn too (instafake-karn-lr-2),
so it is not a held-out test of the model; it checks the priors alone. Karn's labels were set by
hand from username, name, bio and counts, i.e. from cues like these: read the scales as "does this
population agree", not as truth. Prints a Markdown table (docs/model-card.md quotes it).
"""

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

REPO = Path(__file__).resolve().parent.parent
DEFAULT_KARN = REPO.parent / "shared" / "data" / "karn-igprofiles"
TRAINED = {"username_length", "username_digits", "anonymous_avatar", "private_account", "media_count",
           "follower_count", "following_count", "following_follower_ratio", "biography_length"}
L2 = 1.0  # a unit Gaussian prior on each scale's distance from 1 (the hand-set weight)


def score_accounts(cli, users):
    page = json.dumps({"users": users, "status": "ok"})
    out = subprocess.run([cli, "analyze", "--format", "jsonl", "-"], input=page.encode(), capture_output=True,
                         check=True).stdout.decode()
    return {row["username"]: row for row in map(json.loads, out.splitlines()) if row["kind"] == "account"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", default=str(REPO / "build" / "native" / "cli" / "swarmlens"))
    ap.add_argument("--karn", type=Path, default=DEFAULT_KARN)
    args = ap.parse_args()
    data = json.loads((args.karn / "classified_profiles.json").read_text())
    users = [data[k] for k in sorted(data, key=int)]
    rows = score_accounts(args.cli, users)
    y, base, feats = [], [], []
    codes = set()
    for u in users:
        r = rows[u["username"]]
        s = min(max(r["score"], 1e-12), 1 - 1e-12)
        # The page is also analysed as one list: its swarm evidence is no part of the account score.
        swarm = sum(x["weight"] for x in r["reasons"] if x["code"].startswith("swarm_"))
        priors = {x["code"]: x["weight"] for x in r["reasons"]
                  if x["code"] not in TRAINED and not x["code"].startswith("swarm_")}
        codes.update(priors)
        y.append(0.0 if u["is_authentic"] else 1.0)
        base.append(math.log(s / (1 - s)) - swarm - sum(priors.values()))
        feats.append(priors)
    codes = sorted(codes)
    x = np.array([[f.get(c, 0.0) for c in codes] for f in feats])
    y, base = np.array(y), np.array(base)

    def objective(theta):
        scale, b = theta[:-1], theta[-1]
        z = base + b + x @ scale
        r = 1 / (1 + np.exp(-z)) - y
        d = scale - 1
        return (float(np.sum(np.logaddexp(0, z) - y * z)) + 0.5 * L2 * float(d @ d),
                np.concatenate([x.T @ r + L2 * d, [np.sum(r)]]))

    theta = minimize(objective, np.concatenate([np.ones(len(codes)), [0.0]]), jac=True, method="L-BFGS-B").x
    print(f"| prior | accounts with it | fake share with / without | hand-set weight (typical) | scale Karn supports |")
    print("|---|---|---|---|---|")
    for k, c in enumerate(codes):
        has = x[:, k] != 0
        n = int(np.sum(has))
        w = float(np.median(x[has, k])) if n else 0.0
        print(f"| `{c}` | {n} | {y[has].mean():.2f} / {y[~has].mean():.2f} | {w:+.2f} | {theta[k]:+.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
