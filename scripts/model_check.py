"""`--check` for the training scripts: does a retrained model match the committed files?

Floating point differs between machines (BLAS kernels, libm, the CPU's vector width), so a model
retrained on another machine may move one int8 bucket in a few hundred or a bias in its 4th
decimal. A byte comparison would fail there for no reason; this one compares what matters:

  * the text between the numbers must be identical (same structure, names, features, sources);
  * integers (int8 weights, bin edges, counts) may differ by at most `int_step`, and at most
    `int_fraction` of them (plus `int_slack`) may differ at all;
  * decimals (biases, scales, metrics, golden logits and scores) must agree within
    `float_atol + float_rtol * |committed|`.

Any other difference fails, with the first few differences printed so that a real change (new
data, a changed feature) is told apart from rounding. The tolerances are stated by each script.
"""

import re
import sys
from dataclasses import dataclass

_NUMBER = re.compile(r"[-+]?\d+\.\d+(?:[eE][-+]?\d+)?|[-+]?\d+")


@dataclass(frozen=True)
class Tolerance:
    int_step: int = 1
    int_fraction: float = 0.005
    int_slack: int = 3
    float_atol: float = 2e-3
    float_rtol: float = 2e-3

    def describe(self):
        return (f"integers within {self.int_step} in at most {self.int_fraction:.2%} (+{self.int_slack}) of "
                f"them, decimals within {self.float_atol:g} + {self.float_rtol:g} x |value|")


def _split(text):
    """(skeleton pieces, numbers) of a text: the pieces between the numbers, and the numbers."""
    pieces, numbers, last = [], [], 0
    for m in _NUMBER.finditer(text):
        pieces.append(text[last:m.start()])
        numbers.append(m.group(0))
        last = m.end()
    pieces.append(text[last:])
    return pieces, numbers


def _line_of(text, index):
    """1-based line of the index-th number of text (for messages)."""
    for k, m in enumerate(_NUMBER.finditer(text)):
        if k == index:
            return text.count("\n", 0, m.start()) + 1
    return 0


def compare(committed, retrained, tol):
    """Returns (ok, summary lines). committed / retrained are the two file texts."""
    a_pieces, a_nums = _split(committed)
    b_pieces, b_nums = _split(retrained)
    if len(a_nums) != len(b_nums) or a_pieces != b_pieces:
        for k, (x, y) in enumerate(zip(a_pieces, b_pieces)):
            if x != y:
                line = committed.count("\n", 0, sum(map(len, a_pieces[:k])) + sum(map(len, a_nums[:k]))) + 1
                return False, [f"the text differs near line {line}: {x[:60]!r} vs {y[:60]!r}"]
        return False, [f"{len(a_nums)} numbers committed, {len(b_nums)} retrained"]
    n_int = n_int_moved = n_float = 0
    worst_float = 0.0
    problems = []
    for k, (x, y) in enumerate(zip(a_nums, b_nums)):
        is_float = "." in x or "." in y
        if not is_float:
            n_int += 1
            d = abs(int(x) - int(y))
            if d:
                n_int_moved += 1
                if d > tol.int_step:
                    problems.append(f"line {_line_of(committed, k)}: integer {x} -> {y}")
            continue
        n_float += 1
        fx, fy = float(x), float(y)
        d = abs(fx - fy)
        worst_float = max(worst_float, d)
        if d > tol.float_atol + tol.float_rtol * abs(fx):
            problems.append(f"line {_line_of(committed, k)}: {x} -> {y}")
    allowed = int(tol.int_fraction * n_int) + tol.int_slack
    if n_int_moved > allowed:
        problems.append(f"{n_int_moved} of {n_int} integers moved (at most {allowed} may)")
    summary = [f"{n_int_moved} of {n_int} integers moved, largest decimal difference {worst_float:.3g} "
               f"over {n_float} decimals"]
    return not problems, summary + problems[:8] + ([f"... {len(problems) - 8} more"] if len(problems) > 8 else [])


def check_file(path, retrained, tol, repo):
    """Prints the verdict for one generated file; returns 0 when it matches within tol, else 1."""
    rel = path.relative_to(repo)
    if not path.exists():
        print(f"DIFFERS: {rel} is missing (rerun without --check)", file=sys.stderr)
        return 1
    committed = path.read_text(encoding="utf-8")
    if committed == retrained:
        print(f"unchanged: {rel} (identical)")
        return 0
    ok, lines = compare(committed, retrained, tol)
    if ok:
        print(f"unchanged: {rel} (within tolerance: {lines[0]})")
        return 0
    print(f"DIFFERS: {rel} beyond tolerance ({tol.describe()}); rerun without --check if the change is "
          "meant:", file=sys.stderr)
    for line in lines:
        print(f"  {line}", file=sys.stderr)
    return 1
