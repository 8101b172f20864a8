"""Regenerate the README's pictures of the evidence pack from the shipped sample.

    python docs/build_report_pages.py

Writes ``docs/report-page.png`` (page 1 of the English pack) and ``docs/report-page-zh.png``
(page 1 of the Chinese pack), both built from ``sample_data/alipay_2026.csv`` with
``docs/example-case.toml`` -- the README's own example -- and drawn by poppler's ``pdftoppm``
as a PDF reader shows them. The generated-at time is fixed so that the pictures only change
when the report does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "alipay_2026.csv"
CASE = ROOT / "docs" / "example-case.toml"
NOW = "2026-10-13T10:00:00+08:00"
PAGES = {"en": ROOT / "docs" / "report-page.png", "zh": ROOT / "docs" / "report-page-zh.png"}
DPI = "90"


def build_page(lang: str, target: Path, workdir: Path) -> None:
    pdf = workdir / f"report-{lang}.pdf"
    env = {**os.environ, "WALLETWATCH_NOW": NOW}
    subprocess.run([sys.executable, "-m", "walletwatch", "-q", "report", str(SAMPLE), "--case",
                    str(CASE), "--lang", lang, "--out", str(pdf)], check=True, env=env,
                   cwd=ROOT)
    stem = workdir / f"page-{lang}"
    subprocess.run(["pdftoppm", "-png", "-r", DPI, "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(stem)], check=True)
    shutil.copyfile(stem.with_suffix(".png"), target)
    print(f"wrote {target}")


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: install poppler-utils", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for lang, target in PAGES.items():
            build_page(lang, target, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
