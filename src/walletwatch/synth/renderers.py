"""The registry of synthetic export layouts and the text helpers every layout uses.

``render`` and ``render_more`` both register layouts here, so neither imports the other's
helpers (``render`` imports ``render_more`` only to have its layouts registered).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from walletwatch.synth.records import SynthTxn

Renderer = Callable[[Sequence[SynthTxn], Path, dict], None]
RENDERERS: dict[str, Renderer] = {}


def renderer(name: str):
    def register(func: Renderer) -> Renderer:
        RENDERERS[name] = func
        return func

    return register


def _ts(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _money(value: Decimal, places: int = 2) -> str:
    return f"{value:.{places}f}"


def _csv_text(rows: Sequence[Sequence[str]], *, quoting=csv.QUOTE_MINIMAL, lineterminator="\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=quoting, lineterminator=lineterminator)
    writer.writerows(rows)
    return buffer.getvalue()
