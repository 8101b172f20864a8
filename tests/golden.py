"""Render a normalised transaction frame as golden CSV text (shared by the golden tests).

The text is exact and stable: times in ISO 8601 with the provider's UTC offset, amounts and
fees as exact decimal strings of the row's currency, ``source_file`` reduced to its file name
(the checkout path differs between machines), rows in the frame's own order.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from walletwatch.schema import COLUMNS, format_amount, iso_local

GOLDEN_COLUMNS = tuple(c for c in COLUMNS if c != "tz")


def _cell(row: pd.Series, column: str) -> str:
    value = row[column]
    if column == "time":
        return iso_local(value, row["tz"])
    if column in ("amount", "fee"):
        return "" if pd.isna(value) else format_amount(int(value), row["currency"])
    if column == "source_file":
        return Path(str(value)).name
    if column == "source_line":
        return str(int(value))
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def render_frame(frame: pd.DataFrame) -> str:
    """The golden CSV text of a normalised frame (header line, one line per row, LF endings)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(GOLDEN_COLUMNS)
    for _, row in frame.iterrows():
        writer.writerow([_cell(row, column) for column in GOLDEN_COLUMNS])
    return out.getvalue()
