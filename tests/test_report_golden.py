"""Golden Markdown for fixed samples: the whole evidence pack, byte for byte.

Regenerate after an intended change with:
    WALLETWATCH_UPDATE_GOLDEN=1 pytest tests/test_report_golden.py
and review the diff of tests/data/report/*.expected.md.
"""

from __future__ import annotations

import difflib
import os

import pytest
from report_helpers import DATA, alipay_case, build

from walletwatch.report.markdown import render_markdown

UPDATE = os.environ.get("WALLETWATCH_UPDATE_GOLDEN") == "1"
CASES = {
    "alipay_zh_cn": ("alipay", True, {}),
    "paypal_en_us": ("paypal", False, {}),
    "wechat_en_uk": ("wechat", False, {"lang": "en", "jurisdiction": "uk"}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_markdown_matches_golden(name):
    fixture, with_case, options = CASES[name]
    report = build(fixture, alipay_case() if with_case else None, **options)
    text = render_markdown(report.document, f"{name}.timeline.png")
    expected_path = DATA / f"{name}.expected.md"
    if UPDATE:
        expected_path.write_text(text, encoding="utf-8")
    expected = expected_path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            "expected", "actual"))
        pytest.fail(f"{name} differs from {expected_path.name}:\n{diff}")


def test_same_input_gives_identical_output():
    first = render_markdown(build("alipay", alipay_case()).document)
    second = render_markdown(build("alipay", alipay_case()).document)
    assert first == second
