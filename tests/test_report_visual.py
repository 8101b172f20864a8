"""The PDF as a reader shows it: page 1 rendered by poppler's pdftoppm, then looked at.

Text extraction (test_report_formats) proves the words are there; this proves a reader draws
them: a page that renders blank (or as one black box) fails here. CI installs poppler-utils
when it can; without pdftoppm the test is skipped.
"""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image
from report_helpers import alipay_case, build

from walletwatch.report.render import write_report

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm not installed")


def render_page(pdf, tmp_path) -> np.ndarray:
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(tmp_path / "page")], check=True, capture_output=True)
    return np.asarray(Image.open(tmp_path / "page.png").convert("L"), dtype=np.uint8)


def ink(pixels: np.ndarray) -> float:
    return float((pixels < 128).mean())


def test_first_page_is_drawn_with_text_and_tables(tmp_path):
    pdf = tmp_path / "report.pdf"
    write_report(build("alipay", alipay_case()), pdf)
    page = render_page(pdf, tmp_path)
    height = page.shape[0]
    assert 0.01 < ink(page) < 0.30  # ink on the page, but not a black box
    assert ink(page[: height // 10]) > 0.005  # the title band is drawn
    assert ink(page[height // 2:]) > 0.005  # and the lower half too (tables, reasons)
