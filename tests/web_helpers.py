"""Shared parts of the web page tests: an app with a private workspace, export variants."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
ALIPAY = SAMPLES / "alipay_2026.csv"
TOKEN = "test-token-0123456789"

# The export text the report safety tests use as payee names (markup, formulas, escapes).
HOSTILE = ["<script>alert('x')</script>", '<img src=x onerror="alert(1)">',
           "=HYPERLINK(\"http://evil.example\",\"click\")",
           "\x1b[2J\u202eexe.pdf [click](javascript:alert(1))"]


def wechat_with_payee(name: str) -> bytes:
    """The WeChat sample with a duplicate charge to ``name`` (two identical payments 3 min
    apart: a medium finding whose reason and rows show the payee)."""
    lines = (SAMPLES / "wechat_2026.csv").read_text(encoding="utf-8").split("\n")
    quoted = '"' + name.replace('"', '""') + '"'
    lines[26] = f"2026-10-31 13:05:16,商户消费,{quoted},/,支出,¥12.84,零钱,支付成功,42002026103100000901\t,/\t,/"
    lines[27] = f"2026-10-31 13:02:16,商户消费,{quoted},/,支出,¥12.84,零钱,支付成功,42002026103100000902\t,/\t,/"
    return "\n".join(lines).encode("utf-8")


def wechat_with_bad_amount() -> tuple[bytes, int]:
    """The WeChat sample with one amount that is not a number; returns the file and its line."""
    lines = (SAMPLES / "wechat_2026.csv").read_text(encoding="utf-8").split("\n")
    lines[19] = lines[19].replace("¥20.77", "¥twenty")
    return "\n".join(lines).encode("utf-8"), 20


class Tags(HTMLParser):
    """Start tags and their attributes, to see what markup a page really contains."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all_text(self) -> str:
        return "".join(self.text)


def findings_on(html: str) -> list[str]:
    return re.findall(r'<article class="finding card" id="([^"]+)"', html)


def payee_buttons(html: str) -> list[tuple[str, str, str]]:
    """(finding id, payee index, payee as shown) of every "This was me" button."""
    return re.findall(r'name="finding" value="([^"]+)">\s*<input type="hidden" name="payee" '
                      r'value="(\d+)">\s*<button[^>]*data-payee="([^"]*)"', html)
