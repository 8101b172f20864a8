"""Golden normalised output for every real-layout test file under ``tests/data/ingest``.

Every ``tests/data/ingest/<format>/<case>.{csv,xlsx,txt}`` that has a sibling
``<case>.expected.csv`` is loaded with ``walletwatch.load`` (format detected from content, as
a user would run it) and the normalised frame, rendered by ``tests/golden.render_frame``
(ISO times with the provider's offset, exact decimal amounts, ``source_line``, …), must equal
the expected file byte for byte. A mismatch fails with a unified diff.

Adding a case: put the input file in ``tests/data/ingest/<format>/``, create an empty
``<case>.expected.csv`` next to it, then regenerate and *review the diff* before committing::

    WALLETWATCH_UPDATE_GOLDEN=1 pytest tests/test_ingest_golden.py

With ``WALLETWATCH_UPDATE_GOLDEN=1`` every expected file is rewritten from the current output
(the test still fails if the file could not be loaded at all).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

import walletwatch

try:  # tests/ is on sys.path under pytest's default import mode; a package if it gains __init__
    from golden import render_frame
except ImportError:  # pragma: no cover
    from tests.golden import render_frame

DATA = Path(__file__).parent / "data" / "ingest"
INPUT_SUFFIXES = (".csv", ".xlsx", ".txt")
EXPECTED_SUFFIX = ".expected.csv"
UPDATE = os.environ.get("WALLETWATCH_UPDATE_GOLDEN") == "1"


def expected_path(source: Path) -> Path:
    return source.with_name(source.name[: -len(source.suffix)] + EXPECTED_SUFFIX)


def golden_cases() -> list[Path]:
    cases = []
    for source in sorted(DATA.glob("*/*")):
        if source.suffix not in INPUT_SUFFIXES or source.name.endswith(EXPECTED_SUFFIX):
            continue
        if expected_path(source).exists():
            cases.append(source)
    return cases


CASES = golden_cases()


@pytest.mark.parametrize("source", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_golden_normalised_output(source: Path) -> None:
    result = walletwatch.load([source])
    report = result.files[0]
    assert report.error is None, report.error.one_line()
    actual = render_frame(result.frame)
    expected_file = expected_path(source)
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8", newline="")
        return
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=str(expected_file.relative_to(DATA)),
            tofile=f"walletwatch.load({source.name})",
        )
        pytest.fail("normalised output differs from the golden file "
                    "(WALLETWATCH_UPDATE_GOLDEN=1 regenerates it):\n" + "".join(diff))


def test_golden_cases_exist() -> None:
    formats = {p.parent.name for p in CASES}
    assert {"wechat", "jd", "meituan"} <= formats
