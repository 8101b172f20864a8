"""JSON (the report document itself) and CSV (the disputed transactions) renderings."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from walletwatch.report.escape import csv_cell

CSV_COLUMNS = ("n", "time", "txn_id", "merchant_order_id", "counterparty", "amount", "currency",
               "direction", "method", "status", "problem", "category", "checks", "finding_ids",
               "source_file", "source_line")


def render_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render_csv(doc: dict[str, Any]) -> str:
    """One row per disputed transaction; every cell is safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in doc["transactions"]:
        values = []
        for column in CSV_COLUMNS:
            value = row.get(column)
            if isinstance(value, list):
                value = " ".join(value)
            values.append(csv_cell(value))
        writer.writerow(values)
    return buffer.getvalue()
