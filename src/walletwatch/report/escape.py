"""Escaping of text copied from exports, per output format.

Counterparty names, descriptions and notes can contain anything, including markup meant to run
in a browser or a spreadsheet formula. HTML goes through jinja2 autoescape; these helpers cover
Markdown (HTML characters and Markdown control characters) and CSV (formula injection).
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~!])")
_MD_LEADING = re.compile(r"^(?:([-+*#])(?=\s|$)|(\d+)([.)])(?=\s|$))")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def md(text: object) -> str:
    """Markdown-safe inline text: no tag, link, emphasis or table break survives."""
    if text is None:
        return ""
    value = " ".join(str(text).split())  # newlines would break tables and lists
    value = html.escape(value, quote=False)  # & < > : no tag survives
    value = _MD_SPECIAL.sub(r"\\\1", value)
    # a leading "-", "1." or "#" would start a list or heading after a bullet
    return _MD_LEADING.sub(lambda m: "\\" + m.group(1) if m.group(1)
                           else m.group(2) + "\\" + m.group(3), value)


def md_code(text: object) -> str:
    """Identifiers shown as code spans (backticks removed so the span cannot be closed)."""
    value = " ".join(str(text or "").split()).replace("`", "'").replace("|", "\\|")
    return f"`{value}`" if value else ""


def csv_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not evaluate: risky leading characters get a quote."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
