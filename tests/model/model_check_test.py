"""Tests of scripts/model_check.py: the tolerance `--check` applies to a retrained model."""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from model_check import Tolerance, compare  # noqa: E402

HEADER = "// AUC 0.9123\ninline constexpr double kBias = -1.234567;\nint8_t w[] = {" + ",".join(
    str((k * 37) % 255 - 127) for k in range(1000)) + "};\n"


def moved(text, count, step):
    """text with the first `count` int8 weights moved by `step`."""
    head, body = text.split("{", 1)
    values = body.split("}", 1)[0].split(",")
    values = [str(int(v) + step) if k < count else v for k, v in enumerate(values)]
    return head + "{" + ",".join(values) + "};\n"


class CompareTest(unittest.TestCase):
    tol = Tolerance(int_step=1, int_fraction=0.01, int_slack=0, float_atol=1e-3, float_rtol=0)

    def test_identical(self):
        self.assertTrue(compare(HEADER, HEADER, self.tol)[0])

    def test_rounding_noise_is_accepted(self):
        text = moved(HEADER, 10, 1).replace("-1.234567", "-1.234612").replace("0.9123", "0.9121")
        ok, lines = compare(HEADER, text, self.tol)
        self.assertTrue(ok, lines)
        self.assertIn("10 of", lines[0])

    def test_too_many_moved_weights_fail(self):
        self.assertFalse(compare(HEADER, moved(HEADER, 11, 1), self.tol)[0])

    def test_a_large_step_fails(self):
        self.assertFalse(compare(HEADER, moved(HEADER, 1, 2), self.tol)[0])

    def test_a_moved_bias_fails(self):
        ok, lines = compare(HEADER, HEADER.replace("-1.234567", "-1.236"), self.tol)
        self.assertFalse(ok)
        self.assertTrue(any("line 2" in line for line in lines), lines)

    def test_changed_text_fails(self):
        self.assertFalse(compare(HEADER, HEADER.replace("kBias", "kBiasX"), self.tol)[0])
        self.assertFalse(compare(HEADER, HEADER.replace("};", ",1};"), self.tol)[0])


if __name__ == "__main__":
    unittest.main()
