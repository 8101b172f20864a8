"""The HTML pack in a real browser: Chromium (the system package) driven by Playwright.

A handler opens the HTML file in a browser, so this is where layout faults show: a label column
one character wide, an id broken in the middle, a table wider than the page. Screenshots of the
zh and en packs are kept under the test's tmp dir as artefacts. CI installs Debian's
``chromium`` when it can (Playwright's own browser download is not reachable); without it, or
without the ``playwright`` package, the tests are skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import launch, needs_chromium
from report_helpers import alipay_case, build

from walletwatch.report.render import write_report

SCREEN = {"width": 1280, "height": 800}  # a laptop's first screen

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def browser():
    yield from launch()


ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "alipay_2026.csv"
PACKS = {
    "sample-zh": (SAMPLE, ROOT / "docs" / "example-case.toml", {}),  # the README's example
    "sample-en": (SAMPLE, ROOT / "docs" / "example-case.toml", {"lang": "en"}),
    "alipay-zh": ("alipay", True, {}),
    "alipay-en": ("alipay", True, {"lang": "en"}),
    "paypal-en": ("paypal", False, {}),
    "wechat-en-uk": ("wechat", False, {"lang": "en", "jurisdiction": "uk"}),
}

# Every element inside the page's width, no cell's content wider than its cell, every id,
# time and code on one line, and the label column of key/value tables wider than one glyph.
LAYOUT_JS = """() => {
  const page = document.documentElement.clientWidth;
  const out = {wide: [], overflow: [], broken: [], narrowLabels: []};
  const name = (el) => el.tagName + (el.id ? '#' + el.id : '') + ' ' +
                       (el.textContent || '').trim().slice(0, 40);
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > page + 1) out.wide.push(name(el));
    if ((el.tagName === 'TD' || el.tagName === 'TH') && el.scrollWidth > el.clientWidth + 1)
      out.overflow.push(name(el));
  }
  for (const el of document.querySelectorAll('code, .id, .nowrap')) {
    const lines = new Set([...el.getClientRects()].map(r => Math.round(r.top)));
    const breaks = el.querySelectorAll('br').length;
    if (lines.size > breaks + 1) out.broken.push(name(el));
  }
  for (const th of document.querySelectorAll('table.kv th')) {
    const size = parseFloat(getComputedStyle(th).fontSize);
    const lineHeight = parseFloat(getComputedStyle(th).lineHeight) || size * 1.5;
    const text = th.textContent.trim();
    const range = document.createRange();
    range.selectNodeContents(th);
    const rows = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    if (text.length > 1 && (rows > 1 || th.clientWidth < 2 * size)) out.narrowLabels.push(text);
  }
  return out;
}"""


def _open(browser, tmp_path, name: str, width: int = SCREEN["width"]):
    fixture, with_case, options = PACKS[name]
    html = tmp_path / f"{name}.html"
    if isinstance(fixture, Path):  # a real export through the library call behind the CLI
        from walletwatch.report.api import make_report

        make_report([str(fixture)], html, case=with_case, **options)
    else:
        write_report(build(fixture, alipay_case() if with_case else None, **options), html)
    page = browser.new_page(viewport={"width": width, "height": SCREEN["height"]})
    page.goto(html.as_uri())
    return page


@pytest.mark.parametrize("name", sorted(PACKS))
@pytest.mark.parametrize("width", [1280, 800])
def test_nothing_overflows_and_nothing_breaks_mid_word(browser, tmp_path, name, width):
    page = _open(browser, tmp_path, name, width)
    try:
        page.screenshot(path=str(tmp_path / f"{name}-{width}.png"), full_page=True)
        found = page.evaluate(LAYOUT_JS)
    finally:
        page.close()
    assert found["wide"] == [], f"wider than the page: {found['wide'][:5]}"
    assert found["overflow"] == [], f"overflows its column: {found['overflow'][:5]}"
    assert found["broken"] == [], f"broken inside: {found['broken'][:5]}"
    assert found["narrowLabels"] == [], f"label column too narrow: {found['narrowLabels']}"


@pytest.mark.parametrize("name", sorted(PACKS))
def test_the_first_screen_shows_respondent_money_and_demand(browser, tmp_path, name):
    page = _open(browser, tmp_path, name)
    try:
        page.screenshot(path=str(tmp_path / f"{name}-first-screen.png"))
        bottoms = page.evaluate("""() => Object.fromEntries(
            ['ov-respondent', 'ov-money_at_stake', 'ov-demand'].map(id => [id,
              document.getElementById(id).getBoundingClientRect().bottom]))""")
        stake = page.inner_text("#ov-money_at_stake")
    finally:
        page.close()
    assert all(bottom <= SCREEN["height"] for bottom in bottoms.values()), bottoms
    assert any(ch.isdigit() for ch in stake)
    assert (tmp_path / f"{name}-first-screen.png").stat().st_size > 10_000  # drawn, not blank
