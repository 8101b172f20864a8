"""HTML rendering: one self-contained, print-friendly file (chart embedded as a data URI).

jinja2 with autoescape on: counterparty names and notes from the export are text, never markup.
"""

from __future__ import annotations

import base64
from typing import Any

from walletwatch.report.outline import headings
from walletwatch.report.text import LABELS, pick


def render_html(doc: dict[str, Any], chart_png: bytes | None = None) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("walletwatch.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    labels = {key: pick(pair, doc["lang"]) for key, pair in LABELS.items()}
    titles = headings(doc)
    chart_uri = None
    if chart_png:
        chart_uri = "data:image/png;base64," + base64.b64encode(chart_png).decode("ascii")
    return env.get_template("report.html.j2").render(doc=doc, L=labels, titles=titles,
                                                      chart_uri=chart_uri)
