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


def test_english_first_page_is_full_and_keeps_headings_whole(tmp_path):
    from pypdf import PdfReader

    pdf = tmp_path / "report.pdf"
    write_report(build("paypal", lang="en"), pdf)
    first = PdfReader(str(pdf)).pages[0].extract_text()
    for heading in ("Currency", "Counterparty", "Funding method", "1. The complaint"):
        assert heading in first, heading  # not "Curre/ncy"
    page = render_page(pdf, tmp_path)
    height = page.shape[0]
    assert ink(page[height // 2: height * 4 // 5]) > 0.005  # page 1 is not half blank


def test_readme_pictures_are_the_current_first_pages(tmp_path):
    """docs/report-page*.png are page 1 of the README's example: rebuilt, they must match."""
    import importlib.util
    from pathlib import Path

    from walletwatch.report.fonts import find_cjk_font

    if find_cjk_font(truetype=True) is None:
        pytest.skip("the pictures are drawn with an embedded CJK font")
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("pages", root / "docs" / "build_report_pages.py")
    pages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pages)
    for lang, committed in pages.PAGES.items():
        fresh = tmp_path / committed.name
        pages.build_page(lang, fresh, tmp_path)
        old = np.asarray(Image.open(committed).convert("L"), dtype=np.int16)
        new = np.asarray(Image.open(fresh).convert("L"), dtype=np.int16)
        assert old.shape == new.shape, f"{committed.name} is stale: run docs/build_report_pages.py"
        assert np.abs(old - new).mean() < 1.0, \
            f"{committed.name} is stale: run python docs/build_report_pages.py"
